/**
 * @module
 * The intake form ("话毕单成": the ticket is done when the call ends) as data:
 * what the operator fills in, what it becomes — the `created` event and, in
 * the same step, a direct answer, a dispatch, a referral out of scope or a
 * routing to a leader — and the caller's contact kept apart from the ticket.
 * Pure: the screen and its store call it; every rule comes from shared/.
 */

import { callerKey } from '../../../shared/domain/caller-key';
import type { CallSummary } from '../../../shared/domain/detection';
import { findEarlierCalls } from '../../../shared/domain/detection';
import { type DispatchRule, suggestUnits } from '../../../shared/domain/org/dispatch-catalogue';
import type { OrgTree } from '../../../shared/domain/org/tree';
import type { Channel, TicketCategory, Urgency } from '../../../shared/schema/ticket-enums';
import {
  type Actor,
  type TicketEvent,
  TicketEventSchema,
  type TicketEventType,
} from '../../../shared/schema/ticket-event';

export type IntakeOutcome =
  | { kind: 'answer'; text: string; articleId?: string }
  | {
      kind: 'dispatch';
      units: { unitId: string; lead: boolean }[];
      mode: 'time_limited' | 'committed' | 'co_signed';
      limitDays?: number;
    }
  | { kind: 'leader'; note: string }
  | {
      kind: 'refer';
      reason: 'malicious' | 'empty' | 'advertising' | 'judicial' | 'litigation' | 'other';
      referTo: string;
    }
  | { kind: 'emergency'; service: '110' | '119' | '120' | '122' }
  | { kind: 'save' }; // registered only, for pre-review (待预审)

export interface IntakeForm {
  phone: string;
  name: string;
  address: string;
  employer: string;
  confidential: boolean;
  /** a whistleblower who explicitly waives confidentiality */
  confidentialityWaived: boolean;
  channel: Channel;
  category: TicketCategory;
  topic: string;
  areaId: string;
  location: string;
  description: string;
  urgency: Urgency;
  outcome: IntakeOutcome;
}

export function emptyIntakeForm(): IntakeForm {
  return {
    phone: '',
    name: '',
    address: '',
    employer: '',
    confidential: false,
    confidentialityWaived: false,
    channel: 'phone',
    category: 'consult',
    topic: '',
    areaId: '',
    location: '',
    description: '',
    urgency: 'normal',
    outcome: { kind: 'save' },
  };
}

export interface IntakeContext {
  ticketId: string;
  number: string;
  actor: Actor;
  networkSecret: string;
  /** stamps each event with the device's HLC, in order */
  stamp: () => string;
  newEventId: () => string;
}

export interface IntakeResult {
  events: TicketEvent[];
  contact: { name: string; phone: string; address: string; employer: string } | null;
  callerKey: string | null;
}

/** Field names the form must mark, or [] when it can be saved. */
export function intakeErrors(form: IntakeForm): (keyof IntakeForm | 'units' | 'answer')[] {
  const errors: (keyof IntakeForm | 'units' | 'answer')[] = [];
  if (form.description.trim() === '') errors.push('description');
  if (form.topic === '') errors.push('topic');
  if (form.areaId === '') errors.push('areaId');
  if (form.outcome.kind === 'dispatch' && form.outcome.units.length === 0) errors.push('units');
  if (form.outcome.kind === 'answer' && form.outcome.text.trim() === '') errors.push('answer');
  return errors;
}

function followUp(outcome: IntakeOutcome): { type: TicketEventType; data: unknown } | null {
  switch (outcome.kind) {
    case 'save':
      return null;
    case 'answer':
      return {
        type: 'answered',
        data: {
          text: outcome.text,
          ...(outcome.articleId ? { articleId: outcome.articleId } : {}),
        },
      };
    case 'dispatch':
      return {
        type: 'dispatched',
        data: {
          mode: outcome.mode,
          units: outcome.units,
          ...(outcome.limitDays ? { limitDays: outcome.limitDays } : {}),
          note: '',
        },
      };
    case 'leader':
      return { type: 'leader_routed', data: { note: outcome.note } };
    case 'refer':
      return {
        type: 'referred_out',
        data: { reason: outcome.reason, referTo: outcome.referTo, note: '' },
      };
    case 'emergency':
      return { type: 'emergency_transferred', data: { service: outcome.service, note: '' } };
  }
}

/**
 * The events of a new ticket (validated by the shared schema) and the caller's
 * contact, kept apart from it.
 * @example const { events, contact } = buildIntake(form, ctx);
 */
export function buildIntake(form: IntakeForm, ctx: IntakeContext): IntakeResult {
  const phone = form.phone.trim();
  const key = phone === '' ? null : callerKey(phone, ctx.networkSecret);
  const envelope = () => ({
    id: ctx.newEventId(),
    ticketId: ctx.ticketId,
    at: ctx.stamp(),
    actor: ctx.actor,
  });
  const created = TicketEventSchema.parse({
    ...envelope(),
    type: 'created',
    data: {
      number: ctx.number,
      channel: form.channel,
      category: form.category,
      topic: form.topic,
      areaId: form.areaId,
      location: form.location.trim(),
      description: form.description.trim(),
      urgency: form.urgency,
      confidential: form.confidential,
      confidentialityWaived: form.category === 'report' && form.confidentialityWaived,
      callerKey: key,
    },
  });
  const events: TicketEvent[] = [created];
  const next = followUp(form.outcome);
  if (next)
    events.push(TicketEventSchema.parse({ ...envelope(), type: next.type, data: next.data }));
  const hasContact = [form.name, phone, form.address, form.employer].some((v) => v.trim() !== '');
  return {
    events,
    callerKey: key,
    contact: hasContact
      ? {
          name: form.name.trim(),
          phone,
          address: form.address.trim(),
          employer: form.employer.trim(),
        }
      : null,
  };
}

/** Earlier calls of this caller about this topic (重复来电), newest first, for the warning. */
export function repeatWarning(
  history: readonly CallSummary[],
  form: Pick<IntakeForm, 'phone' | 'topic' | 'areaId' | 'location'>,
  networkSecret: string,
  now: number,
): CallSummary[] {
  if (form.phone.trim().length < 7 || form.topic === '') return [];
  let key: string;
  try {
    key = callerKey(form.phone, networkSecret);
  } catch {
    return [];
  }
  return findEarlierCalls(history, {
    ticketId: '',
    callerKey: key,
    topic: form.topic,
    areaId: form.areaId,
    location: form.location,
    createdAt: now,
  });
}

/** The units the dispatch catalogue suggests for this matter (派单目录). */
export function suggestedUnits(
  tree: OrgTree,
  rules: readonly DispatchRule[],
  form: Pick<IntakeForm, 'topic' | 'areaId'>,
): string[] {
  if (form.topic === '' || form.areaId === '' || !tree.has(form.areaId)) return [];
  return suggestUnits(tree, rules, form.topic, form.areaId);
}
