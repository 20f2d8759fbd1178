/**
 * @module
 * Sync status for the screens. Starts replication of every collection for a
 * session and exposes Solid signals: online/offline, pending local writes,
 * the last successful sync, initial-sync progress on a fresh device, and a
 * per-record state (synced / pending / rejected with the server's reason).
 * Refused events go to the local `rejected` collection and out of their
 * tickets, so they are never pushed again; an `online` event re-syncs at once.
 */

import type { RxCollection } from 'rxdb';
import type { Observable, Subscription } from 'rxjs';
import { type Accessor, createSignal } from 'solid-js';
import { COLLECTIONS, type Collection, SYNC_ORDER } from '../../shared/protocol';
import { deviceNodeId, openDeviceClock } from '../data/clock';
import { contactTransform } from '../data/contacts';
import { type LianxinDb, metaRow, readMeta } from '../data/db';
import { clearAcknowledged, observePendingCount } from '../data/pending';
import {
  observeRecordState,
  type RecordSyncState,
  recordRejections,
  refusedEventIdsOf,
} from '../data/rejected';
import { refusedEventIds, replicateWithServer, type SocketLike } from './replication';
import type { SessionManager } from './session';

export interface InitialSyncProgress {
  /** every collection finished its first pull (persisted: true on later starts) */
  done: boolean;
  /** 0…1, estimated from each collection's checkpoint against the server's head seq */
  fraction: number;
  /** documents pulled so far, per collection (tombstones included) */
  pulled: Partial<Record<Collection, number>>;
  /** the server's sequence number when sync started (`/api/health`), if it answered */
  headSeq: number | null;
}

export interface SyncController {
  online: Accessor<boolean>;
  /** local writes the server has not acknowledged */
  pending: Accessor<number>;
  /** epoch ms of the last successful pull or push */
  lastSyncAt: Accessor<number | null>;
  progress: Accessor<InitialSyncProgress>;
  lastError: Accessor<string | null>;
  recordState(collection: Collection, id: string): Observable<RecordSyncState>;
  awaitInitialSync(): Promise<void>;
  /** resolves when every collection has pushed and pulled what it has */
  awaitInSync(): Promise<void>;
  reSync(): void;
  stop(): Promise<void>;
}

export interface SyncOptions {
  /** the browser's WebSocket by default; Node passes the `ws` package */
  WebSocket?: new (
    url: string,
  ) => SocketLike;
  collections?: readonly Collection[];
  batchSize?: number;
  /** `navigator.onLine` by default */
  isOnline?: () => boolean;
  /** where `online`/`offline` events come from (`window` by default) */
  events?: EventTarget | null;
}

const SYNC_META = 'sync-initial';

/**
 * Starts syncing `db` for the open session.
 * @example
 * const sync = await startSync(db, sessionManager());
 * <Show when={!sync.online()}>{t('offline')}</Show>
 */
export async function startSync(
  db: LianxinDb,
  sessions: SessionManager,
  options: SyncOptions = {},
): Promise<SyncController> {
  const s = sessions.session();
  if (!s) throw new Error('sign in or unlock before syncing');
  const isOnline =
    options.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  const events = options.events ?? (typeof window === 'undefined' ? null : window);
  const Socket =
    options.WebSocket ?? (globalThis as { WebSocket?: new (url: string) => SocketLike }).WebSocket;
  const collections = SYNC_ORDER.filter((c) => (options.collections ?? COLLECTIONS).includes(c));

  const [online, setOnline] = createSignal(isOnline());
  const [pending, setPending] = createSignal(0);
  const [lastSyncAt, setLastSyncAt] = createSignal<number | null>(null);
  const [lastError, setLastError] = createSignal<string | null>(null);
  const initialDone = (await readMeta<{ done: boolean }>(db, SYNC_META))?.done === true;
  const [progress, setProgress] = createSignal<InitialSyncProgress>({
    done: initialDone,
    fraction: initialDone ? 1 : 0,
    pulled: {},
    headSeq: null,
  });

  for (const id of await refusedEventIdsOf(db)) refusedEventIds.add(id);
  const clock = await openDeviceClock(db, deviceNodeId(s.device));
  clock.setOffset(s.serverOffsetMs);

  let headSeq: number | null = null;
  if (!initialDone) {
    try {
      const res = await sessions.authorizedFetch('/api/health');
      if (res.ok) headSeq = ((await res.json()) as { seq: number }).seq;
    } catch {
      // offline: progress stays an estimate until the first page
    }
  }
  const seqs: Partial<Record<Collection, number>> = {};
  const finished = new Set<Collection>();
  const updateProgress = (pulled: Partial<Record<Collection, number>>) => {
    const parts = collections.map((c) => {
      if (finished.has(c)) return 1;
      const seq = seqs[c] ?? 0;
      return headSeq ? Math.min(0.99, seq / headSeq) : 0;
    });
    const done = progress().done || finished.size === collections.length;
    const fraction = done ? 1 : parts.reduce((a, b) => a + b, 0) / Math.max(1, parts.length);
    setProgress({ done, fraction, pulled, headSeq });
  };

  const succeeded = () => {
    setLastSyncAt(Date.now());
    setLastError(null);
    setOnline(isOnline());
  };

  // Retry once with a fresh token when the access token was refused.
  const fetchWithRefresh: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (res.status !== 401) return res;
    const fresh = await sessions.refresh();
    const headers = { ...(init?.headers as Record<string, string>) };
    headers.authorization = `Bearer ${fresh.accessToken}`;
    return fetch(input, { ...init, headers });
  };

  const subs: Subscription[] = [];
  const warn = (e: unknown) => setLastError(e instanceof Error ? e.message : String(e));
  const states = collections.map((c) => {
    const state = replicateWithServer(
      db.collection(c) as unknown as RxCollection,
      c,
      {
        baseUrl: s.serverUrl,
        token: () => sessions.accessToken(),
        fetch: fetchWithRefresh,
        ...(Socket ? { WebSocket: Socket } : {}),
      },
      {
        onRejected: (col, rejected) => void recordRejections(db, col, rejected).catch(warn),
        onServerTime: (serverTime) => {
          clock.setOffset(serverTime - Date.now());
          void db.meta.upsert(clock.row()).catch(warn);
        },
        onPulled: (col, n, checkpoint) => {
          seqs[col] = checkpoint.seq;
          const pulled = { ...progress().pulled };
          pulled[col] = (pulled[col] ?? 0) + n;
          updateProgress(pulled);
          succeeded();
        },
        onPushed: (col, rows) => {
          succeeded();
          void clearAcknowledged(db, col, rows).catch(warn);
        },
      },
      {
        // One database belongs to one account on one server: checkpoints stay
        // with the database, not the URL, so a moved server (or a URL typed
        // differently) neither re-pushes every record nor loses its place.
        identifier: db.name,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(c === 'contacts'
          ? {
              transform: contactTransform(() => {
                const key = sessions.session()?.dataKey;
                if (!key) throw new Error('the session closed: no data key');
                return key;
              }),
            }
          : {}),
      },
    );
    subs.push(
      state.error$.subscribe((e) => {
        setOnline(false);
        warn(e);
      }),
    );
    return state;
  });

  subs.push(observePendingCount(db).subscribe((n) => setPending(n)));

  const initial = Promise.all(
    states.map(async (st, i) => {
      await st.awaitInitialReplication();
      const c = collections[i];
      if (c) finished.add(c);
      updateProgress(progress().pulled);
    }),
  ).then(async () => {
    updateProgress(progress().pulled);
    await db.meta.upsert(metaRow(SYNC_META, 'sync', { done: true, at: Date.now() }));
  });
  initial.catch(() => undefined);

  const reSync = () => {
    for (const st of states) st.reSync();
  };
  const onOnline = () => {
    setOnline(isOnline());
    reSync();
  };
  const onOffline = () => setOnline(false);
  events?.addEventListener('online', onOnline);
  events?.addEventListener('offline', onOffline);

  return {
    online,
    pending,
    lastSyncAt,
    progress,
    lastError,
    recordState: (collection, id) => observeRecordState(db, collection, id),
    awaitInitialSync: () => initial,
    async awaitInSync() {
      await initial;
      await Promise.all(states.map((st) => st.awaitInSync()));
    },
    reSync,
    async stop() {
      events?.removeEventListener('online', onOnline);
      events?.removeEventListener('offline', onOffline);
      for (const sub of subs) sub.unsubscribe();
      for (const st of states) st.stopStream();
      await Promise.all(states.map((st) => st.cancel()));
    },
  };
}
