import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../schema/calendar-year';
import type { TicketCategory } from '../../schema/ticket-enums';
import {
  addWorkingDays,
  createCalendar,
  deadlineForCategory,
  extendDeadline,
  remainingTime,
  SIGN_WINDOW_MS,
  TIME_LIMIT_WORKING_DAYS,
  type WorkingCalendar,
  workingDaysBetween,
} from './index';

const cal = createCalendar();
/** An instant written in Shanghai wall-clock time. */
const sh = (local: string) => Date.parse(`${local}+08:00`);
/** 24:00 Shanghai of a date, i.e. 00:00 of the next. */
const endOf = (date: string) => Date.parse(`${date}T00:00:00+08:00`) + 86_400_000;

describe('addWorkingDays on the official schedules', () => {
  it.each([
    // [what, dispatched at (Shanghai), working days, deadline is 24:00 of]
    ['consult before 中秋+国庆 2026: counts Sep 28, 29, 30', '2026-09-24T10:00', 3, '2026-09-30'],
    [
      'help before 春节 2026: Sat Feb 14 counts, Feb 15–23 do not',
      '2026-02-13T09:00',
      5,
      '2026-02-27',
    ],
    ['consult before 春节 2026: Feb 13, 14 (Sat), 24', '2026-02-12T16:30', 3, '2026-02-24'],
    ['report across 国庆 2026 with Sat Oct 10 working', '2026-09-29T14:00', 10, '2026-10-19'],
    ['dispatched 23:59 Wed', '2026-03-04T23:59', 3, '2026-03-09'],
    ['dispatched 00:01 Thu, same UTC day as 23:59 Wed', '2026-03-05T00:01', 3, '2026-03-10'],
    ['start day on a holiday is not counted', '2026-10-03T11:00', 3, '2026-10-10'],
    ['start day on a 调休 Sunday is not counted either', '2026-01-04T10:00', 3, '2026-01-07'],
    ['across the year end into 元旦 2026 and Sun Jan 4', '2025-12-31T10:00', 3, '2026-01-06'],
    ['清明 2026', '2026-04-03T10:00', 3, '2026-04-09'],
    ['端午 2026', '2026-06-18T10:00', 3, '2026-06-24'],
    ['2025: Sun Sep 28 counts', '2025-09-26T10:00', 3, '2025-09-30'],
    ['2025: Oct 1–8 off, Sat Oct 11 counts', '2025-09-30T10:00', 5, '2025-10-14'],
    ['2024: 春节 Feb 10–17 off, Sun Feb 18 counts', '2024-02-09T10:00', 3, '2024-02-20'],
    ['2024: Sun Sep 29 counts, Oct 1–7 off', '2024-09-27T10:00', 5, '2024-10-10'],
    ['2027 is provisional: weekends only', '2027-09-30T10:00', 3, '2027-10-05'],
  ] as const)('%s', (_what, from, n, deadlineDay) => {
    expect(new Date(addWorkingDays(cal, sh(from), n)).toISOString()).toBe(
      new Date(endOf(deadlineDay)).toISOString(),
    );
  });

  it('23:59 and 00:01 Shanghai on the same UTC day give deadlines a working day apart', () => {
    const late = sh('2026-03-04T23:59');
    const early = sh('2026-03-05T00:01');
    expect(new Date(late).getUTCDate()).toBe(new Date(early).getUTCDate());
    expect(addWorkingDays(cal, early, 3) - addWorkingDays(cal, late, 3)).toBe(86_400_000);
  });

  it('a deadline is 24:00 of its day, which is the next day 00:00 +08:00', () => {
    expect(addWorkingDays(cal, sh('2026-09-24T10:00'), 3)).toBe(Date.parse('2026-09-30T16:00:00Z'));
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses n = %s', (n) => {
    expect(() => addWorkingDays(cal, sh('2026-03-04T10:00'), n)).toThrow(RangeError);
    expect(() => extendDeadline(cal, sh('2026-03-05T00:00'), n)).toThrow(RangeError);
  });
});

describe('deadlineForCategory', () => {
  it('uses the time limit of each category', () => {
    expect(TIME_LIMIT_WORKING_DAYS).toEqual({
      consult: 3,
      help: 5,
      complaint: 5,
      report: 10,
      suggestion: 5,
      praise: 3,
      other: 3,
    });
    expect(Object.isFrozen(TIME_LIMIT_WORKING_DAYS)).toBe(true);
  });

  it.each([
    ['consult', '2026-03-09'],
    ['praise', '2026-03-09'],
    ['other', '2026-03-09'],
    ['help', '2026-03-11'],
    ['complaint', '2026-03-11'],
    ['suggestion', '2026-03-11'],
    ['report', '2026-03-18'],
  ] as const)('%s dispatched Wed 2026-03-04 is due 24:00 %s', (category, day) => {
    expect(deadlineForCategory(cal, category, sh('2026-03-04T10:00'))).toBe(endOf(day));
  });

  it('a dispatcher may set the limit', () => {
    const category: TicketCategory = 'report';
    expect(deadlineForCategory(cal, category, sh('2026-03-04T10:00'), 1)).toBe(endOf('2026-03-05'));
  });

  it('signing window is 24 hours', () => {
    expect(SIGN_WINDOW_MS).toBe(86_400_000);
  });
});

describe('extendDeadline', () => {
  it.each([
    ['from 24:00 Sep 30 2026 over 国庆, Oct 10 counts', '2026-10-01T00:00', 5, '2026-10-13'],
    ['from 24:00 Fri before 春节 2026', '2026-02-14T00:00', 2, '2026-02-24'],
    ['a deadline inside a day belongs to that day', '2026-03-04T18:00', 1, '2026-03-05'],
    ['a midnight deadline belongs to the day before', '2026-03-05T00:00', 1, '2026-03-05'],
  ] as const)('%s', (_what, deadline, n, day) => {
    expect(extendDeadline(cal, sh(deadline), n)).toBe(endOf(day));
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['dispatch to its 3-day deadline', '2026-09-24T10:00', '2026-10-01T00:00', 3],
    ['same day', '2026-03-04T08:00', '2026-03-04T20:00', 0],
    ['to the next morning', '2026-03-04T20:00', '2026-03-05T08:00', 1],
    ['to exactly 24:00 of the start day', '2026-03-04T20:00', '2026-03-05T00:00', 0],
    ['just after 24:00', '2026-03-04T20:00', '2026-03-05T00:00:00.001', 1],
    ['over 春节 2026', '2026-02-13T09:00', '2026-02-25T09:00', 3],
    ['a whole National Day week 2025', '2025-09-30T09:00', '2025-10-08T23:00', 0],
    ['across years', '2025-12-31T09:00', '2026-01-06T09:00', 3],
    ['backwards', '2026-03-10T09:00', '2026-03-04T09:00', 0],
    // 261 weekdays − 19 weekday holidays + 6 调休 weekends
    ['a whole year 2026', '2025-12-31T12:00', '2026-12-31T12:00', 248],
  ] as const)('%s', (_what, from, to, n) => {
    expect(workingDaysBetween(cal, sh(from), sh(to))).toBe(n);
  });
});

describe('remainingTime', () => {
  const due = endOf('2026-09-30'); // consult dispatched Thu 2026-09-24

  it.each([
    ['at dispatch, Thu (today counts)', '2026-09-24T10:00', 4, false],
    ['on the 中秋 holiday', '2026-09-26T10:00', 3, false],
    ['Monday: two more working days after today', '2026-09-28T09:00', 3, false],
    ['Tuesday: deadline is the next working day', '2026-09-29T09:00', 2, true],
    ['the deadline day', '2026-09-30T09:00', 1, true],
    ['one ms before', '2026-09-30T23:59:59.999', 1, true],
  ] as const)('%s', (_what, now, workingDaysLeft, dueSoon) => {
    expect(remainingTime(cal, sh(now), due)).toEqual({
      overdue: false,
      msLeft: due - sh(now),
      workingDaysLeft,
      dueSoon,
    });
  });

  it('is overdue from the deadline instant on', () => {
    expect(remainingTime(cal, due, due)).toEqual({
      overdue: true,
      msLeft: 0,
      workingDaysLeft: 0,
      dueSoon: false,
    });
    const later = remainingTime(cal, sh('2026-10-03T12:00'), due);
    expect(later.overdue).toBe(true);
    expect(later.msLeft).toBe(-(2 * 86_400_000 + 12 * 3_600_000));
  });

  it('on a day off only the next working day is due soon', () => {
    // Fri 2026-09-25 is 中秋; the next working day is Mon Sep 28.
    const now = sh('2026-09-25T10:00');
    expect(remainingTime(cal, now, endOf('2026-09-28')).dueSoon).toBe(true);
    expect(remainingTime(cal, now, endOf('2026-09-29')).dueSoon).toBe(false);
    expect(remainingTime(cal, now, endOf('2026-09-28')).workingDaysLeft).toBe(1);
  });

  it('a deadline on a day off before any working day is due soon with 0 working days', () => {
    const r = remainingTime(cal, sh('2026-10-02T10:00'), endOf('2026-10-04'));
    expect(r).toMatchObject({ overdue: false, workingDaysLeft: 0, dueSoon: true });
  });
});

describe('with an admin override', () => {
  const y2027: CalendarYear = {
    id: 'cal-2027',
    year: 2027,
    holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
      date: `2027-10-${d}`,
      name: '国庆节',
    })),
    workdays: [{ date: '2027-10-09', name: '国庆节' }],
    source: 'test',
    updatedAt: '1',
  };
  const overridden: WorkingCalendar = createCalendar([y2027]);

  it('postpones deadlines over the published holidays', () => {
    const from = sh('2027-09-30T10:00');
    expect(addWorkingDays(cal, from, 3)).toBe(endOf('2027-10-05'));
    expect(addWorkingDays(overridden, from, 3)).toBe(endOf('2027-10-11'));
  });
});

describe('any WorkingCalendar implementation', () => {
  it('works through isWorkingDay when not built by createCalendar', () => {
    const mondaysOff: WorkingCalendar = {
      isWorkingDay: (date) => new Date(`${date}T00:00:00Z`).getUTCDay() !== 1,
      dayInfo: (date) => ({ date, working: true, kind: 'workday' }),
      isProvisional: () => false,
      fingerprint: 'test',
    };
    const from = sh('2026-03-06T10:00'); // Friday
    expect(addWorkingDays(mondaysOff, from, 3)).toBe(endOf('2026-03-10'));
    expect(workingDaysBetween(mondaysOff, from, endOf('2026-03-10'))).toBe(3);
  });

  it('throws instead of looping forever on a calendar with no working day', () => {
    const never: WorkingCalendar = {
      isWorkingDay: () => false,
      dayInfo: (date) => ({ date, working: false, kind: 'holiday' }),
      isProvisional: () => false,
      fingerprint: 'never',
    };
    expect(() => addWorkingDays(never, sh('2026-03-04T10:00'), 1)).toThrow(RangeError);
  });
});
