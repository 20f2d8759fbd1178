/**
 * @module
 * `requireAuth`: turns the bearer access token into the request's `Principal`.
 * Browsers cannot set headers on a WebSocket upgrade, so there (and only
 * there, to keep tokens out of ordinary URLs and their logs) the token may
 * come as the `token` query parameter.
 */

import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors';
import type { AuthService } from '../services/auth';
import type { AuthEnv } from '../services/principal';

const BEARER = /^Bearer[ \t]+(\S+)\s*$/i;

/**
 * Refuses the request with 401 (through the app's error handler) unless it
 * carries a valid access token; sets `c.var.principal` otherwise.
 *
 * @example
 * new Hono<AuthEnv>().get('/me', requireAuth(auth), (c) => c.json(c.var.principal));
 */
export function requireAuth(auth: Pick<AuthService, 'verifyAccess'>) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    let token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!header && c.req.header('Upgrade')?.toLowerCase() === 'websocket') {
      token = c.req.query('token');
    }
    if (!token) throw new AppError(401, 'unauthenticated');
    c.set('principal', await auth.verifyAccess(token));
    await next();
  });
}
