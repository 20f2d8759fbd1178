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
  actingRole,
  allowedOutcomes,
  answerFromArticle,
  areaUnits,
  buildIntake,
  callSummaryOf,
  dispatchUnits,
  emptyIntakeForm,
  emptyOutcomeDraft,
  type IntakeForm,
  intakeErrors,
  outcomeOf,
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

describe('the screen’s choices', () => {
  it('lets operators save, answer, refer and transfer, and only dispatchers dispatch', () => {
    expect(allowedOutcomes(['operator'])).toEqual(['save', 'answer', 'refer', 'emergency']);
    expect(allowedOutcomes(['dispatcher'])).toContain('dispatch');
    expect(allowedOutcomes(['handler'])).toEqual([]);
    expect(actingRole(['operator', 'dispatcher'], 'dispatch')).toBe('dispatcher');
    expect(actingRole(['operator', 'dispatcher'], 'answer')).toBe('operator');
  });

  it('offers the centre’s townships as areas and its handling units as targets', () => {
    const areas = areaUnits(tree, 'c01-k01').map((u) => u.id);
    expect(areas[0]).toBe('c01-k01');
    expect(areas).toContain('c01-k01-t01');
    expect(areas.some((id) => id.includes('-d'))).toBe(false);
    const units = dispatchUnits(tree, 'c01-k01');
    expect(units[0]?.level).toBe('township');
    expect(units.map((u) => u.id)).toContain('c01-k01-e01');
    expect(units.map((u) => u.id)).not.toContain('c01-k01');
  });

  it('turns the draft into one outcome: several units are co-signed with one lead', () => {
    const one = outcomeOf({ ...emptyOutcomeDraft(), kind: 'dispatch', units: ['c01-k01-t01'] });
    expect(one).toEqual({
      kind: 'dispatch',
      units: [{ unitId: 'c01-k01-t01', lead: true }],
      mode: 'time_limited',
    });
    const two = outcomeOf({
      ...emptyOutcomeDraft(),
      kind: 'dispatch',
      units: ['c01-k01-t01', 'c01-k01-d04'],
      lead: 'c01-k01-d04',
      limitDays: '2',
    });
    expect(two).toMatchObject({ mode: 'co_signed', limitDays: 2 });
    if (two.kind !== 'dispatch') throw new Error('not a dispatch');
    expect(two.units.filter((u) => u.lead).map((u) => u.unitId)).toEqual(['c01-k01-d04']);
    const events = buildIntake({ ...noise, outcome: two }, ctx()).events;
    expect(events[1]?.type).toBe('dispatched');
  });

  it('asks where to send a caller turned away (零周折)', () => {
    const form = { ...noise, outcome: outcomeOf({ ...emptyOutcomeDraft(), kind: 'refer' }) };
    expect(intakeErrors(form)).toEqual(['referTo']);
  });

  it('quotes and cites a knowledge-base article as the direct answer', () => {
    const a = answerFromArticle(
      { slug: 'noise-night', title: '夜间施工噪音', body: '夜间22时至次日6时禁止施工。' },
      (title) => `依据《${title}》`,
    );
    expect(a.articleId).toBe('kb:noise-night');
    expect(a.text).toContain('禁止施工');
    expect(a.text).toContain('依据《夜间施工噪音》');
  });

  it('summarizes a stored ticket for repeat detection', () => {
    const summary = callSummaryOf({
      id: 't1',
      callerKey: '',
      topic: 'noise',
      areaId: 'c01-k01-t01',
      createdAt: 5,
      events: [{ type: 'created', data: { location: '幸福路' } }],
    });
    expect(summary).toEqual({
      ticketId: 't1',
      callerKey: null,
      topic: 'noise',
      areaId: 'c01-k01-t01',
      location: '幸福路',
      createdAt: 5,
    });
  });
});
