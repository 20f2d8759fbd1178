/**
 * @module
 * Who may append which event: the static checks a server runs on every new
 * event before it joins a ticket (DESIGN.md, "Who checks what"), and the list
 * of actions a user may take on a ticket in its current state (for the UI).
 * Whether an event fits the ticket's state is the fold's business; these
 * checks never look at state, so late offline work is never refused for being
 * late.
 */

import type { Role } from '../../schema/ticket-enums';
import type { EventOf, TicketEvent, TicketEventType } from '../../schema/ticket-event';
import { isAncestorOrSelf, type OrgTree } from '../org/tree';
import { type FoldContext, probeHandler } from './fold';
import { ACTIVE_ASSIGNMENT, type TicketState } from './state';

/**
 * Where the actor's unit must stand relative to the ticket:
 * - `intake`: a hotline centre opening a new ticket;
 * - `centre`: a hotline centre on the routing chain or above it;
 * - `assignee`: the unit named in the event (or a centre above it acting for it, 代办);
 * - `assigner`: a unit above the named unit (the one that dispatched it, or higher);
 * - `chain`: any unit that can see the ticket.
 */
export type UnitRelation = 'intake' | 'centre' | 'assignee' | 'assigner' | 'chain';

export interface EventPermission {
  readonly roles: readonly Role[];
  readonly where: UnitRelation;
}

const CENTRE_DESK: readonly Role[] = ['operator', 'dispatcher'];
const UNIT_DESK: readonly Role[] = ['handler', 'unit_reviewer', 'dispatcher'];
const OVERSIGHT: readonly Role[] = ['dispatcher', 'supervisor'];

/** The permission table: one line per event type. */
export const EVENT_PERMISSIONS: { readonly [T in TicketEventType]: EventPermission } = {
  created: { roles: CENTRE_DESK, where: 'intake' },
  corrected: { roles: CENTRE_DESK, where: 'centre' },
  answered: { roles: CENTRE_DESK, where: 'centre' },
  referred_out: { roles: CENTRE_DESK, where: 'centre' },
  emergency_transferred: { roles: [...CENTRE_DESK, 'supervisor'], where: 'centre' },
  leader_routed: { roles: OVERSIGHT, where: 'centre' },
  leader_instructed: { roles: ['leader'], where: 'centre' },
  dispatched: { roles: ['dispatcher'], where: 'centre' },
  signed: { roles: UNIT_DESK, where: 'assignee' },
  returned: { roles: UNIT_DESK, where: 'assignee' },
  return_reviewed: { roles: OVERSIGHT, where: 'assigner' },
  transferred: { roles: ['dispatcher', 'unit_reviewer'], where: 'assignee' },
  noted: {
    roles: [
      'operator',
      'dispatcher',
      'handler',
      'unit_reviewer',
      'callback_agent',
      'inspector',
      'supervisor',
      'leader',
    ],
    where: 'chain',
  },
  extension_requested: { roles: UNIT_DESK, where: 'assignee' },
  extension_decided: { roles: [...OVERSIGHT, 'leader'], where: 'assigner' },
  replied: { roles: UNIT_DESK, where: 'assignee' },
  unit_reviewed: { roles: ['unit_reviewer'], where: 'assignee' },
  reviewed: { roles: OVERSIGHT, where: 'assigner' },
  callback_done: { roles: ['callback_agent'], where: 'centre' },
  redo: { roles: [...OVERSIGHT, 'callback_agent'], where: 'centre' },
  urged: { roles: [...OVERSIGHT, 'leader'], where: 'centre' },
  supervised: { roles: ['supervisor', 'leader'], where: 'centre' },
  merged: { roles: OVERSIGHT, where: 'centre' },
  archived: { roles: [...OVERSIGHT, 'callback_agent'], where: 'centre' },
  reopened: { roles: ['supervisor', 'leader'], where: 'centre' },
};

export const REFUSAL_REASONS = {
  unknown_unit: { zh: '组织机构中没有该单位', en: 'The unit is not in the org network' },
  role_not_allowed: { zh: '该岗位不能执行此操作', en: 'This role may not take this step' },
  not_a_centre: {
    zh: '只有热线中心可以执行此操作',
    en: 'Only a hotline centre may take this step',
  },
  out_of_scope: {
    zh: '该单位不在此工单的流转链上',
    en: 'The unit is not on this ticket’s routing chain',
  },
  not_assignee: {
    zh: '只能以本单位（或下级单位代办）的名义操作',
    en: 'A unit may act only for itself (or a centre for a unit below it)',
  },
  not_above_assignee: {
    zh: '只有交办方或其上级可以审核',
    en: 'Only the dispatching unit or a unit above it may decide this',
  },
  target_outside_subtree: {
    zh: '只能交办给本单位的下级单位',
    en: 'Tickets can be dispatched only to units below the dispatching unit',
  },
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;

/** The unit an assignee/assigner event is about. */
function subjectUnit(e: TicketEvent): string | undefined {
  switch (e.type) {
    case 'transferred':
      return e.data.fromUnitId;
    case 'signed':
    case 'returned':
    case 'return_reviewed':
    case 'extension_requested':
    case 'extension_decided':
    case 'replied':
    case 'unit_reviewed':
    case 'reviewed':
      return e.data.unitId;
    default:
      return undefined;
  }
}

/** Units the event hands the ticket to, with the unit they must sit below. */
function handOffs(e: TicketEvent): { below: string; units: string[] } | undefined {
  if (e.type === 'dispatched') {
    return { below: e.actor.unitId, units: e.data.units.map((u) => u.unitId) };
  }
  if (e.type === 'leader_instructed' && e.data.dispatch) {
    return { below: e.actor.unitId, units: e.data.dispatch.units.map((u) => u.unitId) };
  }
  if (e.type === 'transferred') {
    return { below: e.data.fromUnitId, units: e.data.units.map((u) => u.unitId) };
  }
  return undefined;
}

function onOrAboveChain(tree: OrgTree, unitId: string, chain: readonly string[]): boolean {
  return chain.some((c) => isAncestorOrSelf(tree, unitId, c));
}

/**
 * The static check of one new event against the org tree and the ticket's
 * routing chain as the server knows it (empty for a new ticket). Returns the
 * refusal reason, or `null` when the event may join the ticket.
 * @example
 * checkEventStatically(signEvent, tree, state.chain); // null or 'not_assignee'
 */
export function checkEventStatically(
  event: TicketEvent,
  tree: OrgTree,
  chain: readonly string[],
): RefusalReason | null {
  const actorUnit = tree.get(event.actor.unitId);
  if (!actorUnit) return 'unknown_unit';
  const rule = EVENT_PERMISSIONS[event.type];
  if (!rule.roles.includes(event.actor.role)) return 'role_not_allowed';

  const subject = subjectUnit(event);
  if (subject !== undefined && !tree.has(subject)) return 'unknown_unit';

  switch (rule.where) {
    case 'intake':
      if (actorUnit.kind !== 'centre') return 'not_a_centre';
      break;
    case 'centre':
      if (actorUnit.kind !== 'centre') return 'not_a_centre';
      if (!onOrAboveChain(tree, actorUnit.id, chain)) return 'out_of_scope';
      break;
    case 'chain':
      if (!onOrAboveChain(tree, actorUnit.id, chain)) return 'out_of_scope';
      break;
    case 'assignee':
      if (subject === undefined || !chain.includes(subject)) return 'out_of_scope';
      if (
        actorUnit.id !== subject &&
        !(actorUnit.kind === 'centre' && isAncestorOrSelf(tree, actorUnit.id, subject))
      ) {
        return 'not_assignee';
      }
      break;
    case 'assigner':
      if (subject === undefined || !chain.includes(subject)) return 'out_of_scope';
      if (actorUnit.id === subject || !isAncestorOrSelf(tree, actorUnit.id, subject)) {
        return 'not_above_assignee';
      }
      break;
  }

  const handOff = handOffs(event);
  if (handOff) {
    for (const unitId of handOff.units) {
      if (!tree.has(unitId)) return 'unknown_unit';
      if (unitId === handOff.below || !isAncestorOrSelf(tree, handOff.below, unitId)) {
        return 'target_outside_subtree';
      }
    }
  }
  if (event.type === 'redo' && event.data.unitIds.some((u) => !chain.includes(u))) {
    return 'out_of_scope';
  }
  return null;
}

export interface ActingUser {
  userId: string;
  unitId: string;
  roles: readonly Role[];
}

/**
 * The steps a user may take on a ticket now, for the UI's action bar: every
 * event type their role and unit may append and that the ticket's state would
 * accept. Each answer names the role to act in.
 */
export function availableActions(
  state: TicketState,
  user: ActingUser,
  tree: OrgTree,
  ctx: FoldContext,
): { type: TicketEventType; role: Role }[] {
  const out: { type: TicketEventType; role: Role }[] = [];
  for (const type of Object.keys(EVENT_PERMISSIONS) as TicketEventType[]) {
    if (type === 'created') continue;
    const role = EVENT_PERMISSIONS[type].roles.find((r) => user.roles.includes(r));
    if (!role) continue;
    const probe = probeEvent(type, state, tree, {
      userId: user.userId,
      unitId: user.unitId,
      role,
    });
    if (!probe) continue;
    if (checkEventStatically(probe, tree, state.chain) !== null) continue;
    if (probeHandler(state, probe, ctx) === undefined) out.push({ type, role });
  }
  return out;
}

/** A minimal event of `type` by `actor`, to ask the fold whether the state would take it. */
function probeEvent(
  type: TicketEventType,
  state: TicketState,
  tree: OrgTree,
  actor: TicketEvent['actor'],
): TicketEvent | undefined {
  const envelope = { id: 'probe-event', ticketId: state.id, at: state.lastEventAt, actor };
  const own = actor.unitId;
  // Any unit below that does not hold the ticket yet stands in for the real choice.
  const free = tree
    .children(own)
    .find(
      (c) => !state.assignments.some((a) => a.unitId === c.id && ACTIVE_ASSIGNMENT.has(a.status)),
    );
  const target = [{ unitId: free?.id ?? own, lead: true }];
  // The unit an assigner acts on: the first assignment below it that waits for it.
  const below = state.assignments.find((a) => a.assignedBy === own)?.unitId ?? own;
  const data: { [T in TicketEventType]?: EventOf<T>['data'] } = {
    corrected: { changes: { urgency: state.urgency }, reason: '' },
    answered: { text: '—' },
    referred_out: { reason: 'other', referTo: '', note: '' },
    emergency_transferred: { service: '110', note: '' },
    leader_routed: { note: '' },
    leader_instructed: { instruction: '—' },
    dispatched: { mode: 'time_limited', units: target, note: '' },
    signed: { unitId: own },
    returned: { unitId: own, reason: 'other', note: '' },
    return_reviewed: { unitId: below, decision: 'upheld', note: '' },
    transferred: { fromUnitId: own, units: target, note: '' },
    noted: { text: '—' },
    extension_requested: { unitId: own, days: 1, reason: '—' },
    extension_decided: { unitId: below, approved: false, note: '' },
    replied: { unitId: own, kind: 'final', text: '—', contactedCaller: false },
    unit_reviewed: { unitId: own, approved: false, note: '' },
    reviewed: { unitId: below, decision: 'send_back', note: '' },
    callback_done: { reached: false, falseReply: false, comment: '' },
    redo: {
      unitIds: state.assignments.filter((a) => a.status === 'completed').map((a) => a.unitId),
      reason: '—',
    },
    urged: { note: '' },
    supervised: { onSite: false, note: '' },
    merged: { intoTicketId: 'probe-other-ticket', note: '' },
    archived: { note: '' },
    reopened: { reason: '—' },
  };
  const payload = data[type];
  if (payload === undefined) return undefined;
  if (type === 'redo' && (payload as EventOf<'redo'>['data']).unitIds.length === 0)
    return undefined;
  return { ...envelope, type, data: payload } as TicketEvent;
}
