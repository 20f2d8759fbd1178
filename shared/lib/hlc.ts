/**
 * @module
 * Hybrid logical clock (HLC). Every event in Lianxin carries an HLC timestamp,
 * so all replicas order events the same way even when tablet clocks are wrong:
 * the physical part never runs backwards, a logical counter breaks ties within
 * one millisecond, and the node id makes the order total.
 *
 * A timestamp is a string that sorts lexicographically in clock order:
 * `2026-11-25T09:15:00.123Z-0000-node-id` (ISO-8601 UTC millis, 4 hex digits of
 * counter, node id).
 */

import { z } from 'zod';

/** Node ids name a device or server; they end every timestamp. */
export const NodeIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, 'node id: letters, digits, _ . - only');

const HLC_PATTERN =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([A-Za-z0-9_.-]{1,40})$/;

/** An HLC timestamp string as it travels on the wire and sits in storage. */
export const HlcSchema = z
  .string()
  .max(70)
  .regex(HLC_PATTERN, 'not an HLC timestamp')
  .refine((s) => parseHlc(s) !== null, 'not an HLC timestamp');

export interface HlcParts {
  /** physical part, epoch milliseconds */
  readonly millis: number;
  /** logical counter, 0..0xffff */
  readonly counter: number;
  readonly node: string;
}

const MAX_COUNTER = 0xffff;
const MIN_MILLIS = Date.UTC(2000, 0, 1);
const MAX_MILLIS = Date.UTC(9999, 11, 31);

/** Renders HLC parts as the sortable string form. */
export function formatHlc(parts: HlcParts): string {
  return `${new Date(parts.millis).toISOString()}-${parts.counter.toString(16).padStart(4, '0')}-${parts.node}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The digit at `i` (0–9), or -1. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** `n` decimal digits from `i`, or -1 when any is not a digit. */
function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digitAt(s, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** A lowercase hex digit's value, or -1. */
function hexAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** `A-Z a-z 0-9 _ . -`: the characters of a node id. */
function isNodeChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45
  );
}

/** Length of the fixed head `YYYY-MM-DDTHH:MM:SS.mmmZ-cccc-`. */
const HEAD = 30;

/**
 * Milliseconds of an HLC string, or NaN when it is not one. Reads the fixed
 * positions of the ISO form (no regex, no Date.parse): the same strings as
 * {@link HLC_PATTERN} plus a real calendar date within 2000-01-01..9999-12-31.
 */
function millisOf(value: string): number {
  const len = value.length;
  if (len <= HEAD || len > HEAD + 40) return Number.NaN;
  if (
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 ||
    value.charCodeAt(19) !== 46 || // .
    value.charCodeAt(23) !== 90 || // Z
    value.charCodeAt(24) !== 45 ||
    value.charCodeAt(29) !== 45
  ) {
    return Number.NaN;
  }
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  const ms = digitsAt(value, 20, 3);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return Number.NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > monthDays) return Number.NaN;
  for (let i = 25; i < 29; i++) if (hexAt(value, i) < 0) return Number.NaN;
  for (let i = HEAD; i < len; i++) if (!isNodeChar(value.charCodeAt(i))) return Number.NaN;
  // Years below 100 would be read as 19xx by Date.UTC; they are below MIN_MILLIS either way.
  if (year < 2000) return Number.NaN;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (millis < MIN_MILLIS || millis > MAX_MILLIS) return Number.NaN;
  return millis;
}

/**
 * Parses an HLC string; `null` when it is not one.
 * @example parseHlc('2026-11-25T09:15:00.123Z-0001-tab-7')?.counter // 1
 */
export function parseHlc(value: string): HlcParts | null {
  if (typeof value !== 'string') return null;
  const millis = millisOf(value);
  if (Number.isNaN(millis)) return null;
  const counter =
    hexAt(value, 25) * 4096 + hexAt(value, 26) * 256 + hexAt(value, 27) * 16 + hexAt(value, 28);
  return { millis, counter, node: value.slice(HEAD) };
}

/** Physical milliseconds of an HLC string, or `undefined` when it is not one (no allocation). */
export function tryHlcMillis(value: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const millis = millisOf(value);
  return Number.isNaN(millis) ? undefined : millis;
}

/** Physical milliseconds of an HLC string (throws on a malformed one: validate at the edge). */
export function hlcMillis(value: string): number {
  const millis = typeof value === 'string' ? millisOf(value) : Number.NaN;
  if (Number.isNaN(millis)) throw new RangeError(`not an HLC timestamp: ${value}`);
  return millis;
}

/** Total order of HLC strings; the string order is the clock order by construction. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** State of one node's clock: the last timestamp it issued or saw. */
export interface HlcState {
  readonly millis: number;
  readonly counter: number;
}

export const HLC_ZERO: HlcState = { millis: 0, counter: 0 };

function bump(millis: number, counter: number): HlcState {
  // A counter overflow borrows the next millisecond: order is kept, the clock
  // runs at most 1 ms ahead until the wall clock catches up.
  return counter > MAX_COUNTER ? { millis: millis + 1, counter: 0 } : { millis, counter };
}

/**
 * Issues the next local timestamp at wall time `wallMs` (already corrected by
 * the server offset). Monotonic even when the wall clock jumps backwards.
 * @example
 * const [s1, t1] = tickHlc(HLC_ZERO, Date.now(), 'tab-1');
 */
export function tickHlc(state: HlcState, wallMs: number, node: string): [HlcState, string] {
  const next =
    wallMs > state.millis ? { millis: wallMs, counter: 0 } : bump(state.millis, state.counter + 1);
  return [next, formatHlc({ ...next, node })];
}

/**
 * Folds a remote timestamp into the local clock state (on pull or receive), so
 * the next local event sorts after everything this node has seen.
 */
export function receiveHlc(state: HlcState, remote: string, wallMs: number): HlcState {
  const r = parseHlc(remote);
  if (!r) return state;
  const millis = Math.max(state.millis, r.millis, wallMs);
  if (millis === state.millis && millis === r.millis) {
    return bump(millis, Math.max(state.counter, r.counter) + 1);
  }
  if (millis === state.millis) return bump(millis, state.counter + 1);
  if (millis === r.millis) return bump(millis, r.counter + 1);
  return { millis, counter: 0 };
}

/** How far ahead of the receiving server's clock an event may be stamped. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

/** True when `value` lies further ahead of `serverNowMs` than the network tolerates. */
export function isTooFarAhead(value: string, serverNowMs: number): boolean {
  const millis = tryHlcMillis(value);
  return millis === undefined || millis > serverNowMs + MAX_CLOCK_AHEAD_MS;
}

/**
 * A stateful clock for one device or server. `offsetMs` is the correction the
 * client learns from the server at every sync, so a tablet with a wrong clock
 * still stamps near-true time.
 */
export class HybridClock {
  private state: HlcState;
  private offsetMs = 0;

  constructor(
    readonly node: string,
    private readonly wall: () => number = Date.now,
    initial: HlcState = HLC_ZERO,
  ) {
    NodeIdSchema.parse(node);
    this.state = initial;
  }

  /** A fresh timestamp for a local event. */
  now(): string {
    const [next, ts] = tickHlc(this.state, this.wall() + this.offsetMs, this.node);
    this.state = next;
    return ts;
  }

  /** Merges a timestamp seen from another node. */
  observe(remote: string): void {
    this.state = receiveHlc(this.state, remote, this.wall() + this.offsetMs);
  }

  /** Sets the server-learned correction (server time − local time). */
  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }

  /** The state to persist, so a restarted device never reissues a timestamp. */
  snapshot(): HlcState {
    return this.state;
  }
}
