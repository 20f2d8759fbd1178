/**
 * @module
 * The tablet's database: one RxDB database per user and unit (so a shared
 * tablet never mixes two people's replicas), on Dexie/IndexedDB by default.
 * Ten collections — the eight replicated ones, `rejected` (what the server
 * refused, shown to the user, never merged back) and `meta` (HLC, ticket
 * counter, sync bookkeeping, pending markers) — well inside RxDB's free limit
 * of 16 per JavaScript realm.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  createRevision,
  createRxDatabase,
  now,
  type RxCollection,
  type RxDatabase,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Subscription } from 'rxjs';
import { createCalendar, type WorkingCalendar } from '../../shared/domain/calendar';
import { COLLECTIONS, type Collection } from '../../shared/protocol';
import type { CalendarYear } from '../../shared/schema/calendar-year';
import type { TicketDoc } from '../../shared/schema/ticket-doc';
import { contactConflictHandler, ticketConflictHandler } from '../sync/replication';
import { SCHEMAS } from './schemas';

export type AnyDoc = Record<string, unknown> & { id: string };

/** A record or event the server refused, kept on the device and shown to the user. */
export interface RejectedDoc {
  /** `<collection>:<record id>[:<event id>]` */
  id: string;
  /** the replicated collection (not `collection`: RxDB documents reserve that name) */
  collectionName: string;
  recordId: string;
  /** '' when the whole record was refused */
  eventId: string;
  reason: string;
  messageZh: string;
  messageEn: string;
  /** the refused event, or the record as it was sent */
  payload: Record<string, unknown>;
  /** epoch ms the refusal arrived */
  at: number;
}

/** Local bookkeeping: `kind` groups docs (`pending`, `clock`, `counter`, `sync`). */
export interface MetaDoc {
  id: string;
  kind: string;
  value: Record<string, unknown>;
}

const REJECTED_SCHEMA: RxJsonSchema<RejectedDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    collectionName: { type: 'string', maxLength: 20 },
    recordId: { type: 'string', maxLength: 80 },
    eventId: { type: 'string', maxLength: 80 },
    reason: { type: 'string', maxLength: 40 },
    messageZh: { type: 'string' },
    messageEn: { type: 'string' },
    payload: { type: 'object' },
    at: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['id', 'collectionName', 'recordId', 'eventId', 'reason', 'at'],
  indexes: [['recordId', 'at'], ['at']],
};

const META_SCHEMA: RxJsonSchema<MetaDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    kind: { type: 'string', maxLength: 20 },
    value: { type: 'object' },
  },
  required: ['id', 'kind', 'value'],
  indexes: ['kind'],
};

export type LianxinCollections = {
  tickets: RxCollection<TicketDoc>;
  contacts: RxCollection<AnyDoc>;
  units: RxCollection<AnyDoc>;
  users: RxCollection<AnyDoc>;
  ydocs: RxCollection<AnyDoc>;
  calendar: RxCollection<AnyDoc>;
  notices: RxCollection<AnyDoc>;
  catalogue: RxCollection<AnyDoc>;
  rejected: RxCollection<RejectedDoc>;
  meta: RxCollection<MetaDoc>;
};

export interface LianxinDb {
  readonly name: string;
  readonly userId: string;
  readonly unitId: string;
  readonly rx: RxDatabase<LianxinCollections>;
  readonly tickets: RxCollection<TicketDoc>;
  readonly rejected: RxCollection<RejectedDoc>;
  readonly meta: RxCollection<MetaDoc>;
  /** a replicated collection by its protocol name */
  collection(name: Collection): RxCollection<AnyDoc>;
  /** the working-day calendar, kept current from the replicated `calendar` collection */
  calendar(): WorkingCalendar;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  userId: string;
  unitId: string;
  storage?: RxStorage<unknown, unknown>;
  name?: string;
}

/**
 * The database name for a user and unit: RxDB wants `[a-z][a-z0-9_$-]*`, so
 * ids are slugged, and a short hash of the exact pair keeps two ids that slug
 * alike apart.
 * @example dbNameFor('c01-k01-op', 'c01-k01') // 'lx_c01-k01-op_c01-k01_3fa1…'
 */
export function dbNameFor(userId: string, unitId: string): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '_')
      .slice(0, 40);
  const hash = bytesToHex(sha256(utf8ToBytes(`${userId}\u0000${unitId}`))).slice(0, 10);
  return `lx_${slug(userId)}_${slug(unitId)}_${hash}`;
}

/**
 * Opens (or creates) the database of a user at a unit.
 * @example
 * const db = await openLianxinDb({ userId: session.user.id, unitId: session.user.unitId });
 */
export async function openLianxinDb(options: OpenDbOptions): Promise<LianxinDb> {
  const name = options.name ?? dbNameFor(options.userId, options.unitId);
  const rx = await createRxDatabase<LianxinCollections>({
    name,
    storage: options.storage ?? getRxStorageDexie(),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  let cal = createCalendar();
  const calendarAccessor = () => cal;
  try {
    await rx.addCollections({
      tickets: {
        schema: SCHEMAS.tickets,
        conflictHandler: ticketConflictHandler(calendarAccessor),
      },
      contacts: { schema: SCHEMAS.contacts, conflictHandler: contactConflictHandler() },
      units: { schema: SCHEMAS.units },
      users: { schema: SCHEMAS.users },
      ydocs: { schema: SCHEMAS.ydocs },
      calendar: { schema: SCHEMAS.calendar },
      notices: { schema: SCHEMAS.notices },
      catalogue: { schema: SCHEMAS.catalogue },
      rejected: { schema: REJECTED_SCHEMA },
      meta: { schema: META_SCHEMA },
    } as never);
  } catch (e) {
    await rx.close();
    throw e;
  }
  const subs: Subscription[] = [
    rx.calendar.find().$.subscribe((docs) => {
      cal = createCalendar(docs.map((d) => d.toJSON() as unknown as CalendarYear));
    }),
  ];
  return {
    name,
    userId: options.userId,
    unitId: options.unitId,
    rx,
    tickets: rx.tickets,
    rejected: rx.rejected,
    meta: rx.meta,
    collection: (c) => {
      if (!COLLECTIONS.includes(c)) throw new RangeError(`unknown collection ${c}`);
      return rx[c] as unknown as RxCollection<AnyDoc>;
    },
    calendar: calendarAccessor,
    async close() {
      for (const s of subs) s.unsubscribe();
      await rx.close();
    },
  };
}

/** Reads a `meta` value, or null. */
export async function readMeta<T extends Record<string, unknown>>(
  db: LianxinDb,
  id: string,
): Promise<T | null> {
  const doc = await db.meta.findOne(id).exec();
  return doc ? (doc.toMutableJSON().value as T) : null;
}

/** A `meta` row to write together with others in one bulk write. */
export function metaRow(id: string, kind: string, value: Record<string, unknown>): MetaDoc {
  return { id, kind, value };
}

/**
 * Serializes async work per database (ticket numbers and the HLC must never
 * be issued twice by two overlapping calls).
 */
const queues = new WeakMap<LianxinDb, Promise<unknown>>();
export function serialized<T>(db: LianxinDb, work: () => Promise<T>): Promise<T> {
  const prev = queues.get(db) ?? Promise.resolve();
  const next = prev.then(work);
  queues.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Writes many documents in ONE storage transaction (IndexedDB cost is per
 * transaction). `next` computes each new state from the current one; when
 * replication wrote a document in between, only those are recomputed from
 * the newer state and written again, so a concurrent pull is never lost.
 * `null` leaves a document alone, `'delete'` removes it.
 */
export async function bulkPut<T extends { id: string }>(
  db: LianxinDb,
  collection: RxCollection<T>,
  ids: readonly string[],
  next: (id: string, current: T | null) => T | null | 'delete',
): Promise<void> {
  const storage = collection.storageInstance;
  let todo = [...new Set(ids)];
  for (let attempt = 0; todo.length > 0; attempt++) {
    if (attempt > 10) throw new Error(`${collection.name}: too many write conflicts`);
    const found = await storage.findDocumentsById(todo, true);
    const byId = new Map(found.map((d) => [d.id, d]));
    const rows = [];
    for (const id of todo) {
      const prev = byId.get(id);
      const current = prev && !prev._deleted ? (prev as unknown as T) : null;
      const data = next(id, current);
      if (data === null || (data === 'delete' && !current)) continue;
      const body = data === 'delete' ? { ...(prev as RxDocumentData<T>) } : { ...data };
      const document = {
        ...body,
        _deleted: data === 'delete',
        _attachments: {},
        _meta: { lwt: now() },
        _rev: createRevision(db.rx.token, prev),
      } as unknown as RxDocumentData<T>;
      rows.push(prev ? { previous: prev, document } : { document });
    }
    if (rows.length === 0) return;
    const { error } = await storage.bulkWrite(rows, 'lianxin-bulk-put');
    const retry: string[] = [];
    for (const e of error) {
      if (e.status === 409) retry.push(e.documentId);
      else throw new Error(`${collection.name}/${e.documentId}: write failed (${e.status})`);
    }
    todo = retry;
  }
}
