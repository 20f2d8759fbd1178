/**
 * @module
 * The SQLite adapter (better-sqlite3 12): one file, WAL with
 * `synchronous=FULL` so an acknowledged push survives kill -9. One connection
 * writes (transactions serialized in-process), another reads, so a pull never
 * sees a transaction that has not committed.
 */

import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import type { Collection } from '../../shared/protocol';
import { AUDIT_GENESIS, auditHash } from './audit-chain';
import { type AuditDbRow, type DeviceDbRow, toAudit, toDevice } from './rows';
import type {
  AuditEntry,
  ChangeNotice,
  DeviceRow,
  DocRow,
  DocWrite,
  PullBytesResult,
  PullQuery,
  PullResult,
  RefreshTokenRow,
  Store,
  StoreTx,
} from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
  collection TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,
  data TEXT NOT NULL, origin TEXT NOT NULL,
  PRIMARY KEY (collection, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS access (
  collection TEXT NOT NULL, doc_id TEXT NOT NULL, unit_id TEXT NOT NULL, mode TEXT NOT NULL,
  seq INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (collection, doc_id, unit_id, mode)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS access_pull ON access (collection, unit_id, seq);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  id TEXT PRIMARY KEY, family TEXT NOT NULL, user_id TEXT NOT NULL, device_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL, used_at INTEGER, revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS refresh_family ON refresh_tokens (family);
CREATE INDEX IF NOT EXISTS refresh_device ON refresh_tokens (device_id);
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, unit_id TEXT NOT NULL, code TEXT NOT NULL,
  centre_id TEXT NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS devices_code ON devices (centre_id, code);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
`;

/** Serializes async transactions on one connection. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

export function openSqliteStore(path: string): Store {
  const writer = new Database(path);
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = FULL');
  writer.pragma('busy_timeout = 5000');
  writer.exec(SCHEMA);
  const reader = path === ':memory:' ? writer : new Database(path, { readonly: true });
  if (reader !== writer) reader.pragma('busy_timeout = 5000');

  const events = new EventEmitter();
  events.setMaxListeners(0);
  const mutex = new Mutex();

  const maxSeq = writer.prepare<[], { s: number | null }>(
    'SELECT MAX(s) AS s FROM (SELECT MAX(seq) AS s FROM docs UNION ALL SELECT MAX(seq) FROM access)',
  );
  let seq = maxSeq.get()?.s ?? 0;

  const w = {
    /** many ids in one statement: a JSON array of them, looked up by primary key */
    getDocs: writer.prepare<[string, string], DocRow>(
      `SELECT id, seq, data, origin FROM docs
       WHERE collection = ? AND id IN (SELECT value FROM json_each(?))`,
    ),
    putDoc: writer.prepare(
      `INSERT INTO docs (collection, id, seq, data, origin) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (collection, id) DO UPDATE SET seq = excluded.seq, data = excluded.data, origin = excluded.origin`,
    ),
    grantsOfMany: writer.prepare<
      [string, string],
      { doc_id: string; unit_id: string; mode: string; deleted: number }
    >(
      `SELECT doc_id, unit_id, mode, deleted FROM access
       WHERE collection = ? AND doc_id IN (SELECT value FROM json_each(?))`,
    ),
    putGrant: writer.prepare(
      `INSERT INTO access (collection, doc_id, unit_id, mode, seq, deleted) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (collection, doc_id, unit_id, mode) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted`,
    ),
    lastAudit: writer.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
    ),
    putAudit: writer.prepare(
      'INSERT INTO audit (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };

  const r = {
    getDocs: reader.prepare<[string, string], DocRow>(
      `SELECT id, seq, data, origin FROM docs
       WHERE collection = ? AND id IN (SELECT value FROM json_each(?))`,
    ),
    allDocs: reader.prepare<[string], DocRow>(
      'SELECT id, seq, data, origin FROM docs WHERE collection = ? ORDER BY seq',
    ),
  };

  const pullStatements = new Map<string, Database.Statement>();
  function pullStatement(holders: number, relay: boolean, bytes = false): Database.Statement {
    const key = `${holders}:${relay}:${bytes}`;
    let st = pullStatements.get(key);
    if (!st) {
      const modes = relay ? `'read','relay'` : `'read'`;
      const marks = Array.from({ length: holders }, () => '?').join(',');
      // Two index range scans merged by seq, limited before the join so only
      // the page's documents are read (an OR over both grants made SQLite scan
      // and sort every grant of the collection with its document, per page).
      // A doc granted twice (read and subtree) comes back twice and is
      // deduplicated by the caller.
      st = reader.prepare(
        `SELECT x.id AS id, x.seq AS seq, x.deleted AS deleted,
                ${bytes ? 'CAST(d.data AS BLOB)' : 'd.data'} AS data, d.origin AS origin
         FROM (SELECT doc_id AS id, seq, deleted FROM access INDEXED BY access_pull
                 WHERE collection = ? AND unit_id = ? AND seq > ? AND mode IN (${modes})
               UNION ALL
               SELECT doc_id AS id, seq, deleted FROM access INDEXED BY access_pull
                 WHERE collection = ? AND unit_id IN (${marks}) AND seq > ? AND mode = 'subtree'
               ORDER BY seq LIMIT ?) x
         JOIN docs d ON d.collection = ? AND d.id = x.id
         ORDER BY x.seq`,
      );
      pullStatements.set(key, st);
    }
    return st;
  }

  /** Rows of `ids` in one statement (ids travel as one JSON array, not one query each). */
  function getDocsSync(
    st: Database.Statement<[string, string], DocRow>,
    collection: string,
    ids: readonly string[],
  ) {
    const out = new Map<string, DocRow>();
    if (ids.length === 0) return out;
    for (const row of st.all(collection, JSON.stringify(ids))) out.set(row.id, row);
    return out;
  }

  function writeDocsSync(collection: Collection, writes: readonly DocWrite[], notice: Set<string>) {
    // Every write's current grants in one read (a new record has none), so no
    // SELECT per record; the same id twice in one call reads them as it goes.
    const ids = writes.map((wr) => wr.id);
    const unique = new Set(ids).size === ids.length;
    const before = new Map<string, { unit_id: string; mode: string; deleted: number }[]>();
    if (unique) {
      for (const g of w.grantsOfMany.all(collection, JSON.stringify(ids))) {
        const list = before.get(g.doc_id);
        if (list) list.push(g);
        else before.set(g.doc_id, [g]);
      }
    }
    for (const write of writes) {
      seq += 1;
      w.putDoc.run(collection, write.id, seq, write.data, write.origin);
      const wanted = new Set<string>();
      for (const g of write.grants) {
        wanted.add(`${g.unitId}\u0000${g.mode}`);
        w.putGrant.run(collection, write.id, g.unitId, g.mode, seq, 0);
        notice.add(g.unitId);
      }
      const old = unique
        ? (before.get(write.id) ?? [])
        : w.grantsOfMany.all(collection, JSON.stringify([write.id]));
      for (const o of old) {
        if (!o.deleted && !wanted.has(`${o.unit_id}\u0000${o.mode}`)) {
          // Lost access: a tombstone the unit will pull.
          w.putGrant.run(collection, write.id, o.unit_id, o.mode, seq, 1);
          notice.add(o.unit_id);
        }
      }
    }
  }

  function pullSync<D>(
    q: PullQuery,
    bytes: boolean,
  ): { rows: { id: string; seq: number; data: D | null }[]; lastSeq: number; skipped: number } {
    const st = pullStatement(q.subtreeHolders.length, q.relay, bytes);
    const rows = st.all(
      q.collection,
      q.unitId,
      q.after,
      q.collection,
      ...q.subtreeHolders,
      q.after,
      q.limit,
      q.collection,
    ) as {
      id: string;
      seq: number;
      deleted: number;
      data: D;
      origin: string;
    }[];
    const lastSeq = rows.length > 0 ? (rows[rows.length - 1]?.seq ?? q.after) : q.after;
    const seen = new Set<string>();
    const out: { id: string; seq: number; data: D | null }[] = [];
    let skipped = 0;
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      if (row.deleted) out.push({ id: row.id, seq: row.seq, data: null });
      else if (row.origin !== q.skipOrigin) out.push({ id: row.id, seq: row.seq, data: row.data });
      else skipped += 1;
    }
    // `skipped` (rows left out as the puller's own echo) tells the replication
    // service whether this page is the same for every tablet of the unit.
    return { rows: out, lastSeq, skipped };
  }

  function appendAuditSync(entries: readonly AuditEntry[]) {
    const last = w.lastAudit.get();
    let prev = last?.hash ?? AUDIT_GENESIS;
    let n = last?.seq ?? 0;
    for (const e of entries) {
      n += 1;
      const hash = auditHash(prev, n, e);
      w.putAudit.run(n, e.at, e.actor, e.action, e.target, e.detail, prev, hash);
      prev = hash;
    }
  }

  const store: Store = {
    kind: 'sqlite',

    transact<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      return mutex.run(async () => {
        const changed = new Map<Collection, Set<string>>();
        const seqBefore = seq;
        writer.exec('BEGIN IMMEDIATE');
        try {
          const tx: StoreTx = {
            getDocs: async (collection, ids) => getDocsSync(w.getDocs, collection, ids),
            writeDocs: async (collection, writes) => {
              let units = changed.get(collection);
              if (!units) {
                units = new Set();
                changed.set(collection, units);
              }
              writeDocsSync(collection, writes, units);
            },
            appendAudit: async (entries) => appendAuditSync(entries),
          };
          const result = await fn(tx);
          writer.exec('COMMIT');
          for (const [collection, units] of changed) {
            events.emit('change', {
              collection,
              seq,
              units: units.size > 500 ? null : [...units],
            } satisfies ChangeNotice);
          }
          return result;
        } catch (e) {
          if (writer.inTransaction) writer.exec('ROLLBACK');
          seq = seqBefore;
          throw e;
        }
      });
    },

    async getDocs(collection, ids) {
      return getDocsSync(r.getDocs, collection, ids);
    },

    async allDocs(collection) {
      return r.allDocs.all(collection);
    },

    async pull(q: PullQuery): Promise<PullResult> {
      return pullSync<string>(q, false);
    },

    async pullBytes(q: PullQuery): Promise<PullBytesResult> {
      // The stored UTF-8 as it is: no decode into a JS string, no encode back for the wire.
      return pullSync<Uint8Array>(q, true);
    },

    async headSeq() {
      return seq;
    },

    async getMeta(key) {
      const row = writer
        .prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?')
        .get(key);
      return row?.value ?? null;
    },
    async setMeta(key, value) {
      writer
        .prepare(
          'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
    },

    async putRefreshToken(t: RefreshTokenRow) {
      writer
        .prepare(
          'INSERT INTO refresh_tokens (id, family, user_id, device_id, expires_at, used_at, revoked) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(t.id, t.family, t.userId, t.deviceId, t.expiresAt, t.usedAt, t.revoked ? 1 : 0);
    },
    async getRefreshToken(id) {
      const row = writer
        .prepare<
          [string],
          {
            id: string;
            family: string;
            user_id: string;
            device_id: string;
            expires_at: number;
            used_at: number | null;
            revoked: number;
          }
        >('SELECT * FROM refresh_tokens WHERE id = ?')
        .get(id);
      return row
        ? {
            id: row.id,
            family: row.family,
            userId: row.user_id,
            deviceId: row.device_id,
            expiresAt: row.expires_at,
            usedAt: row.used_at,
            revoked: row.revoked === 1,
          }
        : null;
    },
    async useRefreshToken(id, at) {
      const res = writer
        .prepare('UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL')
        .run(at, id);
      return res.changes === 1;
    },
    async revokeFamily(family) {
      writer.prepare('UPDATE refresh_tokens SET revoked = 1 WHERE family = ?').run(family);
    },
    async revokeDeviceTokens(deviceId) {
      writer.prepare('UPDATE refresh_tokens SET revoked = 1 WHERE device_id = ?').run(deviceId);
    },

    async putDevice(d: DeviceRow) {
      writer
        .prepare(
          `INSERT INTO devices (id, user_id, unit_id, code, centre_id, name, created_at, revoked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, unit_id = excluded.unit_id, name = excluded.name`,
        )
        .run(d.id, d.userId, d.unitId, d.code, d.centreId, d.name, d.createdAt, d.revokedAt);
    },
    async getDevice(id) {
      const row = writer
        .prepare<[string], DeviceDbRow>('SELECT * FROM devices WHERE id = ?')
        .get(id);
      return row ? toDevice(row) : null;
    },
    async devicesOfCentre(centreId) {
      return writer
        .prepare<[string], DeviceDbRow>('SELECT * FROM devices WHERE centre_id = ? ORDER BY code')
        .all(centreId)
        .map(toDevice);
    },
    async revokeDevice(id, at) {
      writer
        .prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(at, id);
    },

    async auditTail(limit) {
      return writer
        .prepare<[number], AuditDbRow>('SELECT * FROM audit ORDER BY seq DESC LIMIT ?')
        .all(limit)
        .reverse()
        .map(toAudit);
    },
    async auditAll() {
      return writer.prepare<[], AuditDbRow>('SELECT * FROM audit ORDER BY seq').all().map(toAudit);
    },

    onChange(listener) {
      events.on('change', listener);
      return () => events.off('change', listener);
    },

    async close() {
      await mutex.run(async () => {
        if (reader !== writer) reader.close();
        writer.close();
      });
    },
  };
  return store;
}
