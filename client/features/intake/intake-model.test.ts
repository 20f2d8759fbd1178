import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../shared/domain/calendar';
import { callerKey } from '../../../shared/domain/caller-key';
import { demoNetwork } from '../../../shared/domain/org/demo-network';
import { generateDispatchCatalogue } from '../../../shared/domain/org/dispatch-catalogue';
import { buildOrgTree } from '../../../shared/domain/org/tree';
import { foldTicket } from '../../../shared/domain/ticket/fold';
import { checkEventStatically } from '../../../shared/domain/ticket/permissions';
import { actor } from '../../../shared/domain/ticket/test-kit';
import { formatHlc } from '../../../shared/lib/hlc';
import {
  buildIntake,
  emptyIntakeForm,
  type IntakeForm,
  intakeErrors,
  repeatWarning,
  suggestedUnits,
} from './intake-model';

const SECRET = 'network-secret-for-tests-0001';
const tree = buildOrgTree(demoNetwork());
const catalogue = generateDispatchCatalogue(tree);
const calendar = createCalendar();
const operator = actor('c01-k01-op', 'operator', 'c01-k01');

function ctx(ticketId = 'ticket-intake-1') {
  let n = 0;
  return {
    ticketId,
    number: '1101-261125-07-0001',
    actor: operator,
    networkSecret: SECRET,
    stamp: () =>
      formatHlc({ millis: Date.UTC(2026, 10, 25, 2, 0, 0), counter: n++, node: 'tab-7' }),
    newEventId: () => `${ticketId}-e${n}`,
  };
}

const noise: IntakeForm = {
  ...emptyIntakeForm(),
  phone: '138 0013 8000',
  name: '王芳',
  address: '幸福小区3号楼2单元501',
  category: 'complaint',
  topic: 'noise',
  areaId: 'c01-k01-t01',
  location: '幸福小区3号楼楼下',
  description: '楼下烧烤店每天营业到凌晨两点，噪音很大。',
};

describe('intake (话毕单成)', () => {
  it('makes a ticket whose state and static checks are clean, with the contact kept apart', () => {
    const units = suggestedUnits(tree, catalogue, noise);
    expect(units.length).toBeGreaterThan(0);
    const form: IntakeForm = {
      ...noise,
      outcome: {
        kind: 'dispatch',
        mode: 'time_limited',
        units: [{ unitId: units[0] ?? '', lead: true }],
      },
    };
    const { events, contact, callerKey: key } = buildIntake(form, ctx());
    expect(events.map((e) => e.type)).toEqual(['created', 'dispatched']);
    const state = foldTicket(events, { calendar }, 'ticket-intake-1');
    expect(state.status).toBe('pending_sign');
    expect(state.conflictCount).toBe(0);
    expect(checkEventStatically(events[0] as never, tree, [])).toBeNull();
    expect(checkEventStatically(events[1] as never, tree, state.chain)).toBe('role_not_allowed'); // operators do not dispatch
    expect(contact).toEqual({
      name: '王芳',
      phone: '138 0013 8000',
      address: '幸福小区3号楼2单元501',
      employer: '',
    });
    expect(JSON.stringify(events)).not.toContain('13800138000');
    expect(key).toBe(callerKey('13800138000', SECRET));
  });

  it('closes a consultation answered from the knowledge base at once', () => {
    const form: IntakeForm = {
      ...noise,
      category: 'consult',
      outcome: { kind: 'answer', text: '按照《噪声污染防治法》…', articleId: 'kb:noise' },
    };
    const state = foldTicket(buildIntake(form, ctx()).events, { calendar }, 'ticket-intake-1');
    expect(state.status).toBe('answered');
    expect(state.answer?.articleId).toBe('kb:noise');
  });

  it('keeps anonymous whistleblowing confidential and without a caller key', () => {
    const form: IntakeForm = {
      ...emptyIntakeForm(),
      category: 'report',
      topic: 'market',
      areaId: 'c01-k01',
      description: '某单位违规收费。',
    };
    const { events, contact, callerKey: key } = buildIntake(form, ctx());
    expect(contact).toBeNull();
    expect(key).toBeNull();
    expect(foldTicket(events, { calendar }, 'ticket-intake-1').confidential).toBe(true);
  });

  it.each([
    [{}, ['description', 'topic', 'areaId']],
    [{ description: 'x', topic: 'noise', areaId: 'c01-k01-t01' }, []],
    [
      {
        description: 'x',
        topic: 'noise',
        areaId: 'c01-k01-t01',
        outcome: { kind: 'dispatch', mode: 'time_limited', units: [] },
      },
      ['units'],
    ],
    [
      {
        description: 'x',
        topic: 'noise',
        areaId: 'c01-k01-t01',
        outcome: { kind: 'answer', text: ' ' },
      },
      ['answer'],
    ],
  ] as [Partial<IntakeForm>, string[]][])('marks missing fields %#', (patch, errors) => {
    expect(intakeErrors({ ...emptyIntakeForm(), ...patch })).toEqual(errors);
  });

  it('warns of a repeat call as the phone is typed', () => {
    const now = Date.UTC(2026, 10, 25);
    const earlier = {
      ticketId: 't-old',
      callerKey: callerKey('13800138000', SECRET),
      topic: 'noise',
      areaId: 'c01-k01-t01',
      location: '',
      createdAt: now - 5 * 86_400_000,
    };
    expect(repeatWarning([earlier], noise, SECRET, now).map((c) => c.ticketId)).toEqual(['t-old']);
    expect(repeatWarning([earlier], { ...noise, topic: 'water' }, SECRET, now)).toEqual([]);
    expect(repeatWarning([earlier], { ...noise, phone: '138' }, SECRET, now)).toEqual([]);
  });
});
