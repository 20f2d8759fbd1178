/**
 * @module
 * The device's hybrid logical clock, persisted in `meta` so a restarted
 * tablet never reissues a timestamp, and corrected by the offset learned from
 * the server at every sync (DESIGN: events more than 5 minutes ahead of a
 * server are refused).
 */

import { type HlcState, HybridClock } from '../../shared/lib/hlc';
import { type LianxinDb, type MetaDoc, metaRow, readMeta } from './db';

const CLOCK_ID = 'clock';

interface StoredClock extends Record<string, unknown> {
  node: string;
  millis: number;
  counter: number;
  offsetMs: number;
}

/** The HLC node id of a device: its centre and device code (unique in the network). */
export function deviceNodeId(device: { id: string; code: string; centreId: string }): string {
  const node = `${device.centreId}-${device.code}`;
  return node.length <= 40 ? node : device.id.slice(0, 40);
}

export interface DeviceClock {
  readonly node: string;
  /** a fresh timestamp for a local event */
  now(): string;
  /** folds in a timestamp seen from another node, so the next local one sorts after it */
  observe(remote: string): void;
  setOffset(offsetMs: number): void;
  /** the offset applied to the wall clock (server − local, ms) */
  offsetMs(): number;
  /** the `meta` row holding the current state, to write along with the events stamped */
  row(): MetaDoc;
}

const clocks = new WeakMap<LianxinDb, Promise<DeviceClock>>();

async function loadClock(db: LianxinDb, node: string): Promise<DeviceClock> {
  const stored = await readMeta<StoredClock>(db, CLOCK_ID);
  const initial: HlcState =
    stored && stored.node === node
      ? { millis: stored.millis, counter: stored.counter }
      : { millis: 0, counter: 0 };
  const clock = new HybridClock(node, Date.now, initial);
  let offset = stored?.offsetMs ?? 0;
  clock.setOffset(offset);
  return {
    node,
    now: () => clock.now(),
    observe: (remote) => clock.observe(remote),
    setOffset: (ms) => {
      offset = ms;
      clock.setOffset(ms);
    },
    offsetMs: () => offset,
    row: () => {
      const s = clock.snapshot();
      return metaRow(CLOCK_ID, 'clock', {
        node,
        millis: s.millis,
        counter: s.counter,
        offsetMs: offset,
      });
    },
  };
}

/**
 * The persisted clock of this database's device (one per database and node).
 * @example const clock = await openDeviceClock(db, deviceNodeId(session.device));
 */
export async function openDeviceClock(db: LianxinDb, node: string): Promise<DeviceClock> {
  let p = clocks.get(db);
  if (!p) {
    p = loadClock(db, node);
    clocks.set(db, p);
  }
  const c = await p;
  if (c.node !== node) throw new Error(`this database's clock is ${c.node}, not ${node}`);
  return c;
}

/**
 * Learns the clock offset from a server time (login, push answer, stream hello)
 * and persists it, so an offline restart still stamps near-true time.
 */
export async function learnServerTime(
  db: LianxinDb,
  node: string,
  serverTime: number,
  localTime = Date.now(),
): Promise<void> {
  const c = await openDeviceClock(db, node);
  c.setOffset(serverTime - localTime);
  await db.meta.upsert(c.row());
}
