import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  formatHlc,
  HLC_ZERO,
  HlcSchema,
  type HlcState,
  HybridClock,
  hlcMillis,
  isTooFarAhead,
  parseHlc,
  receiveHlc,
  tickHlc,
} from './hlc';

const T0 = Date.UTC(2026, 10, 25, 1, 0, 0);

describe('HLC format', () => {
  it.each([
    ['2026-11-25T09:15:00.123Z-0000-tab-1', true],
    ['2026-11-25T09:15:00.123Z-ffff-srv.county_7', true],
    ['2026-11-25T09:15:00.123Z-FFFF-x', false],
    ['2026-02-30T09:15:00.123Z-0000-x', false],
    ['2026-11-25T09:15:00Z-0000-x', false],
    ['2026-11-25T09:15:00.123Z-0000-', false],
    ['2026-11-25T09:15:00.123Z-0000-has space', false],
    ['1999-12-31T23:59:59.999Z-0000-x', false],
  ])('%s valid=%s', (value, valid) => {
    expect(HlcSchema.safeParse(value).success).toBe(valid);
  });

  it('round-trips parts', () => {
    const parts = { millis: T0 + 5, counter: 0x1a, node: 'tab-9' };
    expect(parseHlc(formatHlc(parts))).toEqual(parts);
    expect(hlcMillis(formatHlc(parts))).toBe(T0 + 5);
  });

  it('sorts by millis, then counter, then node', () => {
    const a = formatHlc({ millis: T0, counter: 2, node: 'b' });
    const b = formatHlc({ millis: T0, counter: 10, node: 'a' });
    const c = formatHlc({ millis: T0 + 1, counter: 0, node: 'a' });
    expect([c, b, a].sort(compareHlc)).toEqual([a, b, c]);
  });
});

describe('HLC clock', () => {
  it('keeps issuing increasing stamps when the wall clock jumps back an hour', () => {
    let wall = T0;
    const clock = new HybridClock('tab-1', () => wall);
    const first = clock.now();
    wall -= 3_600_000;
    const second = clock.now();
    expect(compareHlc(first, second)).toBe(-1);
    expect(hlcMillis(second)).toBe(T0);
  });

  it('orders a local event after a remote one from a clock that runs fast', () => {
    const slow = new HybridClock('slow', () => T0);
    const remote = formatHlc({ millis: T0 + 120_000, counter: 3, node: 'fast' });
    slow.observe(remote);
    expect(compareHlc(remote, slow.now())).toBe(-1);
  });

  it('applies the server-learned offset', () => {
    const clock = new HybridClock('tab-1', () => T0);
    clock.setOffset(90_000);
    expect(hlcMillis(clock.now())).toBe(T0 + 90_000);
  });

  it('borrows the next millisecond when the counter overflows', () => {
    const [state] = tickHlc({ millis: T0, counter: 0xffff }, T0, 'n');
    expect(state).toEqual({ millis: T0 + 1, counter: 0 });
  });

  it('refuses stamps more than five minutes ahead of the server', () => {
    const ok = formatHlc({ millis: T0 + 299_000, counter: 0, node: 'n' });
    const bad = formatHlc({ millis: T0 + 301_000, counter: 0, node: 'n' });
    expect(isTooFarAhead(ok, T0)).toBe(false);
    expect(isTooFarAhead(bad, T0)).toBe(true);
    expect(isTooFarAhead('garbage', T0)).toBe(true);
  });
});

describe('HLC properties', () => {
  // A step is either a local event at some skewed wall time or a receive of a
  // remote stamp produced by a clock with its own skew.
  const step = fc.oneof(
    fc.record({
      kind: fc.constant('tick' as const),
      skew: fc.integer({ min: -86_400_000, max: 86_400_000 }),
    }),
    fc.record({
      kind: fc.constant('recv' as const),
      skew: fc.integer({ min: -86_400_000, max: 86_400_000 }),
      remoteSkew: fc.integer({ min: -600_000, max: 600_000 }),
      counter: fc.integer({ min: 0, max: 0xffff }),
    }),
  );

  it('is strictly monotonic under arbitrarily skewed and jumping wall clocks', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        let state: HlcState = HLC_ZERO;
        let last = '';
        let maxSeen = '';
        let elapsed = 0;
        for (const s of steps) {
          elapsed += 7;
          const wall = T0 + elapsed + s.skew;
          if (s.kind === 'tick') {
            const [next, ts] = tickHlc(state, wall, 'me');
            if (last !== '' && compareHlc(last, ts) >= 0) return false;
            if (maxSeen !== '' && compareHlc(maxSeen, ts) >= 0) return false;
            state = next;
            last = ts;
          } else {
            const remote = formatHlc({
              millis: T0 + elapsed + s.remoteSkew,
              counter: s.counter,
              node: 'other',
            });
            state = receiveHlc(state, remote, wall);
            if (maxSeen === '' || compareHlc(remote, maxSeen) > 0) maxSeen = remote;
          }
        }
        return true;
      }),
    );
  });

  it('never issues the same stamp twice across many devices', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -5, max: 5 })), {
          maxLength: 300,
        }),
        (ops) => {
          const states: HlcState[] = Array.from({ length: 5 }, () => HLC_ZERO);
          const seen = new Set<string>();
          for (const [device, skew] of ops) {
            const [next, ts] = tickHlc(states[device] ?? HLC_ZERO, T0 + skew, `dev-${device}`);
            states[device] = next;
            if (seen.has(ts)) return false;
            seen.add(ts);
          }
          return true;
        },
      ),
    );
  });
});
