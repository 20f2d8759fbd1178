/**
 * @module
 * The replication protocol between tablets and servers and between servers
 * (see README.md beside this file). One shape for every collection, made for
 * RxDB's `replicateRxCollection`: pull by checkpoint, push of new states, and
 * a WebSocket stream that only wakes pulls.
 */

import { z } from 'zod';
import { REFUSAL_REASONS } from '../domain/ticket/permissions';

/** Bumped on any incompatible change; a server refuses pushes from a newer one. */
export const PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-lianxin-protocol';

export const COLLECTIONS = [
  'units',
  'users',
  'tickets',
  'contacts',
  'ydocs',
  'calendar',
  'notices',
  'catalogue',
] as const;
export const CollectionSchema = z.enum(COLLECTIONS);

/**
 * The order a replica syncs collections in: reference data first, so tickets
 * arrive into a known org tree and fold with the right calendar.
 */
export const SYNC_ORDER: readonly (typeof COLLECTIONS)[number][] = [
  'units',
  'users',
  'calendar',
  'catalogue',
  'notices',
  'tickets',
  'contacts',
  'ydocs',
];
export type Collection = z.infer<typeof CollectionSchema>;

export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 2000;
export const MAX_PUSH_ROWS = 2000;

export const CheckpointSchema = z.strictObject({ seq: z.number().int().min(0) });
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export const PullQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

/** A pulled document; `_deleted` marks a tombstone (the replica lost access). */
export type PulledDoc = Record<string, unknown> & { id: string; _deleted?: boolean };

export interface PullResponse {
  documents: PulledDoc[];
  checkpoint: Checkpoint;
}

/** One line of a push body (NDJSON): the state the client wants to be master. */
export const PushRowSchema = z.strictObject({
  newDocumentState: z.record(z.string(), z.unknown()),
  assumedMasterState: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type PushRow = z.infer<typeof PushRowSchema>;

/** Reasons a server refuses a record or an event; each has a zh-CN and an English message. */
export const EDGE_REASONS = {
  invalid_record: { zh: '记录格式不正确', en: 'The record does not match its schema' },
  invalid_event: { zh: '事件格式不正确', en: 'The event does not match its schema' },
  immutable_event: {
    zh: '已存在的事件不可修改',
    en: 'An existing event cannot be changed',
  },
  forged_author: {
    zh: '事件作者与登录用户不符',
    en: 'The event’s author is not the signed-in user',
  },
  clock_ahead: {
    zh: '事件时间超前服务器5分钟以上，请校正设备时钟',
    en: 'The event is stamped more than 5 minutes ahead of the server: fix the device clock',
  },
  not_visible: { zh: '无权访问该记录', en: 'This record is outside your scope' },
  not_owner: {
    zh: '只有所属单位可以修改该记录',
    en: 'Only the owning unit may change this record',
  },
  too_large: { zh: '记录过大', en: 'The record is too large' },
  bad_yjs_update: {
    zh: '协同文档更新数据无效',
    en: 'The collaborative document update is invalid',
  },
  upgrade_server: {
    zh: '客户端版本高于服务器，请升级服务器；数据已保留在本机待同步',
    en: 'The client is newer than this server: upgrade the server; data stays pending on the device',
  },
  ...REFUSAL_REASONS,
} as const;
export type EdgeReason = keyof typeof EDGE_REASONS;

export interface Rejection {
  id: string;
  eventId?: string;
  reason: EdgeReason;
  message: { zh: string; en: string };
}

export function rejection(id: string, reason: EdgeReason, eventId?: string): Rejection {
  const r: Rejection = { id, reason, message: EDGE_REASONS[reason] };
  if (eventId !== undefined) r.eventId = eventId;
  return r;
}

export interface PushResponse {
  /** master states the client must merge and push again (RxDB's conflict list) */
  conflicts: PulledDoc[];
  /** refused records or events; the client keeps them locally and shows them */
  rejected: Rejection[];
  /** the server's clock, so the client corrects its HLC offset */
  serverTime: number;
}

/** Frames the stream sends: a hint to pull, never data. */
export type StreamFrame =
  | { type: 'hello'; serverTime: number; protocol: number }
  | { type: 'changed'; collection: Collection; seq: number };
