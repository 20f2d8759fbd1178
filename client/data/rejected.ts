/**
 * @module
 * What the server refused. A refused event moves from its ticket into the
 * local-only `rejected` collection (with the reason and the zh/en message to
 * show) and the ticket is re-folded without it, so it is never pushed or
 * merged back; a refused record stays as it is and is listed too.
 */

import { combineLatest, map, type Observable } from 'rxjs';
import { ticketDocFromEvents } from '../../shared/domain/ticket/projection';
import type { Collection, Rejection } from '../../shared/protocol';
import type { StoredEvent } from '../../shared/schema/ticket-event';
import { bulkPut, type LianxinDb, type RejectedDoc, serialized } from './db';
import { clearPending, pendingId } from './pending';

const rejectedId = (collection: string, recordId: string, eventId: string) =>
  eventId ? `${collection}:${recordId}:${eventId}` : `${collection}:${recordId}`;

/**
 * Stores refusals and takes refused events out of their tickets (one bulk
 * write for the tickets). Idempotent: a refusal seen twice changes nothing.
 */
export function recordRejections(
  db: LianxinDb,
  collection: Collection,
  rejections: readonly Rejection[],
  at = Date.now(),
): Promise<void> {
  return serialized(db, () => storeRejections(db, collection, rejections, at));
}

async function storeRejections(
  db: LianxinDb,
  collection: Collection,
  rejections: readonly Rejection[],
  at: number,
): Promise<void> {
  if (rejections.length === 0) return;
  const recordIds = [...new Set(rejections.map((r) => r.id))];
  const records = await db.collection(collection).findByIds(recordIds).exec();
  const docs: RejectedDoc[] = rejections.map((r) => {
    const record: Record<string, unknown> = records.get(r.id)?.toMutableJSON() ?? { id: r.id };
    const eventId = r.eventId ?? '';
    const event = eventId
      ? ((record.events as StoredEvent[] | undefined)?.find((e) => e.id === eventId) ?? {
          id: eventId,
        })
      : null;
    return {
      id: rejectedId(collection, r.id, eventId),
      collectionName: collection,
      recordId: r.id,
      eventId,
      reason: r.reason,
      messageZh: r.message.zh,
      messageEn: r.message.en,
      payload: (event ?? record) as Record<string, unknown>,
      at,
    };
  });
  await db.rejected.bulkUpsert(docs);

  const refused = new Map<string, Set<string>>();
  for (const r of rejections) {
    if (collection === 'tickets' && r.eventId) {
      const set = refused.get(r.id) ?? new Set();
      set.add(r.eventId);
      refused.set(r.id, set);
    }
  }
  if (refused.size > 0) {
    const cal = db.calendar();
    // Not marked pending: taking refused events out leaves what the server
    // already has (other local events keep their own marks).
    await bulkPut(db, db.tickets, [...refused.keys()], (id, current) => {
      if (!current) return null;
      const drop = refused.get(id) ?? new Set<string>();
      const events = current.events.filter((e) => !drop.has(e.id));
      if (events.length === current.events.length) return null;
      // A ticket whose every event was refused never existed anywhere else.
      return events.length === 0 ? 'delete' : ticketDocFromEvents(id, events, cal);
    });
  }
  const wholeRecords = rejections.filter((r) => !r.eventId).map((r) => r.id);
  await clearPending(db, collection, wholeRecords);
}

/** Refused event ids stored on this device (to seed the conflict handler after a restart). */
export async function refusedEventIdsOf(db: LianxinDb): Promise<string[]> {
  const docs = await db.rejected.find({ selector: { eventId: { $ne: '' } } }).exec();
  return docs.map((d) => d.eventId);
}

/** Every refusal on this device, newest first, live. */
export function observeRejected(db: LianxinDb): Observable<RejectedDoc[]> {
  return db.rejected
    .find({ sort: [{ at: 'desc' }] })
    .$.pipe(map((docs) => docs.map((d) => d.toMutableJSON())));
}

/** The user has seen a refusal: it leaves the list (it is never merged back either way). */
export async function dismissRejection(db: LianxinDb, id: string): Promise<void> {
  await db.rejected.findOne(id).remove();
}

export type RecordSyncState =
  | { state: 'synced' }
  | { state: 'pending' }
  | { state: 'rejected'; rejections: RejectedDoc[] };

/**
 * A record's sync state, live: pending while a local write awaits the server,
 * rejected while refusals of it are listed, synced otherwise.
 */
export function observeRecordState(
  db: LianxinDb,
  collection: Collection,
  recordId: string,
): Observable<RecordSyncState> {
  return combineLatest([
    db.meta.findOne(pendingId(collection, recordId)).$,
    db.rejected.find({ selector: { recordId, collectionName: collection } }).$,
  ]).pipe(
    map(([pending, rejected]): RecordSyncState => {
      if (pending) return { state: 'pending' };
      if (rejected.length > 0) {
        return { state: 'rejected', rejections: rejected.map((d) => d.toMutableJSON()) };
      }
      return { state: 'synced' };
    }),
  );
}
