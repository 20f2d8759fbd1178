/**
 * @module
 * SLA deadline maths on the working-day calendar: time limits in working
 * days, holidays postpone them (节假日顺延), the start day is not counted
 * (期间开始的当日不计入), and a deadline is the instant 24:00 Asia/Shanghai.
 */
import type { TicketCategory } from '../../schema/ticket-enums';
import { dayKernel, dayNumberOf, startOfDayNumber, type WorkingCalendar } from './calendar';

/** Handling time limits in working days, per ticket category. */
export const TIME_LIMIT_WORKING_DAYS: Readonly<Record<TicketCategory, number>> = Object.freeze({
  consult: 3,
  help: 5,
  complaint: 5,
  report: 10,
  suggestion: 5,
  praise: 3,
  other: 3,
});

/** A unit must sign for (签收) or return (退件) a dispatched ticket within 24 hours. */
export const SIGN_WINDOW_MS = 24 * 3600 * 1000;

// Schema-valid calendars keep at least ~250 working days a year; a year with none is a broken calendar.
const MAX_DAYS_WITHOUT_WORK = 366;

function nthWorkingDayAfter(cal: WorkingCalendar, dayNumber: number, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`a time limit is a whole number of working days >= 1, got ${n}`);
  }
  const kernel = dayKernel(cal);
  let day = dayNumber;
  let counted = 0;
  let idle = 0;
  while (counted < n) {
    day++;
    if (kernel.isWorking(day)) {
      counted++;
      idle = 0;
    } else if (++idle > MAX_DAYS_WITHOUT_WORK) {
      throw new RangeError('the calendar has no working day within a year');
    }
  }
  return day;
}

/**
 * The day whose 24:00 a deadline is: an exact midnight closes the day before it.
 * @internal
 */
export function deadlineDayNumber(deadlineMs: number): number {
  return dayNumberOf(deadlineMs - 1);
}

/**
 * Deadline instant = 24:00 Asia/Shanghai of the Nth working day after the day
 * containing `fromMs`; the start day itself is never counted, even when it is
 * a working day (Chinese law on periods: 期间开始的当日不计入). `n` must be an
 * integer >= 1, otherwise a RangeError is thrown.
 *
 * @example
 * // Thu 2026-09-24 10:00: Sep 25–27 (中秋) are off, so Sep 28, 29, 30 count.
 * addWorkingDays(cal, Date.parse('2026-09-24T10:00:00+08:00'), 3)
 *   === Date.parse('2026-10-01T00:00:00+08:00'); // true
 */
export function addWorkingDays(cal: WorkingCalendar, fromMs: number, n: number): number {
  return startOfDayNumber(nthWorkingDayAfter(cal, dayNumberOf(fromMs), n) + 1);
}

/**
 * Extension (延期): N more working days counted from the deadline's own day,
 * the day whose 24:00 the deadline is (a deadline at exactly 00:00 belongs to
 * the day before; one at any other instant to the day it falls in). Hence
 * `extendDeadline(cal, addWorkingDays(cal, f, a), b) === addWorkingDays(cal, f, a + b)`.
 *
 * @example
 * // Deadline 24:00 Sep 30 2026, +5: Oct 8, 9, 10 (调休 Sat), 12, 13.
 * extendDeadline(cal, Date.parse('2026-10-01T00:00:00+08:00'), 5)
 *   === Date.parse('2026-10-14T00:00:00+08:00'); // true
 */
export function extendDeadline(cal: WorkingCalendar, deadlineMs: number, n: number): number {
  return startOfDayNumber(nthWorkingDayAfter(cal, deadlineDayNumber(deadlineMs), n) + 1);
}

/**
 * Number of working days d with shanghaiDate(fromMs) < d <= the Shanghai day of
 * `toMs` read as an end instant: an exact midnight counts as 24:00 of the day
 * before, so a deadline's own day is the last day counted and
 * `workingDaysBetween(cal, f, addWorkingDays(cal, f, n)) === n`. 0 when `toMs <= fromMs`.
 *
 * @example
 * workingDaysBetween(
 *   cal,
 *   Date.parse('2026-09-24T10:00:00+08:00'),
 *   Date.parse('2026-10-01T00:00:00+08:00'),
 * ); // 3 (Sep 28, 29, 30)
 */
export function workingDaysBetween(cal: WorkingCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  return dayKernel(cal).countWorking(dayNumberOf(fromMs) + 1, deadlineDayNumber(toMs));
}

export interface Remaining {
  /** `nowMs >= deadlineMs`: the deadline instant itself (24:00) is already late. */
  overdue: boolean;
  /** `deadlineMs - nowMs`; zero or negative once overdue. */
  msLeft: number;
  /** Working days still usable, today included when it is a working day; 0 once overdue. */
  workingDaysLeft: number;
  /** 即将超期: not overdue, and the deadline day is no later than the next working day after today. */
  dueSoon: boolean;
}

/**
 * Where a ticket stands against its deadline at instant `nowMs`.
 *
 * - `overdue` = `nowMs >= deadlineMs`; `msLeft` = `deadlineMs - nowMs`.
 * - `workingDaysLeft` = working days d with today <= d <= the deadline's day
 *   (today = Shanghai day of `nowMs`, counted when it is a working day since
 *   part of it remains); 0 when overdue. At dispatch on a working day it is
 *   therefore the time limit + 1.
 * - `dueSoon` = not overdue and the deadline's day <= the first working day
 *   strictly after today: on a working day the deadline is today or the next
 *   working day; on a day off it is the next working day (or earlier).
 *
 * @example
 * const due = Date.parse('2026-10-01T00:00:00+08:00'); // 24:00 Wed Sep 30
 * remainingTime(cal, Date.parse('2026-09-29T09:00:00+08:00'), due);
 * // { overdue: false, msLeft: 140_400_000, workingDaysLeft: 2, dueSoon: true }
 */
export function remainingTime(cal: WorkingCalendar, nowMs: number, deadlineMs: number): Remaining {
  const msLeft = deadlineMs - nowMs;
  if (msLeft <= 0) return { overdue: true, msLeft, workingDaysLeft: 0, dueSoon: false };
  const kernel = dayKernel(cal);
  const today = dayNumberOf(nowMs);
  const deadlineDay = deadlineDayNumber(deadlineMs);
  const workingDaysLeft = kernel.countWorking(today, deadlineDay);
  const dueSoon = deadlineDay <= today || deadlineDay <= nthWorkingDayAfter(cal, today, 1);
  return { overdue: false, msLeft, workingDaysLeft, dueSoon };
}

/**
 * The handling deadline of a ticket dispatched at `fromMs`: the category's
 * time limit (or `overrideDays`, e.g. a shorter limit set by the dispatcher).
 *
 * @example
 * deadlineForCategory(cal, 'report', Date.parse('2026-09-29T14:00:00+08:00'));
 * // 24:00 Mon 2026-10-19: Sep 30, Oct 8, 9, 10 (调休), 12–16, 19
 */
export function deadlineForCategory(
  cal: WorkingCalendar,
  category: TicketCategory,
  fromMs: number,
  overrideDays?: number,
): number {
  return addWorkingDays(cal, fromMs, overrideDays ?? TIME_LIMIT_WORKING_DAYS[category]);
}
