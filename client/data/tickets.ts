/**
 * @module
 * The ticket repository: queues, one ticket, new events and new tickets. The
 * database narrows by indexed projection fields (status + deadline, callerKey);
 * `shared/` decides the exact answer (the fold, SLA clocks), so queues and the
 * server always agree. Writes merge events by id, re-project and go to the
 * database in one bulk write.
 */

import { combineLatest, map, type Observable } from 'rxjs';
import type { WorkingCalendar } from '../../shared/domain/calendar';
import { foldTicket } from '../../shared/domain/ticket/fold';
import { mergeTicketEvents, ticketDocFromEvents } from '../../shared/domain/ticket/projection';
import { type AssignmentClock, assignmentClock } from '../../shared/domain/ticket/sla';
import type { TicketState, TicketStatus } from '../../shared/domain/ticket/state';
import { nextTicketNumber } from '../../shared/domain/ticket-number';
import { hlcMillis } from '../../shared/lib/hlc';
import type { TicketDoc } from '../../shared/schema/ticket-doc';
import {
  type Actor,
  type EventData,
  type EventOf,
  type StoredEvent,
  TicketEventSchema,
  type TicketEventType,
} from '../../shared/schema/ticket-event';
import type { TicketCounter } from '../../shared/schema/ticket-number';
import { deviceNodeId, openDeviceClock } from './clock';
import { bulkPut, type LianxinDb, metaRow, readMeta, serialized } from './db';
import { pendingRows } from './pending';

export interface TicketView {
  doc: TicketDoc;
  state: TicketState;
}

/** Who acts, on which device: every event this tablet writes is stamped with it. */
export interface ActingContext {
  actor: Actor;
  device: { id: string; code: string; centreId: string; centreCode: string };
}

// ------------------------------------------------------------------ folds

const foldCache = new WeakMap<LianxinDb, Map<string, { key: string; state: TicketState }>>();

/** The fold of a stored ticket, cached while its events and the calendar are unchanged. */
export function foldDoc(db: LianxinDb, doc: TicketDoc): TicketState {
  let cache = foldCache.get(db);
  if (!cache) {
    cache = new Map();
    foldCache.set(db, cache);
  }
  const cal = db.calendar();
  const key = `${doc.updatedAt}|${doc.events.length}`;
  const hit = cache.get(doc.id);
  if (hit && hit.key === key && calendars.get(hit.state) === cal) return hit.state;
  const state = foldTicket(doc.events, { calendar: cal }, doc.id);
  calendars.set(state, cal);
  if (cache.size > 20_000) cache.clear();
  cache.set(doc.id, { key, state });
  return state;
}
const calendars = new WeakMap<TicketState, WorkingCalendar>();

/** One ticket and its folded state, or null. */
export async function getTicket(db: LianxinDb, ticketId: string): Promise<TicketView | null> {
  const d = await db.tickets.findOne(ticketId).exec();
  if (!d) return null;
  const doc = d.toMutableJSON();
  return { doc, state: foldDoc(db, doc) };
}

/** One ticket, live (null while it is not on this device). */
export function observeTicket(db: LianxinDb, ticketId: string): Observable<TicketView | null> {
  return db.tickets.findOne(ticketId).$.pipe(
    map((d) => {
      if (!d) return null;
      const doc = d.toMutableJSON();
      return { doc, state: foldDoc(db, doc) };
    }),
  );
}

/**
 * Earlier tickets of the same caller (by caller key, newest first), for the
 * repeat-call warning at intake.
 * @example const earlier = await findByCaller(db, key);
 */
export async function findByCaller(
  db: LianxinDb,
  callerKey: string,
  options: { excludeId?: string; limit?: number } = {},
): Promise<TicketDoc[]> {
  if (callerKey === '') return [];
  const docs = await db.tickets
    .find({ selector: { callerKey }, sort: [{ callerKey: 'desc' }, { updatedAt: 'desc' }] })
    .exec();
  return docs
    .map((d) => d.toMutableJSON())
    .filter((d) => d.id !== options.excludeId)
    .slice(0, options.limit ?? 50);
}

/**
 * A ticket by its number (工单号) as read out over the phone — spaces or
 * dashes, either way — or by its id.
 * @example await findTicketByNumber(db, '1101 261125 07 0042')
 */
export async function findTicketByNumber(db: LianxinDb, text: string): Promise<TicketDoc | null> {
  const digits = text.replace(/\D/g, '');
  const m = /^(\d{4})(\d{6})(\d{2,3})(\d{4})$/.exec(digits);
  if (m) {
    const number = `${m[1]}-${m[2]}-${m[3]}-${m[4]}`;
    const doc = await db.tickets.findOne({ selector: { number } }).exec();
    if (doc) return doc.toMutableJSON();
  }
  const byId = await db.tickets.findOne(text.trim()).exec();
  return byId ? byId.toMutableJSON() : null;
}

// ------------------------------------------------------------------ writes

/**
 * Merges events into tickets (union by id), re-projects and writes them all in
 * one bulk write, then marks them pending. Callers hold the database's
 * {@link serialized} turn, so an acknowledgement never slips in between.
 */
async function writeEvents(
  db: LianxinDb,
  batches: readonly { ticketId: string; events: readonly StoredEvent[] }[],
  extraMeta: ReturnType<typeof metaRow>[] = [],
): Promise<void> {
  const byId = new Map<string, StoredEvent[]>();
  for (const b of batches) byId.set(b.ticketId, [...(byId.get(b.ticketId) ?? []), ...b.events]);
  const cal = db.calendar();
  const changed: string[] = [];
  await bulkPut(db, db.tickets, [...byId.keys()], (id, current) => {
    const merged = mergeTicketEvents(current?.events ?? [], byId.get(id) ?? []);
    if (current && merged.length === current.events.length) return null; // a re-send: nothing new
    changed.push(id);
    return ticketDocFromEvents(id, merged, cal);
  });
  await db.meta.bulkUpsert([...extraMeta, ...pendingRows('tickets', [...new Set(changed)])]);
}

/**
 * Merges events (already stamped) into tickets and writes them in one bulk write.
 * @example await appendEventsToMany(db, [{ ticketId, events }]);
 */
export function appendEventsToMany(
  db: LianxinDb,
  batches: readonly { ticketId: string; events: readonly StoredEvent[] }[],
): Promise<void> {
  return serialized(db, () => writeEvents(db, batches));
}

/** {@link appendEventsToMany} for one ticket. */
export function appendEvents(
  db: LianxinDb,
  ticketId: string,
  events: readonly StoredEvent[],
): Promise<void> {
  return appendEventsToMany(db, [{ ticketId, events }]);
}

let idCounter = 0;
/** A unique, URL-safe, roughly time-ordered id: `<prefix>-<time36>-<random>`. */
export function newId(prefix: string): string {
  idCounter = (idCounter + 1) % 1296;
  const random = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  return `${prefix}-${Date.now().toString(36)}${idCounter.toString(36).padStart(2, '0')}-${random}`;
}

/**
 * Stamps and stores one new event by the acting user on a ticket: the HLC
 * first takes in the ticket's latest event, so the new one sorts after
 * everything this user saw. Invalid data throws (zod) before anything is written.
 * @example await recordEvent(db, ctx, ticketId, 'signed', { unitId: ctx.actor.unitId });
 */
export function recordEvent<T extends TicketEventType>(
  db: LianxinDb,
  ctx: ActingContext,
  ticketId: string,
  type: T,
  data: EventData<T>,
): Promise<EventOf<T>> {
  return serialized(db, async () => {
    const clock = await openDeviceClock(db, deviceNodeId(ctx.device));
    const current = await db.tickets.findOne(ticketId).exec();
    if (current) clock.observe(current.updatedAt);
    const event = TicketEventSchema.parse({
      id: newId('e'),
      ticketId,
      at: clock.now(),
      actor: ctx.actor,
      type,
      data,
    }) as EventOf<T>;
    await writeEvents(db, [{ ticketId, events: [event] }], [clock.row()]);
    return event;
  });
}

export type NewTicketInput = Omit<EventData<'created'>, 'number'>;

const COUNTER_ID = 'ticket-counter';

/** Takes the next number of the device's sequence; call inside the database's serialized turn. */
async function takeNumber(
  db: LianxinDb,
  device: ActingContext['device'],
  atMs: number,
): Promise<{ number: string; counterRow: ReturnType<typeof metaRow> }> {
  const counter = await readMeta<TicketCounter & Record<string, unknown>>(db, COUNTER_ID);
  const [next, number] = nextTicketNumber(counter, device.centreCode, device.code, atMs);
  return { number, counterRow: metaRow(COUNTER_ID, 'counter', { ...next }) };
}

/**
 * Issues a ticket number (and id) ahead of the ticket, so the operator can
 * read it to the caller before the call ends; persisted at once.
 * @example const { ticketId, number } = await issueTicketNumber(db, session.device);
 */
export function issueTicketNumber(
  db: LianxinDb,
  device: ActingContext['device'],
): Promise<{ ticketId: string; number: string }> {
  return serialized(db, async () => {
    const clock = await openDeviceClock(db, deviceNodeId(device));
    const { number, counterRow } = await takeNumber(db, device, Date.now() + clock.offsetMs());
    await db.meta.upsert(counterRow);
    return { ticketId: newId('t'), number };
  });
}

/**
 * Creates a ticket offline: the number comes from this device's persisted
 * counter (`CCCC-YYMMDD-DD-NNNN`, unique in the network without asking
 * anyone), the `created` event from the persisted HLC.
 * @example const doc = await createTicket(db, ctx, { category: 'complaint', … });
 */
export function createTicket(
  db: LianxinDb,
  ctx: ActingContext,
  input: NewTicketInput,
): Promise<TicketDoc> {
  return serialized(db, async () => {
    const clock = await openDeviceClock(db, deviceNodeId(ctx.device));
    const at = clock.now();
    const { number, counterRow } = await takeNumber(db, ctx.device, hlcMillis(at));
    const ticketId = newId('t');
    const event = TicketEventSchema.parse({
      id: newId('e'),
      ticketId,
      at,
      actor: ctx.actor,
      type: 'created',
      data: { ...input, number },
    });
    await writeEvents(db, [{ ticketId, events: [event] }], [clock.row(), counterRow]);
    const doc = await db.tickets.findOne(ticketId).exec();
    if (!doc) throw new Error('the new ticket was not stored');
    return doc.toMutableJSON();
  });
}

// ------------------------------------------------------------------ queues

export type QueueName =
  | 'pending_review' // 待预审
  | 'pending_sign' // 待签收
  | 'handling' // 待办理
  | 'review' // 待审核
  | 'callback' // 待回访
  | 'dueSoon' // 即将超期
  | 'overdue'; // 已超期

export const QUEUES: readonly QueueName[] = [
  'pending_review',
  'pending_sign',
  'handling',
  'review',
  'callback',
  'dueSoon',
  'overdue',
];

/** Ticket statuses a queue can contain (see `deriveStatus`): the database narrows on them. */
const QUEUE_STATUSES: Record<QueueName, readonly TicketStatus[]> = {
  pending_review: ['pending_review'],
  pending_sign: ['pending_sign', 'return_pending', 'handling'],
  handling: ['handling', 'return_pending'],
  review: ['handling', 'return_pending', 'pending_centre_review'],
  callback: ['pending_callback'],
  dueSoon: ['pending_sign', 'return_pending', 'handling', 'pending_centre_review'],
  overdue: ['pending_sign', 'return_pending', 'handling', 'pending_centre_review'],
};

export interface QueueItem extends TicketView {
  /** the clock that puts the ticket in the queue (the unit's own, or the most urgent) */
  clock: AssignmentClock | null;
}

/**
 * Is this ticket in `unitId`'s queue at `nowMs`? Pure: the exact rule behind
 * {@link observeQueue}. The time queues count the clocks a unit can still act
 * on (signing and handling): its own, those it dispatched, and, for the
 * intake centre, every one of the ticket.
 */
export function queueClock(
  queue: QueueName,
  state: TicketState,
  unitId: string,
  nowMs: number,
  cal: WorkingCalendar,
): AssignmentClock | null | false {
  const mine = state.assignments.filter((a) => a.unitId === unitId);
  switch (queue) {
    case 'pending_review':
      return state.status === 'pending_review' && state.centreId === unitId && null;
    case 'callback':
      return state.status === 'pending_callback' && state.centreId === unitId && null;
    case 'pending_sign': {
      const a = mine.find((x) => x.status === 'pending_sign');
      return a ? assignmentClock(a, nowMs, cal) : false;
    }
    case 'handling': {
      const a = mine.find((x) => x.status === 'handling');
      return a ? assignmentClock(a, nowMs, cal) : false;
    }
    case 'review': {
      const a = state.assignments.find(
        (x) =>
          ((x.status === 'replied' || x.status === 'returned') && x.assignedBy === unitId) ||
          (x.status === 'pending_unit_review' && x.unitId === unitId),
      );
      return a ? assignmentClock(a, nowMs, cal) : false;
    }
    case 'dueSoon':
    case 'overdue': {
      let worst: AssignmentClock | null = null;
      for (const a of state.assignments) {
        if (a.unitId !== unitId && a.assignedBy !== unitId && state.centreId !== unitId) continue;
        const c = assignmentClock(a, nowMs, cal);
        if (c.stage !== 'sign' && c.stage !== 'handle') continue;
        const hit = queue === 'overdue' ? c.overdue : c.dueSoon && !c.overdue;
        if (hit && (!worst || c.msLeft < worst.msLeft)) worst = c;
      }
      return worst ?? false;
    }
  }
}

const byUrgency = (a: QueueItem, b: QueueItem) =>
  (a.clock?.msLeft ?? Number.POSITIVE_INFINITY) - (b.clock?.msLeft ?? Number.POSITIVE_INFINITY) ||
  a.state.createdAt - b.state.createdAt;

/**
 * A queue of `unitId`, live: re-evaluated whenever a candidate ticket changes.
 * `now` may be a function, read at each evaluation (re-subscribe on a timer to
 * move tickets into 即将超期/已超期 as time passes).
 * @example observeQueue(db, 'pending_sign', session.user.unitId, Date.now).subscribe(setItems)
 */
export function observeQueue(
  db: LianxinDb,
  queue: QueueName,
  unitId: string,
  now: number | (() => number) = Date.now,
): Observable<QueueItem[]> {
  const timed = queue === 'dueSoon' || queue === 'overdue';
  const selector = {
    status: { $in: [...QUEUE_STATUSES[queue]] },
    ...(timed ? { deadline: { $gt: 0 } } : {}),
    ...(queue === 'pending_review' || queue === 'callback' ? { centreId: unitId } : {}),
  };
  return db.tickets.find({ selector }).$.pipe(
    map((docs) => {
      const nowMs = typeof now === 'function' ? now() : now;
      const cal = db.calendar();
      const items: QueueItem[] = [];
      for (const d of docs) {
        const doc = d.toJSON() as TicketDoc;
        if (!doc.chain.includes(unitId) && doc.centreId !== unitId && !timed) continue;
        const state = foldDoc(db, doc);
        const clock = queueClock(queue, state, unitId, nowMs, cal);
        if (clock !== false) items.push({ doc, state, clock });
      }
      return items.sort(byUrgency);
    }),
  );
}

/** Every queue's count for a unit, live (for the navigation badges). */
export function observeQueueCounts(
  db: LianxinDb,
  unitId: string,
  now: number | (() => number) = Date.now,
): Observable<Record<QueueName, number>> {
  return combineLatest(QUEUES.map((q) => observeQueue(db, q, unitId, now))).pipe(
    map(
      (lists) =>
        Object.fromEntries(QUEUES.map((q, i) => [q, lists[i]?.length ?? 0])) as Record<
          QueueName,
          number
        >,
    ),
  );
}
