import { describe, expect, it } from 'vitest';
import type { Role } from '../../schema/ticket-enums';
import type { Actor, TicketEvent } from '../../schema/ticket-event';
import { createCalendar } from '../calendar';
import { demoNetwork } from '../org/demo-network';
import { buildOrgTree } from '../org/tree';
import { foldTicket } from './fold';
import { availableActions, checkEventStatically } from './permissions';
import { actor, createdData, EventScript } from './test-kit';

const tree = buildOrgTree(demoNetwork());
const ctx = { calendar: createCalendar() };
const CITY = 'c01';
const COUNTY = 'c01-k01';
const OTHER_COUNTY = 'c01-k02';
const TOWN = 'c01-k01-t01';
const TOWN2 = 'c01-k01-t02';

function script() {
  const s = new EventScript();
  s.add('2026-09-24 09:30', 'created', actor('op', 'operator', COUNTY), createdData());
  s.add('2026-09-24 10:00', 'dispatched', actor('disp', 'dispatcher', COUNTY), {
    mode: 'time_limited',
    units: [{ unitId: TOWN, lead: true }],
    note: '',
  });
  return s;
}

function withActor(e: TicketEvent, a: Actor): TicketEvent {
  return { ...e, actor: a };
}

describe('static checks (who checks what)', () => {
  const s = script();
  const state = foldTicket(s.events, ctx, s.ticketId);
  const sign = s.add('2026-09-24 11:00', 'signed', actor('h', 'handler', TOWN), { unitId: TOWN });
  const review = s.add('2026-09-25 11:00', 'reviewed', actor('d', 'dispatcher', COUNTY), {
    unitId: TOWN,
    decision: 'accept',
    note: '',
  });
  const cases: [string, TicketEvent, ReturnType<typeof checkEventStatically>][] = [
    ['the township’s handler signs for it', sign, null],
    [
      'the county centre signs on its behalf (代签收)',
      withActor(sign, actor('d', 'dispatcher', COUNTY)),
      null,
    ],
    [
      'a sibling township cannot sign for it',
      withActor(sign, actor('h2', 'handler', TOWN2)),
      'not_assignee',
    ],
    [
      'a handler at an unknown unit',
      withActor(sign, actor('h', 'handler', 'nowhere')),
      'unknown_unit',
    ],
    ['an operator may not sign', withActor(sign, actor('o', 'operator', TOWN)), 'role_not_allowed'],
    [
      'a unit not on the chain',
      { ...sign, data: { unitId: TOWN2 }, actor: actor('h2', 'handler', TOWN2) },
      'out_of_scope',
    ],
    ['the county centre reviews the reply', review, null],
    [
      'the city centre above may review too',
      withActor(review, actor('d', 'dispatcher', CITY)),
      null,
    ],
    [
      'another county may not review',
      withActor(review, actor('d', 'dispatcher', OTHER_COUNTY)),
      'not_above_assignee',
    ],
    [
      'the unit may not review itself',
      withActor(review, actor('d', 'dispatcher', TOWN)),
      'not_above_assignee',
    ],
  ];

  it.each(cases)('%s', (_label, event, expected) => {
    expect(checkEventStatically(event, tree, state.chain)).toBe(expected);
  });

  it('lets only a centre open a ticket', () => {
    const created = script().events[0] as TicketEvent;
    expect(checkEventStatically(created, tree, [])).toBeNull();
    expect(checkEventStatically(withActor(created, actor('o', 'operator', TOWN)), tree, [])).toBe(
      'not_a_centre',
    );
  });

  it('dispatches only to units below the dispatching centre', () => {
    const dispatch = script().events[1] as TicketEvent;
    expect(checkEventStatically(dispatch, tree, [COUNTY])).toBeNull();
    const outward = {
      ...dispatch,
      data: { mode: 'time_limited', units: [{ unitId: 'c01-k02-t01', lead: true }], note: '' },
    };
    expect(checkEventStatically(outward as TicketEvent, tree, [COUNTY])).toBe(
      'target_outside_subtree',
    );
    const toSelf = {
      ...dispatch,
      data: { mode: 'time_limited', units: [{ unitId: COUNTY, lead: true }], note: '' },
    };
    expect(checkEventStatically(toSelf as TicketEvent, tree, [COUNTY])).toBe(
      'target_outside_subtree',
    );
  });

  it('keeps centres off tickets that never reached them', () => {
    const urge = script().add(
      '2026-09-24 12:00',
      'urged',
      actor('sv', 'supervisor', OTHER_COUNTY),
      { note: '' },
    );
    expect(checkEventStatically(urge, tree, [COUNTY, TOWN])).toBe('out_of_scope');
    expect(
      checkEventStatically(withActor(urge, actor('sv', 'supervisor', CITY)), tree, [COUNTY, TOWN]),
    ).toBeNull();
  });
});

describe('available actions by role, unit and state', () => {
  const user = (role: Role, unitId: string) => ({
    userId: `${role}@${unitId}`,
    unitId,
    roles: [role],
  });
  const actionsOf = (s: EventScript, role: Role, unitId: string) =>
    availableActions(foldTicket(s.events, ctx, s.ticketId), user(role, unitId), tree, ctx)
      .map((a) => a.type)
      .sort();

  it('offers the township handler sign or return while the ticket waits for it', () => {
    expect(actionsOf(script(), 'handler', TOWN)).toEqual(['noted', 'returned', 'signed']);
  });

  it('offers nothing to a township that is not on the chain', () => {
    expect(actionsOf(script(), 'handler', TOWN2)).toEqual([]);
  });

  it('offers the handler reply and extension once signed', () => {
    const s = script();
    s.add('2026-09-24 11:00', 'signed', actor('h', 'handler', TOWN), { unitId: TOWN });
    expect(actionsOf(s, 'handler', TOWN)).toEqual(['extension_requested', 'noted', 'replied']);
  });

  it('offers the county dispatcher review once the township replied', () => {
    const s = script();
    s.add('2026-09-24 11:00', 'signed', actor('h', 'handler', TOWN), { unitId: TOWN });
    s.add('2026-09-25 11:00', 'replied', actor('r', 'unit_reviewer', TOWN), {
      unitId: TOWN,
      kind: 'final',
      text: '已处理',
      contactedCaller: true,
    });
    const actions = actionsOf(s, 'dispatcher', COUNTY);
    expect(actions).toContain('reviewed');
    expect(actions).not.toContain('answered');
  });

  it('offers the operator answer, dispatch-free intake steps before dispatch', () => {
    const s = new EventScript();
    s.add('2026-09-24 09:30', 'created', actor('op', 'operator', COUNTY), createdData());
    expect(actionsOf(s, 'operator', COUNTY)).toEqual([
      'answered',
      'corrected',
      'emergency_transferred',
      'noted',
      'referred_out',
    ]);
    expect(actionsOf(s, 'dispatcher', COUNTY)).toContain('dispatched');
  });
});
