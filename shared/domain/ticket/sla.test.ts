import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { foldTicket } from './fold';
import { assignmentClock, isAssignmentOverdue, isSignLate, ticketClock } from './sla';
import { actor, createdData, EventScript, shanghai } from './test-kit';

const cal = createCalendar();
const ctx = { calendar: cal };
const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const DEPT = 'c01-k01-d01';
const dispatcher = actor('d', 'dispatcher', COUNTY);
const reviewer = actor('r', 'unit_reviewer', TOWN);

// Complaint dispatched Thu 2026-10-08 10:00: due 24:00 Wed Oct 14 (Oct 9, 10 调休, 12, 13, 14).
function ticket(mode: 'time_limited' | 'committed' = 'time_limited') {
  const s = new EventScript();
  s.add('2026-10-08 09:50', 'created', actor('o', 'operator', COUNTY), createdData());
  s.add('2026-10-08 10:00', 'dispatched', dispatcher, {
    mode,
    units: [{ unitId: TOWN, lead: true }],
    note: '',
  });
  return s;
}
const first = (s: EventScript) => {
  const a = foldTicket(s.events, ctx, s.ticketId).assignments[0];
  if (!a) throw new Error('no assignment');
  return a;
};
const DUE = shanghai('2026-10-15 00:00');

describe('ticket clocks', () => {
  it.each([
    ['before the deadline', '2026-10-14 23:59', false],
    ['at 24:00 of the last working day', '2026-10-15 00:00', false],
    ['one minute later', '2026-10-15 00:01', true],
  ])('an unreplied assignment %s: overdue=%s', (_l, now, overdue) => {
    const s = ticket();
    s.add('2026-10-08 11:00', 'signed', reviewer, { unitId: TOWN });
    expect(isAssignmentOverdue(first(s), shanghai(now))).toBe(overdue);
  });

  it('judges the reply time, not the centre’s review time', () => {
    const s = ticket();
    s.add('2026-10-08 11:00', 'signed', reviewer, { unitId: TOWN });
    s.add('2026-10-14 20:00', 'replied', reviewer, {
      unitId: TOWN,
      kind: 'final',
      text: '办结',
      contactedCaller: true,
    });
    s.add('2026-10-16 09:00', 'reviewed', dispatcher, {
      unitId: TOWN,
      decision: 'accept',
      note: '',
    });
    expect(isAssignmentOverdue(first(s), shanghai('2026-11-01 00:00'))).toBe(false);
  });

  it('holds a committed ticket to its promised date after a timely progress reply', () => {
    const s = ticket('committed');
    s.add('2026-10-08 11:00', 'signed', reviewer, { unitId: TOWN });
    s.add('2026-10-13 10:00', 'replied', reviewer, {
      unitId: TOWN,
      kind: 'progress',
      text: '已排期',
      promisedDate: '2026-10-30',
      contactedCaller: true,
    });
    expect(isAssignmentOverdue(first(s), shanghai('2026-10-20 00:00'))).toBe(false);
    expect(assignmentClock(first(s), shanghai('2026-10-20 00:00'), cal).deadline).toBe(
      shanghai('2026-10-31 00:00'),
    );
    expect(isAssignmentOverdue(first(s), shanghai('2026-10-31 00:01'))).toBe(true);
  });

  it('finds a late progress reply overdue even with a promise', () => {
    const s = ticket('committed');
    s.add('2026-10-08 11:00', 'signed', reviewer, { unitId: TOWN });
    s.add('2026-10-16 10:00', 'replied', reviewer, {
      unitId: TOWN,
      kind: 'progress',
      text: '已排期',
      promisedDate: '2026-10-30',
      contactedCaller: true,
    });
    expect(isAssignmentOverdue(first(s), shanghai('2026-10-20 00:00'))).toBe(true);
  });

  it.each([
    ['signed within 24 hours', '2026-10-09 09:59', 'signed', false],
    ['signed after 24 hours', '2026-10-09 10:01', 'signed', true],
    ['returned after 24 hours', '2026-10-09 12:00', 'returned', true],
  ] as const)('%s: late=%s', (_l, when, type, late) => {
    const s = ticket();
    if (type === 'signed') s.add(when, 'signed', reviewer, { unitId: TOWN });
    else s.add(when, 'returned', reviewer, { unitId: TOWN, reason: 'not_our_duty', note: '' });
    expect(isSignLate(first(s), shanghai('2026-10-20 00:00'))).toBe(late);
  });

  it('counts a never-signed ticket late once the window passes', () => {
    expect(isSignLate(first(ticket()), shanghai('2026-10-09 09:00'))).toBe(false);
    expect(isSignLate(first(ticket()), shanghai('2026-10-09 11:00'))).toBe(true);
  });

  it('shows the sign countdown first, then the handling clock', () => {
    const s = ticket();
    const now = shanghai('2026-10-08 12:00');
    expect(assignmentClock(first(s), now, cal)).toMatchObject({
      stage: 'sign',
      deadline: shanghai('2026-10-09 10:00'),
    });
    s.add('2026-10-08 11:00', 'signed', reviewer, { unitId: TOWN });
    expect(assignmentClock(first(s), now, cal)).toMatchObject({
      stage: 'handle',
      deadline: DUE,
      overdue: false,
    });
  });

  it('picks the most urgent open clock of a co-signed ticket', () => {
    const s = new EventScript();
    s.add('2026-10-08 09:50', 'created', actor('o', 'operator', COUNTY), createdData());
    s.add('2026-10-08 10:00', 'dispatched', dispatcher, {
      mode: 'co_signed',
      units: [
        { unitId: TOWN, lead: true },
        { unitId: DEPT, lead: false },
      ],
      note: '',
    });
    s.add('2026-10-08 11:00', 'signed', reviewer, { unitId: TOWN });
    const state = foldTicket(s.events, ctx, s.ticketId);
    // the department has not signed: its 24-hour window is the nearest deadline
    expect(ticketClock(state, shanghai('2026-10-08 12:00'), cal)).toMatchObject({
      unitId: DEPT,
      stage: 'sign',
    });
  });
});
