import { afterEach, describe, expect, it } from 'vitest';
import { formatCountdown, formatDateTime, formatDeadline, formatNumber } from './format';
import { setLocale, t } from './index';

const HOUR = 3_600_000;
// 2026-11-25 09:05 UTC = 17:05 in Beijing, a Wednesday.
const AT = Date.UTC(2026, 10, 25, 9, 5);

describe('Chinese formats on Beijing time', () => {
  afterEach(() => setLocale('zh-CN'));

  it('formats a date and time with the weekday, whatever the device zone', () => {
    expect(formatDateTime(AT)).toBe('11月25日 星期三 17:05');
    setLocale('en');
    expect(formatDateTime(AT)).toBe('Wed 25 Nov 17:05');
  });

  it('groups digits', () => {
    expect(formatNumber(1_390_000)).toBe('1,390,000');
  });

  it('counts down in working days, then hours, and counts overdue time', () => {
    expect(formatCountdown({ deadline: AT + 50 * HOUR, now: AT, workingDaysLeft: 2 })).toEqual({
      text: '剩余 2 个工作日',
      tone: 'ok',
    });
    expect(formatCountdown({ deadline: AT + 5 * HOUR, now: AT, workingDaysLeft: 1 })).toEqual({
      text: '剩余 5 小时',
      tone: 'soon',
    });
    expect(formatCountdown({ deadline: AT - 3 * HOUR - 1, now: AT })).toEqual({
      text: '已超期 3 小时',
      tone: 'overdue',
    });
    setLocale('en');
    expect(formatCountdown({ deadline: AT - 4 * 24 * HOUR, now: AT }).text).toBe(
      'Overdue by 4 days',
    );
  });

  it('fills templates in the current locale', () => {
    expect(t('sync.pending', { count: 3 })).toBe('待同步 3 条');
    setLocale('en');
    expect(t('sync.pending', { count: 3 })).toBe('3 to sync');
  });
});

describe('deadlines', () => {
  it('shows 00:00 Beijing time as 24:00 of the day before, the way limits are counted', () => {
    expect(formatDeadline(Date.parse('2026-12-03T00:00:00+08:00'))).toBe('12月2日 星期三 24:00');
    expect(formatDeadline(Date.parse('2026-12-03T10:30:00+08:00'))).toBe('12月3日 星期四 10:30');
  });
});
