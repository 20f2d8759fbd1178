/**
 * @module
 * Replication of one RxDB collection with a Lianxin server (protocol v1, see
 * shared/protocol/README.md). Pull by checkpoint, push as NDJSON, and a
 * WebSocket that only wakes pulls (it never carries documents, which also
 * sidesteps RxDB's lost-stream-documents-during-push bug #5571). Refused
 * records and events are handed to `onRejected` and never merged back.
 */

import type { RxCollection, RxConflictHandler, WithDeleted } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import type { WorkingCalendar } from '../../shared/domain/calendar';
import { mergeTicketEvents, ticketDocFromEvents } from '../../shared/domain/ticket/projection';
import {
  type Checkpoint,
  type Collection,
  DEFAULT_PULL_LIMIT,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
  type Rejection,
  type StreamFrame,
} from '../../shared/protocol';
import type { StoredEvent } from '../../shared/schema/ticket-event';

type Doc = Record<string, unknown> & { id: string };

/** The minimal WebSocket a browser or the `ws` package provides. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}

export interface SyncTarget {
  baseUrl: string;
  token: () => string;
  fetch?: typeof fetch;
  /** Node has no global WebSocket before v22: pass the `ws` package */
  WebSocket?: new (
    url: string,
  ) => SocketLike;
}

export interface SyncHooks {
  onRejected?: (collection: Collection, rejected: Rejection[]) => void;
  onServerTime?: (serverTime: number) => void;
  /** a pull page arrived: how many documents, and the checkpoint it reached */
  onPulled?: (collection: Collection, documents: number, checkpoint: Checkpoint) => void;
  /** the server acknowledged (durably) these local states (as stored, `_` fields removed) */
  onPushed?: (collection: Collection, docs: Record<string, unknown>[]) => void;
}

/**
 * How a collection's documents differ at rest from the wire (contacts are
 * encrypted locally, clear on the wire): applied to pulled documents, to
 * pushed rows and to the conflicts a push returns.
 */
export interface DocTransform {
  fromServer(doc: Doc): Promise<Doc>;
  toServer(doc: Doc): Promise<Doc>;
}

/** Event ids the server refused: conflict resolution must never bring them back. */
export const refusedEventIds = new Set<string>();

/**
 * Tickets merge by the union of their events (minus refused ones) and a
 * re-fold; every replica computes the same result.
 */
export function ticketConflictHandler(calendar: () => WorkingCalendar): RxConflictHandler<Doc> {
  const ids = (d: Doc) =>
    ((d.events as StoredEvent[] | undefined) ?? [])
      .map((e) => e.id)
      .sort()
      .join(',');
  return {
    isEqual: (a, b) => ids(a) === ids(b),
    resolve: async ({ newDocumentState, realMasterState }) => {
      const events = mergeTicketEvents(
        (realMasterState.events as StoredEvent[]) ?? [],
        ((newDocumentState.events as StoredEvent[]) ?? []).filter(
          (e) => !refusedEventIds.has(e.id),
        ),
      );
      const doc = ticketDocFromEvents(realMasterState.id, events, calendar());
      return { ...doc, _deleted: false } as unknown as WithDeleted<Doc>;
    },
  };
}

function stripMeta(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_')) out[k] = v;
  return out;
}

async function checked(res: Response): Promise<Response> {
  if (!res.ok) {
    const text = await res.text();
    throw new Error(`server answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return res;
}

type ContactStamps = Partial<Record<'name' | 'phone' | 'address' | 'employer', string>>;
const CONTACT_FIELDS = ['name', 'phone', 'address', 'employer'] as const;

/**
 * Caller contacts merge last-writer-wins per field by their HLC stamps, the
 * same rule as the server. Equality looks only at the stamps, never at the
 * values, so it holds for values encrypted at rest (a fresh IV each time).
 */
export function contactConflictHandler(): RxConflictHandler<Doc> {
  const stamps = (d: Doc) => (d.stamps ?? {}) as ContactStamps;
  const key = (d: Doc) => {
    const s = stamps(d);
    return [d.updatedAt, ...CONTACT_FIELDS.map((f) => s[f] ?? '')].join('|');
  };
  return {
    isEqual: (a, b) => key(a) === key(b) && a._deleted === b._deleted,
    resolve: async ({ newDocumentState: mine, realMasterState: master }) => {
      const out: Doc = { ...master, stamps: { ...stamps(master) } };
      const outStamps = out.stamps as ContactStamps;
      for (const f of CONTACT_FIELDS) {
        const m = stamps(mine)[f] ?? '';
        if (m > (outStamps[f] ?? '')) {
          out[f] = mine[f];
          outStamps[f] = m;
        }
      }
      const mineAt = String(mine.updatedAt ?? '');
      if (mineAt > String(out.updatedAt ?? '')) out.updatedAt = mineAt;
      return { ...out, _deleted: master._deleted === true } as WithDeleted<Doc>;
    },
  };
}

/**
 * Starts live replication of `collection` with the server.
 * @example replicateWithServer(db.tickets, 'tickets', { baseUrl, token: () => session.accessToken })
 */
export function replicateWithServer(
  collection: RxCollection,
  name: Collection,
  target: SyncTarget,
  hooks: SyncHooks = {},
  options: {
    batchSize?: number;
    live?: boolean;
    transform?: DocTransform;
    /**
     * Names the replication's checkpoints (default: the server URL). RxDB keeps
     * them per identifier; a new one re-pushes every local document.
     */
    identifier?: string;
  } = {},
): RxReplicationState<Doc, Checkpoint> & { stopStream(): void } {
  const doFetch = target.fetch ?? fetch;
  const base = `${target.baseUrl}/api/v1/replication`;
  const headers = () => ({
    authorization: `Bearer ${target.token()}`,
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  });
  const stream$ = new Subject<'RESYNC'>();
  let socket: SocketLike | null = null;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const connect = () => {
    if (stopped || !target.WebSocket) return;
    const wsUrl = `${target.baseUrl.replace(/^http/, 'ws')}/api/v1/replication/stream?token=${encodeURIComponent(target.token())}`;
    const ws = new target.WebSocket(wsUrl);
    socket = ws;
    ws.onmessage = (ev) => {
      const frame = JSON.parse(String(ev.data)) as StreamFrame;
      if (frame.type === 'hello') {
        hooks.onServerTime?.(frame.serverTime);
        stream$.next('RESYNC'); // whatever happened while disconnected
      } else if (frame.collection === name) stream$.next('RESYNC');
    };
    ws.onclose = () => {
      socket = null;
      if (!stopped) retry = setTimeout(connect, 1000);
    };
    ws.onerror = () => undefined;
  };
  if (options.live !== false) connect();

  const state = replicateRxCollection<Doc, Checkpoint>({
    collection,
    replicationIdentifier: `lianxin-${name}-${options.identifier ?? target.baseUrl}`,
    live: options.live !== false,
    retryTime: 2000,
    waitForLeadership: false,
    pull: {
      batchSize: options.batchSize ?? DEFAULT_PULL_LIMIT,
      stream$: stream$.asObservable(),
      handler: async (checkpoint, batchSize) => {
        const after = checkpoint?.seq ?? 0;
        const res = await checked(
          await doFetch(`${base}/${name}/pull?after=${after}&limit=${batchSize}`, {
            // Browsers set accept-encoding themselves (and ignore this); Node's
            // fetch would not ask for brotli, the server's cheapest good encoding.
            headers: { ...headers(), 'accept-encoding': 'br, gzip' },
          }),
        );
        const body = (await res.json()) as PullResponse;
        // The parsed documents are ours: mark them in place rather than copy 2,000 objects.
        for (const d of body.documents) d._deleted = d._deleted === true;
        const transform = options.transform;
        if (transform) {
          body.documents = await Promise.all(
            body.documents.map(async (d) =>
              d._deleted ? d : { ...(await transform.fromServer(d)), _deleted: false },
            ),
          );
        }
        hooks.onPulled?.(name, body.documents.length, body.checkpoint);
        return {
          checkpoint: body.checkpoint,
          documents: body.documents as WithDeleted<Doc>[],
        };
      },
    },
    push: {
      batchSize: 500,
      handler: async (allRows) => {
        // The protocol has no client deletions (tombstones only come down): a
        // record removed locally (a ticket whose every event was refused) is not sent.
        const rows = allRows.filter((r) => r.newDocumentState._deleted !== true);
        if (rows.length === 0) return [];
        const sent = rows.map((r) => stripMeta(r.newDocumentState));
        const transform = options.transform;
        const wire = async (d: Doc) => stripMeta(transform ? await transform.toServer(d) : d);
        const lines = await Promise.all(
          rows.map(async (r) =>
            JSON.stringify({
              newDocumentState: await wire(r.newDocumentState),
              assumedMasterState: r.assumedMasterState ? await wire(r.assumedMasterState) : null,
            }),
          ),
        );
        const body = lines.join('\n');
        const res = await checked(
          await doFetch(`${base}/${name}/push`, {
            method: 'POST',
            headers: { ...headers(), 'content-type': 'application/x-ndjson' },
            body,
          }),
        );
        const result = (await res.json()) as PushResponse;
        hooks.onServerTime?.(result.serverTime);
        if (result.rejected.length > 0) {
          for (const r of result.rejected) if (r.eventId) refusedEventIds.add(r.eventId);
          hooks.onRejected?.(name, result.rejected);
        }
        hooks.onPushed?.(name, sent);
        const conflicts = transform
          ? await Promise.all(result.conflicts.map((d) => transform.fromServer(d)))
          : result.conflicts;
        return conflicts.map((d) => ({ ...d, _deleted: false })) as WithDeleted<Doc>[];
      },
    },
  });

  return Object.assign(state, {
    stopStream() {
      stopped = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    },
  });
}
