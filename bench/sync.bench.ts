/**
 * `npm run bench:sync`: Lianxin's sync with the shared benchmark data (gen.js,
 * 10,000 tickets mapped by `map-gen-tickets.ts`) against DESIGN.md's
 * "Performance targets". A real server (`server/index.ts`, its own process,
 * SQLite in a temp folder, demo network with no demo tickets) and, in this
 * process, the clients:
 * 1. push: the administrator's bulk import (`p-adm`, NDJSON, gzip, batches
 *    of 2,000 sent concurrently);
 * 2. pull: a fresh RxDB tablet (memory storage, `replicateWithServer`) of the
 *    county centre that took every ticket, then a second fresh tablet;
 * 3. durable ingest: events committed per second during the push.
 * Figures are printed beside their targets and written to
 * `bench/results/sync.json`; targets are reported, never enforced.
 *
 * Environment: BENCH_COUNT (default 10000), BENCH_PROFILE=1 (CPU profiles of
 * server and bench into bench/data/profiles), BENCH_GZIP_LEVEL (push, default 6),
 * BENCH_KEEP=1 (keep the server's temp folder and database).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { SCHEMAS } from '../client/data/schemas';
import { replicateWithServer, ticketConflictHandler } from '../client/sync/replication';
import { createCalendar } from '../shared/domain/calendar';
import type { PushResponse } from '../shared/protocol';
import {
  CENTRE,
  DATA_DIR,
  loadGenTickets,
  mapGenTickets,
  REPO_ROOT,
  statusCounts,
} from './map-gen-tickets';

const COUNT = Number(process.env.BENCH_COUNT ?? 10_000);
const PUSH_BATCH = 2000;
const PUSH_GZIP_LEVEL = Number(process.env.BENCH_GZIP_LEVEL ?? 6);
const PROFILE = process.env.BENCH_PROFILE === '1';
const PASSWORD = 'lianxin2026';
const gzipAsync = promisify(gzip);

const TARGETS = {
  pullSeconds: 0.6,
  pullGzipRatio: 1.1,
  pushSeconds: 1.0,
  pushGzipRatio: 1.1,
  pushEchoDocuments: 0,
  ingestEventsPerSecond: 10_000,
};

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `server/index.ts` in its own process (the tablets are elsewhere too). */
async function startServer(dir: string): Promise<Server> {
  const profileDir = path.join(DATA_DIR, 'profiles');
  if (PROFILE) mkdirSync(profileDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      ...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
      '--import',
      'tsx',
      'server/index.ts',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--db',
      path.join(dir, 'server.sqlite'),
      '--demo',
      '--demo-tickets',
      '0',
      '--static-dir',
      path.join(dir, 'no-static'),
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { msg?: string; url?: string };
        if (msg.msg === 'server listening' && msg.url) resolve(msg.url);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function login(url: string, userId: string, deviceId?: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password: PASSWORD, ...(deviceId ? { deviceId } : {}) }),
  });
  if (!res.ok) throw new Error(`login ${userId}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { accessToken: string; device: { id: string } };
}

/** Sends NDJSON batches (gzip) concurrently; bytes are the request bodies as sent. */
async function pushBatches(
  url: string,
  token: string,
  route: string,
  records: readonly Record<string, unknown>[],
) {
  let requestBytes = 0;
  let responseBytes = 0;
  let rejected = 0;
  let conflicts = 0;
  const start = performance.now();
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < records.length; i += PUSH_BATCH)
    batches.push(records.slice(i, i + PUSH_BATCH));
  await Promise.all(
    batches.map(async (batch) => {
      const ndjson = batch.map((doc) => JSON.stringify({ newDocumentState: doc })).join('\n');
      const body = await gzipAsync(ndjson, { level: PUSH_GZIP_LEVEL });
      requestBytes += body.length;
      const res = await fetch(`${url}/api/v1/replication/${route}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-ndjson',
          'content-encoding': 'gzip',
        },
        body,
      });
      const text = await res.text();
      responseBytes += Buffer.byteLength(text);
      if (!res.ok) throw new Error(`${route}: ${res.status} ${text.slice(0, 300)}`);
      const result = JSON.parse(text) as PushResponse;
      rejected += result.rejected.length;
      conflicts += result.conflicts.length;
    }),
  );
  return {
    seconds: (performance.now() - start) / 1000,
    requestBytes,
    responseBytes,
    rejected,
    conflicts,
    requests: batches.length,
  };
}

let tabletNo = 0;

/** A fresh tablet: RxDB memory storage, one tickets collection, pulled until in sync. */
async function pullFresh(url: string, token: string) {
  tabletNo += 1;
  const db = await createRxDatabase({
    name: `bench-tablet-${tabletNo}-${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  const calendar = createCalendar();
  await db.addCollections({
    tickets: { schema: SCHEMAS.tickets, conflictHandler: ticketConflictHandler(() => calendar) },
  });
  let wireBytes = 0;
  let requests = 0;
  const encodings: Record<string, number> = {};
  let fetchMs = 0;
  const countingFetch: typeof fetch = async (input, init) => {
    const t = performance.now();
    const res = await fetch(input, init);
    const buf = await res.arrayBuffer();
    fetchMs += performance.now() - t;
    requests += 1;
    const encoding = res.headers.get('content-encoding') ?? 'identity';
    encodings[encoding] = (encodings[encoding] ?? 0) + 1;
    const length = res.headers.get('content-length');
    // Compressed bytes as sent: content-length when the server gives it.
    wireBytes += length !== null ? Number(length) : buf.byteLength;
    return new Response(buf, {
      status: res.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  const start = performance.now();
  const state = replicateWithServer(
    db.collections.tickets as RxCollection,
    'tickets',
    { baseUrl: url, token: () => token, fetch: countingFetch },
    {},
    { live: false },
  );
  let error: unknown = null;
  const sub = state.error$.subscribe((e) => {
    error = e;
  });
  await state.awaitInitialReplication();
  const seconds = (performance.now() - start) / 1000;
  sub.unsubscribe();
  const count = await (db.collections.tickets as RxCollection).count().exec();
  await state.cancel();
  await db.close();
  if (error) throw error;
  return { seconds, wireBytes, requests, count, encodings, fetchMs };
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-bench-'));
  const t0 = performance.now();
  const gen = loadGenTickets(COUNT);
  const genJson = JSON.stringify(gen);
  const genGzip = gzipSync(genJson).length;
  const calendar = createCalendar();
  const { mapped, conflicts } = mapGenTickets(gen, calendar);
  const docs = mapped.map((m) => m.doc);
  const events = docs.reduce((n, d) => n + d.events.length, 0);
  const json = JSON.stringify(docs);
  const rawBytes = Buffer.byteLength(json);
  const gzipBytes = gzipSync(json).length;
  console.log(
    `data: ${docs.length} tickets, ${events} events, fold conflicts ${conflicts}; ` +
      `JSON ${mb(rawBytes)} (${Math.round(rawBytes / docs.length)} B/ticket), gzip ${mb(gzipBytes)}; ` +
      `gen.js JSON ${mb(Buffer.byteLength(genJson))}, gzip ${mb(genGzip)} ` +
      `(prepared in ${fmt((performance.now() - t0) / 1000)} s)`,
  );
  console.log(`statuses: ${JSON.stringify(statusCounts(docs))}`);

  const server = await startServer(dir);
  try {
    // 1. push: the administrator's bulk import.
    const admin = await login(server.url, 'p-adm');
    const push = await pushBatches(server.url, admin.accessToken, 'import/tickets', docs);
    if (push.rejected > 0 || push.conflicts > 0)
      console.warn(`push: ${push.rejected} rejected, ${push.conflicts} conflicts`);
    const ingest = events / push.seconds;

    // Callers' contacts, by the centre that took the calls (not timed as a target).
    const operator = await login(server.url, `${CENTRE}-op`);
    const contacts = await pushBatches(
      server.url,
      operator.accessToken,
      'contacts/push',
      mapped.map((m) => m.contact),
    );

    // 2. pull: fresh county-centre tablets.
    const tablet1 = await login(server.url, `${CENTRE}-disp`);
    const pull1 = await pullFresh(server.url, tablet1.accessToken);
    const tablet2 = await login(server.url, `${CENTRE}-disp`);
    const pull2 = await pullFresh(server.url, tablet2.accessToken);
    if (pull1.count !== docs.length || pull2.count !== docs.length)
      console.warn(`pull: got ${pull1.count} and ${pull2.count} of ${docs.length} tickets`);

    const rows: [string, number, number, string, boolean][] = [
      ['pull s (fresh tablet)', pull1.seconds, TARGETS.pullSeconds, 's', false],
      ['pull × gzip', pull1.wireBytes / gzipBytes, TARGETS.pullGzipRatio, '×', false],
      ['pull s (2nd tablet, cached)', pull2.seconds, TARGETS.pullSeconds, 's', false],
      ['pull × gzip (2nd)', pull2.wireBytes / gzipBytes, TARGETS.pullGzipRatio, '×', false],
      ['push s', push.seconds, TARGETS.pushSeconds, 's', false],
      ['push × gzip', push.requestBytes / gzipBytes, TARGETS.pushGzipRatio, '×', false],
      ['push echo (documents sent back)', push.conflicts, TARGETS.pushEchoDocuments, '', false],
      ['ingest events/s', ingest, TARGETS.ingestEventsPerSecond, '/s', true],
    ];
    console.log(
      `\n${'figure'.padEnd(34)}${'value'.padStart(12)}${'target'.padStart(13)}  figure/target`,
    );
    for (const [name, value, target, unit, higherIsBetter] of rows) {
      const ratio = target === 0 ? (value === 0 ? 0 : Number.POSITIVE_INFINITY) : value / target;
      // (for a zero target the ratio column shows 0 when met)
      const ok = higherIsBetter ? value >= target : value <= target;
      console.log(
        `${name.padEnd(34)}${`${fmt(value, unit === '' || unit === '/s' ? 0 : 3)} ${unit}`.padStart(12)}` +
          `${`${higherIsBetter ? '≥' : '≤'} ${target} ${unit}`.padStart(13)}` +
          `${fmt(ratio).padStart(10)}  ${ok ? 'met' : 'missed'}`,
      );
    }
    console.log(
      `\npush: ${push.requests} requests, ${mb(push.requestBytes)} gzip-${PUSH_GZIP_LEVEL} NDJSON, ` +
        `responses ${push.responseBytes} B in all (acknowledgements, no documents), ` +
        `${push.rejected} rejected, ${push.conflicts} conflicts`,
    );
    console.log(
      `contacts push: ${fmt(contacts.seconds)} s, ${mb(contacts.requestBytes)}, ${contacts.rejected} rejected`,
    );
    for (const [name, p] of [
      ['pull 1', pull1],
      ['pull 2', pull2],
    ] as const)
      console.log(
        `${name}: ${p.count} tickets, ${p.requests} requests ${JSON.stringify(p.encodings)}, ${mb(p.wireBytes)}, ` +
          `${fmt(p.fetchMs / 1000)} s inside fetch`,
      );

    const results = {
      bench: 'sync',
      date: new Date().toISOString(),
      node: process.version,
      data: {
        tickets: docs.length,
        events,
        foldConflicts: conflicts,
        jsonBytes: rawBytes,
        gzipBytes,
        genJsJsonBytes: Buffer.byteLength(genJson),
        genJsGzipBytes: genGzip,
      },
      targets: TARGETS,
      pull: {
        seconds: +fmt(pull1.seconds, 3),
        wireBytes: pull1.wireBytes,
        gzipRatio: +fmt(pull1.wireBytes / gzipBytes, 3),
        requests: pull1.requests,
        cachedSeconds: +fmt(pull2.seconds, 3),
        cachedWireBytes: pull2.wireBytes,
        cachedGzipRatio: +fmt(pull2.wireBytes / gzipBytes, 3),
      },
      push: {
        seconds: +fmt(push.seconds, 3),
        wireBytes: push.requestBytes,
        gzipRatio: +fmt(push.requestBytes / gzipBytes, 3),
        gzipLevel: PUSH_GZIP_LEVEL,
        echoDocuments: push.conflicts,
        responseBytes: push.responseBytes,
        requests: push.requests,
        rejected: push.rejected,
      },
      ingest: { eventsPerSecond: Math.round(ingest) },
    };
    if (COUNT === 10_000) {
      mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
      writeFileSync(
        path.join(REPO_ROOT, 'bench', 'results', 'sync.json'),
        `${JSON.stringify(results, null, 2)}\n`,
      );
    }
  } finally {
    await server.stop();
    if (process.env.BENCH_KEEP === '1') console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
