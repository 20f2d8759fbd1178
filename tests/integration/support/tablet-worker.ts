/**
 * A tablet in a worker thread: a real RxDB database (memory storage) that
 * logs in to a real server and replicates with it over HTTP and WebSocket.
 * One worker per tablet, since RxDB's free build opens at most 16 collections
 * per JavaScript realm. Driven by `tablets.ts` through a tiny RPC.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import WebSocket from 'ws';
import { SCHEMAS } from '../../../client/data/schemas';
import { replicateWithServer, ticketConflictHandler } from '../../../client/sync/replication';
import { createCalendar } from '../../../shared/domain/calendar';
import { mergeTicketEvents, ticketDocFromEvents } from '../../../shared/domain/ticket/projection';
import type { Collection, Rejection } from '../../../shared/protocol';
import type { StoredEvent } from '../../../shared/schema/ticket-event';

const calendar = createCalendar();
let db: RxDatabase | null = null;
let session: { baseUrl: string; accessToken: string; device: { id: string; code: string } } | null =
  null;
const states: ReturnType<typeof replicateWithServer>[] = [];
const rejected: Rejection[] = [];

const methods = {
  async login(baseUrl: string, userId: string, password: string) {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, password, deviceName: workerData.name }),
    });
    const body = (await res.json()) as {
      accessToken: string;
      device: { id: string; code: string };
    };
    if (!res.ok) throw new Error(`login failed: ${JSON.stringify(body)}`);
    session = { baseUrl, accessToken: body.accessToken, device: body.device };
    return body;
  },
  async start(collections: Collection[]) {
    if (!session) throw new Error('log in first');
    db = await createRxDatabase({
      name: `tablet-${workerData.name}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    const defs: Record<
      string,
      {
        schema: (typeof SCHEMAS)[Collection];
        conflictHandler?: ReturnType<typeof ticketConflictHandler>;
      }
    > = {};
    for (const c of collections) {
      defs[c] =
        c === 'tickets'
          ? { schema: SCHEMAS[c], conflictHandler: ticketConflictHandler(() => calendar) }
          : { schema: SCHEMAS[c] };
    }
    await db.addCollections(defs);
    const s = session;
    for (const c of collections) {
      const state = replicateWithServer(
        db.collections[c] as RxCollection,
        c,
        {
          baseUrl: s.baseUrl,
          token: () => s.accessToken,
          WebSocket: WebSocket as never,
        },
        { onRejected: (_c, r) => rejected.push(...r) },
      );
      state.error$.subscribe(() => undefined);
      states.push(state);
    }
    await Promise.all(states.map((st) => st.awaitInitialReplication()));
    return true;
  },
  async awaitInSync() {
    await Promise.all(states.map((st) => st.awaitInSync()));
    return true;
  },
  async reSync() {
    for (const st of states) st.reSync();
    await Promise.all(states.map((st) => st.awaitInSync()));
    return true;
  },
  async appendEvents(ticketId: string, events: StoredEvent[]) {
    const col = db?.collections.tickets;
    if (!col) throw new Error('no tickets collection');
    const existing = await col.findOne(ticketId).exec();
    const merged = mergeTicketEvents(
      (existing?.toJSON().events as StoredEvent[] | undefined) ?? [],
      events,
    );
    await col.upsert(ticketDocFromEvents(ticketId, merged, calendar));
    return true;
  },
  async get(collection: Collection, id: string) {
    const doc = await db?.collections[collection]?.findOne(id).exec();
    return doc ? doc.toJSON() : null;
  },
  async ids(collection: Collection) {
    const docs = (await db?.collections[collection]?.find().exec()) ?? [];
    return docs.map((d) => d.primary).sort();
  },
  async count(collection: Collection) {
    return (await db?.collections[collection]?.count().exec()) ?? 0;
  },
  async rejected() {
    return rejected;
  },
  async stop() {
    for (const st of states) {
      st.stopStream();
      await st.cancel();
    }
    await db?.close();
    return true;
  },
};
export type TabletMethods = typeof methods;

parentPort?.on(
  'message',
  async (msg: { id: number; method: keyof typeof methods; args: unknown[] }) => {
    try {
      const fn = methods[msg.method] as (...a: unknown[]) => Promise<unknown>;
      parentPort?.postMessage({ id: msg.id, result: await fn(...msg.args) });
    } catch (e) {
      parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
    }
  },
);
