import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNetwork } from '../../shared/domain/org/demo-network';
import { formatHlc } from '../../shared/lib/hlc';
import type { User } from '../../shared/schema/records';
import { handleError } from '../errors';
import { authRoutes } from '../routes/auth';
import { verifyAuditChain } from '../storage/audit-chain';
import { openSqliteStore } from '../storage/sqlite';
import type { Store } from '../storage/types';
import {
  type AuthService,
  createAuthService,
  hashPassword,
  type Session,
  verifyPassword,
} from './auth';
import { type Directory, openDirectory } from './directory';
import type { AuthEnv } from './principal';

const PASSWORD = 'correct horse 电池';
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const stamp = formatHlc({ millis: T0, counter: 0, node: 'seed' });

const dir = mkdtempSync(join(tmpdir(), 'lianxin-auth-'));
let store: Store;
let directory: Directory;
let clock = T0;
let auth: AuthService;
let app: Hono<AuthEnv>;

function user(id: string, unitId: string, roles: User['roles'], extra: Partial<User> = {}): User {
  return {
    id,
    name: `用户${id}`,
    unitId,
    roles,
    active: true,
    kind: 'person',
    updatedAt: stamp,
    ...extra,
  };
}

beforeAll(async () => {
  store = openSqliteStore(join(dir, 'auth.sqlite'));
  const hash = await hashPassword(PASSWORD);
  const users = [
    user('op1', 'c01-k01', ['operator']),
    user('op2', 'c01-k01-t01', ['handler']),
    user('op3', 'c01-k02', ['operator']),
    user('sup1', 'c01-k01', ['supervisor']),
    user('sup2', 'c01-k02', ['supervisor']),
    user('adm', 'p', ['admin']),
    user('srv-k01', 'c01-k01', ['dispatcher'], { kind: 'server' }),
    user('gone', 'c01-k01', ['operator'], { active: false }),
    user('brute', 'c01-k01', ['operator']),
  ].map((u) => ({ ...u, passwordHash: hash }));
  await store.transact(async (tx) => {
    await tx.writeDocs(
      'units',
      demoNetwork().map((u) => ({ id: u.id, data: JSON.stringify(u), grants: [], origin: 'seed' })),
    );
    await tx.writeDocs(
      'users',
      users.map((u) => ({ id: u.id, data: JSON.stringify(u), grants: [], origin: 'seed' })),
    );
  });
  directory = await openDirectory(store);
  await directory.reload();
  auth = createAuthService({ store, directory, now: () => clock });
  app = new Hono<AuthEnv>().route('/api/v1/auth', authRoutes(auth));
  app.onError(handleError);
});

afterAll(async () => {
  directory.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(`/api/v1/auth${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function login(userId: string, extra: Record<string, string> = {}): Promise<Session> {
  const res = await post('/login', { userId, password: PASSWORD, ...extra });
  expect(res.status).toBe(200);
  return (await res.json()) as Session;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('passwords', () => {
  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const h = await hashPassword('pw');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'pw')).toBe(true);
    expect(await verifyPassword(h, 'pW')).toBe(false);
    expect(await verifyPassword('not a hash', 'pw')).toBe(false);
  });
});

describe('login', () => {
  it('returns a session whose access token verifies to the right principal', async () => {
    const s = await login('op2', { deviceName: '受理台 1' });
    expect(s.expiresIn).toBe(900);
    expect(s.serverTime).toBe(clock);
    expect(s.user).toEqual({
      id: 'op2',
      name: '用户op2',
      unitId: 'c01-k01-t01',
      roles: ['handler'],
      kind: 'person',
    });
    expect(s.device).toMatchObject({ centreId: 'c01-k01', centreCode: '1101' });
    expect(s.device.code).toMatch(/^\d{2}$/);
    expect(Buffer.from(s.refreshToken, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(await auth.verifyAccess(s.accessToken)).toEqual({
      userId: 'op2',
      unitId: 'c01-k01-t01',
      roles: ['handler'],
      deviceId: s.device.id,
      kind: 'person',
    });
    const me = await app.request('/api/v1/auth/me', { headers: bearer(s.accessToken) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { principal: { userId: string } }).principal.userId).toBe('op2');
    // the stored device carries the name and no password anywhere in the response
    expect((await store.getDevice(s.device.id))?.name).toBe('受理台 1');
    expect(JSON.stringify(s)).not.toContain('argon2');
  });

  it('gives wrong password, unknown user and inactive user the same 401 body', async () => {
    const wrong = await post('/login', { userId: 'op1', password: 'nope' });
    const unknown = await post('/login', { userId: 'nobody', password: 'nope' });
    const inactive = await post('/login', { userId: 'gone', password: PASSWORD });
    expect([wrong.status, unknown.status, inactive.status]).toEqual([401, 401, 401]);
    const body = await wrong.text();
    expect(await unknown.text()).toBe(body);
    expect(await inactive.text()).toBe(body);
    expect(JSON.parse(body)).toEqual({
      error: {
        reason: 'bad_credentials',
        message: { zh: '用户名或密码错误', en: 'Wrong user name or password' },
      },
    });
  });

  it('refuses the 11th failure in 5 minutes with 429, even with the right password', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await post('/login', { userId: 'brute', password: `guess${i}` })).status).toBe(401);
    }
    const limited = await post('/login', { userId: 'brute', password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { reason: string } }).error.reason).toBe(
      'rate_limited',
    );
    // other users are unaffected
    await login('op1');
    clock += 5 * 60_000 + 1;
    await login('brute');
  });

  it('hands out device codes 01, 02 … per centre', async () => {
    const devices = openSqliteStore(join(dir, 'codes.sqlite'));
    const fresh = createAuthService({ store: devices, directory });
    const a = await fresh.login({ userId: 'op3', password: PASSWORD });
    const b = await fresh.login({ userId: 'sup2', password: PASSWORD });
    const c = await fresh.login({ userId: 'op1', password: PASSWORD });
    const d = await fresh.login({ userId: 'op2', password: PASSWORD });
    expect([a.device.code, b.device.code]).toEqual(['01', '02']);
    expect([a.device.centreId, b.device.centreId]).toEqual(['c01-k02', 'c01-k02']);
    expect(c.device).toMatchObject({ code: '01', centreId: 'c01-k01', centreCode: '1101' });
    expect(d.device).toMatchObject({ code: '02', centreId: 'c01-k01' });
    // the same tablet logging in again keeps its id and code
    const again = await fresh.login({ userId: 'op3', password: PASSWORD, deviceId: a.device.id });
    expect(again.device).toEqual(a.device);
    await devices.close();
  });

  it('re-binds a known device to the next user and ends the previous user’s sessions on it', async () => {
    const first = await login('op1');
    const second = await login('sup1', { deviceId: first.device.id });
    expect(second.device).toEqual(first.device);
    expect((await store.getDevice(first.device.id))?.userId).toBe('sup1');
    await expect(auth.verifyAccess(first.accessToken)).rejects.toMatchObject({ status: 401 });
    expect((await post('/refresh', { token: first.refreshToken })).status).toBe(401);
    expect((await auth.verifyAccess(second.accessToken)).userId).toBe('sup1');
  });

  it('gives a server account a principal of kind server', async () => {
    const s = await login('srv-k01');
    expect((await auth.verifyAccess(s.accessToken)).kind).toBe('server');
  });
});

describe('refresh and logout', () => {
  it('rotates, and a replayed token kills its whole family', async () => {
    const s = await login('op1');
    const r1 = await post('/refresh', { token: s.refreshToken });
    expect(r1.status).toBe(200);
    const s2 = (await r1.json()) as Session;
    expect(s2.refreshToken).not.toBe(s.refreshToken);
    expect((await auth.verifyAccess(s2.accessToken)).userId).toBe('op1');

    const replay = await post('/refresh', { token: s.refreshToken });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { reason: string } }).error.reason).toBe(
      'token_reused',
    );
    const dead = await post('/refresh', { token: s2.refreshToken });
    expect(dead.status).toBe(401);
    expect(((await dead.json()) as { error: { reason: string } }).error.reason).toBe(
      'token_expired',
    );
  });

  it('refuses unknown and expired refresh tokens as token_expired', async () => {
    const s = await login('op1');
    expect((await post('/refresh', { token: 'x'.repeat(43) })).status).toBe(401);
    clock += 31 * 24 * 3600_000;
    const res = await post('/refresh', { token: s.refreshToken });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe(
      'token_expired',
    );
  });

  it('logout revokes the family', async () => {
    const s = await login('op1');
    expect((await post('/logout', { token: s.refreshToken })).status).toBe(200);
    expect((await post('/refresh', { token: s.refreshToken })).status).toBe(401);
    // an unknown token is a quiet no-op
    expect((await post('/logout', { token: 'unknown' })).status).toBe(200);
  });
});

describe('access tokens', () => {
  it('expire after accessTtlSec', async () => {
    const s = await login('op1');
    clock += 901_000;
    await expect(auth.verifyAccess(s.accessToken)).rejects.toMatchObject({
      status: 401,
      reason: 'token_expired',
    });
    const me = await app.request('/api/v1/auth/me', { headers: bearer(s.accessToken) });
    expect(me.status).toBe(401);
    expect(((await me.json()) as { error: { reason: string } }).error.reason).toBe('token_expired');
  });

  it('are refused when missing, malformed or tampered with', async () => {
    const s = await login('op1');
    expect((await app.request('/api/v1/auth/me')).status).toBe(401);
    const [h, p, sig] = s.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString(
      'base64url',
    );
    for (const token of ['garbage', `${h}.${forged}.${sig}`]) {
      const res = await app.request('/api/v1/auth/me', { headers: bearer(token) });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe(
        'unauthenticated',
      );
    }
  });

  it('come from the query only on a WebSocket upgrade', async () => {
    const s = await login('op1');
    const url = `/api/v1/auth/me?token=${s.accessToken}`;
    expect((await app.request(url)).status).toBe(401);
    expect((await app.request(url, { headers: { Upgrade: 'websocket' } })).status).toBe(200);
  });

  it('stay valid across a new service on the same store (the signing key persists)', async () => {
    const s = await login('op1');
    const key = await store.getMeta('auth.signingKey');
    expect(key).toContain('"crv":"Ed25519"');
    const restarted = createAuthService({ store, directory, now: () => clock });
    expect((await restarted.verifyAccess(s.accessToken)).userId).toBe('op1');
    expect(await store.getMeta('auth.signingKey')).toBe(key);
  });

  it('converge on one signing key when two processes race to create it on one database', async () => {
    const shared = openSqliteStore(join(dir, 'race.sqlite'));
    const a = createAuthService({ store: shared, directory });
    const b = createAuthService({ store: shared, directory });
    // both find no key and create one at the same moment; the stored one wins
    await Promise.all([
      a.login({ userId: 'op1', password: PASSWORD }),
      b.login({ userId: 'op2', password: PASSWORD }),
    ]);
    const fromA = await a.login({ userId: 'op1', password: PASSWORD });
    const fromB = await b.login({ userId: 'op2', password: PASSWORD });
    expect((await b.verifyAccess(fromA.accessToken)).userId).toBe('op1');
    expect((await a.verifyAccess(fromB.accessToken)).userId).toBe('op2');
    // first logins of new tablets at one centre through both processes at once: distinct codes
    const tablets = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? a : b).login({ userId: i % 2 ? 'op1' : 'op2', password: PASSWORD }),
      ),
    );
    const codes = tablets.map((t) => `${t.device.centreId}/${t.device.code}`);
    expect(new Set(codes).size).toBe(codes.length);
    await shared.close();
  });
});

describe('device revocation', () => {
  it('is refused to a supervisor of another county and to non-supervisors, allowed to the county supervisor', async () => {
    const tablet = await login('op2', { deviceName: 'tablet' });
    const other = await login('sup2');
    const operator = await login('op3');
    const own = await login('sup1');
    const revoke = (token: string) =>
      post(`/devices/${tablet.device.id}/revoke`, {}, bearer(token));

    const refused = await revoke(other.accessToken);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { reason: string } }).error.reason).toBe(
      'forbidden',
    );
    expect((await revoke(operator.accessToken)).status).toBe(403);
    expect((await post(`/devices/${tablet.device.id}/revoke`, {})).status).toBe(401);

    expect((await revoke(own.accessToken)).status).toBe(200);
    await expect(auth.verifyAccess(tablet.accessToken)).rejects.toMatchObject({ status: 401 });
    const refresh = await post('/refresh', { token: tablet.refreshToken });
    expect(refresh.status).toBe(401); // its tokens were revoked with it
    const relogin = await post('/login', {
      userId: 'op2',
      password: PASSWORD,
      deviceId: tablet.device.id,
    });
    expect(relogin.status).toBe(403);
    expect(((await relogin.json()) as { error: { reason: string } }).error.reason).toBe(
      'device_revoked',
    );
  });

  it('refuses a refresh from a revoked device as device_revoked', async () => {
    const tablet = await login('op2');
    // a revocation that left the tokens alone (e.g. replicated late) still stops the refresh
    await store.revokeDevice(tablet.device.id, clock);
    const res = await post('/refresh', { token: tablet.refreshToken });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe(
      'device_revoked',
    );
  });

  it('is allowed to an admin anywhere; an unknown device is 404', async () => {
    const tablet = await login('op3');
    const admin = await login('adm');
    await auth.revokeDevice(await auth.verifyAccess(admin.accessToken), tablet.device.id);
    expect((await store.getDevice(tablet.device.id))?.revokedAt).toBe(clock);
    const res = await post('/devices/no-such-device/revoke', {}, bearer(admin.accessToken));
    expect(res.status).toBe(404);
  });
});

describe('bad requests', () => {
  const bodies: [string, string][] = [
    ['malformed JSON', '{"userId": "op1", "password": '],
    ['an extra field', JSON.stringify({ userId: 'op1', password: PASSWORD, admin: true })],
    ['a 10 KB password', JSON.stringify({ userId: 'op1', password: 'p'.repeat(10_240) })],
    ['a missing field', JSON.stringify({ userId: 'op1' })],
    ['a JSON array', '[]'],
  ];
  for (const [what, body] of bodies) {
    it(`answers ${what} with 400 bad_request, without stack or input`, async () => {
      const res = await post('/login', body);
      expect(res.status).toBe(400);
      const text = await res.text();
      const parsed = JSON.parse(text) as {
        error: { reason: string; message: { zh: string; en: string } };
      };
      expect(parsed.error.reason).toBe('bad_request');
      expect(parsed.error.message).toEqual({
        zh: '请求格式不正确',
        en: 'The request is malformed',
      });
      expect(text).not.toMatch(/at .+\.(ts|js):\d+|Error:|ppppp|admin|op1/);
    });
  }

  it('answers a non-JSON content type and an oversized body', async () => {
    const form = await app.request('/api/v1/auth/login', { method: 'POST', body: 'userId=op1' });
    expect(form.status).toBe(400);
    const huge = await post('/login', { userId: 'op1', password: 'p'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { reason: string } }).error.reason).toBe(
      'body_too_large',
    );
  });
});

describe('audit', () => {
  it('chains its entries and records logins, failures, reuse, logouts and revocations', async () => {
    const rows = await store.auditAll();
    expect(verifyAuditChain(rows)).toBeNull();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['login', 'login_failed', 'refresh_reuse', 'logout', 'device_revoked']) {
      expect(actions).toContain(a);
    }
    expect(rows.find((r) => r.action === 'login_failed' && r.actor === 'nobody')).toBeDefined();
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    expect(JSON.stringify(rows)).not.toContain('nope');
  });
});
