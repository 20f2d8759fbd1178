import data2024 from 'chinese-days/dist/years/2024.json' with { type: 'json' };
import data2025 from 'chinese-days/dist/years/2025.json' with { type: 'json' };
import data2026 from 'chinese-days/dist/years/2026.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarYear, CalendarYearSchema } from '../../schema/calendar-year';
import {
  addDays,
  createCalendar,
  type DayInfo,
  endOfShanghaiDay,
  shanghaiDate,
  startOfShanghaiDay,
} from './index';

const at = (iso: string) => Date.parse(iso);

function year2027(patch: Partial<CalendarYear> = {}): CalendarYear {
  return {
    id: 'cal-2027',
    year: 2027,
    holidays: [
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-10-01', name: '国庆节' },
    ],
    workdays: [{ date: '2027-02-06', name: '春节' }],
    source: '国务院办公厅关于2027年部分节假日安排的通知',
    updatedAt: '2026-11-05T02:00:00.000Z-0000-admin',
    ...patch,
  };
}

describe('Shanghai date arithmetic', () => {
  it.each([
    ['2026-09-30T15:59:59.999Z', '2026-09-30'],
    ['2026-09-30T16:00:00.000Z', '2026-10-01'],
    ['1970-01-01T00:00:00Z', '1970-01-01'],
    ['1969-12-31T15:59:59.999Z', '1969-12-31'],
    ['2024-02-29T12:00:00+08:00', '2024-02-29'],
    ['2100-03-01T00:00:00+08:00', '2100-03-01'],
  ])('shanghaiDate(%s) = %s', (iso, date) => {
    expect(shanghaiDate(at(iso))).toBe(date);
  });

  it('a day runs from 00:00 to 24:00 +08:00', () => {
    expect(startOfShanghaiDay('2026-10-01')).toBe(at('2026-10-01T00:00:00+08:00'));
    expect(endOfShanghaiDay('2026-09-30')).toBe(at('2026-10-01T00:00:00+08:00'));
    expect(endOfShanghaiDay('2026-12-31')).toBe(at('2027-01-01T00:00:00+08:00'));
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2026-05-05', 0, '2026-05-05'],
  ] as const)('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-1-01',
    '2026/01/01',
    '',
    '2026-01-01T00',
  ])('refuses %j', (bad) => {
    expect(() => startOfShanghaiDay(bad)).toThrow(RangeError);
    expect(() => createCalendar().isWorkingDay(bad)).toThrow(RangeError);
  });

  it('agrees with Date on any instant from 1900 to 2200', () => {
    const offset = 8 * 3_600_000;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: -800, max: 800 }),
        (ms, n) => {
          const date = shanghaiDate(ms);
          expect(date).toBe(new Date(ms + offset).toISOString().slice(0, 10));
          expect(startOfShanghaiDay(date)).toBe(Date.parse(`${date}T00:00:00+08:00`));
          expect(startOfShanghaiDay(date) <= ms && ms < endOfShanghaiDay(date)).toBe(true);
          const shifted = new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000);
          expect(addDays(date, n)).toBe(shifted.toISOString().slice(0, 10));
        },
      ),
    );
  });
});

describe('built-in calendar', () => {
  const cal = createCalendar();

  it.each([
    // 2026, State Council notice of 2025-11-04
    ['2026-01-01', false],
    ['2026-01-03', false],
    ['2026-01-04', true], // Sunday, 调休
    ['2026-02-14', true], // Saturday, 调休
    ['2026-02-15', false],
    ['2026-02-18', false],
    ['2026-02-23', false], // Monday inside 春节
    ['2026-02-24', true],
    ['2026-02-28', true], // Saturday, 调休
    ['2026-04-06', false],
    ['2026-05-05', false],
    ['2026-05-09', true],
    ['2026-06-19', false],
    ['2026-09-20', true], // Sunday, 调休
    ['2026-09-25', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday, 调休
    ['2026-10-11', false], // ordinary Sunday
    ['2026-03-04', true], // ordinary Wednesday
    // 2025
    ['2025-01-26', true],
    ['2025-01-28', false],
    ['2025-09-28', true], // Sunday, 调休
    ['2025-10-01', false],
    ['2025-10-08', false], // Wednesday, 国庆+中秋
    ['2025-10-09', true],
    ['2025-10-11', true], // Saturday, 调休
    // 2024
    ['2024-02-04', true], // Sunday, 调休
    ['2024-02-10', false],
    ['2024-02-16', false], // Friday, 春节
    ['2024-02-18', true], // Sunday, 调休
    ['2024-09-29', true],
    ['2024-10-07', false],
    ['2024-10-12', true],
  ] as const)('%s working: %s', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('2026-02-15..23 (春节) are all off', () => {
    for (let d = 15; d <= 23; d++) expect(cal.isWorkingDay(`2026-02-${d}`)).toBe(false);
  });

  it.each<DayInfo>([
    { date: '2026-10-01', working: false, kind: 'holiday', name: '国庆节' },
    { date: '2026-02-22', working: false, kind: 'holiday', name: '春节' },
    { date: '2026-10-10', working: true, kind: 'adjusted_workday', name: '国庆节' },
    { date: '2026-10-11', working: false, kind: 'weekend' },
    { date: '2026-10-12', working: true, kind: 'workday' },
  ])('dayInfo($date)', (info) => {
    expect(cal.dayInfo(info.date)).toEqual(info);
  });

  it('knows 2024–2026 and nothing else', () => {
    expect([2023, 2024, 2025, 2026, 2027].map((y) => cal.isProvisional(y))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('without an override 2027 is weekends only', () => {
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // Friday
    expect(cal.isWorkingDay('2027-10-01')).toBe(true);
    expect(cal.dayInfo('2027-02-06')).toEqual({
      date: '2027-02-06',
      working: false,
      kind: 'weekend',
    });
    expect(cal.isProvisional(2027)).toBe(true);
  });
});

describe('admin overrides', () => {
  it('a 2027 record makes days holidays and weekends working', () => {
    const cal = createCalendar([year2027()]);
    expect(cal.isProvisional(2027)).toBe(false);
    expect(cal.dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      working: false,
      kind: 'holiday',
      name: '元旦',
    });
    expect(cal.isWorkingDay('2027-10-01')).toBe(false);
    expect(cal.isWorkingDay('2027-02-06')).toBe(true);
    expect(cal.dayInfo('2027-02-06').kind).toBe('adjusted_workday');
    expect(cal.isWorkingDay('2027-02-07')).toBe(false); // Sunday not listed
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // built-in years untouched
  });

  it('a 2026 record replaces the built-in 2026 entirely', () => {
    const cal = createCalendar([
      {
        id: 'cal-2026',
        year: 2026,
        holidays: [{ date: '2026-03-04', name: '测试' }],
        workdays: [],
        source: 'test',
        updatedAt: 'x',
      },
    ]);
    expect(cal.isWorkingDay('2026-03-04')).toBe(false);
    expect(cal.isWorkingDay('2026-10-01')).toBe(true); // built-in holiday gone
    expect(cal.isWorkingDay('2026-10-10')).toBe(false); // built-in 调休 gone
    expect(cal.isWorkingDay('2025-10-01')).toBe(false); // other years kept
    expect(cal.isProvisional(2026)).toBe(false);
  });

  it('an empty record is an official schedule, not a provisional one', () => {
    const cal = createCalendar([year2027({ holidays: [], workdays: [] })]);
    expect(cal.isProvisional(2027)).toBe(false);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
  });

  it('of two records for one year the greater updatedAt wins, whatever the order', () => {
    const older = year2027({ updatedAt: '2026-11-05T02:00:00.000Z-0000-a' });
    const newer = year2027({
      updatedAt: '2026-11-06T02:00:00.000Z-0000-a',
      holidays: [{ date: '2027-01-04', name: '更正' }],
    });
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const cal = createCalendar(order);
      expect(cal.isWorkingDay('2027-01-01')).toBe(true);
      expect(cal.isWorkingDay('2027-01-04')).toBe(false);
    }
  });

  it('equal updatedAt resolves by content, whatever the order', () => {
    const a = year2027({ updatedAt: 'same', holidays: [{ date: '2027-01-04', name: 'a' }] });
    const b = year2027({ updatedAt: 'same', holidays: [{ date: '2027-01-05', name: 'b' }] });
    const ab = createCalendar([a, b]);
    const ba = createCalendar([b, a]);
    expect(ab.fingerprint).toBe(ba.fingerprint);
    expect(ab.isWorkingDay('2027-01-04')).toBe(ba.isWorkingDay('2027-01-04'));
    expect(ab.isWorkingDay('2027-01-04')).not.toBe(ab.isWorkingDay('2027-01-05'));
  });

  it('refuses an invalid override', () => {
    expect(() => createCalendar([year2027({ id: 'cal-2026' })])).toThrow();
  });
});

describe('fingerprint', () => {
  it('is stable across instances and list order, and ignores source and updatedAt', () => {
    const base = year2027();
    const reordered = year2027({
      holidays: [...base.holidays].reverse(),
      source: 'another wording',
      updatedAt: 'later',
    });
    expect(createCalendar().fingerprint).toBe(createCalendar().fingerprint);
    expect(createCalendar([base]).fingerprint).toBe(createCalendar([reordered]).fingerprint);
    expect(createCalendar().fingerprint).toMatch(/^cal1-[0-9a-f]{32}$/);
  });

  it('changes with any day that changes', () => {
    const prints = new Set([
      createCalendar().fingerprint,
      createCalendar([year2027()]).fingerprint,
      createCalendar([year2027({ holidays: [], workdays: [] })]).fingerprint,
      createCalendar([year2027({ workdays: [] })]).fingerprint,
      createCalendar([year2027({ holidays: [{ date: '2027-01-01', name: '新年' }] })]).fingerprint,
    ]);
    expect(prints.size).toBe(5);
  });
});

describe('CalendarYearSchema', () => {
  it('accepts a well-formed record', () => {
    expect(CalendarYearSchema.safeParse(year2027()).success).toBe(true);
  });

  it('accepts the chinese-days data, which matches the built-in calendar', () => {
    const records = (
      [
        [2024, data2024],
        [2025, data2025],
        [2026, data2026],
      ] as const
    ).map(([year, data]) => {
      const list = (entries: Record<string, string>) =>
        Object.entries(entries).map(([date, label]) => ({ date, name: label.split(',')[1] ?? '' }));
      return CalendarYearSchema.parse({
        id: `cal-${year}`,
        year,
        holidays: list(data.holidays),
        workdays: list(data.workdays),
        source: 'chinese-days',
        updatedAt: '',
      });
    });
    expect(createCalendar(records).fingerprint).toBe(createCalendar().fingerprint);
  });

  it.each([
    ['an impossible date', { holidays: [{ date: '2027-02-29', name: 'x' }] }],
    ['a malformed date', { holidays: [{ date: '2027-1-01', name: 'x' }] }],
    ['a holiday outside the year', { holidays: [{ date: '2026-12-31', name: 'x' }] }],
    ['a workday outside the year', { workdays: [{ date: '2028-01-08', name: 'x' }] }],
    ['an id not matching the year', { id: 'cal-2026' }],
    ['a year out of range', { year: 1999, id: 'cal-1999', holidays: [], workdays: [] }],
    ['a fractional year', { year: 2027.5 }],
    [
      'a date listed twice',
      {
        holidays: [
          { date: '2027-01-01', name: 'a' },
          { date: '2027-01-01', name: 'b' },
        ],
      },
    ],
    ['a date that is both off and working', { holidays: [{ date: '2027-02-06', name: 'x' }] }],
    ['an adjusted workday on a weekday', { workdays: [{ date: '2027-02-05', name: 'x' }] }],
    ['a name too long', { holidays: [{ date: '2027-01-01', name: '节'.repeat(41) }] }],
    ['a source too long', { source: 's'.repeat(201) }],
    [
      'too many holidays',
      {
        holidays: Array.from({ length: 61 }, (_, i) => ({
          date: addDays('2027-01-01', i),
          name: 'x',
        })),
        workdays: [],
      },
    ],
  ])('refuses %s', (_label, patch) => {
    expect(CalendarYearSchema.safeParse({ ...year2027(), ...patch }).success).toBe(false);
  });

  it('refuses unknown fields, on the record and on its entries', () => {
    expect(CalendarYearSchema.safeParse({ ...year2027(), region: '天津' }).success).toBe(false);
    const entry = { date: '2027-01-01', name: '元旦', halfDay: true };
    expect(CalendarYearSchema.safeParse(year2027({ holidays: [entry] })).success).toBe(false);
  });

  it('gives a machine-readable reason for a date outside the year', () => {
    const result = CalendarYearSchema.safeParse(
      year2027({ holidays: [{ date: '2026-12-31', name: 'x' }] }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['holidays', 0, 'date'],
      params: { reason: 'date_outside_year' },
    });
  });
});
