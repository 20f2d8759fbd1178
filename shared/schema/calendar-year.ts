/**
 * @module
 * The replicated calendar record: one year of the State Council's holiday
 * schedule, published by an administrator each November without a release.
 */
import { z } from 'zod';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Parses 'YYYY-MM-DD' into its parts, or null when it is not a real Gregorian date. */
function realDateParts(s: string): { year: number; month: number; day: number } | null {
  if (!DATE_PATTERN.test(s)) return null;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return null;
  // Date.UTC rolls 02-30 over into March, so a round trip exposes impossible dates.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

function isWeekend(s: string): boolean {
  const parts = realDateParts(s);
  if (parts === null) return false;
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * A calendar date 'YYYY-MM-DD' (Asia/Shanghai), refusing impossible dates such as '2027-02-30'.
 *
 * @example
 * DateStrSchema.parse('2027-10-01'); // '2027-10-01'
 * DateStrSchema.safeParse('2027-02-30').success; // false
 */
export const DateStrSchema = z
  .string()
  .regex(DATE_PATTERN, { message: 'date must be YYYY-MM-DD' })
  .refine((s) => realDateParts(s) !== null, { message: 'not a real calendar date' });

const NamedDateSchema = z.object({ date: DateStrSchema, name: z.string().max(40) }).strict();

/**
 * One year of the official working-day calendar.
 *
 * Beyond the field shapes it refuses records a replica could not apply
 * unambiguously: a date outside `year`, a date listed twice, a date that is both
 * a holiday and a working day, an adjusted working day (调休上班) that is not a
 * Saturday or Sunday (always a typing error: weekdays already work), and an id
 * other than `cal-<year>` (one record per year, so concurrent admin edits of a
 * year meet on the same record).
 *
 * @example
 * CalendarYearSchema.parse({
 *   id: 'cal-2027', year: 2027,
 *   holidays: [{ date: '2027-01-01', name: '元旦' }],
 *   workdays: [],
 *   source: '国务院办公厅关于2027年部分节假日安排的通知',
 *   updatedAt: '2026-11-05T02:00:00.000Z-0000-node1',
 * });
 */
export const CalendarYearSchema = z
  .object({
    id: z.string(),
    year: z.number().int().min(2000).max(2100),
    holidays: z.array(NamedDateSchema).max(60),
    workdays: z.array(NamedDateSchema).max(20),
    source: z.string().max(200),
    updatedAt: z.string().max(80),
  })
  .strict()
  .superRefine((record, ctx) => {
    if (record.id !== `cal-${record.year}`) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `id must be cal-${record.year}`,
        params: { reason: 'calendar_id_mismatch' },
      });
    }
    const seen = new Set<string>();
    const lists = [
      ['holidays', record.holidays],
      ['workdays', record.workdays],
    ] as const;
    for (const [field, entries] of lists) {
      entries.forEach((entry, index) => {
        const path = [field, index, 'date'];
        if (!entry.date.startsWith(`${record.year}-`)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `${entry.date} is not in ${record.year}`,
            params: { reason: 'date_outside_year' },
          });
        }
        if (seen.has(entry.date)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `${entry.date} is listed more than once`,
            params: { reason: 'date_listed_twice' },
          });
        }
        seen.add(entry.date);
        if (field === 'workdays' && !isWeekend(entry.date)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `${entry.date} is a weekday: only a Saturday or Sunday can be an adjusted working day`,
            params: { reason: 'workday_not_weekend' },
          });
        }
      });
    }
  });

/** One year of the official working-day calendar, as replicated. */
export type CalendarYear = z.infer<typeof CalendarYearSchema>;
