import data2024 from 'chinese-days/dist/years/2024.json' with { type: 'json' };
import data2025 from 'chinese-days/dist/years/2025.json' with { type: 'json' };
import data2026 from 'chinese-days/dist/years/2026.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../schema/calendar-year';
import type { TicketCategory } from '../../schema/ticket-enums';
import {
  addWorkingDays,
  createCalendar,
  deadlineForCategory,
  extendDeadline,
  remainingTime,
  shanghaiDate,
  startOfShanghaiDay,
  TIME_LIMIT_WORKING_DAYS,
  type WorkingCalendar,
  workingDaysBetween,
} from './index';

const DAY = 86_400_000;
const FROM_MIN = Date.parse('2024-01-01T00:00:00+08:00');
const FROM_MAX = Date.parse('2028-01-01T00:00:00+08:00') - 1;

/** Independent of the code under test: Date objects and plain sets, slow and obvious. */
function oracle(overrides: readonly CalendarYear[]): (date: string) => boolean {
  const off = new Set<string>();
  const on = new Set<string>();
  const byYear = new Map<number, { holidays: string[]; workdays: string[] }>();
  for (const [year, data] of [
    [2024, data2024],
    [2025, data2025],
    [2026, data2026],
  ] as const) {
    byYear.set(year, {
      holidays: Object.keys(data.holidays),
      workdays: Object.keys(data.workdays),
    });
  }
  for (const r of overrides) {
    byYear.set(r.year, {
      holidays: r.holidays.map((e) => e.date),
      workdays: r.workdays.map((e) => e.date),
    });
  }
  for (const { holidays, workdays } of byYear.values()) {
    for (const d of holidays) off.add(d);
    for (const d of workdays) on.add(d);
  }
  return (date) => {
    if (off.has(date)) return false;
    if (on.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
}

function oracleDeadline(isWorking: (date: string) => boolean, fromMs: number, n: number): number {
  let dayStart = Date.parse(
    `${new Date(fromMs + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`,
  );
  let counted = 0;
  while (counted < n) {
    dayStart += DAY;
    if (isWorking(new Date(dayStart).toISOString().slice(0, 10))) counted++;
  }
  return dayStart + DAY - 8 * 3_600_000;
}

/** A schema-valid schedule for `year`: up to 60 days off, up to 20 working weekend days. */
function yearRecordArb(year: number): fc.Arbitrary<CalendarYear> {
  const first = Date.UTC(year, 0, 1);
  const length = (Date.UTC(year + 1, 0, 1) - first) / DAY;
  const dateAt = (i: number) => new Date(first + i * DAY).toISOString().slice(0, 10);
  const isWeekend = (i: number) => [0, 6].includes(new Date(first + i * DAY).getUTCDay());
  return fc
    .record({
      holidays: fc.uniqueArray(fc.integer({ min: 0, max: length - 1 }), { maxLength: 60 }),
      workdays: fc.uniqueArray(fc.integer({ min: 0, max: length - 1 }), { maxLength: 60 }),
      updatedAt: fc.constantFrom('a', 'b', 'c'),
    })
    .map(({ holidays, workdays, updatedAt }) => ({
      id: `cal-${year}`,
      year,
      holidays: holidays.map((i) => ({ date: dateAt(i), name: '假' })),
      workdays: workdays
        .filter((i) => isWeekend(i) && !holidays.includes(i))
        .slice(0, 20)
        .map((i) => ({ date: dateAt(i), name: '班' })),
      source: 'property test',
      updatedAt,
    }));
}

/** Override sets with at most one record per year, so the oracle needs no conflict rule. */
const overridesArb: fc.Arbitrary<CalendarYear[]> = fc
  .subarray([2025, 2026, 2027, 2028])
  .chain((years) => fc.tuple(...years.map(yearRecordArb)));

const scenarioArb = fc
  .oneof(fc.constant<CalendarYear[]>([]), overridesArb)
  .map((overrides) => ({ overrides, cal: createCalendar(overrides) }));

const fromArb = fc.integer({ min: FROM_MIN, max: FROM_MAX });
const nArb = fc.integer({ min: 1, max: 30 });
const categoryArb = fc.constantFrom(...(Object.keys(TIME_LIMIT_WORKING_DAYS) as TicketCategory[]));

const deadlineDay = (deadlineMs: number) => shanghaiDate(deadlineMs - 1);
const RUNS = { numRuns: 300 };

describe('deadline properties (built-in and random override calendars, 2024–2027)', () => {
  it('matches a naive day-by-day oracle', () => {
    fc.assert(
      fc.property(scenarioArb, fromArb, nArb, ({ overrides, cal }, from, n) => {
        expect(addWorkingDays(cal, from, n)).toBe(oracleDeadline(oracle(overrides), from, n));
      }),
      { numRuns: 150 },
    );
  });

  it('lands on 24:00 of a working day after the start day, for every category', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fromArb,
        categoryArb,
        fc.option(nArb, { nil: undefined }),
        ({ cal }, from, category, overrideDays) => {
          const deadline = deadlineForCategory(cal, category, from, overrideDays);
          const day = deadlineDay(deadline);
          expect(cal.isWorkingDay(day)).toBe(true);
          expect(startOfShanghaiDay(shanghaiDate(deadline))).toBe(deadline);
          expect(deadline - startOfShanghaiDay(day)).toBe(DAY);
          expect(day > shanghaiDate(from)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('is strictly increasing in n and non-decreasing in the start instant', () => {
    fc.assert(
      fc.property(scenarioArb, fromArb, fromArb, nArb, ({ cal }, a, b, n) => {
        expect(addWorkingDays(cal, a, n + 1)).toBeGreaterThan(addWorkingDays(cal, a, n));
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(addWorkingDays(cal, early, n)).toBeLessThanOrEqual(addWorkingDays(cal, late, n));
      }),
      RUNS,
    );
  });

  it('workingDaysBetween(from, addWorkingDays(from, n)) === n', () => {
    fc.assert(
      fc.property(scenarioArb, fromArb, nArb, ({ cal }, from, n) => {
        expect(workingDaysBetween(cal, from, addWorkingDays(cal, from, n))).toBe(n);
      }),
      RUNS,
    );
  });

  it('extendDeadline(addWorkingDays(f, a), b) === addWorkingDays(f, a + b)', () => {
    fc.assert(
      fc.property(scenarioArb, fromArb, nArb, nArb, ({ cal }, from, a, b) => {
        expect(extendDeadline(cal, addWorkingDays(cal, from, a), b)).toBe(
          addWorkingDays(cal, from, a + b),
        );
      }),
      RUNS,
    );
  });

  it('at dispatch, remainingTime counts the limit plus today when today is a working day', () => {
    fc.assert(
      fc.property(scenarioArb, fromArb, nArb, ({ cal }, from, n) => {
        const deadline = addWorkingDays(cal, from, n);
        const today = cal.isWorkingDay(shanghaiDate(from)) ? 1 : 0;
        expect(remainingTime(cal, from, deadline)).toMatchObject({
          overdue: false,
          msLeft: deadline - from,
          workingDaysLeft: n + today,
          dueSoon: n === 1,
        });
        expect(remainingTime(cal, deadline, deadline).overdue).toBe(true);
        expect(remainingTime(cal, deadline - 1, deadline)).toMatchObject({
          overdue: false,
          workingDaysLeft: 1,
          dueSoon: true,
        });
      }),
      RUNS,
    );
  });

  it('workingDaysLeft never grows and dueSoon never switches off before the deadline', () => {
    fc.assert(
      fc.property(scenarioArb, fromArb, nArb, fromArb, fromArb, ({ cal }, from, n, x, y) => {
        const deadline = addWorkingDays(cal, from, n);
        const span = deadline - from;
        const [t1, t2] = [from + (x % span), from + (y % span)].sort((p, q) => p - q) as [
          number,
          number,
        ];
        const r1 = remainingTime(cal, t1, deadline);
        const r2 = remainingTime(cal, t2, deadline);
        expect(r2.workingDaysLeft).toBeLessThanOrEqual(r1.workingDaysLeft);
        if (r1.dueSoon) expect(r2.dueSoon).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('calendar properties', () => {
  it('the order of the overrides never matters, duplicate years included', () => {
    const permutedArb = fc
      .array(
        fc.constantFrom(2026, 2027).chain((year) => yearRecordArb(year)),
        { maxLength: 4 },
      )
      .chain((records) =>
        fc.tuple(
          fc.constant(records),
          fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
        ),
      );
    fc.assert(
      fc.property(permutedArb, ([records, permuted]) => {
        expect(createCalendar(permuted).fingerprint).toBe(createCalendar(records).fingerprint);
      }),
      { numRuns: 100 },
    );
  });

  it('a year with a record is official, one without is provisional', () => {
    fc.assert(
      fc.property(overridesArb, (overrides) => {
        const cal: WorkingCalendar = createCalendar(overrides);
        for (const year of [2024, 2025, 2026, 2027, 2028]) {
          const known = year <= 2026 || overrides.some((r) => r.year === year);
          expect(cal.isProvisional(year)).toBe(!known);
        }
      }),
      { numRuns: 50 },
    );
  });
});
