/**
 * @module
 * Storage behind one interface, with two adapters passing one test suite:
 * SQLite (default, one file) and PostgreSQL (several server processes on one
 * database). See README.md beside this file for the tables and the rules on
 * sequence numbers.
 */

import type { Grant } from '../../shared/domain/access';
import type { Collection } from '../../shared/protocol';

/** A stored record: its JSON, its sequence number and the device that last wrote it. */
export interface DocRow {
  id: string;
  seq: number;
  data: string;
  origin: string;
}

export interface DocWrite {
  id: string;
  data: string;
  grants: readonly Grant[];
  /** the device or server the change came from, so its own pull skips the echo */
  origin: string;
}

export interface PullQuery {
  collection: Collection;
  /** `read` (and `relay`, for servers) rows of this unit */
  unitId: string;
  /** units whose `subtree` rows reach `unitId`: itself and its ancestors */
  subtreeHolders: readonly string[];
  relay: boolean;
  after: number;
  limit: number;
  /** skip rows whose last writer is this origin (no echo of a client's own push) */
  skipOrigin?: string;
}

export interface PullRow {
  id: string;
  seq: number;
  /** null: the unit lost access (a tombstone) */
  data: string | null;
}

export interface PullResult {
  rows: PullRow[];
  /** the highest sequence number the query passed over (the next checkpoint) */
  lastSeq: number;
}

/** A pull page with each record's JSON as the UTF-8 bytes stored (no decode to a string and back). */
export interface PullBytesResult {
  rows: { id: string; seq: number; data: Uint8Array | null }[];
  lastSeq: number;
  /** rows left out as the puller's own echo */
  skipped: number;
}

/** Sent after every commit, in this process and (PostgreSQL) in every other one. */
export interface ChangeNotice {
  collection: Collection;
  seq: number;
  /** units granted anything in the write; null when too many to list */
  units: string[] | null;
}

export interface RefreshTokenRow {
  id: string;
  family: string;
  userId: string;
  deviceId: string;
  expiresAt: number;
  usedAt: number | null;
  revoked: boolean;
}

export interface DeviceRow {
  id: string;
  userId: string;
  unitId: string;
  /** 2–3 digit code within its centre, for offline ticket numbers */
  code: string;
  centreId: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  target: string;
  detail: string;
}

export interface AuditRow extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** A write transaction: reads inside it see its own writes and lock what they read. */
export interface StoreTx {
  getDocs(collection: Collection, ids: readonly string[]): Promise<Map<string, DocRow>>;
  /** Writes records and replaces their grants; every record gets a fresh sequence number. */
  writeDocs(collection: Collection, writes: readonly DocWrite[]): Promise<void>;
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction; sequence numbers commit in order. */
  transact<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  getDocs(collection: Collection, ids: readonly string[]): Promise<Map<string, DocRow>>;
  allDocs(collection: Collection): Promise<DocRow[]>;
  pull(query: PullQuery): Promise<PullResult>;
  /** Optional: the same page as {@link Store.pull}, records as bytes (the serving path uses it when present). */
  pullBytes?(query: PullQuery): Promise<PullBytesResult>;
  headSeq(): Promise<number>;

  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  putRefreshToken(row: RefreshTokenRow): Promise<void>;
  getRefreshToken(id: string): Promise<RefreshTokenRow | null>;
  /** Marks a token used; false if it was already used (a replay). */
  useRefreshToken(id: string, at: number): Promise<boolean>;
  revokeFamily(family: string): Promise<void>;
  revokeDeviceTokens(deviceId: string): Promise<void>;

  putDevice(row: DeviceRow): Promise<void>;
  getDevice(id: string): Promise<DeviceRow | null>;
  devicesOfCentre(centreId: string): Promise<DeviceRow[]>;
  revokeDevice(id: string, at: number): Promise<void>;

  auditTail(limit: number): Promise<AuditRow[]>;
  auditAll(): Promise<AuditRow[]>;

  onChange(listener: (notice: ChangeNotice) => void): () => void;
  close(): Promise<void>;
}
