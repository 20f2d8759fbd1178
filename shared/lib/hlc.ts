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

/**
 * Parses an HLC string; `null` when it is not one.
 * @example parseHlc('2026-11-25T09:15:00.123Z-0001-tab-7')?.counter // 1
 */
export function parseHlc(value: string): HlcParts | null {
  const m = HLC_PATTERN.exec(value);
  if (!m) return null;
  const [, iso, counterHex, node] = m;
  if (iso === undefined || counterHex === undefined || node === undefined) return null;
  const millis = Date.parse(iso);
  if (!Number.isFinite(millis) || millis < MIN_MILLIS || millis > MAX_MILLIS) return null;
  // Date.parse accepts 2026-02-30; the round trip rejects it.
  if (new Date(millis).toISOString() !== iso) return null;
  return { millis, counter: Number.parseInt(counterHex, 16), node };
}

/** Physical milliseconds of an HLC string (throws on a malformed one: validate at the edge). */
export function hlcMillis(value: string): number {
  const parts = parseHlc(value);
  if (!parts) throw new RangeError(`not an HLC timestamp: ${value}`);
  return parts.millis;
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
  const parts = parseHlc(value);
  return parts === null || parts.millis > serverNowMs + MAX_CLOCK_AHEAD_MS;
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
