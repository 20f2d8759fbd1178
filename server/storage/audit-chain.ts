/**
 * @module
 * The audit log is append-only and hash-chained: each entry's hash covers the
 * previous hash and the entry, so removing or editing a line breaks the chain
 * from there on. Both storage adapters chain entries with these functions.
 */

import { createHash } from 'node:crypto';
import type { AuditEntry, AuditRow } from './types';

export const AUDIT_GENESIS = '0'.repeat(64);

export function auditHash(prevHash: string, seq: number, e: AuditEntry): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, seq, e.at, e.actor, e.action, e.target, e.detail]))
    .digest('hex');
}

/** The first row whose hash does not follow from its predecessor, or null when intact. */
export function verifyAuditChain(rows: readonly AuditRow[]): number | null {
  let prev = AUDIT_GENESIS;
  for (const row of rows) {
    if (row.prevHash !== prev || auditHash(prev, row.seq, row) !== row.hash) return row.seq;
    prev = row.hash;
  }
  return null;
}
