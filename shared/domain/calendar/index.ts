/**
 * @module
 * China's working-day calendar and SLA deadline maths. Day-number helpers in
 * `calendar.ts` marked `@internal` stay behind this surface.
 */
export {
  addDays,
  createCalendar,
  type DateStr,
  type DayInfo,
  type DayKind,
  endOfShanghaiDay,
  shanghaiDate,
  startOfShanghaiDay,
  type WorkingCalendar,
} from './calendar';
export {
  addWorkingDays,
  deadlineForCategory,
  extendDeadline,
  type Remaining,
  remainingTime,
  SIGN_WINDOW_MS,
  TIME_LIMIT_WORKING_DAYS,
  workingDaysBetween,
} from './deadline';
