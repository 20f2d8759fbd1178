/**
 * @module
 * The ticket page's store: the ticket live from the local database (its fold,
 * the caller's contact when this unit may read it, its sync state), the
 * actions `availableActions` offers this user, and `perform`, which builds
 * the event from a form and writes it locally — online or not; sync carries
 * it on.
 */
import { type Accessor, createMemo, createResource } from 'solid-js';
import { contactReaders } from '../../../shared/domain/access';
import { availableActions } from '../../../shared/domain/ticket/permissions';
import { ACTIVE_ASSIGNMENT, type Assignment } from '../../../shared/domain/ticket/state';
import type { OrgUnit } from '../../../shared/schema/org-unit';
import type { Role } from '../../../shared/schema/ticket-enums';
import type { TicketEventType } from '../../../shared/schema/ticket-event';
import { workspace } from '../../app/workspace';
import { readContact } from '../../data/contacts';
import type { RecordSyncState } from '../../data/rejected';
import {
  findTicketByNumber,
  newId,
  observeTicket,
  recordEvent,
  type TicketView,
} from '../../data/tickets';
import { useObservable } from '../../ui/use-observable';
import { type ActionInput, buildActionEvent } from './actions';

export interface OfferedAction {
  type: TicketEventType;
  role: Role;
}

export type PerformResult = { ok: true } | { ok: false; fields: string[] };

/** Steps that move a ticket along its life, usual next step first. */
const STEPS: readonly TicketEventType[] = [
  'signed',
  'replied',
  'unit_reviewed',
  'reviewed',
  'callback_done',
  'dispatched',
  'transferred',
  'return_reviewed',
  'extension_decided',
  'archived',
];

/** The first offered of these is the ticket page's primary action. */
export const MAIN_STEPS: ReadonlySet<TicketEventType> = new Set(STEPS);

/** Action types in the order the bar shows them: the steps, then the rest. */
const ORDER: readonly TicketEventType[] = [
  ...STEPS,
  'noted',
  'extension_requested',
  'returned',
  'urged',
  'supervised',
  'leader_instructed',
  'leader_routed',
  'redo',
  'merged',
  'answered',
  'referred_out',
  'emergency_transferred',
  'corrected',
  'reopened',
];

export function createTicketStore(ticketId: Accessor<string>) {
  const view = useObservable<TicketView | null>(() => {
    const ws = workspace();
    return ws ? observeTicket(ws.db, ticketId()) : null;
  });
  const syncState = useObservable<RecordSyncState>(() => {
    const ws = workspace();
    return ws ? ws.sync.recordState('tickets', ticketId()) : null;
  });

  /** May this unit read the caller's contact? (a confidential ticket: only the centre) */
  const mayReadContact = () => {
    const ws = workspace();
    const v = view();
    return !!ws && !!v && contactReaders(v.doc).includes(ws.session.user.unitId);
  };
  const [contact] = createResource(
    () => {
      const ws = workspace();
      const v = view();
      // Re-read when the ticket changes or the first sync finishes (contacts follow tickets).
      return ws && v && mayReadContact()
        ? { ws, id: v.doc.id, at: v.doc.updatedAt, done: ws.sync.progress().done }
        : false;
    },
    async ({ ws, id }) => {
      try {
        return await readContact(ws.db, ws.session.dataKey, id);
      } catch {
        return null;
      }
    },
  );

  const actions = createMemo<OfferedAction[]>(() => {
    const ws = workspace();
    const v = view();
    const tree = ws?.tree();
    if (!ws || !v || !tree) return [];
    const user = ws.session.user;
    const offered = availableActions(
      v.state,
      { userId: user.id, unitId: user.unitId, roles: user.roles as Role[] },
      tree,
      { calendar: ws.db.calendar() },
    );
    return [...offered].sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
  });

  /** Builds the event from the form's input and records it on this device. */
  async function perform(action: OfferedAction, input: ActionInput): Promise<PerformResult> {
    const ws = workspace();
    const v = view();
    if (!ws || !v) return { ok: false, fields: ['data'] };
    const user = ws.session.user;
    const actor = { userId: user.id, role: action.role, unitId: user.unitId };
    let resolved = input;
    if (action.type === 'merged' && input.intoTicketId) {
      // The operator types the number as the caller or the other ticket reads it.
      const target = await findTicketByNumber(ws.db, input.intoTicketId);
      if (!target || target.id === v.doc.id) return { ok: false, fields: ['intoTicketId'] };
      resolved = { ...input, intoTicketId: target.id };
    }
    const built = buildActionEvent(action.type, resolved, {
      ticketId: v.doc.id,
      actor,
      at: v.state.lastEventAt,
      id: newId('e'),
    });
    if (!built.ok) return built;
    await recordEvent(
      ws.db,
      { actor, device: ws.session.device },
      v.doc.id,
      built.event.type,
      built.event.data as never,
    );
    return { ok: true };
  }

  return { view, syncState, contact, mayReadContact, actions, perform };
}

export type TicketStore = ReturnType<typeof createTicketStore>;

/**
 * Units an action may name: for a dispatch or transfer, the units below the
 * user's (two levels at most, the user's own excluded), by level then id.
 */
export function unitsBelow(unitId: string): OrgUnit[] {
  const tree = workspace()?.tree();
  if (!tree) return [];
  const out: OrgUnit[] = [];
  for (const child of tree.children(unitId)) {
    out.push(child);
    for (const grandchild of tree.children(child.id)) out.push(grandchild);
  }
  return out;
}

/**
 * The assignments an assigner's action may be about: replies to review,
 * returns to decide, extension requests, or any open one to urge.
 */
export function subjectAssignments(
  type: TicketEventType,
  assignments: readonly Assignment[],
  unitId: string,
): Assignment[] {
  const pick = (ok: (a: Assignment) => boolean) => {
    const all = assignments.filter(ok);
    const mine = all.filter((a) => a.assignedBy === unitId);
    return mine.length > 0 ? mine : all;
  };
  switch (type) {
    case 'reviewed':
      return pick((a) => a.status === 'replied');
    case 'return_reviewed':
      return pick((a) => a.status === 'returned');
    case 'extension_decided':
      return pick((a) => a.extensionRequest !== null && ACTIVE_ASSIGNMENT.has(a.status));
    case 'urged':
    case 'supervised':
      return assignments.filter((a) => ACTIVE_ASSIGNMENT.has(a.status));
    case 'redo':
      return assignments.filter((a) => a.status === 'completed');
    default:
      return [];
  }
}
