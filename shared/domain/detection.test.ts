import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CallSummary,
  findEarlierCalls,
  findIncidentClusters,
  normalizeLocation,
  repeatCalls,
} from './detection';
import { shanghai } from './ticket/test-kit';

const DAY = 86_400_000;
const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

function call(id: string, at: number, over: Partial<CallSummary> = {}): CallSummary {
  return {
    ticketId: id,
    callerKey: KEY_A,
    topic: 'housing-quality',
    areaId: 'c01-k01-t01',
    location: '幸福小区3号楼',
    createdAt: at,
    ...over,
  };
}

describe('repeat calls (重复来电)', () => {
  const t0 = shanghai('2026-10-03 18:00');
  it.each([
    ['same caller, same topic, 29 days later', call('t2', t0 + 29 * DAY), true],
    ['same caller, same topic, exactly 30 days later', call('t2', t0 + 30 * DAY), true],
    ['same caller, same topic, 31 days later', call('t2', t0 + 31 * DAY), false],
    ['same caller, another topic', call('t2', t0 + DAY, { topic: 'water' }), false],
    ['another caller, same topic', call('t2', t0 + DAY, { callerKey: KEY_B }), false],
    ['no caller key (anonymous)', call('t2', t0 + DAY, { callerKey: null }), false],
  ])('%s → repeat=%s', (_label, incoming, repeat) => {
    const history = [call('t1', t0)];
    expect(findEarlierCalls(history, incoming).length > 0).toBe(repeat);
    expect(repeatCalls([...history, incoming]).has('t2')).toBe(repeat);
  });

  it('links each repeat to the call just before it', () => {
    const calls = [call('t1', t0), call('t2', t0 + 5 * DAY), call('t3', t0 + 33 * DAY)];
    expect([...repeatCalls(calls)]).toEqual([
      ['t2', 't1'],
      ['t3', 't2'],
    ]);
  });

  it('does not depend on the order calls arrive in', () => {
    const arb = fc.array(
      fc.record({
        key: fc.constantFrom(KEY_A, KEY_B, null),
        topic: fc.constantFrom('water', 'noise'),
        day: fc.integer({ min: 0, max: 120 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, fc.infiniteStream(fc.nat()), (specs, rnd) => {
        const calls = specs.map((s, i) =>
          call(`t${i}`, t0 + s.day * DAY, { callerKey: s.key, topic: s.topic }),
        );
        const shuffled = [...calls].sort(() => ((rnd.next().value as number) % 3) - 1);
        expect(repeatCalls(shuffled)).toEqual(repeatCalls(calls));
      }),
    );
  });
});

describe('incident clusters (遇突)', () => {
  it.each([
    ['幸福小区 三栋', '幸福小区3号楼'],
    ['幸福小区３幢', '幸福小区3号楼'],
    ['幸福小区，3号楼！', '幸福小区3号楼'],
    ['幸福小区十二号楼', '幸福小区12号楼'],
    ['幸福小区二十三座', '幸福小区23号楼'],
  ])('normalizes %s like %s', (a, b) => {
    expect(normalizeLocation(a)).toBe(normalizeLocation(b));
  });

  it('raises the seeds’ 19 callers about one cracked building in one evening', () => {
    // 2025-10-03, from a little after 18:00 until 23:00, 19 callers, said in different ways.
    const ways = ['幸福小区3号楼', '幸福小区三号楼', '幸福小区 3栋', '幸福小区3幢'];
    const crack = Array.from({ length: 19 }, (_, i) =>
      call(`crack-${i}`, shanghai('2025-10-03 18:10') + i * 15 * 60_000, {
        callerKey: `${i}`.padStart(64, '0'),
        location: ways[i % ways.length] ?? '',
      }),
    );
    const noise = [
      call('other-1', shanghai('2025-10-03 19:00'), { location: '幸福小区5号楼' }),
      call('other-2', shanghai('2025-10-03 20:00'), { topic: 'water' }),
    ];
    const found = findIncidentClusters([...noise, ...crack]);
    expect(found).toHaveLength(1);
    expect(found[0]?.ticketIds).toHaveLength(19);
    expect(found[0]?.peak).toBe(19);
    expect(found[0]?.location).toBe('幸福小区3号楼');
  });

  it('does not raise the same number of calls spread over days', () => {
    const spread = Array.from({ length: 10 }, (_, i) =>
      call(`s-${i}`, shanghai('2025-10-03 18:00') + i * 8 * 3600_000),
    );
    expect(findIncidentClusters(spread)).toEqual([]);
    expect(findIncidentClusters(spread, { threshold: 3, windowMs: 24 * 3600_000 })).toHaveLength(1);
  });

  it('does not depend on the order tickets arrive in', () => {
    const arb = fc.array(
      fc.record({
        loc: fc.constantFrom('幸福小区3号楼', '幸福小区三栋', '光明路8号', ''),
        topic: fc.constantFrom('housing-quality', 'water'),
        minute: fc.integer({ min: 0, max: 1200 }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, fc.infiniteStream(fc.nat()), (specs, rnd) => {
        const calls = specs.map((s, i) =>
          call(`t${i}`, shanghai('2025-10-03 18:00') + s.minute * 60_000, {
            location: s.loc,
            topic: s.topic,
          }),
        );
        const shuffled = [...calls].sort(() => ((rnd.next().value as number) % 3) - 1);
        expect(findIncidentClusters(shuffled, { threshold: 3, windowMs: 3600_000 })).toEqual(
          findIncidentClusters(calls, { threshold: 3, windowMs: 3600_000 }),
        );
      }),
    );
  });
});
