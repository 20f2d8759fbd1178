/**
 * @module
 * The PostgreSQL adapter (pg 8) for the city/province tier, where several
 * stateless sync server processes share one database. Same semantics as the
 * SQLite adapter; the differences are all about concurrent writers:
 *
 * - Sequence numbers come from a counter row (`counters.seq`) bumped inside
 *   the writing transaction. The row lock is held until COMMIT, so writers
 *   that allocate numbers commit one after another in number order: a reader
 *   whose snapshot shows seq N also shows every seq below N, and a pull by
 *   checkpoint never skips a late commit. A PostgreSQL SEQUENCE would not do:
 *   its numbers commit out of order. Rolled-back numbers are returned with the
 *   rollback, so there are no gaps.
 * - `tx.getDocs` takes a transaction-level advisory lock per (collection, id),
 *   in a fixed order, before reading with `FOR UPDATE`: two processes merging
 *   the same ticket serialize, even when the row does not exist yet. Read
 *   before writing: the counter lock is taken by the first write, and a
 *   transaction that locks ids after it can deadlock with one that locked
 *   them before (PostgreSQL then aborts one of them with 40P01).
 * - Audit appends take the same counter-row lock, so the hash chain has one
 *   writer at a time and no lock-order deadlock with document writes.
 * - Change notices are queued with `pg_notify` inside the transaction:
 *   PostgreSQL delivers them only if, and right after, it commits (a crash
 *   between COMMIT and a separate NOTIFY cannot lose the wake-up). Every open
 *   store LISTENs on its own connection, so the writer's own listeners hear a
 *   commit exactly once, the same way other processes do.
 */

import { EventEmitter } from 'node:events';
import pg from 'pg';
import { COLLECTIONS, type Collection, CollectionSchema } from '../../shared/protocol';
import { AUDIT_GENESIS, auditHash } from './audit-chain';
import { type AuditDbRow, type DeviceDbRow, toAudit, toDevice } from './rows';
import type {
  ChangeNotice,
  DeviceRow,
  DocRow,
  DocWrite,
  PullQuery,
  PullResult,
  RefreshTokenRow,
  Store,
  StoreTx,
} from './types';

export interface PostgresStoreOptions {
  connectionString: string;
  /** connections for queries and transactions (one more is used for LISTEN) */
  poolSize?: number;
  /** the LISTEN/NOTIFY channel shared by every process on this database */
  channel?: string;
}

const DEFAULT_CHANNEL = 'lianxin_changes';
/** NOTIFY refuses payloads of 8000 bytes or more; keep a margin. */
const MAX_NOTICE_BYTES = 7000;
/** Same cut-off as the SQLite adapter: beyond it, listeners wake everyone. */
const MAX_NOTICE_UNITS = 500;
/** Rows per multi-row statement: bounds the size of one bind message. */
const CHUNK = 5000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
  collection TEXT NOT NULL, id TEXT NOT NULL, seq BIGINT NOT NULL,
  data TEXT NOT NULL, origin TEXT NOT NULL,
  PRIMARY KEY (collection, id)
);
CREATE TABLE IF NOT EXISTS access (
  collection TEXT NOT NULL, doc_id TEXT NOT NULL, unit_id TEXT NOT NULL, mode TEXT NOT NULL,
  seq BIGINT NOT NULL, deleted BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (collection, doc_id, unit_id, mode)
);
CREATE INDEX IF NOT EXISTS access_pull ON access (collection, unit_id, seq);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  id TEXT PRIMARY KEY, family TEXT NOT NULL, user_id TEXT NOT NULL, device_id TEXT NOT NULL,
  expires_at BIGINT NOT NULL, used_at BIGINT, revoked BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS refresh_family ON refresh_tokens (family);
CREATE INDEX IF NOT EXISTS refresh_device ON refresh_tokens (device_id);
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, unit_id TEXT NOT NULL, code TEXT NOT NULL,
  centre_id TEXT NOT NULL, name TEXT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT
);
CREATE INDEX IF NOT EXISTS devices_centre ON devices (centre_id);
CREATE UNIQUE INDEX IF NOT EXISTS devices_code ON devices (centre_id, code);
CREATE TABLE IF NOT EXISTS audit (
  seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO counters (name, value)
  SELECT 'seq', GREATEST((SELECT MAX(seq) FROM docs), (SELECT MAX(seq) FROM access), 0)
  ON CONFLICT (name) DO NOTHING;
`;

const SQL = {
  lockSchema: `SELECT pg_advisory_xact_lock(hashtext('lianxin.storage.schema'))`,
  /** Sorted so two transactions locking overlapping sets cannot deadlock. */
  lockIds: `SELECT pg_advisory_xact_lock(k.c, k.i) FROM (
      SELECT DISTINCT hashtext($1) AS c, hashtext(id) AS i FROM unnest($2::text[]) AS id ORDER BY 1, 2
    ) AS k`,
  getDocs: 'SELECT id, seq, data, origin FROM docs WHERE collection = $1 AND id = ANY($2::text[])',
  getDocsForUpdate: `SELECT id, seq, data, origin FROM docs WHERE collection = $1 AND id = ANY($2::text[])
    ORDER BY id FOR UPDATE`,
  allocate: `UPDATE counters SET value = value + $1 WHERE name = 'seq' RETURNING value`,
  lockCounter: `SELECT value FROM counters WHERE name = 'seq' FOR UPDATE`,
  headSeq: `SELECT value FROM counters WHERE name = 'seq'`,
  putDocs: `INSERT INTO docs (collection, id, seq, data, origin)
    SELECT $1, w.id, w.seq, w.data, w.origin
    FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[]) AS w(id, seq, data, origin)
    ON CONFLICT (collection, id) DO UPDATE
      SET seq = excluded.seq, data = excluded.data, origin = excluded.origin`,
  putGrants: `INSERT INTO access (collection, doc_id, unit_id, mode, seq, deleted)
    SELECT $1, g.doc_id, g.unit_id, g.mode, g.seq, false
    FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) AS g(doc_id, unit_id, mode, seq)
    ON CONFLICT (collection, doc_id, unit_id, mode) DO UPDATE
      SET seq = excluded.seq, deleted = false`,
  // Every grant just written carries the record's new seq, which is higher
  // than any seq before it; a live grant with a lower one was not in this
  // write: the unit lost access and pulls a tombstone.
  tombstone: `UPDATE access a SET seq = w.seq, deleted = true
    FROM unnest($2::text[], $3::bigint[]) AS w(id, seq)
    WHERE a.collection = $1 AND a.doc_id = w.id AND a.seq < w.seq AND NOT a.deleted
    RETURNING a.unit_id`,
  lastAudit: 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
  putAudit: `INSERT INTO audit (seq, at, actor, action, target, detail, prev_hash, hash)
    SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[],
      $6::text[], $7::text[], $8::text[])`,
  notify: 'SELECT pg_notify($1, $2)',
  // Two index range scans merged by seq, as in SQLite; a doc granted twice
  // (read and subtree) comes back twice and is deduplicated by the caller.
  pull: `SELECT a.doc_id AS id, a.seq, a.deleted, d.data, d.origin
    FROM access a JOIN docs d ON d.collection = a.collection AND d.id = a.doc_id
    WHERE a.collection = $1 AND a.seq > $2 AND (
      (a.unit_id = $3 AND a.mode = ANY($4::text[])) OR (a.unit_id = ANY($5::text[]) AND a.mode = 'subtree'))
    ORDER BY a.seq LIMIT $6`,
} as const;

interface DocDbRow {
  id: string;
  seq: string;
  data: string;
  origin: string;
}

const toDoc = (r: DocDbRow): DocRow => ({
  id: r.id,
  seq: Number(r.seq),
  data: r.data,
  origin: r.origin,
});

function docMap(ids: readonly string[], rows: readonly DocDbRow[]): Map<string, DocRow> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, DocRow>();
  for (const id of ids) {
    const row = byId.get(id);
    if (row) out.set(id, toDoc(row));
  }
  return out;
}

/** Splits writes into rounds with unique ids, so a repeated id behaves as two writes in order. */
function rounds(writes: readonly DocWrite[]): DocWrite[][] {
  const out: DocWrite[][] = [];
  let round: DocWrite[] = [];
  let ids = new Set<string>();
  for (const write of writes) {
    if (ids.has(write.id) || round.length === CHUNK) {
      out.push(round);
      round = [];
      ids = new Set();
    }
    ids.add(write.id);
    round.push(write);
  }
  if (round.length > 0) out.push(round);
  return out;
}

function noticePayload(collection: Collection, seq: number, units: ReadonlySet<string>): string {
  if (units.size <= MAX_NOTICE_UNITS) {
    const full = JSON.stringify({ collection, seq, units: [...units] } satisfies ChangeNotice);
    if (Buffer.byteLength(full) <= MAX_NOTICE_BYTES) return full;
  }
  return JSON.stringify({ collection, seq, units: null } satisfies ChangeNotice);
}

function parseNotice(payload: string | undefined): ChangeNotice | null {
  try {
    const v: unknown = JSON.parse(payload ?? '');
    if (typeof v !== 'object' || v === null) return null;
    const { collection, seq, units } = v as Record<string, unknown>;
    const c = CollectionSchema.safeParse(collection);
    if (!c.success || typeof seq !== 'number') return null;
    if (units === null) return { collection: c.data, seq, units: null };
    if (!Array.isArray(units) || !units.every((u) => typeof u === 'string')) return null;
    return { collection: c.data, seq, units };
  } catch {
    return null;
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Opens (and creates, if needed) the Lianxin tables in a PostgreSQL database.
 *
 * @example
 * ```ts
 * const store = await openPostgresStore({ connectionString: process.env.DATABASE_URL ?? '' });
 * store.onChange((n) => wakePullers(n.collection, n.units));
 * ```
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const channel = options.channel ?? DEFAULT_CHANNEL;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
  });
  // An idle client whose connection drops emits here; the pool replaces it.
  pool.on('error', (e) => console.error('postgres pool:', e.message));

  const ddl = await pool.connect();
  try {
    // Two processes starting at once would race on the catalog otherwise.
    await ddl.query('BEGIN');
    await ddl.query(SQL.lockSchema);
    await ddl.query(SCHEMA);
    await ddl.query('COMMIT');
    ddl.release();
  } catch (e) {
    await ddl.query('ROLLBACK').catch(() => undefined);
    ddl.release(true);
    await pool.end();
    throw e;
  }

  const events = new EventEmitter();
  events.setMaxListeners(0);
  let closed = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  async function listen(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: options.connectionString });
    client.on('notification', (msg) => {
      if (msg.channel !== channel) return;
      const notice = parseNotice(msg.payload);
      if (notice) events.emit('change', notice);
    });
    client.on('error', () => {
      if (closed || listener !== client) return;
      listener = null;
      client.end().catch(() => undefined);
      scheduleRelisten();
    });
    await client.connect();
    await client.query(`LISTEN ${quoteIdent(channel)}`);
    return client;
  }

  // Notices sent while the listener was away are lost: after reconnecting,
  // wake every listener on every collection so they pull what they missed.
  function scheduleRelisten() {
    retry = setTimeout(() => {
      retry = null;
      listen()
        .then(async (client) => {
          if (closed) return client.end();
          listener = client;
          const seq = await store.headSeq();
          for (const collection of COLLECTIONS)
            events.emit('change', { collection, seq, units: null } satisfies ChangeNotice);
        })
        .catch(() => {
          if (!closed) scheduleRelisten();
        });
    }, 1000);
  }

  try {
    listener = await listen();
  } catch (e) {
    await pool.end();
    throw e;
  }

  const store: Store = {
    kind: 'postgres',

    async transact<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const changed = new Map<Collection, Set<string>>();
      let lastSeq: number | null = null;
      let counterLocked = false;

      async function allocate(n: number): Promise<number> {
        const res = await client.query<{ value: string }>(SQL.allocate, [n]);
        counterLocked = true;
        lastSeq = Number(res.rows[0]?.value);
        return lastSeq - n + 1;
      }

      const tx: StoreTx = {
        async getDocs(collection, ids) {
          if (ids.length === 0) return new Map();
          await client.query(SQL.lockIds, [collection, ids]);
          const res = await client.query<DocDbRow>(SQL.getDocsForUpdate, [collection, ids]);
          return docMap(ids, res.rows);
        },

        async writeDocs(collection, writes) {
          let units = changed.get(collection);
          if (!units) {
            units = new Set();
            changed.set(collection, units);
          }
          if (writes.length === 0) return;
          let seq = await allocate(writes.length);
          for (const round of rounds(writes)) {
            const ids: string[] = [];
            const seqs: number[] = [];
            const data: string[] = [];
            const origins: string[] = [];
            const g = { docs: [] as string[], units: [] as string[], modes: [] as string[] };
            const gSeqs: number[] = [];
            for (const write of round) {
              ids.push(write.id);
              seqs.push(seq);
              data.push(write.data);
              origins.push(write.origin);
              const seen = new Set<string>();
              for (const grant of write.grants) {
                const key = `${grant.unitId}\u0000${grant.mode}`;
                if (seen.has(key)) continue;
                seen.add(key);
                g.docs.push(write.id);
                g.units.push(grant.unitId);
                g.modes.push(grant.mode);
                gSeqs.push(seq);
                units.add(grant.unitId);
              }
              seq += 1;
            }
            await client.query(SQL.putDocs, [collection, ids, seqs, data, origins]);
            for (let i = 0; i < g.docs.length; i += CHUNK) {
              const end = i + CHUNK;
              await client.query(SQL.putGrants, [
                collection,
                g.docs.slice(i, end),
                g.units.slice(i, end),
                g.modes.slice(i, end),
                gSeqs.slice(i, end),
              ]);
            }
            const lost = await client.query<{ unit_id: string }>(SQL.tombstone, [
              collection,
              ids,
              seqs,
            ]);
            for (const row of lost.rows) units.add(row.unit_id);
          }
        },

        async appendAudit(entries) {
          if (entries.length === 0) return;
          if (!counterLocked) {
            await client.query(SQL.lockCounter);
            counterLocked = true;
          }
          const last = await client.query<{ seq: string; hash: string }>(SQL.lastAudit);
          let prev = last.rows[0]?.hash ?? AUDIT_GENESIS;
          let n = Number(last.rows[0]?.seq ?? 0);
          const rows = entries.map((e) => {
            n += 1;
            const hash = auditHash(prev, n, e);
            const row = [n, e.at, e.actor, e.action, e.target, e.detail, prev, hash] as const;
            prev = hash;
            return row;
          });
          const column = (i: number) => rows.map((row) => row[i]);
          await client.query(SQL.putAudit, [0, 1, 2, 3, 4, 5, 6, 7].map(column));
        },
      };

      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        if (changed.size > 0) {
          const seq =
            lastSeq ?? Number((await client.query<{ value: string }>(SQL.headSeq)).rows[0]?.value);
          for (const [collection, units] of changed)
            await client.query(SQL.notify, [channel, noticePayload(collection, seq, units)]);
        }
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
          client.release();
        } catch {
          client.release(true);
        }
        throw e;
      }
    },

    async getDocs(collection, ids) {
      if (ids.length === 0) return new Map();
      const res = await pool.query<DocDbRow>(SQL.getDocs, [collection, ids]);
      return docMap(ids, res.rows);
    },

    async allDocs(collection) {
      const res = await pool.query<DocDbRow>(
        'SELECT id, seq, data, origin FROM docs WHERE collection = $1 ORDER BY seq',
        [collection],
      );
      return res.rows.map(toDoc);
    },

    async pull(q: PullQuery): Promise<PullResult> {
      const res = await pool.query<{
        id: string;
        seq: string;
        deleted: boolean;
        data: string;
        origin: string;
      }>(SQL.pull, [
        q.collection,
        q.after,
        q.unitId,
        q.relay ? ['read', 'relay'] : ['read'],
        q.subtreeHolders,
        q.limit,
      ]);
      const rows = res.rows;
      const lastSeq = rows.length > 0 ? Number(rows[rows.length - 1]?.seq ?? q.after) : q.after;
      const seen = new Set<string>();
      const out: PullResult['rows'] = [];
      for (const row of rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        if (row.deleted) out.push({ id: row.id, seq: Number(row.seq), data: null });
        else if (row.origin !== q.skipOrigin)
          out.push({ id: row.id, seq: Number(row.seq), data: row.data });
      }
      return { rows: out, lastSeq };
    },

    async headSeq() {
      const res = await pool.query<{ value: string }>(SQL.headSeq);
      return Number(res.rows[0]?.value ?? 0);
    },

    async getMeta(key) {
      const res = await pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [
        key,
      ]);
      return res.rows[0]?.value ?? null;
    },
    async setMeta(key, value) {
      await pool.query(
        'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },

    async putRefreshToken(t: RefreshTokenRow) {
      await pool.query(
        `INSERT INTO refresh_tokens (id, family, user_id, device_id, expires_at, used_at, revoked)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [t.id, t.family, t.userId, t.deviceId, t.expiresAt, t.usedAt, t.revoked],
      );
    },
    async getRefreshToken(id) {
      const res = await pool.query<{
        id: string;
        family: string;
        user_id: string;
        device_id: string;
        expires_at: string;
        used_at: string | null;
        revoked: boolean;
      }>('SELECT * FROM refresh_tokens WHERE id = $1', [id]);
      const row = res.rows[0];
      return row
        ? {
            id: row.id,
            family: row.family,
            userId: row.user_id,
            deviceId: row.device_id,
            expiresAt: Number(row.expires_at),
            usedAt: row.used_at === null ? null : Number(row.used_at),
            revoked: row.revoked,
          }
        : null;
    },
    async useRefreshToken(id, at) {
      const res = await pool.query(
        'UPDATE refresh_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL',
        [at, id],
      );
      return res.rowCount === 1;
    },
    async revokeFamily(family) {
      await pool.query('UPDATE refresh_tokens SET revoked = true WHERE family = $1', [family]);
    },
    async revokeDeviceTokens(deviceId) {
      await pool.query('UPDATE refresh_tokens SET revoked = true WHERE device_id = $1', [deviceId]);
    },

    async putDevice(d: DeviceRow) {
      await pool.query(
        `INSERT INTO devices (id, user_id, unit_id, code, centre_id, name, created_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, unit_id = excluded.unit_id, name = excluded.name`,
        [d.id, d.userId, d.unitId, d.code, d.centreId, d.name, d.createdAt, d.revokedAt],
      );
    },
    async getDevice(id) {
      const res = await pool.query<DeviceDbRow>('SELECT * FROM devices WHERE id = $1', [id]);
      const row = res.rows[0];
      return row ? toDevice(row) : null;
    },
    async devicesOfCentre(centreId) {
      // COLLATE "C": byte order, as SQLite sorts, whatever the database locale.
      const res = await pool.query<DeviceDbRow>(
        'SELECT * FROM devices WHERE centre_id = $1 ORDER BY code COLLATE "C"',
        [centreId],
      );
      return res.rows.map(toDevice);
    },
    async revokeDevice(id, at) {
      await pool.query('UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        at,
        id,
      ]);
    },

    async auditTail(limit) {
      const res = await pool.query<AuditDbRow>('SELECT * FROM audit ORDER BY seq DESC LIMIT $1', [
        limit,
      ]);
      return res.rows.reverse().map(toAudit);
    },
    async auditAll() {
      const res = await pool.query<AuditDbRow>('SELECT * FROM audit ORDER BY seq');
      return res.rows.map(toAudit);
    },

    onChange(listener) {
      events.on('change', listener);
      return () => events.off('change', listener);
    },

    async close() {
      if (closed) return;
      closed = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await pool.end();
    },
  };
  return store;
}
