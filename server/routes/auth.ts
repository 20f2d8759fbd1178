/**
 * @module
 * `/api/v1/auth`: login, token refresh, logout, who-am-I and device
 * revocation. Bodies are strict, length-limited JSON; a refusal never echoes
 * what was sent.
 */

import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { AppError } from '../errors';
import { requireAuth } from '../middleware/auth';
import type { AuthService } from '../services/auth';
import type { AuthEnv } from '../services/principal';

export const LoginBodySchema = z.strictObject({
  userId: z.string().min(1).max(40),
  password: z.string().min(1).max(200),
  deviceId: z.string().min(1).max(64).optional(),
  deviceName: z.string().max(60).optional(),
});

export const TokenBodySchema = z.strictObject({ token: z.string().min(1).max(200) });

const DeviceParamSchema = z.strictObject({ id: z.string().min(1).max(64) });

// Room for the 200-character password and then some; anything larger is not a login.
const MAX_BODY_BYTES = 16 * 1024;
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** Where and why a value failed, from the schema's side only (never the input). */
function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return `${path || 'body'}: ${issue.code}`;
}

/** A JSON body checked against `schema`; malformed JSON and schema failures are 400 bad_request. */
function jsonBody<S extends z.ZodType>(schema: S) {
  const check = validator('json', (value: unknown, c): z.output<S> => {
    const type = c.req.header('Content-Type')?.split(';')[0]?.trim() ?? '';
    if (!JSON_TYPE.test(type)) throw new AppError(400, 'bad_request', 'expected a JSON body');
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new AppError(400, 'bad_request', describe(parsed.error));
    return parsed.data;
  });
  // Hono's validator reports malformed JSON as its own exception; say it our way.
  const wrapped: typeof check = async (c, next) => {
    let reached = false;
    try {
      return await check(c, async () => {
        reached = true;
        await next();
      });
    } catch (e) {
      if (!reached && e instanceof HTTPException) {
        throw new AppError(400, 'bad_request', 'malformed JSON');
      }
      throw e;
    }
  };
  return wrapped;
}

/**
 * The auth routes, to be mounted at `/api/v1/auth`.
 *
 * @example
 * const app = new Hono().route('/api/v1/auth', authRoutes(auth));
 * app.onError(handleError);
 */
export function authRoutes(auth: AuthService) {
  return new Hono<AuthEnv>()
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new AppError(413, 'body_too_large');
        },
      }),
    )
    .post('/login', jsonBody(LoginBodySchema), async (c) => {
      return c.json(await auth.login(c.req.valid('json')), 200);
    })
    .post('/refresh', jsonBody(TokenBodySchema), async (c) => {
      return c.json(await auth.refresh(c.req.valid('json').token), 200);
    })
    .post('/logout', jsonBody(TokenBodySchema), async (c) => {
      await auth.logout(c.req.valid('json').token);
      return c.json({ ok: true as const }, 200);
    })
    .get('/me', requireAuth(auth), (c) => {
      return c.json({ principal: c.var.principal }, 200);
    })
    .post(
      '/devices/:id/revoke',
      requireAuth(auth),
      validator('param', (value) => {
        const parsed = DeviceParamSchema.safeParse(value);
        if (!parsed.success) throw new AppError(400, 'bad_request', describe(parsed.error));
        return parsed.data;
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await auth.revokeDevice(c.var.principal, id);
        return c.json({ ok: true as const, deviceId: id }, 200);
      },
    );
}

export type AuthRoutes = ReturnType<typeof authRoutes>;
