/**
 * @module
 * From events to the replicated ticket record: the union merge of two event
 * sets and the projection of the fold into flat, indexable fields.
 */

import type { TicketDoc } from '../../schema/ticket-doc';
import type { StoredEvent } from '../../schema/ticket-event';
import type { WorkingCalendar } from '../calendar';
import { foldTicket } from './fold';
import type { TicketState } from './state';

/** The projection fields of a folded ticket. */
export function projectTicket(state: TicketState, events: readonly StoredEvent[]): TicketDoc {
  let deadline = 0;
  for (const a of state.assignments) {
    if (a.status === 'pending_sign' || a.status === 'handling' || a.status === 'transferred') {
      if (deadline === 0 || a.deadline < deadline) deadline = a.deadline;
    }
  }
  return {
    id: state.id,
    events: [...events],
    number: state.number,
    status: state.status,
    centreId: state.centreId,
    chain: [...state.chain],
    category: state.category,
    topic: state.topic,
    areaId: state.areaId,
    createdAt: state.createdAt,
    updatedAt: state.lastEventAt,
    deadline,
    confidential: state.confidential,
    callerKey: state.callerKey ?? '',
    mergedInto: state.mergedInto ?? '',
    conflictCount: state.conflictCount,
  };
}

/**
 * Merges two versions of a ticket by the union of their events (by id), then
 * re-folds. Commutative, associative and idempotent, like the event set itself.
 * Events are kept sorted by (HLC, id) so equal sets serialize identically.
 * @example mergeTicketEvents(local.events, remote.events)
 */
export function mergeTicketEvents(
  a: readonly StoredEvent[],
  b: readonly StoredEvent[],
): StoredEvent[] {
  const byId = new Map<string, StoredEvent>();
  for (const e of a) byId.set(e.id, e);
  for (const e of b) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort((x, y) =>
    x.at !== y.at ? (x.at < y.at ? -1 : 1) : x.id < y.id ? -1 : x.id > y.id ? 1 : 0,
  );
}

/** Folds and projects a ticket's events in one step. */
export function ticketDocFromEvents(
  ticketId: string,
  events: readonly StoredEvent[],
  calendar: WorkingCalendar,
): TicketDoc {
  return projectTicket(foldTicket(events, { calendar }, ticketId), events);
}
