/**
 * The tablet's data layer against a real server: online sign-in, offline
 * unlock, tickets numbered and created offline, push on reconnect, a forged
 * event refused into `rejected`, contacts encrypted at rest, queues of a
 * township and a county dispatcher, and initial-sync progress. RxDB runs on
 * Dexie over fake-indexeddb; one database is open at a time (RxDB's free
 * build allows 16 collections per process, a Lianxin database has 10).
 */
import { createServer } from 'node:net';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readContact, saveContact } from '../../client/data/contacts';
import { isEncryptedValue } from '../../client/data/crypto';
import { type LianxinDb, openLianxinDb } from '../../client/data/db';
import { observeRejected } from '../../client/data/rejected';
import {
  type ActingContext,
  appendEvents,
  createTicket,
  findByCaller,
  findTicketByNumber,
  getTicket,
  observeQueue,
  observeQueueCounts,
  QUEUES,
  queueClock,
} from '../../client/data/tickets';
import { createSessionManager, memoryStore, type SessionManager } from '../../client/sync/session';
import { type SyncController, startSync } from '../../client/sync/status';
import { ticketGrants } from '../../shared/domain/access';
import { createCalendar } from '../../shared/domain/calendar';
import { buildOrgTree } from '../../shared/domain/org/tree';
import { foldTicket } from '../../shared/domain/ticket/fold';
import type { OrgUnit } from '../../shared/schema/org-unit';
import type { TicketDoc } from '../../shared/schema/ticket-doc';
import {
  DEMO_PASSWORD,
  event,
  eventually,
  startTestServer,
  type TestServer,
} from './support/harness';

const CENTRE = 'c01-k01';
const TOWN = 'c01-k01-t01';
const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
const syncOptions = { WebSocket: WebSocket as never, events: null, isOnline: () => true };

let server: TestServer;

async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

async function serverDocs<T>(collection: string): Promise<T[]> {
  return (await server.store.allDocs(collection as never)).map((r) => JSON.parse(r.data) as T);
}

async function visibleTickets(unitId: string): Promise<TicketDoc[]> {
  const tree = buildOrgTree(await serverDocs<OrgUnit>('units'));
  return (await serverDocs<TicketDoc>('tickets')).filter((t) =>
    ticketGrants(t, tree).some((g) => g.unitId === unitId),
  );
}

/** Every string stored anywhere in the fake IndexedDB, as one blob. */
async function rawIndexedDb(): Promise<string> {
  const parts: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name as string);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of Array.from(idb.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = idb.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      parts.push(JSON.stringify(rows));
    }
    idb.close();
  }
  return parts.join('\n');
}

beforeAll(async () => {
  server = await startTestServer({ demoTickets: 120 });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('a centre operator tablet, online then offline', () => {
  let sessions: SessionManager;
  let db: LianxinDb;
  let sync: SyncController | null = null;
  const store = memoryStore();

  afterAll(async () => {
    await sync?.stop();
    sessions?.dispose();
    await db?.close();
  });

  it('signs in online and pulls its replica with progress reaching 100 %', async () => {
    sessions = createSessionManager({ store });
    const s = await sessions.signIn(server.url, `${CENTRE}-op`, DEMO_PASSWORD);
    expect(s.device.code).toMatch(/^\d{2,3}$/);
    expect(s.device.centreCode).toBe('1101');
    expect(await store.get('deviceId')).toBe(s.device.id);
    db = await openLianxinDb({ userId: s.user.id, unitId: s.user.unitId, storage });
    sync = await startSync(db, sessions, syncOptions);
    expect(sync.progress().done).toBe(false);
    await sync.awaitInitialSync();
    const visible = await visibleTickets(CENTRE);
    const progress = sync.progress();
    expect(progress.done).toBe(true);
    expect(progress.fraction).toBe(1);
    expect(progress.headSeq).toBeGreaterThan(0);
    expect(progress.pulled.tickets).toBe(visible.length);
    expect(await db.tickets.count().exec()).toBe(visible.length);
    expect(progress.pulled.units).toBe((await serverDocs('units')).length);
    expect(sync.online()).toBe(true);
    expect(sync.lastSyncAt()).not.toBeNull();
    await sync.stop();
    sync = null;
  });

  it('stores every pulled contact encrypted and reads it back decrypted', async () => {
    const key = sessions.session()?.dataKey as CryptoKey;
    const serverContacts = await serverDocs<{ id: string; phone: string; name: string }>(
      'contacts',
    );
    const local = await db.collection('contacts').find().exec();
    expect(local.length).toBeGreaterThan(0);
    const raw = await rawIndexedDb();
    for (const d of local) {
      const stored = d.toJSON() as { id: string; phone: string };
      expect(isEncryptedValue(stored.phone)).toBe(true);
      const clear = serverContacts.find((c) => c.id === stored.id);
      expect(clear).toBeDefined();
      if (clear?.phone) expect(raw).not.toContain(clear.phone);
      expect((await readContact(db, key, stored.id))?.phone).toBe(clear?.phone);
    }
  });

  it('unlocks offline with the password only, refusing a wrong one', async () => {
    sessions.dispose();
    sessions = createSessionManager({ store, fetch: () => Promise.reject(new Error('offline')) });
    await expect(sessions.unlockOffline(`${CENTRE}-op`, 'not-the-password')).rejects.toMatchObject({
      reason: 'wrong_password',
    });
    await expect(sessions.unlockOffline(`${CENTRE}-disp`, DEMO_PASSWORD)).rejects.toMatchObject({
      reason: 'no_account',
    });
    const s = await sessions.unlockOffline(`${CENTRE}-op`, DEMO_PASSWORD);
    expect(s.via).toBe('offline');
    await sessions.setServerUrl(await closedPortUrl());
  });

  let created: TicketDoc[] = [];
  const phone = '13912345678';

  it('creates three numbered tickets and a contact offline, all pending', async () => {
    const s = sessions.session();
    if (!s) throw new Error('no session');
    sync = await startSync(db, sessions, syncOptions);
    await eventually(async () => expect(sync?.online()).toBe(false));
    const ctx: ActingContext = {
      actor: { userId: s.user.id, role: 'operator', unitId: s.user.unitId },
      device: s.device,
    };
    created = [];
    for (let i = 0; i < 3; i++) {
      created.push(
        await createTicket(db, ctx, {
          channel: 'phone',
          category: 'complaint',
          topic: 'noise',
          areaId: TOWN,
          location: `城关街道幸福路${i + 1}号`,
          description: '夜间施工噪音扰民，请尽快处理。',
          urgency: 'normal',
          confidential: false,
          confidentialityWaived: false,
          callerKey: null,
        }),
      );
    }
    const numbers = created.map((t) => t.number);
    const pattern = new RegExp(`^1101-\\d{6}-${s.device.code}-(\\d{4})$`);
    for (const n of numbers) expect(n).toMatch(pattern);
    expect(numbers.map((n) => Number(pattern.exec(n)?.[1]))).toEqual([1, 2, 3]);
    const first = created[0] as TicketDoc;
    await saveContact(db, s.dataKey, ctx, first.id, {
      name: '李四',
      phone,
      address: '城关街道幸福路1号',
      employer: '',
    });
    expect((await readContact(db, s.dataKey, first.id))?.phone).toBe(phone);
    const raw = await db
      .collection('contacts')
      .storageInstance.findDocumentsById([first.id], false);
    expect(isEncryptedValue(raw[0]?.phone)).toBe(true);
    expect(await rawIndexedDb()).not.toContain(phone);
    await eventually(async () => expect(sync?.pending()).toBe(4));
    const state = await firstValueFrom(sync.recordState('tickets', first.id));
    expect(state.state).toBe('pending');
    await sync.stop();
    sync = null;
  });

  it('pushes them when back online, and moves a refused forged event to rejected', async () => {
    await sessions.setServerUrl(server.url);
    sync = await startSync(db, sessions, syncOptions);
    await sync.awaitInSync();
    await eventually(async () => expect(sync?.pending()).toBe(0));
    const onServer = new Map((await serverDocs<TicketDoc>('tickets')).map((t) => [t.id, t]));
    for (const t of created) expect(onServer.get(t.id)?.number).toBe(t.number);
    const serverContact = (await serverDocs<{ id: string; phone: string }>('contacts')).find(
      (c) => c.id === created[0]?.id,
    );
    expect(serverContact?.phone).toBe(phone); // clear on the wire and on the server

    const target = created[1] as TicketDoc;
    const forged = event(
      target.id,
      'noted',
      { userId: `${CENTRE}-disp`, role: 'dispatcher', unitId: CENTRE },
      { text: '伪造的备注' },
    );
    await appendEvents(db, target.id, [forged]);
    const rejected = await eventually(async () => {
      const list = await firstValueFrom(observeRejected(db));
      expect(list.map((r) => r.eventId)).toContain(forged.id);
      return list;
    });
    // Only the forged event: nothing pulled was ever pushed back (and refused).
    expect(rejected).toHaveLength(1);
    const entry = rejected.find((r) => r.eventId === forged.id);
    expect(entry?.reason).toBe('forged_author');
    expect(entry?.messageZh).toBe('事件作者与登录用户不符');
    expect(entry?.payload).toMatchObject({ id: forged.id, type: 'noted' });
    await eventually(async () => {
      const view = await getTicket(db, target.id);
      expect(view?.doc.events.map((e) => e.id)).not.toContain(forged.id);
      expect(sync?.pending()).toBe(0);
    });
    const state = await firstValueFrom(sync.recordState('tickets', target.id));
    expect(state).toMatchObject({ state: 'rejected' });
    const stored = (await serverDocs<TicketDoc>('tickets')).find((t) => t.id === target.id);
    expect(stored?.events.map((e) => e.id)).not.toContain(forged.id);
  });

  it('finds a caller’s earlier tickets by caller key', async () => {
    const withKey = (await db.tickets.find().exec())
      .map((d) => d.toJSON() as TicketDoc)
      .filter((t) => t.callerKey !== '');
    const key = withKey[0]?.callerKey as string;
    expect(key).toBeTruthy();
    const expected = withKey.filter((t) => t.callerKey === key).map((t) => t.id);
    const found = await findByCaller(db, key);
    expect(found.map((t) => t.id).sort()).toEqual([...expected].sort());
  });

  it('finds a ticket by its number however it is read out, or by id', async () => {
    const any = (await db.tickets.find().exec())[0]?.toJSON() as TicketDoc;
    const spoken = any.number.replaceAll('-', ' ');
    expect((await findTicketByNumber(db, spoken))?.id).toBe(any.id);
    expect((await findTicketByNumber(db, any.number.replaceAll('-', '')))?.id).toBe(any.id);
    expect((await findTicketByNumber(db, any.id))?.id).toBe(any.id);
    expect(await findTicketByNumber(db, '9999-999999-99-9999')).toBeNull();
  });
});

describe('queues of a township handler and the county dispatcher', () => {
  async function queuesOf(userId: string) {
    const sessions = createSessionManager({ store: memoryStore() });
    const s = await sessions.signIn(server.url, userId, DEMO_PASSWORD);
    const db = await openLianxinDb({ userId, unitId: s.user.unitId, storage });
    const sync = await startSync(db, sessions, syncOptions);
    try {
      await sync.awaitInitialSync();
      const now = Date.now();
      const unitId = s.user.unitId;
      const visible = await visibleTickets(unitId);
      expect(sync.progress().pulled.tickets).toBe(visible.length);
      const actual: Record<string, string[]> = {};
      const expected: Record<string, string[]> = {};
      for (const q of QUEUES) {
        actual[q] = (await firstValueFrom(observeQueue(db, q, unitId, now)))
          .map((i) => i.doc.id)
          .sort();
        // Without any database narrowing: fold every visible ticket.
        expected[q] = visible
          .filter(
            (t) =>
              queueClock(
                q,
                foldTicket(t.events, { calendar: db.calendar() }, t.id),
                unitId,
                now,
                db.calendar(),
              ) !== false,
          )
          .map((t) => t.id)
          .sort();
      }
      const counts = await firstValueFrom(observeQueueCounts(db, unitId, now));
      return { actual, expected, counts, visible };
    } finally {
      await sync.stop();
      sessions.dispose();
      await db.close();
    }
  }

  /** The township with the most work waiting (to sign or to handle) in the demo data. */
  async function busyTownship(): Promise<string> {
    const counts = new Map<string, number>();
    for (const t of await serverDocs<TicketDoc>('tickets')) {
      const state = foldTicket(t.events, { calendar: createCalendar() }, t.id);
      for (const a of state.assignments) {
        if (
          /^c\d\d-k\d\d-t\d\d$/.test(a.unitId) &&
          ['pending_sign', 'handling'].includes(a.status)
        ) {
          counts.set(a.unitId, (counts.get(a.unitId) ?? 0) + 1);
        }
      }
    }
    const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (!best) throw new Error('the demo data has no township work');
    return best[0];
  }

  it('gives each its own work', async () => {
    const township = await busyTownship();
    const town = await queuesOf(`${township}-h`);
    const disp = await queuesOf(`${township.slice(0, 7)}-disp`);
    expect(town.actual).toEqual(town.expected);
    expect(disp.actual).toEqual(disp.expected);
    for (const q of QUEUES) {
      expect(town.counts[q]).toBe(town.actual[q]?.length);
      expect(disp.counts[q]).toBe(disp.actual[q]?.length);
    }
    // The centre reviews intake and calls back; the township signs and handles.
    expect(town.counts.pending_review).toBe(0);
    expect(town.counts.callback).toBe(0);
    expect(disp.counts.pending_sign).toBe(0);
    expect(disp.counts.pending_review + disp.counts.callback + disp.counts.review).toBeGreaterThan(
      0,
    );
    expect(town.counts.pending_sign + town.counts.handling).toBeGreaterThan(0);
    expect(disp.visible.length).toBeGreaterThan(town.visible.length);
  });
});
