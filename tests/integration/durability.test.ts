/**
 * kill -9 of the server during a burst of pushes loses no acknowledged event.
 * The server runs as a child process on a SQLite file; a burst of concurrent
 * pushes of new tickets is fired at it and the process is killed mid-burst.
 * Restarted on the same file, it must open cleanly and hold every event of
 * every push it answered 200 — and, a push being one transaction, each
 * unanswered push either whole or not at all. Several rounds on one file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/storage/audit-chain';
import { openSqliteStore } from '../../server/storage/sqlite';
import { actor, createdData } from '../../shared/domain/ticket/test-kit';
import type { PulledDoc, PushResponse } from '../../shared/protocol';
import type { TicketEvent } from '../../shared/schema/ticket-event';
import { event, login, type ServerProcess, spawnServer } from './support/harness';

const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const disp = actor(`${COUNTY}-disp`, 'dispatcher', COUNTY);
const ROUNDS = 3;
/** concurrent pushes per round, each of 1–3 new tickets (created + dispatched) */
const BURST = 80;
/** kill -9 once this many pushes of the round were acknowledged: early, midway, late */
const KILL_AFTER = [10, 35, 60];

type Child = ServerProcess;

let dir = '';
let dbPath = '';
let current: Child | null = null;

/** Starts the server as a child process on the file. */
async function startChild(): Promise<Child> {
  current = await spawnServer([
    '--port',
    '0',
    '--db',
    dbPath,
    '--demo',
    '--demo-tickets',
    '20',
    '--static-dir',
    join(dir, 'no-static'),
  ]);
  return current;
}

let numberSeq = 0;
const today = () =>
  new Date(Date.now() + 8 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');

function newTicket(id: string): { id: string; events: TicketEvent[] } {
  numberSeq += 1;
  const created = event(
    id,
    'created',
    disp,
    createdData({ number: `1101-${today()}-95-${String(numberSeq).padStart(4, '0')}` }),
  );
  const dispatched = event(id, 'dispatched', disp, {
    mode: 'time_limited',
    units: [{ unitId: TOWN, lead: true }],
    note: '',
  });
  return { id, events: [created, dispatched] };
}

interface Push {
  tickets: { id: string; events: TicketEvent[] }[];
  acked: boolean;
  /** events the server refused (none expected), when the answer was read in full */
  rejected?: number;
}

/** Every ticket a fresh device of the county dispatcher pulls: id → event ids. */
async function pulledEvents(url: string): Promise<Map<string, Set<string>>> {
  const { accessToken } = await login(url, `${COUNTY}-disp`);
  const out = new Map<string, Set<string>>();
  let after = 0;
  for (;;) {
    const res = await fetch(`${url}/api/v1/replication/tickets/pull?after=${after}&limit=5000`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { documents: PulledDoc[]; checkpoint: { seq: number } };
    for (const d of page.documents) {
      out.set(d.id, new Set(((d.events ?? []) as { id: string }[]).map((e) => e.id)));
    }
    if (page.documents.length === 0 || page.checkpoint.seq === after) return out;
    after = page.checkpoint.seq;
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lianxin-durability-'));
  dbPath = join(dir, 'server.sqlite');
});

afterAll(async () => {
  if (current && current.proc.exitCode === null && current.proc.signalCode === null) {
    current.proc.kill('SIGKILL');
    await current.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 during a push burst', () => {
  it('loses no acknowledged event, round after round, and the store opens cleanly', async () => {
    const everAcked: Push[] = [];
    let server = await startChild();
    for (let round = 1; round <= ROUNDS; round++) {
      const { accessToken } = await login(server.url, `${COUNTY}-disp`);
      const pushes: Push[] = Array.from({ length: BURST }, (_, i) => ({
        tickets: Array.from({ length: 1 + (i % 3) }, (_, j) =>
          newTicket(`dur-r${round}-p${String(i).padStart(3, '0')}-${j}-${Date.now().toString(36)}`),
        ),
        acked: false,
      }));
      let acks = 0;
      let killed = false;
      const killAfter = KILL_AFTER[(round - 1) % KILL_AFTER.length] ?? 10;
      const victim = server;
      const results = await Promise.allSettled(
        pushes.map(async (p) => {
          const res = await fetch(`${victim.url}/api/v1/replication/tickets/push`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${accessToken}`,
              'content-type': 'application/x-ndjson',
            },
            body: p.tickets.map((t) => JSON.stringify({ newDocumentState: t })).join('\n'),
          });
          if (res.status !== 200) throw new Error(`push answered ${res.status}`);
          // A 200 is the acknowledgement: the server answers only after its commit.
          p.acked = true;
          acks += 1;
          if (acks >= killAfter && !killed) {
            killed = true;
            victim.proc.kill('SIGKILL');
          }
          p.rejected = ((await res.json()) as PushResponse).rejected.length;
        }),
      );
      expect(killed).toBe(true);
      expect(await victim.exited).toBeNull(); // killed by the signal, not exited
      expect(victim.proc.signalCode).toBe('SIGKILL');
      const acked = pushes.filter((p) => p.acked);
      for (const p of acked) expect(p.rejected ?? 0).toBe(0);
      // The kill landed mid-burst: some pushes were answered, some never were.
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      expect(results.some((r) => r.status === 'rejected')).toBe(true);
      everAcked.push(...acked);

      // Restarted on the same file, it must open cleanly and hold every acknowledged event.
      server = await startChild();
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      const stored = await pulledEvents(server.url);
      for (const p of everAcked) {
        for (const t of p.tickets) {
          const have = stored.get(t.id);
          expect(have, `acknowledged ticket ${t.id} lost in round ${round}`).toBeDefined();
          for (const e of t.events) expect(have?.has(e.id), e.id).toBe(true);
        }
      }
      // A push is one transaction: an unanswered one is all there or not at all.
      for (const p of pushes.filter((x) => !x.acked)) {
        const present = p.tickets.map((t) => stored.get(t.id)?.size ?? 0);
        expect(
          present.every((n) => n === 2) || present.every((n) => n === 0),
          `push of ${p.tickets[0]?.id} torn: ${present}`,
        ).toBe(true);
      }
    }

    // A clean stop, then the file itself: intact, and the audit chain unbroken.
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    const store = openSqliteStore(dbPath);
    try {
      const audit = await store.auditAll();
      expect(audit.length).toBeGreaterThan(0);
      expect(verifyAuditChain(audit)).toBeNull();
      const ids = new Set((await store.allDocs('tickets')).map((r) => r.id));
      for (const p of everAcked) for (const t of p.tickets) expect(ids.has(t.id)).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);
});
