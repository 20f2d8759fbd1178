import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketCounter } from '../schema/ticket-number';
import { TicketNumberSchema } from '../schema/ticket-number';
import {
  nextTicketNumber,
  parseTicketNumber,
  shanghaiDayCode,
  spokenTicketNumber,
  TicketNumberExhaustedError,
} from './ticket-number';

// 2026-11-25 23:30 in Shanghai is 15:30 UTC; 00:30 the next day is 16:30 UTC.
const LATE_EVENING = Date.UTC(2026, 10, 25, 15, 30);
const AFTER_MIDNIGHT = Date.UTC(2026, 10, 25, 16, 30);

describe('ticket numbers', () => {
  it('uses the Shanghai date, not the UTC date', () => {
    expect(shanghaiDayCode(LATE_EVENING)).toBe('261125');
    expect(shanghaiDayCode(AFTER_MIDNIGHT)).toBe('261126');
  });

  it('counts per device per day and restarts on a new day', () => {
    const [c1, n1] = nextTicketNumber(null, '0571', '07', LATE_EVENING);
    const [c2, n2] = nextTicketNumber(c1, '0571', '07', LATE_EVENING + 1000);
    const [, n3] = nextTicketNumber(c2, '0571', '07', AFTER_MIDNIGHT);
    expect([n1, n2, n3]).toEqual([
      '0571-261125-07-0001',
      '0571-261125-07-0002',
      '0571-261126-07-0001',
    ]);
    expect(TicketNumberSchema.safeParse(n1).success).toBe(true);
  });

  it('does not restart an earlier day when the clock is set back', () => {
    const [c1] = nextTicketNumber(null, '0571', '07', AFTER_MIDNIGHT);
    const [, n2] = nextTicketNumber(c1, '0571', '07', LATE_EVENING);
    expect(n2).toBe('0571-261126-07-0002');
  });

  it('refuses a 10,000th number in one day rather than wrap', () => {
    expect(() =>
      nextTicketNumber({ day: '261125', seq: 9999 }, '0571', '07', LATE_EVENING),
    ).toThrow(TicketNumberExhaustedError);
  });

  it('refuses malformed codes', () => {
    expect(() => nextTicketNumber(null, '571', '07', LATE_EVENING)).toThrow(RangeError);
    expect(() => nextTicketNumber(null, '0571', '7', LATE_EVENING)).toThrow(RangeError);
  });

  it('parses and reads out', () => {
    expect(parseTicketNumber('0571-261125-107-0042')).toEqual({
      centreCode: '0571',
      day: '261125',
      deviceCode: '107',
      seq: 42,
    });
    expect(parseTicketNumber('0571-261125-07-42')).toBeNull();
    expect(spokenTicketNumber('0571-261125-07-0042')).toBe('0571 261125 07 0042');
  });

  it('never collides across many offline devices with skewed, jumping clocks', () => {
    const device = fc.record({
      centre: fc.constantFrom('0571', '0572', '0573'),
      code: fc.integer({ min: 0, max: 120 }).map((n) => String(n).padStart(2, '0')),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(device, {
          minLength: 1,
          maxLength: 12,
          selector: (d) => `${d.centre}/${d.code}`,
        }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 })), {
          maxLength: 400,
        }),
        (devices, issues) => {
          const counters = new Map<string, TicketCounter>();
          const seen = new Set<string>();
          for (const [pick, skew] of issues) {
            const d = devices[pick % devices.length];
            if (!d) continue;
            const key = `${d.centre}/${d.code}`;
            const [next, number] = nextTicketNumber(
              counters.get(key) ?? null,
              d.centre,
              d.code,
              LATE_EVENING + skew,
            );
            counters.set(key, next);
            if (seen.has(number)) return false;
            seen.add(number);
          }
          return true;
        },
      ),
    );
  });
});
