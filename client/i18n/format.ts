/**
 * @module
 * Dates, numbers and countdowns for the hotline, always on Beijing time
 * (Asia/Shanghai) whatever the device's zone: deadlines are 24:00 in China.
 * The formatters are cached per locale; each function reads the current
 * locale, so it is reactive inside Solid effects.
 *
 * @example
 * formatDateTime(Date.UTC(2026, 10, 25, 9, 5)) // 11月25日 星期三 17:05
 * formatCountdown({ deadline, now, workingDaysLeft: 2 }).text // 剩余 2 个工作日
 */
import { type Locale, locale, t } from './index';

export const TIME_ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;
const MINUTE = 60_000;

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function dateFormat(loc: Locale, name: string, options: Intl.DateTimeFormatOptions) {
  const key = `d:${loc}:${name}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(loc, { timeZone: TIME_ZONE, ...options });
    cache.set(key, format);
  }
  return format;
}

function partsOf(format: Intl.DateTimeFormat, at: number | Date) {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return parts;
}

/** `11月25日 星期三 17:05` / `Wed 25 Nov 17:05`. */
export function formatDateTime(at: number | Date): string {
  const loc = locale();
  const p = partsOf(
    dateFormat(loc, 'datetime', {
      month: loc === 'en' ? 'short' : 'numeric',
      day: 'numeric',
      weekday: loc === 'en' ? 'short' : 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
    at,
  );
  return loc === 'en'
    ? `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute}`
    : `${p.month}月${p.day}日 ${p.weekday} ${p.hour}:${p.minute}`;
}

/**
 * A deadline the Chinese way: an instant at 00:00 Beijing time is the end of
 * the day before, `12月2日 星期三 24:00`, as the limit is counted (the Nth
 * working day, to its end).
 */
export function formatDeadline(at: number): string {
  const shanghaiMs = at + 8 * 3_600_000;
  if (shanghaiMs % 86_400_000 !== 0) return formatDateTime(at);
  return formatDateTime(at - 60_000).replace(/23:59$/, '24:00');
}

/** `2026年11月25日` / `25 Nov 2026`. */
export function formatDate(at: number | Date): string {
  const loc = locale();
  return dateFormat(loc, 'date', {
    year: 'numeric',
    month: loc === 'en' ? 'short' : 'long',
    day: 'numeric',
  }).format(at);
}

/** `17:05`. */
export function formatTime(at: number | Date): string {
  return dateFormat(locale(), 'time', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** Grouped digits in the current locale: `12,345`. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  const loc = locale();
  const key = `n:${loc}:${JSON.stringify(options ?? {})}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(loc, options);
    cache.set(key, format);
  }
  return format.format(value);
}

/** A share as a percentage: `95.7%`. */
export function formatPercent(ratio: number, digits = 1): string {
  return formatNumber(ratio, {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** `3 分钟前` / `3 minutes ago`, for "上次同步". */
export function formatRelative(at: number, now: number = Date.now()): string {
  const loc = locale();
  const key = `r:${loc}`;
  let format = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!format) {
    format = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
    cache.set(key, format);
  }
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return format.format(0, 'second');
  if (abs < HOUR) return format.format(Math.round(diff / MINUTE), 'minute');
  if (abs < 24 * HOUR) return format.format(Math.round(diff / HOUR), 'hour');
  return formatDateTime(at);
}

export type CountdownTone = 'ok' | 'soon' | 'overdue';

export interface CountdownInput {
  /** the deadline instant (ms) */
  deadline: number;
  now: number;
  /**
   * Working days left, from the shared calendar (`shared/domain/calendar`).
   * Shown while more than a day remains; the UI never counts working days itself.
   */
  workingDaysLeft?: number;
  /** hours before the deadline that count as 即将超期 (default 24) */
  soonHours?: number;
}

/** `剩余 2 个工作日`, `剩余 5 小时`, `已超期 3 小时` and its tone. */
export function formatCountdown(input: CountdownInput): { text: string; tone: CountdownTone } {
  const left = input.deadline - input.now;
  const soon = (input.soonHours ?? 24) * HOUR;
  if (left < 0) {
    const over = -left;
    if (over < HOUR)
      return {
        text: t('time.overdueMinutes', { n: Math.max(1, Math.floor(over / MINUTE)) }),
        tone: 'overdue',
      };
    if (over < 72 * HOUR)
      return { text: t('time.overdueHours', { n: Math.floor(over / HOUR) }), tone: 'overdue' };
    return { text: t('time.overdueDays', { n: Math.floor(over / (24 * HOUR)) }), tone: 'overdue' };
  }
  const tone: CountdownTone = left <= soon ? 'soon' : 'ok';
  if (input.workingDaysLeft !== undefined && input.workingDaysLeft >= 1 && left > 24 * HOUR) {
    return { text: t('time.remainingWorkdays', { n: input.workingDaysLeft }), tone };
  }
  if (left < HOUR)
    return { text: t('time.remainingMinutes', { n: Math.floor(left / MINUTE) }), tone };
  return { text: t('time.remainingHours', { n: Math.floor(left / HOUR) }), tone };
}
