/**
 * @module
 * Device and audit rows as both adapters read them (snake_case columns).
 * PostgreSQL returns BIGINT columns as strings, SQLite as numbers: `Number`
 * takes either.
 */

import type { AuditRow, DeviceRow } from './types';

type Int = number | string;

export interface DeviceDbRow {
  id: string;
  user_id: string;
  unit_id: string;
  code: string;
  centre_id: string;
  name: string;
  created_at: Int;
  revoked_at: Int | null;
}

export function toDevice(r: DeviceDbRow): DeviceRow {
  return {
    id: r.id,
    userId: r.user_id,
    unitId: r.unit_id,
    code: r.code,
    centreId: r.centre_id,
    name: r.name,
    createdAt: Number(r.created_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

export interface AuditDbRow {
  seq: Int;
  at: Int;
  actor: string;
  action: string;
  target: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function toAudit(r: AuditDbRow): AuditRow {
  return {
    seq: Number(r.seq),
    at: Number(r.at),
    actor: r.actor,
    action: r.action,
    target: r.target,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
