/**
 * @module
 * Repeat calls and incident clusters. A repeat call is the same caller (by
 * caller key, never the phone) about the same topic within 30 days; an
 * incident candidate is N or more tickets about one location and topic within
 * a short window — the seeds' 19 callers about one cracked building in one
 * evening must reach the duty leader at once. Both answers are independent of
 * the order tickets arrive in, since replicas see them in different orders.
 */

export interface CallSummary {
  ticketId: string;
  callerKey: string | null;
  topic: string;
  areaId: string;
  location: string;
  createdAt: number;
}

export const REPEAT_WINDOW_MS = 30 * 24 * 3600 * 1000;

function byTime(a: CallSummary, b: CallSummary): number {
  return (
    a.createdAt - b.createdAt || (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0)
  );
}

/**
 * Earlier calls that make `call` a repeat: same caller key and topic, at most
 * 30 days before it. Newest first.
 * @example findEarlierCalls(history, incoming).length > 0 // warn the operator
 */
export function findEarlierCalls(
  history: readonly CallSummary[],
  call: CallSummary,
  windowMs = REPEAT_WINDOW_MS,
): CallSummary[] {
  if (call.callerKey === null) return [];
  return history
    .filter(
      (h) =>
        h.ticketId !== call.ticketId &&
        h.callerKey === call.callerKey &&
        h.topic === call.topic &&
        byTime(h, call) < 0 &&
        call.createdAt - h.createdAt <= windowMs,
    )
    .sort((a, b) => byTime(b, a));
}

/** Every repeat call in a set, each mapped to the earlier call it repeats (the latest one). */
export function repeatCalls(
  calls: readonly CallSummary[],
  windowMs = REPEAT_WINDOW_MS,
): Map<string, string> {
  const groups = new Map<string, CallSummary[]>();
  for (const c of calls) {
    if (c.callerKey === null) continue;
    const key = `${c.callerKey}\u0000${c.topic}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const repeats = new Map<string, string>();
  for (const group of groups.values()) {
    group.sort(byTime);
    for (let i = 1; i < group.length; i++) {
      const prev = group[i - 1];
      const cur = group[i];
      if (prev && cur && cur.createdAt - prev.createdAt <= windowMs) {
        repeats.set(cur.ticketId, prev.ticketId);
      }
    }
  }
  return repeats;
}

const CN_DIGITS: Record<string, string> = {
  零: '0',
  〇: '0',
  一: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** Chinese numerals up to 99 (三, 十二, 二十三) become digits so 三号楼 matches 3号楼. */
function cnNumeralsToDigits(s: string): string {
  return s.replace(/[零〇一二两三四五六七八九十]+/g, (m) => {
    if (!m.includes('十')) return [...m].map((c) => CN_DIGITS[c] ?? c).join('');
    const [tens, ones] = m.split('十');
    const t = tens ? Number(CN_DIGITS[tens] ?? 1) : 1;
    const o = ones ? Number(CN_DIGITS[ones] ?? 0) : 0;
    return String(t * 10 + o);
  });
}

/**
 * A comparable key for an incident location: full-width forms folded (NFKC),
 * spaces and punctuation dropped, Chinese numerals as digits, and the usual
 * ways of saying "building" unified (3栋, 3幢, 3号楼, 3座 → 3号楼).
 * @example normalizeLocation('幸福小区 三栋') === normalizeLocation('幸福小区3号楼') // true
 */
export function normalizeLocation(location: string): string {
  const folded = cnNumeralsToDigits(location.normalize('NFKC'))
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .toLowerCase();
  return folded.replace(/(\d+)(?:号楼|栋|幢|座|号院楼)/g, '$1号楼');
}

export interface ClusterOptions {
  /** tickets needed to raise an incident candidate */
  threshold: number;
  /** how close in time they must be */
  windowMs: number;
}

export const DEFAULT_CLUSTER: ClusterOptions = { threshold: 5, windowMs: 6 * 3600 * 1000 };

export interface IncidentCandidate {
  areaId: string;
  topic: string;
  location: string;
  /** every ticket about it, oldest first (not only those inside the densest window) */
  ticketIds: string[];
  firstAt: number;
  lastAt: number;
  /** most tickets seen within one window */
  peak: number;
}

/**
 * Groups tickets by area, topic and normalized location, and reports each
 * group that at some moment had `threshold` tickets within `windowMs`.
 */
export function findIncidentClusters(
  calls: readonly CallSummary[],
  options: ClusterOptions = DEFAULT_CLUSTER,
): IncidentCandidate[] {
  const groups = new Map<string, CallSummary[]>();
  for (const c of calls) {
    const location = normalizeLocation(c.location);
    if (location === '') continue;
    const key = `${c.areaId}\u0000${c.topic}\u0000${location}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const out: IncidentCandidate[] = [];
  for (const group of groups.values()) {
    if (group.length < options.threshold) continue;
    group.sort(byTime);
    let peak = 0;
    let start = 0;
    for (let end = 0; end < group.length; end++) {
      const last = group[end];
      if (!last) continue;
      while ((group[start]?.createdAt ?? 0) < last.createdAt - options.windowMs) start++;
      peak = Math.max(peak, end - start + 1);
    }
    if (peak < options.threshold) continue;
    const first = group[0] as CallSummary;
    const last = group[group.length - 1] as CallSummary;
    out.push({
      areaId: first.areaId,
      topic: first.topic,
      location: normalizeLocation(first.location),
      ticketIds: group.map((c) => c.ticketId),
      firstAt: first.createdAt,
      lastAt: last.createdAt,
      peak,
    });
  }
  const key = (c: IncidentCandidate) => `${c.areaId}\u0000${c.topic}\u0000${c.location}`;
  return out.sort((a, b) => a.firstAt - b.firstAt || (key(a) < key(b) ? -1 : 1));
}
