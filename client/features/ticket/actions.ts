/**
 * @module
 * From what a user fills in on the ticket page to the event the ticket
 * receives. Each action names its event type, the fields its form asks for,
 * and builds the event through the shared schema, so a form can never produce
 * an event the server would refuse as malformed. Whether the action is
 * offered at all comes from `availableActions` in shared/.
 */

import {
  type Actor,
  type EventOf,
  type TicketEvent,
  TicketEventSchema,
  type TicketEventType,
} from '../../../shared/schema/ticket-event';

/** The fields an action's form may ask for. */
export type ActionField =
  | 'text'
  | 'note'
  | 'reason'
  | 'returnReason'
  | 'days'
  | 'approved'
  | 'decision'
  | 'promisedDate'
  | 'replyKind'
  | 'contactedCaller'
  | 'satisfaction'
  | 'units'
  | 'mode'
  | 'service'
  | 'intoTicketId'
  | 'onSite';

export interface ActionInput {
  /** the unit the action is about (an assignee); defaults to the actor's unit */
  unitId?: string;
  text?: string;
  note?: string;
  reason?: string;
  returnReason?: 'not_our_duty' | 'wrong_area' | 'insufficient_info' | 'duplicate' | 'other';
  days?: number;
  approved?: boolean;
  decision?: string;
  promisedDate?: string;
  replyKind?: 'final' | 'progress';
  contactedCaller?: boolean;
  reached?: boolean;
  solved?: boolean;
  processSatisfaction?: EventOf<'callback_done'>['data']['processSatisfaction'];
  resultSatisfaction?: EventOf<'callback_done'>['data']['resultSatisfaction'];
  falseReply?: boolean;
  units?: { unitId: string; lead: boolean }[];
  mode?: 'time_limited' | 'committed' | 'co_signed';
  limitDays?: number;
  service?: '110' | '119' | '120' | '122';
  intoTicketId?: string;
  onSite?: boolean;
  articleId?: string;
  referTo?: string;
  outOfScopeReason?: 'malicious' | 'empty' | 'advertising' | 'judicial' | 'litigation' | 'other';
  redoUnits?: string[];
  /** pre-review corrections (更正) before dispatch */
  changes?: EventOf<'corrected'>['data']['changes'];
}

/** Which fields each action's form shows, in order. */
export const ACTION_FIELDS: Partial<Record<TicketEventType, readonly ActionField[]>> = {
  signed: [],
  returned: ['returnReason', 'note'],
  return_reviewed: ['decision', 'note'],
  transferred: ['units', 'note'],
  noted: ['text'],
  extension_requested: ['days', 'reason'],
  extension_decided: ['approved', 'days', 'note'],
  replied: ['replyKind', 'text', 'promisedDate', 'contactedCaller'],
  unit_reviewed: ['approved', 'note'],
  reviewed: ['decision', 'note'],
  callback_done: ['satisfaction', 'text'],
  redo: ['reason'],
  urged: ['note'],
  supervised: ['onSite', 'note'],
  leader_instructed: ['text', 'units'],
  merged: ['intoTicketId', 'note'],
  archived: ['note'],
  emergency_transferred: ['service', 'note'],
  dispatched: ['mode', 'units', 'note'],
  answered: ['text'],
  referred_out: ['reason', 'text', 'note'],
  leader_routed: ['note'],
  reopened: ['reason'],
  corrected: ['text'],
};

export interface EventContext {
  ticketId: string;
  actor: Actor;
  /** HLC timestamp from the device clock */
  at: string;
  /** a fresh unique event id */
  id: string;
}

function dataFor(type: TicketEventType, input: ActionInput, actor: Actor): unknown {
  const unitId = input.unitId ?? actor.unitId;
  const note = input.note ?? '';
  switch (type) {
    case 'signed':
      return { unitId };
    case 'returned':
      return { unitId, reason: input.returnReason ?? 'other', note };
    case 'return_reviewed':
      return { unitId, decision: input.decision, note };
    case 'transferred':
      return {
        fromUnitId: actor.unitId,
        units: input.units ?? [],
        limitDays: input.limitDays,
        note,
      };
    case 'noted':
      return { text: input.text };
    case 'extension_requested':
      return { unitId, days: input.days, reason: input.reason };
    case 'extension_decided':
      return { unitId, approved: input.approved ?? false, days: input.days, note };
    case 'replied':
      return {
        unitId,
        kind: input.replyKind ?? 'final',
        text: input.text,
        promisedDate: input.replyKind === 'progress' ? input.promisedDate : undefined,
        contactedCaller: input.contactedCaller ?? false,
      };
    case 'unit_reviewed':
      return { unitId, approved: input.approved ?? false, note };
    case 'reviewed':
      return { unitId, decision: input.decision, note };
    case 'callback_done':
      return {
        reached: input.reached ?? true,
        solved: input.solved,
        processSatisfaction: input.processSatisfaction,
        resultSatisfaction: input.resultSatisfaction,
        falseReply: input.falseReply ?? false,
        comment: input.text ?? '',
      };
    case 'redo':
      return { unitIds: input.redoUnits ?? [], reason: input.reason, limitDays: input.limitDays };
    case 'urged':
      return { unitId: input.unitId, note };
    case 'supervised':
      return { unitId: input.unitId, onSite: input.onSite ?? false, note };
    case 'leader_instructed':
      return {
        instruction: input.text,
        dispatch:
          input.units && input.units.length > 0
            ? {
                mode: input.mode ?? (input.units.length > 1 ? 'co_signed' : 'time_limited'),
                units: input.units,
                limitDays: input.limitDays,
                note: '',
              }
            : undefined,
      };
    case 'merged':
      return { intoTicketId: input.intoTicketId, note };
    case 'archived':
      return { note };
    case 'emergency_transferred':
      return { service: input.service, note };
    case 'dispatched':
      return {
        mode: input.mode ?? ((input.units?.length ?? 0) > 1 ? 'co_signed' : 'time_limited'),
        units: input.units ?? [],
        limitDays: input.limitDays,
        note,
      };
    case 'answered':
      return { text: input.text, articleId: input.articleId };
    case 'referred_out':
      return {
        reason: input.outOfScopeReason ?? 'other',
        referTo: input.referTo ?? input.text ?? '',
        note,
      };
    case 'leader_routed':
      return { note };
    case 'reopened':
      return { reason: input.reason };
    case 'corrected':
      return { changes: input.changes ?? {}, reason: note };
    case 'created':
      return undefined;
  }
}

export type BuildResult = { ok: true; event: TicketEvent } | { ok: false; fields: string[] };

/**
 * Builds the event for an action, or names the fields that are missing or
 * invalid so the form can mark them.
 * @example buildActionEvent('signed', {}, { ticketId, actor, at: clock.now(), id: newId() })
 */
export function buildActionEvent(
  type: TicketEventType,
  input: ActionInput,
  ctx: EventContext,
): BuildResult {
  const candidate = {
    id: ctx.id,
    ticketId: ctx.ticketId,
    at: ctx.at,
    actor: ctx.actor,
    type,
    data: dropUndefined(dataFor(type, input, ctx.actor)),
  };
  const parsed = TicketEventSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, event: parsed.data };
  const fields = [
    ...new Set(
      parsed.error.issues.map((i) => String(i.path.filter((p) => p !== 'data')[0] ?? 'data')),
    ),
  ];
  return { ok: false, fields };
}

function dropUndefined(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[k] = dropUndefined(v);
  }
  return out;
}
