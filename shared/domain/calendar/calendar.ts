/**
 * @module
 * China's working-day calendar (official holidays and adjusted working
 * weekends, 调休) and the Asia/Shanghai date arithmetic under it.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import builtIn2024 from 'chinese-days/dist/years/2024.json' with { type: 'json' };
import builtIn2025 from 'chinese-days/dist/years/2025.json' with { type: 'json' };
import builtIn2026 from 'chinese-days/dist/years/2026.json' with { type: 'json' };
import { type CalendarYear, CalendarYearSchema } from '../../schema/calendar-year';

/** A calendar date 'YYYY-MM-DD' in Asia/Shanghai. */
export type DateStr = string;

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  date: DateStr;
  working: boolean;
  kind: DayKind;
  /** The holiday the day belongs to (e.g. '春节'), for holidays and adjusted working days. */
  name?: string;
}

export interface WorkingCalendar {
  isWorkingDay(date: DateStr): boolean;
  dayInfo(date: DateStr): DayInfo;
  /** true when no official schedule is known for that year (only weekends are non-working): the UI warns */
  isProvisional(year: number): boolean;
  /** stable fingerprint of the data (so a replica can tell two calendars apart / cache folds) */
  readonly fingerprint: string;
}

// Asia/Shanghai has been a fixed UTC+08:00 since 1991, so a day is a plain 86.4 M ms slice.
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The Shanghai day containing an instant, as days since 1970-01-01.
 * @internal
 */
export function dayNumberOf(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/**
 * The instant 00:00 Asia/Shanghai of a day number.
 * @internal
 */
export function startOfDayNumber(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

// Howard Hinnant's civil-calendar algorithms: integer-only, so no Date parsing in hot loops.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function yearOfDayNumber(dayNumber: number): number {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Formats a day number as 'YYYY-MM-DD'.
 * @internal
 */
export function formatDayNumber(dayNumber: number): DateStr {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`year ${year} is outside 0000–9999`);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses 'YYYY-MM-DD' into a day number; throws a RangeError on anything else.
 * @internal
 */
export function parseDateStr(date: DateStr): number {
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  if (
    date.length !== 10 ||
    date[4] !== '-' ||
    date[7] !== '-' ||
    !(month >= 1 && month <= 12) ||
    !(day >= 1 && day <= daysInMonth(year, month))
  ) {
    throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return daysFromCivil(year, month, day);
}

/** 1970-01-01 (day 0) was a Thursday; 0 = Sunday … 6 = Saturday. */
function isWeekendDayNumber(dayNumber: number): boolean {
  const weekday = (((dayNumber + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/**
 * The Asia/Shanghai calendar date of an instant.
 *
 * @example
 * shanghaiDate(Date.parse('2026-09-30T16:30:00Z')); // '2026-10-01'
 */
export function shanghaiDate(ms: number): DateStr {
  return formatDayNumber(dayNumberOf(ms));
}

/**
 * The instant 00:00 Asia/Shanghai of a date.
 *
 * @example
 * startOfShanghaiDay('2026-10-01') === Date.parse('2026-10-01T00:00:00+08:00'); // true
 */
export function startOfShanghaiDay(date: DateStr): number {
  return startOfDayNumber(parseDateStr(date));
}

/**
 * The instant 24:00 Asia/Shanghai of a date, which is 00:00 of the next day.
 *
 * @example
 * endOfShanghaiDay('2026-09-30') === Date.parse('2026-10-01T00:00:00+08:00'); // true
 */
export function endOfShanghaiDay(date: DateStr): number {
  return startOfDayNumber(parseDateStr(date) + 1);
}

/**
 * The date `n` calendar days after `date` (before it when `n` is negative).
 *
 * @example
 * addDays('2026-12-31', 1); // '2027-01-01'
 */
export function addDays(date: DateStr, n: number): DateStr {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addDays needs an integer, got ${n}`);
  return formatDayNumber(parseDateStr(date) + n);
}

/**
 * Day-number access to a calendar, so deadline loops never build date strings.
 * @internal
 */
export interface DayKernel {
  isWorking(dayNumber: number): boolean;
  /** Working days d with first <= d <= last (0 when last < first). */
  countWorking(first: number, last: number): number;
}

const KIND_WORKDAY = 0;
const KIND_WEEKEND = 1;
const KIND_HOLIDAY = 2;
const KIND_ADJUSTED = 3;
const KIND_NAMES: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'adjusted_workday'];

interface YearTable {
  readonly first: number;
  /** One past the last day number of the year. */
  readonly end: number;
  readonly kinds: Uint8Array;
  readonly working: Uint8Array;
  /** prefix[i] = working days among the first i days of the year. */
  readonly prefix: Uint16Array;
  readonly names: ReadonlyMap<number, string>;
}

function buildYearTable(year: number, record: CalendarYear | undefined): YearTable {
  const first = daysFromCivil(year, 1, 1);
  const end = daysFromCivil(year + 1, 1, 1);
  const length = end - first;
  const kinds = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    kinds[i] = isWeekendDayNumber(first + i) ? KIND_WEEKEND : KIND_WORKDAY;
  }
  const names = new Map<number, string>();
  for (const entry of record?.holidays ?? []) {
    const i = parseDateStr(entry.date) - first;
    kinds[i] = KIND_HOLIDAY;
    names.set(i, entry.name);
  }
  for (const entry of record?.workdays ?? []) {
    const i = parseDateStr(entry.date) - first;
    kinds[i] = KIND_ADJUSTED;
    names.set(i, entry.name);
  }
  const working = new Uint8Array(length);
  const prefix = new Uint16Array(length + 1);
  for (let i = 0; i < length; i++) {
    const kind = kinds[i];
    const isWorking = kind === KIND_WORKDAY || kind === KIND_ADJUSTED ? 1 : 0;
    working[i] = isWorking;
    prefix[i + 1] = (prefix[i] ?? 0) + isWorking;
  }
  return { first, end, kinds, working, prefix, names };
}

/** chinese-days stores 'Spring Festival,春节,4'; the hotline speaks Chinese, so keep the middle part. */
function fromChineseDays(year: number, data: Record<string, Record<string, string>>): CalendarYear {
  const entries = (list: Record<string, string> | undefined) =>
    Object.entries(list ?? {})
      .map(([date, label]) => ({ date, name: label.split(',')[1] ?? label }))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
  return {
    id: `cal-${year}`,
    year,
    holidays: entries(data.holidays),
    workdays: entries(data.workdays),
    source: `chinese-days 1.5.7 (国务院办公厅关于${year}年部分节假日安排的通知)`,
    updatedAt: '',
  };
}

/** Built-in schedules, shipped with the release; admin overrides replace them year by year. */
const BUILT_IN: readonly CalendarYear[] = [
  fromChineseDays(2024, builtIn2024),
  fromChineseDays(2025, builtIn2025),
  fromChineseDays(2026, builtIn2026),
];

/** Total order on same-year records so every replica picks the same winner whatever the array order. */
function canonical(record: CalendarYear): string {
  return JSON.stringify([
    record.updatedAt,
    record.id,
    record.year,
    record.holidays,
    record.workdays,
    record.source,
  ]);
}

function newerRecord(a: CalendarYear, b: CalendarYear): CalendarYear {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  return canonical(a) >= canonical(b) ? a : b;
}

function fingerprintOf(records: ReadonlyMap<number, CalendarYear>): string {
  // Only what changes a day's meaning counts: source and updatedAt do not.
  const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : 1);
  const lines = [...records.values()]
    .sort((a, b) => a.year - b.year)
    .map((r) => {
      const holidays = [...r.holidays].sort(byDate).map((e) => `${e.date}=${e.name}`);
      const workdays = [...r.workdays].sort(byDate).map((e) => `${e.date}=${e.name}`);
      return `${r.year}\u0000H${holidays.join('\u0001')}\u0000W${workdays.join('\u0001')}`;
    });
  return `cal1-${bytesToHex(sha256(utf8ToBytes(lines.join('\n')))).slice(0, 32)}`;
}

const kernels = new WeakMap<WorkingCalendar, DayKernel>();

/**
 * Builds the working-day calendar: the built-in 2024–2026 schedules, replaced
 * year by year by `overrides` (the admin's published records). Of two
 * overrides for one year the greater `updatedAt` wins (ties broken by content,
 * so the array order never matters). Years with no schedule are provisional:
 * only Saturdays and Sundays are off. Overrides are validated with
 * {@link CalendarYearSchema}; an invalid one throws.
 *
 * @example
 * const cal = createCalendar();
 * cal.isWorkingDay('2026-10-10'); // true: 调休 Saturday
 * cal.dayInfo('2026-10-01'); // { date: '2026-10-01', working: false, kind: 'holiday', name: '国庆节' }
 * cal.isProvisional(2027); // true until an admin publishes 2027
 */
export function createCalendar(overrides: readonly CalendarYear[] = []): WorkingCalendar {
  const records = new Map<number, CalendarYear>();
  for (const record of BUILT_IN) records.set(record.year, record);
  const winners = new Map<number, CalendarYear>();
  for (const raw of overrides) {
    const record = CalendarYearSchema.parse(raw);
    const current = winners.get(record.year);
    winners.set(record.year, current === undefined ? record : newerRecord(current, record));
  }
  for (const [year, record] of winners) records.set(year, record);

  const tables = new Map<number, YearTable>();
  let last: YearTable = tableFor(2026);

  function tableFor(year: number): YearTable {
    let table = tables.get(year);
    if (table === undefined) {
      table = buildYearTable(year, records.get(year));
      tables.set(year, table);
    }
    return table;
  }

  function tableOfDay(dayNumber: number): YearTable {
    // Deadline loops walk consecutive days, so the last year used is almost always the right one.
    if (dayNumber < last.first || dayNumber >= last.end) {
      last = tableFor(yearOfDayNumber(dayNumber));
    }
    return last;
  }

  const kernel: DayKernel = {
    isWorking(dayNumber) {
      const table = tableOfDay(dayNumber);
      return table.working[dayNumber - table.first] === 1;
    },
    countWorking(first, lastDay) {
      let count = 0;
      let day = first;
      while (day <= lastDay) {
        const table = tableOfDay(day);
        const upTo = Math.min(lastDay + 1, table.end);
        count += (table.prefix[upTo - table.first] ?? 0) - (table.prefix[day - table.first] ?? 0);
        day = upTo;
      }
      return count;
    },
  };

  const calendar: WorkingCalendar = {
    isWorkingDay: (date) => kernel.isWorking(parseDateStr(date)),
    dayInfo(date) {
      const dayNumber = parseDateStr(date);
      const table = tableOfDay(dayNumber);
      const i = dayNumber - table.first;
      const kind = KIND_NAMES[table.kinds[i] ?? KIND_WORKDAY] ?? 'workday';
      const info: DayInfo = { date, working: table.working[i] === 1, kind };
      const name = table.names.get(i);
      if (name !== undefined) info.name = name;
      return info;
    },
    isProvisional: (year) => !records.has(year),
    fingerprint: fingerprintOf(records),
  };
  kernels.set(calendar, kernel);
  return calendar;
}

/**
 * The day-number view of any calendar: the fast tables for one made by
 * {@link createCalendar}, a string-based fallback for any other implementation.
 * @internal
 */
export function dayKernel(cal: WorkingCalendar): DayKernel {
  const known = kernels.get(cal);
  if (known !== undefined) return known;
  const isWorking = (dayNumber: number) => cal.isWorkingDay(formatDayNumber(dayNumber));
  return {
    isWorking,
    countWorking(first, last) {
      let count = 0;
      for (let day = first; day <= last; day++) if (isWorking(day)) count++;
      return count;
    },
  };
}
