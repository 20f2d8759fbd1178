import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssessorRecord } from '../schema/assessor-record';
import { AssessorRecordSchema } from '../schema/assessor-record';
import { assessUnits, monthRange, repeatsByTicket, ticketScoreItems } from './assessment';
import { createCalendar } from './calendar';
import { eventSetArb } from './ticket/arbitraries';
import { foldTicket } from './ticket/fold';
import { actor, createdData, EventScript, shanghai } from './ticket/test-kit';

const ctx = { calendar: createCalendar() };
const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const CALLER = 'c'.repeat(64);
const operator = actor('op', 'operator', COUNTY);
const dispatcher = actor('disp', 'dispatcher', COUNTY);
const reviewer = actor('rev', 'unit_reviewer', TOWN);
const callbackAgent = actor('cb', 'callback_agent', COUNTY);

/** A complaint dispatched to the township, signed and replied at the given times, called back. */
function handled(
  id: string,
  times: { created: string; signed: string; replied: string; callback: string },
  callback: {
    result: 'very_satisfied' | 'satisfied' | 'unsatisfied';
    falseReply?: boolean;
    solved?: boolean;
  },
  callerKey: string | null = null,
) {
  const s = new EventScript(id);
  s.add(times.created, 'created', operator, createdData({ callerKey }));
  s.add(
    times.created,
    'dispatched',
    dispatcher,
    { mode: 'time_limited', units: [{ unitId: TOWN, lead: true }], note: '' },
    { counter: 1 },
  );
  s.add(times.signed, 'signed', reviewer, { unitId: TOWN });
  s.add(times.replied, 'replied', reviewer, {
    unitId: TOWN,
    kind: 'final',
    text: '已办理',
    contactedCaller: true,
  });
  s.add(
    times.replied,
    'reviewed',
    dispatcher,
    { unitId: TOWN, decision: 'accept', note: '' },
    { counter: 1 },
  );
  s.add(times.callback, 'callback_done', callbackAgent, {
    reached: true,
    solved: callback.solved ?? callback.result !== 'unsatisfied',
    processSatisfaction: 'satisfied',
    resultSatisfaction: callback.result,
    falseReply: callback.falseReply ?? false,
    comment: '',
  });
  return s;
}

function record(kind: AssessorRecord['kind'], points?: number): AssessorRecord {
  return AssessorRecordSchema.parse({
    id: `rec-${kind}`,
    unitId: TOWN,
    month: '2026-10',
    kind,
    ...(points === undefined ? {} : { points }),
    by: 'assessor-1',
    updatedAt: '2026-11-01T02:00:00.000Z-0000-srv',
  });
}

describe('monthly assessment, worked example (October 2026, 城关街道)', () => {
  // Complaint: 5 working days. Dispatched Thu Oct 8 10:00 → Oct 9, 10 (Sat, 调休), 12, 13, 14 → due 24:00 Oct 14.
  const late = handled(
    't-late',
    {
      created: '2026-10-08 10:00',
      signed: '2026-10-09 11:00',
      replied: '2026-10-15 09:00',
      callback: '2026-10-16 10:00',
    },
    { result: 'very_satisfied' },
  );
  const good = handled(
    't-good',
    {
      created: '2026-10-08 10:00',
      signed: '2026-10-08 11:00',
      replied: '2026-10-12 09:00',
      callback: '2026-10-13 10:00',
    },
    { result: 'very_satisfied' },
  );
  const unhappy = handled(
    't-unhappy',
    {
      created: '2026-10-08 10:00',
      signed: '2026-10-08 11:00',
      replied: '2026-10-12 09:00',
      callback: '2026-10-13 10:00',
    },
    { result: 'unsatisfied', falseReply: true },
    CALLER,
  );
  unhappy.add('2026-10-13 11:00', 'redo', dispatcher, {
    unitIds: [TOWN],
    reason: '回访不满意，办理结果不实',
  });
  // The same caller calls again about the same matter a week later (a repeat of an unresolved matter).
  const repeat = new EventScript('t-repeat');
  repeat.add('2026-10-20 09:00', 'created', operator, createdData({ callerKey: CALLER }));

  const tickets = [late, good, unhappy, repeat].map((s) => foldTicket(s.events, ctx, s.ticketId));
  const records = [record('leadership', 9), record('rules', 10), record('criticized_county')];
  const now = shanghai('2026-11-05 10:00');
  const result = assessUnits({ month: '2026-10', tickets, records, nowMs: now }).get(TOWN);

  it('finds each deduction and bonus with the ticket behind it', () => {
    const items = result?.items.map((i) => `${i.ticketId}:${i.rule}:${i.points}`).sort();
    expect(items).toEqual(
      [
        't-good:very_satisfied:1',
        't-late:late_sign:-1',
        't-late:overdue:-1',
        't-late:very_satisfied:1',
        't-unhappy:false_report:-1',
        't-unhappy:redo:-1',
        't-unhappy:repeat_unresolved:-1',
        // the redone assignment runs a fresh 5-day clock from Oct 13 (due 24:00 Oct 20): unreplied by Nov 5
        't-unhappy:overdue:-1',
      ].sort(),
    );
  });

  it('adds up: 80 − 4 ticket points − 5 county criticism = 71; total 9 + 10 + 71 = 90', () => {
    expect(result?.ticketPoints).toBe(-4);
    expect(result?.recordPoints).toBe(-5);
    expect(result?.results).toBe(71);
    expect(result?.total).toBe(90);
  });

  it('publishes the indicators with the tickets behind them', () => {
    const ind = result?.indicators;
    expect(ind?.completion).toEqual({
      rate: 2 / 3,
      numerator: ['t-good', 't-late'],
      denominator: ['t-good', 't-late', 't-unhappy'],
    });
    expect(ind?.onTime.rate).toBe(1 / 2);
    expect(ind?.resultSatisfaction).toMatchObject({ rate: 2 / 3, numerator: ['t-good', 't-late'] });
    expect(ind?.processSatisfaction.rate).toBe(1);
    expect(ind?.repeatCalls).toMatchObject({ numerator: ['t-repeat'], rate: 1 / 3 });
    expect(ind?.returns.rate).toBe(0);
  });

  it('leaves the total open until leadership and rules are entered', () => {
    const open = assessUnits({ month: '2026-10', tickets, records: [], nowMs: now }).get(TOWN);
    expect(open?.total).toBeNull();
    expect(open?.results).toBe(76);
  });

  it('dates items by their facts: November sees none of October’s', () => {
    const nov = assessUnits({ month: '2026-11', tickets, records, nowMs: now }).get(TOWN);
    expect(nov?.items ?? []).toEqual([]);
  });

  it('refuses points on criticism and missing points on leadership', () => {
    expect(() => record('criticized_city', 3)).toThrow();
    expect(() => record('leadership')).toThrow();
  });

  it('computes Shanghai month boundaries', () => {
    expect(monthRange('2026-10')).toEqual([
      shanghai('2026-10-01 00:00'),
      shanghai('2026-11-01 00:00'),
    ]);
    expect(monthRange('2026-12')[1]).toBe(shanghai('2027-01-01 00:00'));
  });
});

describe('assessment properties', () => {
  const MONTH = '2026-09';
  const ticketsArb = fc
    .array(
      fc.tuple(
        fc.constantFrom<string | null>(null, CALLER, 'd'.repeat(64)),
        fc.integer({ min: 0, max: 20 }),
      ),
      {
        maxLength: 6,
      },
    )
    .chain((specs) =>
      fc.tuple(
        ...specs.map(([key, day], i) =>
          eventSetArb(`ticket-${i}`, shanghai('2026-09-01 09:00') + day * 86_400_000, key),
        ),
      ),
    )
    .map((sets) => sets.map((events, i) => foldTicket(events, ctx, `ticket-${i}`)));

  it('the ticket-derived part of each unit’s score is the sum of its per-ticket contributions', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const now = shanghai('2026-10-15 00:00');
        const [start, end] = monthRange(MONTH);
        const repeats = repeatsByTicket(tickets);
        const scores = assessUnits({ month: MONTH, tickets, records: [], nowMs: now });
        const units = new Set([...scores.keys()]);
        for (const unitId of units) {
          const perTicket = tickets.map((t) =>
            ticketScoreItems(t, now, repeats.get(t.id))
              .filter((i) => i.unitId === unitId && i.at >= start && i.at < end)
              .reduce((sum, i) => sum + i.points, 0),
          );
          expect(scores.get(unitId)?.ticketPoints).toBe(perTicket.reduce((a, b) => a + b, 0));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('splitting anonymous tickets into two batches splits the points', () => {
    const anonymous = ticketsArb.map((ts) => ts.map((t) => ({ ...t, callerKey: null })));
    fc.assert(
      fc.property(anonymous, fc.nat(), (tickets, cut) => {
        const now = shanghai('2026-10-15 00:00');
        const k = tickets.length === 0 ? 0 : cut % (tickets.length + 1);
        const points = (ts: typeof tickets) => {
          const m = new Map<string, number>();
          for (const [u, a] of assessUnits({ month: MONTH, tickets: ts, records: [], nowMs: now }))
            m.set(u, a.ticketPoints);
          return m;
        };
        const whole = points(tickets);
        const left = points(tickets.slice(0, k));
        const right = points(tickets.slice(k));
        for (const [u, p] of whole) expect(p).toBe((left.get(u) ?? 0) + (right.get(u) ?? 0));
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order of tickets', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const now = shanghai('2026-10-15 00:00');
        const a = assessUnits({ month: MONTH, tickets, records: [], nowMs: now });
        const b = assessUnits({
          month: MONTH,
          tickets: [...tickets].reverse(),
          records: [],
          nowMs: now,
        });
        expect([...b].sort()).toEqual([...a].sort());
      }),
      { numRuns: 100 },
    );
  });
});
