import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../lib/hlc';
import type { StoredEvent } from '../../schema/ticket-event';
import { createCalendar } from '../calendar';
import { foldTicket } from './fold';
import { actor, createdData, EventScript, shanghai } from './test-kit';

const ctx = { calendar: createCalendar() };

// The county centre of 桃林区 and two of its townships; the city centre above.
const CITY = 'c01';
const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const TOWN2 = 'c01-k01-t02';
const DEPT = 'c01-k01-d01';

const operator = actor('op-li', 'operator', COUNTY);
const dispatcher = actor('disp-wang', 'dispatcher', COUNTY);
const cityDispatcher = actor('disp-zhao', 'dispatcher', CITY);
const handler = actor('h-chen', 'handler', TOWN);
const handler2 = actor('h-zhou', 'handler', TOWN);
const reviewer = actor('r-sun', 'unit_reviewer', TOWN);
const town2Handler = actor('h-ma', 'handler', TOWN2);
const deptReviewer = actor('r-hu', 'unit_reviewer', DEPT);
const callbackAgent = actor('cb-xu', 'callback_agent', COUNTY);
const supervisor = actor('sv-guo', 'supervisor', COUNTY);
const leader = actor('ld-he', 'leader', COUNTY);

function fold(script: EventScript) {
  return foldTicket(script.events, ctx, script.ticketId);
}

/** created by the operator at 09:30, dispatched to the township at 10:00 on Thu 2026-09-24. */
function dispatchedComplaint(mode: 'time_limited' | 'committed' = 'time_limited') {
  const s = new EventScript();
  s.add('2026-09-24 09:30', 'created', operator, createdData());
  s.add('2026-09-24 10:00', 'dispatched', dispatcher, {
    mode,
    units: [{ unitId: TOWN, lead: true }],
    note: '',
  });
  return s;
}

describe('fold: the whole lifecycle of a dispatched complaint', () => {
  it('walks intake → dispatch → sign → reply → unit review → centre review → callback → archive', () => {
    const s = new EventScript();
    s.add('2026-09-24 09:30', 'created', operator, createdData());
    const steps: [() => void, string][] = [
      [() => undefined, 'pending_review'],
      [
        () =>
          s.add('2026-09-24 10:00', 'dispatched', dispatcher, {
            mode: 'time_limited',
            units: [{ unitId: TOWN, lead: true }],
            note: '',
          }),
        'pending_sign',
      ],
      [() => s.add('2026-09-24 15:00', 'signed', handler, { unitId: TOWN }), 'handling'],
      [
        () =>
          s.add('2026-09-28 11:00', 'replied', handler, {
            unitId: TOWN,
            kind: 'final',
            text: '已约谈商户，调整营业时间。',
            contactedCaller: true,
          }),
        'handling',
      ],
      [
        () =>
          s.add('2026-09-28 16:00', 'unit_reviewed', reviewer, {
            unitId: TOWN,
            approved: true,
            note: '',
          }),
        'pending_centre_review',
      ],
      [
        () =>
          s.add('2026-09-29 09:00', 'reviewed', dispatcher, {
            unitId: TOWN,
            decision: 'accept',
            note: '',
          }),
        'pending_callback',
      ],
      [
        () =>
          s.add('2026-09-29 14:00', 'callback_done', callbackAgent, {
            reached: true,
            solved: true,
            processSatisfaction: 'very_satisfied',
            resultSatisfaction: 'satisfied',
            falseReply: false,
            comment: '',
          }),
        'pending_archive',
      ],
      [() => s.add('2026-09-29 15:00', 'archived', dispatcher, { note: '' }), 'archived'],
    ];
    for (const [step, status] of steps) {
      step();
      expect(fold(s).status).toBe(status);
    }
    const state = fold(s);
    expect(state.conflictCount).toBe(0);
    expect(state.chain).toEqual([COUNTY, TOWN]);
    const a = state.assignments[0];
    // Complaint: 5 working days; the Mid-Autumn (Sep 25–27) and National Day
    // (Oct 1–7) holidays are skipped: Sep 28, 29, 30, Oct 8, Oct 9.
    expect(a?.deadline).toBe(shanghai('2026-10-10 00:00'));
    expect(a?.signDeadline).toBe(shanghai('2026-09-25 10:00'));
    expect(a?.replyAt).toBe(shanghai('2026-09-28 16:00'));
    expect(a?.status).toBe('completed');
  });
});

describe('fold: worked examples', () => {
  it('uses the category of the ticket after pre-review corrections', () => {
    const s = new EventScript();
    s.add('2026-09-24 09:30', 'created', operator, createdData({ category: 'consult' }));
    s.add('2026-09-24 09:40', 'corrected', dispatcher, {
      changes: { category: 'report' },
      reason: '',
    });
    s.add('2026-09-24 10:00', 'dispatched', dispatcher, {
      mode: 'time_limited',
      units: [{ unitId: TOWN, lead: true }],
      note: '',
    });
    // report = 10 working days: Sep 28–30 (3), Oct 8–10 (Sat Oct 10 is a working day, 6), Oct 12–15 (10)
    expect(fold(s).assignments[0]?.deadline).toBe(shanghai('2026-10-16 00:00'));
  });

  it('refuses corrections after dispatch but keeps them in the timeline', () => {
    const s = dispatchedComplaint();
    s.add('2026-09-24 11:00', 'corrected', dispatcher, { changes: { topic: 'water' }, reason: '' });
    const state = fold(s);
    expect(state.topic).toBe('noise');
    expect(state.timeline.at(-1)).toMatchObject({ applied: false, conflict: 'not_in_state' });
  });

  it('extends a deadline by working days counted from the old deadline day', () => {
    const s = dispatchedComplaint();
    s.add('2026-09-24 15:00', 'signed', handler, { unitId: TOWN });
    s.add('2026-09-30 09:00', 'extension_requested', handler, {
      unitId: TOWN,
      days: 2,
      reason: '需协调城管',
    });
    expect(fold(s).assignments[0]?.extensionRequest?.days).toBe(2);
    s.add('2026-09-30 10:00', 'extension_decided', dispatcher, {
      unitId: TOWN,
      approved: true,
      note: '',
    });
    // Oct 9 deadline day; Sat Oct 10 (调休上班) and Mon Oct 12.
    const a = fold(s).assignments[0];
    expect(a?.deadline).toBe(shanghai('2026-10-13 00:00'));
    expect(a?.extensionDaysGranted).toBe(2);
    s.add('2026-09-30 11:00', 'extension_decided', dispatcher, {
      unitId: TOWN,
      approved: true,
      note: '',
    });
    expect(fold(s).timeline.at(-1)?.conflict).toBe('no_pending_extension');
  });

  it('binds the first unit after a rejected return (首接负责制)', () => {
    const s = dispatchedComplaint();
    s.add('2026-09-24 11:00', 'returned', handler, {
      unitId: TOWN,
      reason: 'not_our_duty',
      note: '',
    });
    expect(fold(s).status).toBe('return_pending');
    s.add('2026-09-24 14:00', 'return_reviewed', dispatcher, {
      unitId: TOWN,
      decision: 'rejected',
      note: '属地管理',
    });
    expect(fold(s).status).toBe('handling');
    s.add('2026-09-24 15:00', 'returned', handler, {
      unitId: TOWN,
      reason: 'not_our_duty',
      note: '',
    });
    const state = fold(s);
    expect(state.timeline.at(-1)?.conflict).toBe('return_not_allowed');
    expect(state.status).toBe('handling');
  });

  it('counts returns across units so a bounced ticket surfaces as stuck', () => {
    const s = dispatchedComplaint();
    s.add('2026-09-24 11:00', 'returned', handler, {
      unitId: TOWN,
      reason: 'not_our_duty',
      note: '',
    });
    s.add('2026-09-24 14:00', 'return_reviewed', dispatcher, {
      unitId: TOWN,
      decision: 'upheld',
      note: '',
    });
    expect(fold(s).status).toBe('pending_redispatch');
    s.add('2026-09-24 14:10', 'dispatched', dispatcher, {
      mode: 'time_limited',
      units: [{ unitId: TOWN2, lead: true }],
      note: '',
    });
    s.add('2026-09-24 16:00', 'returned', town2Handler, {
      unitId: TOWN2,
      reason: 'wrong_area',
      note: '',
    });
    const state = fold(s);
    expect(state.returnCount).toBe(2);
    expect(state.chain).toEqual([COUNTY, TOWN, TOWN2]);
  });

  it('settles a concurrent sign and return by HLC order, flagging the later one', () => {
    for (const signFirst of [true, false]) {
      const s = dispatchedComplaint();
      const early = '2026-09-24 11:00';
      const late = '2026-09-24 11:01';
      s.add(signFirst ? early : late, 'signed', handler, { unitId: TOWN }, { node: 'tab-a' });
      s.add(
        signFirst ? late : early,
        'returned',
        handler2,
        { unitId: TOWN, reason: 'other', note: '' },
        { node: 'tab-b' },
      );
      const state = fold(s);
      expect(state.assignments[0]?.status).toBe(signFirst ? 'handling' : 'returned');
      const loser = state.timeline.find(
        (t) => t.event.type === (signFirst ? 'returned' : 'signed'),
      );
      expect(loser).toMatchObject({ applied: false, conflict: 'assignment_state' });
    }
  });

  it('transfers down a level with the parent deadline, and feeds the result back up', () => {
    const s = new EventScript();
    const cityOperator = actor('op-city', 'operator', CITY);
    s.add(
      '2026-09-24 09:00',
      'created',
      cityOperator,
      createdData({ number: '1100-260924-01-0001' }),
    );
    s.add('2026-09-24 09:30', 'dispatched', cityDispatcher, {
      mode: 'time_limited',
      units: [{ unitId: COUNTY, lead: true }],
      note: '',
    });
    s.add('2026-09-24 10:00', 'transferred', dispatcher, {
      fromUnitId: COUNTY,
      units: [{ unitId: TOWN, lead: true }],
      note: '',
    });
    let state = fold(s);
    const [county, town] = state.assignments;
    expect(county?.status).toBe('transferred');
    expect(town?.deadline).toBe(county?.deadline);
    expect(town?.assignedBy).toBe(COUNTY);
    s.add('2026-09-24 15:00', 'signed', handler, { unitId: TOWN });
    s.add('2026-09-25 09:00', 'replied', reviewer, {
      unitId: TOWN,
      kind: 'final',
      text: '已处理',
      contactedCaller: true,
    });
    s.add('2026-09-25 10:00', 'reviewed', dispatcher, {
      unitId: TOWN,
      decision: 'accept',
      note: '',
    });
    state = fold(s);
    expect(state.assignments[0]?.status).toBe('handling');
    expect(state.status).toBe('handling');
    s.add('2026-09-25 11:00', 'replied', dispatcher, {
      unitId: COUNTY,
      kind: 'final',
      text: '已由城关街道处理',
      contactedCaller: false,
    });
    s.add('2026-09-25 12:00', 'reviewed', cityDispatcher, {
      unitId: COUNTY,
      decision: 'accept',
      note: '',
    });
    state = fold(s);
    expect(state.status).toBe('pending_callback');
    expect(state.chain).toEqual([CITY, COUNTY, TOWN]);
  });

  it('gives a transfer a shorter limit only when asked for one', () => {
    const s = new EventScript();
    s.add('2026-09-24 09:00', 'created', actor('op-city', 'operator', CITY), createdData());
    s.add('2026-09-24 09:30', 'dispatched', cityDispatcher, {
      mode: 'time_limited',
      units: [{ unitId: COUNTY, lead: true }],
      note: '',
    });
    s.add('2026-09-24 10:00', 'transferred', dispatcher, {
      fromUnitId: COUNTY,
      units: [{ unitId: TOWN, lead: true }],
      limitDays: 2,
      note: '',
    });
    expect(fold(s).assignments[1]?.deadline).toBe(shanghai('2026-09-30 00:00'));
  });

  it('waits for every unit of a co-signed ticket before callback', () => {
    const s = new EventScript();
    s.add('2026-09-24 09:30', 'created', operator, createdData());
    s.add('2026-09-24 10:00', 'dispatched', dispatcher, {
      mode: 'co_signed',
      units: [
        { unitId: TOWN, lead: true },
        { unitId: DEPT, lead: false },
      ],
      note: '',
    });
    s.add('2026-09-24 11:00', 'signed', handler, { unitId: TOWN });
    s.add('2026-09-24 11:00', 'signed', deptReviewer, { unitId: DEPT });
    s.add('2026-09-25 09:00', 'replied', reviewer, {
      unitId: TOWN,
      kind: 'final',
      text: '牵头处理完毕',
      contactedCaller: true,
    });
    s.add('2026-09-25 10:00', 'reviewed', dispatcher, {
      unitId: TOWN,
      decision: 'accept',
      note: '',
    });
    expect(fold(s).status).toBe('handling');
    s.add('2026-09-28 09:00', 'replied', deptReviewer, {
      unitId: DEPT,
      kind: 'final',
      text: '配合完成',
      contactedCaller: false,
    });
    expect(fold(s).status).toBe('pending_centre_review');
    s.add('2026-09-28 10:00', 'reviewed', dispatcher, {
      unitId: DEPT,
      decision: 'accept',
      note: '',
    });
    const state = fold(s);
    expect(state.status).toBe('pending_callback');
    expect(state.assignments.map((a) => a.lead)).toEqual([true, false]);
  });

  it('lets a committed ticket reply progress with a promised date, then finish', () => {
    const s = dispatchedComplaint('committed');
    s.add('2026-09-24 15:00', 'signed', handler, { unitId: TOWN });
    s.add('2026-09-28 10:00', 'replied', reviewer, {
      unitId: TOWN,
      kind: 'progress',
      text: '已立项，十月底前完成维修',
      promisedDate: '2026-10-30',
      contactedCaller: true,
    });
    let a = fold(s).assignments[0];
    expect(a?.status).toBe('handling');
    expect(a?.progressRepliedAt).toBe(shanghai('2026-09-28 10:00'));
    expect(a?.promisedDeadline).toBe(shanghai('2026-10-31 00:00'));
    s.add('2026-10-29 10:00', 'replied', reviewer, {
      unitId: TOWN,
      kind: 'final',
      text: '维修完成',
      contactedCaller: true,
    });
    a = fold(s).assignments[0];
    expect(a?.status).toBe('replied');
  });

  it('refuses a progress reply on a time-limited ticket', () => {
    const s = dispatchedComplaint();
    s.add('2026-09-24 15:00', 'signed', handler, { unitId: TOWN });
    s.add('2026-09-28 10:00', 'replied', reviewer, {
      unitId: TOWN,
      kind: 'progress',
      text: '处理中',
      promisedDate: '2026-10-30',
      contactedCaller: true,
    });
    expect(fold(s).timeline.at(-1)?.conflict).toBe('not_committed');
  });

  it('sends an unsatisfied callback back for redo with a fresh deadline', () => {
    const s = dispatchedComplaint();
    s.add('2026-09-24 15:00', 'signed', handler, { unitId: TOWN });
    s.add('2026-09-28 10:00', 'replied', reviewer, {
      unitId: TOWN,
      kind: 'final',
      text: '已处理',
      contactedCaller: true,
    });
    s.add('2026-09-28 11:00', 'reviewed', dispatcher, {
      unitId: TOWN,
      decision: 'accept',
      note: '',
    });
    s.add('2026-09-29 10:00', 'callback_done', callbackAgent, {
      reached: true,
      solved: false,
      processSatisfaction: 'satisfied',
      resultSatisfaction: 'unsatisfied',
      falseReply: true,
      comment: '噪音依旧',
    });
    expect(fold(s).status).toBe('callback_unsatisfied');
    s.add('2026-09-29 11:00', 'redo', dispatcher, { unitIds: [TOWN], reason: '回访不满意' });
    const state = fold(s);
    expect(state.status).toBe('handling');
    expect(state.redoCount).toBe(1);
    // 5 working days from Tue Sep 29: Sep 30, Oct 8, 9, 10 (Sat, working), 12.
    expect(state.assignments[0]).toMatchObject({
      status: 'handling',
      redos: 1,
      deadline: shanghai('2026-10-13 00:00'),
    });
  });

  it('archives after three unanswered callbacks, not before', () => {
    const s = dispatchedComplaint();
    s.add('2026-09-24 15:00', 'signed', handler, { unitId: TOWN });
    s.add('2026-09-28 10:00', 'replied', reviewer, {
      unitId: TOWN,
      kind: 'final',
      text: '已处理',
      contactedCaller: true,
    });
    s.add('2026-09-28 11:00', 'reviewed', dispatcher, {
      unitId: TOWN,
      decision: 'accept',
      note: '',
    });
    const noAnswer = { reached: false, falseReply: false, comment: '无人接听' };
    s.add('2026-09-29 10:00', 'callback_done', callbackAgent, noAnswer);
    s.add('2026-09-29 15:00', 'callback_done', callbackAgent, noAnswer);
    s.add('2026-09-29 16:00', 'archived', dispatcher, { note: '' });
    expect(fold(s).timeline.at(-1)?.conflict).toBe('not_in_state');
    s.add('2026-09-30 10:00', 'callback_done', callbackAgent, noAnswer);
    s.add('2026-09-30 16:00', 'archived', dispatcher, { note: '' });
    expect(fold(s).status).toBe('archived');
  });

  it.each([
    ['answered', { text: '根据《物业管理条例》第十条答复。', articleId: 'kb-1' }, 'answered'],
    [
      'referred_out',
      { reason: 'litigation', referTo: '县人民法院 0571-1234567', note: '' },
      'out_of_scope',
    ],
    ['emergency_transferred', { service: '119', note: '' }, 'emergency_transferred'],
    ['merged', { intoTicketId: 'ticket-0000', note: '' }, 'merged'],
  ] as const)('closes at intake by %s', (type, data, status) => {
    const s = new EventScript();
    s.add('2026-09-24 09:30', 'created', operator, createdData());
    s.add('2026-09-24 09:35', type, dispatcher, data as never);
    const state = fold(s);
    expect(state.status).toBe(status);
    expect(state.phase).toBe('closed');
    s.add('2026-09-24 09:40', 'archived', dispatcher, { note: '' });
    expect(fold(s).status).toBe('archived');
  });

  it('routes to a leader whose instruction dispatches (批办)', () => {
    const s = new EventScript();
    s.add('2026-09-24 09:30', 'created', operator, createdData());
    s.add('2026-09-24 09:40', 'leader_routed', supervisor, { note: '涉及多部门' });
    expect(fold(s).status).toBe('pending_instruction');
    s.add('2026-09-24 11:00', 'leader_instructed', leader, {
      instruction: '请城关街道牵头，三日内办结。',
      dispatch: {
        mode: 'time_limited',
        units: [{ unitId: TOWN, lead: true }],
        limitDays: 3,
        note: '',
      },
    });
    const state = fold(s);
    expect(state.status).toBe('pending_sign');
    expect(state.instructions).toHaveLength(1);
    expect(state.assignments[0]?.deadline).toBe(shanghai('2026-10-01 00:00'));
  });

  it('keeps whistleblowing confidential unless the caller waives it', () => {
    const s = new EventScript();
    s.add('2026-09-24 09:30', 'created', operator, createdData({ category: 'report' }));
    expect(fold(s).confidential).toBe(true);
    const w = new EventScript();
    w.add(
      '2026-09-24 09:30',
      'created',
      operator,
      createdData({ category: 'report', confidentialityWaived: true }),
    );
    expect(fold(w).confidential).toBe(false);
  });

  it('reopens an archived ticket for the centre to handle again', () => {
    const s = new EventScript();
    s.add('2026-09-24 09:30', 'created', operator, createdData());
    s.add('2026-09-24 09:35', 'answered', operator, { text: '已答复' });
    s.add('2026-09-24 09:40', 'archived', dispatcher, { note: '' });
    s.add('2026-09-25 09:40', 'reopened', supervisor, { reason: '市民再次来电' });
    const state = fold(s);
    expect(state.status).toBe('pending_review');
    expect(state.reopenCount).toBe(1);
  });
});

describe('fold: never throws, never drops', () => {
  it('keeps an event of a newer version in the timeline without changing state', () => {
    const s = dispatchedComplaint();
    const before = fold(s);
    const foreign: StoredEvent = {
      id: 'future-event-0001',
      ticketId: s.ticketId,
      at: formatHlc({ millis: shanghai('2026-09-24 12:00'), counter: 0, node: 'tab-x' }),
      actor: handler,
      type: 'ai_summarised',
      data: { summary: '…' },
    };
    const after = foldTicket([...s.events, foreign], ctx, s.ticketId);
    expect(after.status).toBe(before.status);
    expect(after.assignments).toEqual(before.assignments);
    expect(after.timeline.find((t) => t.event.id === foreign.id)).toMatchObject({
      applied: false,
      conflict: 'unknown_type',
    });
  });

  it('flags events stamped before the ticket was created', () => {
    const s = new EventScript();
    s.add('2026-09-24 09:00', 'noted', dispatcher, { text: '早于创建' });
    s.add('2026-09-24 09:30', 'created', operator, createdData());
    const state = fold(s);
    expect(state.status).toBe('pending_review');
    expect(state.timeline[0]?.conflict).toBe('before_creation');
  });

  it('shows an incomplete ticket when only later events have arrived', () => {
    const s = new EventScript();
    s.add('2026-09-24 15:00', 'signed', handler, { unitId: TOWN });
    const state = fold(s);
    expect(state.status).toBe('incomplete');
    expect(state.confidential).toBe(true);
  });

  it('keeps one copy, the same everywhere, of two different events sharing an id', () => {
    const s = dispatchedComplaint();
    const note = s.add('2026-09-24 12:00', 'noted', handler, { text: '甲' });
    const twin = { ...note, data: { text: '乙' } };
    const a = foldTicket([...s.events, twin], ctx, s.ticketId);
    const b = foldTicket([twin, ...s.events], ctx, s.ticketId);
    expect(a).toEqual(b);
    const kept = a.timeline.find((t) => t.event.id === note.id);
    expect(kept?.conflict).toBe('id_reused');
    expect(a.timeline.filter((t) => t.event.id === note.id)).toHaveLength(1);
  });

  it('flags a malformed payload instead of throwing', () => {
    const s = dispatchedComplaint();
    const broken = {
      ...s.add('2026-09-24 12:00', 'signed', handler, { unitId: TOWN }),
    } as StoredEvent;
    (broken as { data: unknown }).data = null;
    const state = foldTicket([...s.events.slice(0, -1), broken], ctx, s.ticketId);
    expect(state.timeline.at(-1)?.conflict).toBe('malformed');
    expect(state.status).toBe('pending_sign');
  });

  it('flags an event of another ticket', () => {
    const s = dispatchedComplaint();
    const stray = {
      ...s.add('2026-09-24 12:00', 'noted', handler, { text: 'x' }),
      ticketId: 'ticket-9999',
    };
    const state = foldTicket([...s.events.slice(0, -1), stray], ctx, s.ticketId);
    expect(state.timeline.at(-1)?.conflict).toBe('malformed');
  });
});
