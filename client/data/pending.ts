/**
 * @module
 * Which local writes the server has not acknowledged yet. Every repository
 * write marks its records pending in `meta` (kept across restarts); a push
 * the server answered clears a mark only when the record still has the
 * revision that was sent, so a write made during the push stays pending.
 */

import type { Observable } from 'rxjs';
import { canonicalJson } from '../../shared/lib/canonical-json';
import type { Collection } from '../../shared/protocol';
import { type LianxinDb, type MetaDoc, serialized } from './db';

export const pendingId = (collection: Collection, recordId: string) =>
  `pending:${collection}:${recordId}`;

/** `meta` rows marking records pending, to write along with the records. */
export function pendingRows(collection: Collection, recordIds: readonly string[]): MetaDoc[] {
  const at = Date.now();
  return recordIds.map((recordId) => ({
    id: pendingId(collection, recordId),
    kind: 'pending',
    value: { collection, recordId, at },
  }));
}

/**
 * Clears the marks of records the server acknowledged, unless the record
 * changed after the state that was sent: a ticket is acknowledged when every
 * event it holds was sent, any other record when it equals what was sent
 * (compared without RxDB's `_` fields).
 */
export function clearAcknowledged(
  db: LianxinDb,
  collection: Collection,
  sent: readonly Record<string, unknown>[],
): Promise<void> {
  // In the database's turn: a repository write (record + mark) never straddles this check.
  return serialized(db, async () => {
    if (sent.length === 0) return;
    const ids = sent.map((d) => String(d.id));
    const docs = await db.collection(collection).findByIds(ids).exec();
    const done = sent
      .filter((d) => {
        const current = docs.get(String(d.id));
        if (!current) return true;
        if (collection === 'tickets') {
          // Every event held now has reached the server (refused ones were taken out).
          const sentIds = new Set(((d.events as { id: string }[]) ?? []).map((e) => e.id));
          return (current.get('events') as { id: string }[]).every((e) => sentIds.has(e.id));
        }
        return canonicalJson(current.toJSON()) === canonicalJson(d);
      })
      .map((d) => pendingId(collection, String(d.id)));
    if (done.length > 0) await db.meta.bulkRemove(done);
  });
}

/** Clears marks without looking at revisions (records the server refused as a whole). */
export async function clearPending(
  db: LianxinDb,
  collection: Collection,
  recordIds: readonly string[],
): Promise<void> {
  if (recordIds.length > 0)
    await db.meta.bulkRemove(recordIds.map((id) => pendingId(collection, id)));
}

/** How many local records wait for the server, live. */
export function observePendingCount(db: LianxinDb): Observable<number> {
  return db.meta.count({ selector: { kind: 'pending' } }).$;
}
