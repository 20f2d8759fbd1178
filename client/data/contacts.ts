/**
 * @module
 * Caller contacts (姓名、电话、住址、工作单位): read and written decrypted,
 * stored encrypted (see crypto.ts). Each changed field gets a new HLC stamp,
 * since contacts merge last-writer-wins per field. The replication transform
 * here turns stored (encrypted) records into wire (clear) ones and back.
 */

import type { CallerContact } from '../../shared/schema/records';
import type { DocTransform } from '../sync/replication';
import { deviceNodeId, openDeviceClock } from './clock';
import { CONTACT_FIELDS, type ContactFields, decryptContact, encryptContact } from './crypto';
import { bulkPut, type LianxinDb, serialized } from './db';
import { pendingRows } from './pending';
import type { ActingContext } from './tickets';

type Stored = CallerContact & Record<string, unknown>;

/**
 * A ticket's caller contact, decrypted, or null when this device holds none
 * (a confidential ticket outside the centre never receives it).
 * @example const contact = await readContact(db, key, ticketId);
 */
export async function readContact(
  db: LianxinDb,
  key: CryptoKey,
  ticketId: string,
): Promise<CallerContact | null> {
  const doc = await db.collection('contacts').findOne(ticketId).exec();
  if (!doc) return null;
  return decryptContact(key, doc.toMutableJSON() as Stored);
}

/**
 * Saves the caller's contact for a ticket: only the fields that changed get a
 * new stamp; the record is encrypted before it touches the database.
 * @example await saveContact(db, key, ctx, ticketId, { name: '张三', phone: '13800138000', address: '', employer: '' });
 */
export function saveContact(
  db: LianxinDb,
  key: CryptoKey,
  ctx: ActingContext,
  ticketId: string,
  fields: Partial<ContactFields>,
): Promise<CallerContact> {
  return serialized(db, async () => {
    const clock = await openDeviceClock(db, deviceNodeId(ctx.device));
    const before = await readContact(db, key, ticketId);
    const stamp = clock.now();
    const next: Stored = before
      ? { ...before, stamps: { ...before.stamps } }
      : {
          id: ticketId,
          name: '',
          phone: '',
          address: '',
          employer: '',
          stamps: { name: stamp, phone: stamp, address: stamp, employer: stamp },
          updatedAt: stamp,
        };
    let changed = !before;
    for (const f of CONTACT_FIELDS) {
      const v = fields[f];
      if (v === undefined || (before && before[f] === v)) continue;
      next[f] = v;
      next.stamps[f] = stamp;
      changed = true;
    }
    if (!changed) return next;
    next.updatedAt = stamp;
    const stored = await encryptContact(key, next);
    await bulkPut(db, db.collection('contacts'), [ticketId], () => stored);
    await db.meta.bulkUpsert([clock.row(), ...pendingRows('contacts', [ticketId])]);
    return next;
  });
}

/** Contacts travel clear on the wire (TLS) and rest encrypted on the device. */
export function contactTransform(key: () => CryptoKey): DocTransform {
  return {
    fromServer: (doc) => encryptContact(key(), doc),
    toServer: (doc) => decryptContact(key(), doc),
  };
}
