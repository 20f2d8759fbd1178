/**
 * @module
 * The server's one error type and its handler: every refusal carries a
 * machine-readable reason and a zh-CN and English message; nothing else (no
 * stack trace, no internal message) ever reaches a client.
 */

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { logger } from './logger';

export const ERROR_REASONS = {
  bad_request: { zh: '请求格式不正确', en: 'The request is malformed' },
  body_too_large: { zh: '请求体过大', en: 'The request body is too large' },
  too_many_rows: { zh: '一次提交的记录过多', en: 'Too many records in one push' },
  too_deep: { zh: 'JSON 嵌套过深', en: 'The JSON is nested too deeply' },
  unauthenticated: { zh: '请先登录', en: 'Sign in first' },
  bad_credentials: { zh: '用户名或密码错误', en: 'Wrong user name or password' },
  token_expired: { zh: '登录已过期，请重新登录', en: 'The session expired: sign in again' },
  token_reused: {
    zh: '登录凭据被重复使用，已注销该设备的会话',
    en: 'A refresh token was reused: the device’s sessions were revoked',
  },
  device_revoked: { zh: '该设备已被停用', en: 'This device was revoked' },
  forbidden: { zh: '无权执行此操作', en: 'You may not do this' },
  not_found: { zh: '未找到', en: 'Not found' },
  unknown_collection: { zh: '没有这个数据集', en: 'No such collection' },
  upgrade_server: {
    zh: '客户端版本高于服务器，请升级服务器',
    en: 'The client is newer than this server: upgrade the server',
  },
  rate_limited: { zh: '请求过于频繁', en: 'Too many requests' },
  internal: { zh: '服务器内部错误，已记录', en: 'Internal server error; it has been logged' },
} as const;
export type ErrorReason = keyof typeof ERROR_REASONS;

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly reason: ErrorReason,
    readonly detail?: string,
  ) {
    super(ERROR_REASONS[reason].en);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  error: { reason: ErrorReason; message: { zh: string; en: string }; detail?: string };
}

export function errorBody(reason: ErrorReason, detail?: string): ErrorBody {
  const body: ErrorBody = { error: { reason, message: ERROR_REASONS[reason] } };
  if (detail !== undefined) body.error.detail = detail;
  return body;
}

/** Hono's onError: known refusals as they are, anything else as a logged 500. */
export function handleError(err: unknown, c: Context): Response {
  if (err instanceof AppError) return c.json(errorBody(err.reason, err.detail), err.status);
  // Hono's own HTTP errors (e.g. from bodyLimit) carry a status.
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return c.json(
      errorBody(status === 413 ? 'body_too_large' : 'bad_request'),
      status as ContentfulStatusCode,
    );
  }
  logger.error('unhandled', {
    path: c.req.path,
    error: err instanceof Error ? err.message : String(err),
  });
  return c.json(errorBody('internal'), 500);
}
