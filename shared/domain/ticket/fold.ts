/**
 * @module
 * The ticket fold: a pure, deterministic function from a set of events and the
 * working-day calendar to the ticket's state. Events are deduplicated by id,
 * ordered by HLC (then id), and applied one by one; an event that does not fit
 * the state at its turn is kept in the timeline, flagged with a reason, and
 * changes nothing — so concurrent offline work never vanishes and every
 * replica agrees on the outcome. The fold never throws.
 */

import { canonicalJson as canonical } from '../../lib/canonical-json';
import { tryHlcMillis } from '../../lib/hlc';
import {
  type DispatchSpec,
  type EventOf,
  isKnownEvent,
  type StoredEvent,
  type TicketEvent,
  type TicketEventType,
} from '../../schema/ticket-event';
import {
  addWorkingDays,
  endOfShanghaiDay,
  extendDeadline,
  SIGN_WINDOW_MS,
  TIME_LIMIT_WORKING_DAYS,
  type WorkingCalendar,
} from '../calendar';
import type { ConflictReason } from './conflicts';
import {
  ACTIVE_ASSIGNMENT,
  type Assignment,
  type TicketPhase,
  type TicketState,
  type TicketStatus,
} from './state';

export interface FoldContext {
  calendar: WorkingCalendar;
}

type Handler<T extends TicketEventType> = (
  s: TicketState,
  e: EventOf<T>,
  at: number,
  ctx: FoldContext,
) => ConflictReason | undefined;

const OPEN_PHASES: ReadonlySet<TicketPhase> = new Set([
  'intake',
  'instruction',
  'dispatch',
  'callback',
  'callback_done',
]);
const BEFORE_DISPATCH: ReadonlySet<TicketPhase> = new Set(['intake', 'instruction']);
/** Roles whose reply needs no separate unit review: they are the unit's reviewers. */
const REVIEWING_ROLES = new Set(['unit_reviewer', 'dispatcher', 'supervisor', 'leader']);
const UNANSWERED_CALLBACKS_BEFORE_ARCHIVE = 3;

function findActive(s: TicketState, unitId: string): Assignment | undefined {
  return s.assignments.find((a) => a.unitId === unitId && ACTIVE_ASSIGNMENT.has(a.status));
}

function latest(s: TicketState, unitId: string): Assignment | undefined {
  for (let i = s.assignments.length - 1; i >= 0; i--) {
    const a = s.assignments[i];
    if (a?.unitId === unitId) return a;
  }
  return undefined;
}

function addToChain(s: TicketState, unitId: string): void {
  if (!s.chain.includes(unitId)) s.chain.push(unitId);
}

function newAssignment(
  s: TicketState,
  unitId: string,
  fields: Pick<Assignment, 'assignedBy' | 'parentUnitId' | 'lead' | 'mode' | 'deadline'>,
  at: number,
): Assignment {
  let previousRounds = 0;
  for (const a of s.assignments) if (a.unitId === unitId) previousRounds += 1;
  // Fields spelled out, in the order a spread of `fields` gave them: a spread
  // followed by twenty properties made every assignment a slow object (~25 µs).
  return {
    assignedBy: fields.assignedBy,
    parentUnitId: fields.parentUnitId,
    lead: fields.lead,
    mode: fields.mode,
    deadline: fields.deadline,
    unitId,
    status: 'pending_sign',
    round: previousRounds + 1,
    dispatchedAt: at,
    signDeadline: at + SIGN_WINDOW_MS,
    signedAt: null,
    returnedAt: null,
    promisedDeadline: null,
    progressRepliedAt: null,
    replyAt: null,
    reply: null,
    completedAt: null,
    pendingReply: null,
    extensionRequest: null,
    extensionDaysGranted: 0,
    returns: 0,
    returnRejected: false,
    sendBacks: 0,
    redos: 0,
    urges: 0,
  };
}

function applyDispatch(
  s: TicketState,
  spec: DispatchSpec,
  assignedBy: string,
  at: number,
  ctx: FoldContext,
): ConflictReason | undefined {
  if (!(BEFORE_DISPATCH.has(s.phase) || s.phase === 'dispatch')) return 'not_in_state';
  if (spec.units.some((u) => findActive(s, u.unitId))) return 'already_assigned';
  const deadline = addWorkingDays(
    ctx.calendar,
    at,
    spec.limitDays ?? TIME_LIMIT_WORKING_DAYS[s.category],
  );
  for (const u of spec.units) {
    s.assignments.push(
      newAssignment(
        s,
        u.unitId,
        { assignedBy, parentUnitId: null, lead: u.lead, mode: spec.mode, deadline },
        at,
      ),
    );
  }
  s.phase = 'dispatch';
  return undefined;
}

function supersedeActive(s: TicketState): void {
  for (const a of s.assignments) if (ACTIVE_ASSIGNMENT.has(a.status)) a.status = 'superseded';
}

/** After a reply is accepted: wake a transferring parent, or move the ticket to callback. */
function settleAfterCompletion(s: TicketState, done: Assignment): void {
  if (done.parentUnitId !== null) {
    const parent = s.assignments.find(
      (a) => a.unitId === done.parentUnitId && a.status === 'transferred',
    );
    const siblingsOpen = s.assignments.some(
      (a) => a.parentUnitId === done.parentUnitId && ACTIVE_ASSIGNMENT.has(a.status),
    );
    if (parent && !siblingsOpen) parent.status = 'handling';
    return;
  }
  const topLevel = s.assignments.filter((a) => a.parentUnitId === null);
  const anyActive = topLevel.some((a) => ACTIVE_ASSIGNMENT.has(a.status));
  if (!anyActive && topLevel.some((a) => a.status === 'completed')) s.phase = 'callback';
}

const handlers: { [T in TicketEventType]: Handler<T> } = {
  created: () => 'already_created', // the first `created` is applied by `foldTicket` itself

  corrected: (s, e) => {
    if (!BEFORE_DISPATCH.has(s.phase)) return 'not_in_state';
    const c = e.data.changes;
    if (c.category !== undefined) s.category = c.category;
    if (c.topic !== undefined) s.topic = c.topic;
    if (c.areaId !== undefined) s.areaId = c.areaId;
    if (c.location !== undefined) s.location = c.location;
    if (c.description !== undefined) s.description = c.description;
    if (c.urgency !== undefined) s.urgency = c.urgency;
    if (c.confidential !== undefined || c.confidentialityWaived !== undefined) {
      // Confidentiality only ever widens through a correction: a caller's
      // request cannot be withdrawn by someone else's later edit.
      s.confidential = s.confidential || c.confidential === true;
    }
    return undefined;
  },

  answered: (s, e, at) => {
    if (!BEFORE_DISPATCH.has(s.phase)) return 'not_in_state';
    s.answer = { text: e.data.text, articleId: e.data.articleId ?? null, at };
    s.phase = 'closed';
    return undefined;
  },

  referred_out: (s, e, at) => {
    if (!BEFORE_DISPATCH.has(s.phase)) return 'not_in_state';
    s.referral = { reason: e.data.reason, referTo: e.data.referTo, at };
    s.phase = 'closed';
    return undefined;
  },

  emergency_transferred: (s, e, at) => {
    if (!(BEFORE_DISPATCH.has(s.phase) || s.phase === 'dispatch')) return 'not_in_state';
    s.emergency = { service: e.data.service, at };
    supersedeActive(s);
    s.phase = 'closed';
    return undefined;
  },

  leader_routed: (s) => {
    if (s.phase !== 'intake') return 'not_in_state';
    s.phase = 'instruction';
    return undefined;
  },

  leader_instructed: (s, e, at, ctx) => {
    if (!OPEN_PHASES.has(s.phase)) return 'not_in_state';
    if (e.data.dispatch) {
      const refused = applyDispatch(s, e.data.dispatch, e.actor.unitId, at, ctx);
      if (refused) return refused;
    } else if (s.phase === 'instruction') {
      // The instruction goes back to the dispatcher, who acts on it.
      s.phase = 'intake';
    }
    s.instructions.push({ text: e.data.instruction, at, unitId: e.actor.unitId });
    return undefined;
  },

  dispatched: (s, e, at, ctx) => applyDispatch(s, e.data, e.actor.unitId, at, ctx),

  signed: (s, e, at) => {
    const a = latest(s, e.data.unitId);
    if (!a) return 'no_assignment';
    if (a.status !== 'pending_sign') return 'assignment_state';
    a.status = 'handling';
    a.signedAt = at;
    return undefined;
  },

  returned: (s, e, at) => {
    const a = latest(s, e.data.unitId);
    if (!a) return 'no_assignment';
    if (a.returnRejected) return 'return_not_allowed';
    if (a.status !== 'pending_sign') return 'assignment_state';
    a.status = 'returned';
    a.returnedAt = at;
    a.returns += 1;
    s.returnCount += 1;
    return undefined;
  },

  return_reviewed: (s, e, at) => {
    const a = latest(s, e.data.unitId);
    if (!a) return 'no_assignment';
    if (a.status !== 'returned') return 'assignment_state';
    if (e.data.decision === 'upheld') {
      a.status = 'return_upheld';
    } else {
      a.status = 'handling';
      a.returnRejected = true;
      a.signedAt = at;
    }
    return undefined;
  },

  transferred: (s, e, at, ctx) => {
    const parent = latest(s, e.data.fromUnitId);
    if (!parent) return 'no_assignment';
    if (parent.status !== 'pending_sign' && parent.status !== 'handling') return 'assignment_state';
    if (e.data.units.some((u) => findActive(s, u.unitId))) return 'already_assigned';
    // A transfer inherits the parent's remaining time unless a shorter limit is set.
    const own = e.data.limitDays ? addWorkingDays(ctx.calendar, at, e.data.limitDays) : Infinity;
    const deadline = Math.min(parent.deadline, own);
    parent.status = 'transferred';
    parent.signedAt ??= at;
    for (const u of e.data.units) {
      s.assignments.push(
        newAssignment(
          s,
          u.unitId,
          {
            assignedBy: e.data.fromUnitId,
            parentUnitId: e.data.fromUnitId,
            lead: u.lead,
            mode: parent.mode,
            deadline,
          },
          at,
        ),
      );
    }
    return undefined;
  },

  noted: () => undefined,

  extension_requested: (s, e, at) => {
    const a = latest(s, e.data.unitId);
    if (!a) return 'no_assignment';
    if (a.status !== 'handling' && a.status !== 'transferred') return 'assignment_state';
    if (a.extensionRequest) return 'extension_pending';
    a.extensionRequest = { days: e.data.days, reason: e.data.reason, at };
    return undefined;
  },

  extension_decided: (s, e, _at, ctx) => {
    const a = latest(s, e.data.unitId);
    if (!a) return 'no_assignment';
    if (!a.extensionRequest) return 'no_pending_extension';
    if (e.data.approved) {
      const days = e.data.days ?? a.extensionRequest.days;
      a.deadline = extendDeadline(ctx.calendar, a.deadline, days);
      a.extensionDaysGranted += days;
    }
    a.extensionRequest = null;
    return undefined;
  },

  replied: (s, e, at) => {
    const a = latest(s, e.data.unitId);
    if (!a) return 'no_assignment';
    if (a.status !== 'handling') return 'assignment_state';
    if (e.data.kind === 'progress') {
      if (a.mode !== 'committed') return 'not_committed';
      if (!e.data.promisedDate) return 'promised_date_missing';
      a.progressRepliedAt ??= at;
      a.promisedDeadline = endOfShanghaiDay(e.data.promisedDate);
      return undefined;
    }
    if (REVIEWING_ROLES.has(e.actor.role)) {
      a.status = 'replied';
      a.replyAt = at;
      a.reply = e.data.text;
    } else {
      a.status = 'pending_unit_review';
      a.pendingReply = { text: e.data.text, at };
    }
    return undefined;
  },

  unit_reviewed: (s, e, at) => {
    const a = latest(s, e.data.unitId);
    if (!a) return 'no_assignment';
    if (a.status !== 'pending_unit_review' || !a.pendingReply) return 'assignment_state';
    if (e.data.approved) {
      a.status = 'replied';
      a.replyAt = at;
      a.reply = a.pendingReply.text;
    } else {
      a.status = 'handling';
    }
    a.pendingReply = null;
    return undefined;
  },

  reviewed: (s, e, at) => {
    const a = latest(s, e.data.unitId);
    if (!a) return 'no_assignment';
    if (a.status !== 'replied') return 'assignment_state';
    if (e.data.decision === 'send_back') {
      a.status = 'handling';
      a.sendBacks += 1;
      return undefined;
    }
    a.status = 'completed';
    a.completedAt = at;
    settleAfterCompletion(s, a);
    return undefined;
  },

  callback_done: (s, e, at) => {
    if (s.phase !== 'callback') return 'not_in_state';
    const d = e.data;
    s.callbacks.push({
      at,
      units: s.assignments
        .filter((a) => a.parentUnitId === null && a.status === 'completed')
        .map((a) => a.unitId),
      reached: d.reached,
      solved: d.solved ?? null,
      processSatisfaction: d.processSatisfaction ?? null,
      resultSatisfaction: d.resultSatisfaction ?? null,
      falseReply: d.falseReply,
      comment: d.comment,
    });
    if (d.reached) {
      s.phase = 'callback_done';
      s.needsRedo =
        d.solved === false ||
        d.falseReply ||
        d.resultSatisfaction === 'unsatisfied' ||
        d.resultSatisfaction === 'very_unsatisfied';
    }
    return undefined;
  },

  redo: (s, e, at, ctx) => {
    if (s.phase !== 'callback' && s.phase !== 'callback_done') return 'not_in_state';
    const targets = e.data.unitIds.map((id) => latest(s, id));
    if (targets.some((a) => a === undefined)) return 'no_assignment';
    if (targets.some((a) => a?.status !== 'completed')) return 'assignment_state';
    const deadline = addWorkingDays(
      ctx.calendar,
      at,
      e.data.limitDays ?? TIME_LIMIT_WORKING_DAYS[s.category],
    );
    for (const a of targets) {
      if (!a) continue;
      a.status = 'handling';
      a.redos += 1;
      a.deadline = deadline;
      a.promisedDeadline = null;
      a.replyAt = null;
      a.completedAt = null;
    }
    s.redoCount += 1;
    s.needsRedo = false;
    s.phase = 'dispatch';
    return undefined;
  },

  urged: (s, e) => {
    if (s.phase !== 'dispatch') return 'not_in_state';
    if (e.data.unitId !== undefined) {
      const a = findActive(s, e.data.unitId);
      if (!a) return 'no_assignment';
      a.urges += 1;
    }
    s.urgeCount += 1;
    return undefined;
  },

  supervised: (s, e, at) => {
    if (!OPEN_PHASES.has(s.phase)) return 'not_in_state';
    s.supervision = { onSite: e.data.onSite, at, unitId: e.actor.unitId };
    return undefined;
  },

  merged: (s, e) => {
    if (!(BEFORE_DISPATCH.has(s.phase) || s.phase === 'dispatch')) return 'not_in_state';
    if (e.data.intoTicketId === s.id) return 'self_merge';
    s.mergedInto = e.data.intoTicketId;
    supersedeActive(s);
    s.phase = 'closed';
    return undefined;
  },

  archived: (s, _e, at) => {
    const unreachable =
      s.phase === 'callback' &&
      s.callbacks.filter((c) => !c.reached).length >= UNANSWERED_CALLBACKS_BEFORE_ARCHIVE;
    if (s.phase !== 'closed' && s.phase !== 'callback_done' && !unreachable) {
      return 'not_in_state';
    }
    s.phase = 'archived';
    s.archivedAt = at;
    return undefined;
  },

  reopened: (s) => {
    if (s.phase !== 'archived') return 'not_in_state';
    s.phase = 'intake';
    s.archivedAt = null;
    s.answer = null;
    s.referral = null;
    s.needsRedo = false;
    s.reopenCount += 1;
    return undefined;
  },
};

/**
 * Would the state accept `event` now? Runs its handler on a scratch copy, so
 * the UI's list of actions and the fold can never disagree.
 */
export function probeHandler(
  state: TicketState,
  event: TicketEvent,
  ctx: FoldContext,
): ConflictReason | undefined {
  if (event.type === 'created') return 'already_created';
  if (state.phase === 'incomplete') return 'before_creation';
  const scratch: TicketState = {
    ...state,
    chain: [...state.chain],
    assignments: state.assignments.map((a) => ({ ...a })),
    instructions: [...state.instructions],
    callbacks: [...state.callbacks],
    timeline: [],
  };
  const at = tryHlcMillis(event.at) ?? state.createdAt;
  const handler = handlers[event.type] as Handler<typeof event.type>;
  try {
    return handler(scratch, event, at, ctx);
  } catch {
    return 'malformed';
  }
}

/** Units an event names as new holders: they join the routing chain for good. */
export function unitsNamedBy(e: TicketEvent): string[] {
  switch (e.type) {
    case 'dispatched':
    case 'transferred':
      return e.data.units.map((u) => u.unitId);
    case 'leader_instructed':
      return e.data.dispatch?.units.map((u) => u.unitId) ?? [];
    default:
      return [];
  }
}

function emptyState(ticketId: string): TicketState {
  return {
    id: ticketId,
    number: '',
    centreId: '',
    createdAt: 0,
    channel: 'phone',
    category: 'other',
    topic: '',
    areaId: '',
    location: '',
    description: '',
    urgency: 'normal',
    confidential: true, // unknown provenance: assume the narrowest visibility
    callerKey: null,
    upperRef: null,
    phase: 'incomplete',
    status: 'incomplete',
    chain: [],
    assignments: [],
    answer: null,
    referral: null,
    emergency: null,
    mergedInto: null,
    instructions: [],
    callbacks: [],
    needsRedo: false,
    redoCount: 0,
    urgeCount: 0,
    supervision: null,
    returnCount: 0,
    reopenCount: 0,
    archivedAt: null,
    lastEventAt: '',
    timeline: [],
    conflictCount: 0,
  };
}

function applyCreated(s: TicketState, e: EventOf<'created'>, at: number): void {
  const d = e.data;
  s.number = d.number;
  s.centreId = e.actor.unitId;
  s.createdAt = at;
  s.channel = d.channel;
  s.category = d.category;
  s.topic = d.topic;
  s.areaId = d.areaId;
  s.location = d.location;
  s.description = d.description;
  s.urgency = d.urgency;
  s.confidential = d.confidential || (d.category === 'report' && !d.confidentialityWaived);
  s.callerKey = d.callerKey;
  s.upperRef = d.upperRef ?? null;
  s.phase = 'intake';
}

/**
 * Deduplicates by id. Identical copies collapse silently; two different events
 * under one id (a bug or a forgery that slipped past the edge) keep the copy
 * with the smaller canonical form, so every replica keeps the same one.
 */
function dedupe(events: readonly StoredEvent[]): { unique: StoredEvent[]; reused: Set<string> } {
  const byId = new Map<string, { event: StoredEvent; key: string | null }>();
  const reused = new Set<string>();
  for (const event of events) {
    const seen = byId.get(event.id);
    if (!seen) {
      byId.set(event.id, { event, key: null });
      continue;
    }
    if (seen.event === event) continue;
    const a = seen.key ?? canonical(seen.event);
    const b = canonical(event);
    if (a === b) {
      seen.key = a;
      continue;
    }
    reused.add(event.id);
    byId.set(event.id, b < a ? { event, key: b } : { event: seen.event, key: a });
  }
  return { unique: [...byId.values()].map((v) => v.event), reused };
}

function compareEvents(a: StoredEvent, b: StoredEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The queue-facing status, derived from phase and assignments. */
export function deriveStatus(s: TicketState): TicketStatus {
  switch (s.phase) {
    case 'incomplete':
      return 'incomplete';
    case 'intake':
      return 'pending_review';
    case 'instruction':
      return 'pending_instruction';
    case 'callback':
      return 'pending_callback';
    case 'callback_done':
      return s.needsRedo ? 'callback_unsatisfied' : 'pending_archive';
    case 'archived':
      return 'archived';
    case 'closed':
      if (s.mergedInto) return 'merged';
      if (s.emergency) return 'emergency_transferred';
      if (s.referral) return 'out_of_scope';
      return 'answered';
    case 'dispatch': {
      const active = s.assignments.filter((a) => ACTIVE_ASSIGNMENT.has(a.status));
      if (active.length === 0) return 'pending_redispatch';
      if (active.some((a) => a.status === 'returned')) return 'return_pending';
      if (active.every((a) => a.status === 'pending_sign')) return 'pending_sign';
      if (active.every((a) => a.status === 'replied')) return 'pending_centre_review';
      return 'handling';
    }
  }
}

/**
 * Folds a ticket's events into its state.
 * @example
 * const state = foldTicket(ticket.events, { calendar: createCalendar() });
 * state.status; // 'pending_sign'
 */
export function foldTicket(
  events: readonly StoredEvent[],
  ctx: FoldContext,
  ticketId = events[0]?.ticketId ?? '',
): TicketState {
  const { unique, reused } = dedupe(events);
  unique.sort(compareEvents);
  const s = emptyState(ticketId);

  for (const event of unique) {
    const entry = { event, applied: false, conflict: null as ConflictReason | null };
    s.timeline.push(entry);
    if (event.at > s.lastEventAt) s.lastEventAt = event.at;
    const at = tryHlcMillis(event.at);
    if (!isKnownEvent(event)) {
      entry.conflict = 'unknown_type';
    } else if (at === undefined || event.ticketId !== ticketId) {
      entry.conflict = 'malformed';
    } else {
      try {
        for (const unitId of unitsNamedBy(event)) addToChain(s, unitId);
        if (event.type === 'created' && s.phase === 'incomplete') {
          applyCreated(s, event, at);
          addToChain(s, s.centreId);
        } else if (s.phase === 'incomplete') {
          entry.conflict = 'before_creation';
        } else {
          const handler = handlers[event.type] as Handler<typeof event.type>;
          entry.conflict = handler(s, event, at, ctx) ?? null;
        }
      } catch {
        // Validated at the edge, so this is a corrupted record: keep it visible.
        entry.conflict = 'malformed';
      }
    }
    if (entry.conflict === null && reused.has(event.id)) entry.conflict = 'id_reused';
    entry.applied = entry.conflict === null || entry.conflict === 'id_reused';
    if (entry.conflict) s.conflictCount += 1;
  }
  s.status = deriveStatus(s);
  return s;
}
