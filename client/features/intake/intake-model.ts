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
import { kbDocId } from '../../../shared/domain/kb/article';
import { type DispatchRule, suggestUnits } from '../../../shared/domain/org/dispatch-catalogue';
import { type OrgTree, subtree } from '../../../shared/domain/org/tree';
import { EVENT_PERMISSIONS } from '../../../shared/domain/ticket/permissions';
import type { OrgUnit } from '../../../shared/schema/org-unit';
import type { Channel, Role, TicketCategory, Urgency } from '../../../shared/schema/ticket-enums';
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
  /** null on a device that did not receive it (not a centre's): no caller key then */
  networkSecret: string | null;
  /** stamps each event with the device's HLC, in order */
  stamp: () => string;
  newEventId: () => string;
}

export interface IntakeResult {
  events: TicketEvent[];
  contact: { name: string; phone: string; address: string; employer: string } | null;
  callerKey: string | null;
}

export type IntakeError = keyof IntakeForm | 'units' | 'answer' | 'referTo';

/** Field names the form must mark, or [] when it can be saved. */
export function intakeErrors(form: IntakeForm): IntakeError[] {
  const errors: IntakeError[] = [];
  if (form.description.trim() === '') errors.push('description');
  if (form.topic === '') errors.push('topic');
  if (form.areaId === '') errors.push('areaId');
  if (form.outcome.kind === 'dispatch' && form.outcome.units.length === 0) errors.push('units');
  if (form.outcome.kind === 'answer' && form.outcome.text.trim() === '') errors.push('answer');
  // 零周折: a caller turned away is always told where to go.
  if (form.outcome.kind === 'refer' && form.outcome.referTo.trim() === '') errors.push('referTo');
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
  const key = phone === '' || !ctx.networkSecret ? null : callerKey(phone, ctx.networkSecret);
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
  networkSecret: string | null,
  now: number,
): CallSummary[] {
  if (!networkSecret || form.phone.trim().length < 7 || form.topic === '') return [];
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

// ------------------------------------------------------------------ the screen's choices

/** The event each outcome adds to the `created` one (none for a plain save). */
export const OUTCOME_EVENT: Readonly<Record<IntakeOutcome['kind'], TicketEventType | null>> = {
  save: null,
  answer: 'answered',
  dispatch: 'dispatched',
  leader: 'leader_routed',
  refer: 'referred_out',
  emergency: 'emergency_transferred',
};

/** The outcomes in the order the form offers them. */
export const OUTCOME_KINDS: readonly IntakeOutcome['kind'][] = [
  'save',
  'answer',
  'dispatch',
  'leader',
  'refer',
  'emergency',
];

/**
 * The role the user acts in for this outcome: one of theirs that may both
 * open the ticket and take the follow-up step (the shared permission table
 * decides), or null when none may.
 * @example actingRole(['operator'], 'dispatch') // null: only dispatchers dispatch
 */
export function actingRole(roles: readonly string[], kind: IntakeOutcome['kind']): Role | null {
  const next = OUTCOME_EVENT[kind];
  for (const role of roles) {
    const r = role as Role;
    if (!EVENT_PERMISSIONS.created.roles.includes(r)) continue;
    if (next && !EVENT_PERMISSIONS[next].roles.includes(r)) continue;
    return r;
  }
  return null;
}

/** The outcomes a user with these roles may choose at intake. */
export function allowedOutcomes(roles: readonly string[]): IntakeOutcome['kind'][] {
  return OUTCOME_KINDS.filter((k) => actingRole(roles, k) !== null);
}

/** Where a matter can lie for a centre: the centre itself, then its townships and streets. */
export function areaUnits(tree: OrgTree, centreId: string): OrgUnit[] {
  const centre = tree.get(centreId);
  if (!centre) return [];
  const inside = subtree(tree, centreId);
  const towns = tree
    .all()
    .filter((u) => u.level === 'township' && u.active && inside.has(u.id) && u.id !== centreId);
  return [centre, ...towns];
}

/** The handling units a centre may dispatch to: the active units below it, by level. */
export function dispatchUnits(tree: OrgTree, centreId: string): OrgUnit[] {
  const inside = subtree(tree, centreId);
  const order = { township: 0, department: 1, enterprise: 2 } as Record<string, number>;
  return tree
    .all()
    .filter((u) => u.id !== centreId && inside.has(u.id) && u.active && u.kind !== 'centre')
    .sort((a, b) => (order[a.level] ?? 9) - (order[b.level] ?? 9) || (a.id < b.id ? -1 : 1));
}

/** The repeat-detection view of a stored ticket. */
export function callSummaryOf(doc: {
  id: string;
  callerKey: string;
  topic: string;
  areaId: string;
  createdAt: number;
  events: readonly { type: string; data?: unknown }[];
}): CallSummary {
  const created = doc.events.find((e) => e.type === 'created')?.data as
    | { location?: string }
    | undefined;
  return {
    ticketId: doc.id,
    callerKey: doc.callerKey === '' ? null : doc.callerKey,
    topic: doc.topic,
    areaId: doc.areaId,
    location: created?.location ?? '',
    createdAt: doc.createdAt,
  };
}

/** A direct answer quoting a knowledge-base article: its standard answer, then its source. */
export function answerFromArticle(
  article: { slug: string; title: string; body: string },
  cite: (title: string) => string,
): Extract<IntakeOutcome, { kind: 'answer' }> {
  return {
    kind: 'answer',
    text: `${article.body.trim()}\n\n${cite(article.title)}`.slice(0, 4000),
    articleId: kbDocId(article.slug),
  };
}

/** What the outcome part of the form holds while the operator switches between outcomes. */
export interface OutcomeDraft {
  kind: IntakeOutcome['kind'];
  answerText: string;
  articleId: string;
  units: string[];
  lead: string;
  /** a single unit's mode; two or more units are always co-signed (会签件) */
  mode: 'time_limited' | 'committed';
  /** a shorter limit in working days, '' for the category's own */
  limitDays: string;
  leaderNote: string;
  referReason: Extract<IntakeOutcome, { kind: 'refer' }>['reason'];
  referTo: string;
  service: Extract<IntakeOutcome, { kind: 'emergency' }>['service'];
}

export function emptyOutcomeDraft(): OutcomeDraft {
  return {
    kind: 'save',
    answerText: '',
    articleId: '',
    units: [],
    lead: '',
    mode: 'time_limited',
    limitDays: '',
    leaderNote: '',
    referReason: 'judicial',
    referTo: '',
    service: '110',
  };
}

/**
 * The outcome the draft stands for: one lead among the chosen units (the
 * chosen lead, else the first), co-signed when there are several.
 * @example outcomeOf({ ...emptyOutcomeDraft(), kind: 'dispatch', units: ['t01'] })
 */
export function outcomeOf(draft: OutcomeDraft): IntakeOutcome {
  switch (draft.kind) {
    case 'save':
      return { kind: 'save' };
    case 'answer':
      return {
        kind: 'answer',
        text: draft.answerText,
        ...(draft.articleId ? { articleId: draft.articleId } : {}),
      };
    case 'dispatch': {
      const lead = draft.units.includes(draft.lead) ? draft.lead : draft.units[0];
      const days = Number.parseInt(draft.limitDays, 10);
      return {
        kind: 'dispatch',
        units: draft.units.map((unitId) => ({ unitId, lead: unitId === lead })),
        mode: draft.units.length > 1 ? 'co_signed' : draft.mode,
        ...(days >= 1 && days <= 60 ? { limitDays: days } : {}),
      };
    }
    case 'leader':
      return { kind: 'leader', note: draft.leaderNote.trim() };
    case 'refer':
      return { kind: 'refer', reason: draft.referReason, referTo: draft.referTo.trim() };
    case 'emergency':
      return { kind: 'emergency', service: draft.service };
  }
}
