/**
 * @module
 * Sign-in, sessions and devices. Passwords are argon2id; access tokens are
 * short-lived Ed25519 JWTs signed with a key kept in store meta (so a restart
 * keeps sessions valid); refresh tokens are opaque, rotate on every use and
 * are revoked family-wide when one is replayed. A tablet is registered as a
 * device with a code unique within its hotline centre, which it needs to
 * number tickets offline.
 */

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Algorithm } from '@node-rs/argon2';
import { hash, verify } from '@node-rs/argon2';
import { errors, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { isAncestorOrSelf, nearestCentre } from '../../shared/domain/org/tree';
import type { User } from '../../shared/schema/records';
import { RoleSchema } from '../../shared/schema/ticket-enums';
import { AppError } from '../errors';
import { logger } from '../logger';
import type { AuditEntry, DeviceRow, Store } from '../storage/types';
import type { Directory } from './directory';
import type { Principal } from './principal';

// `Algorithm` is an ambient const enum, which isolatedModules cannot read.
const ARGON2ID = 2 as Algorithm;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Hashes a password with argon2id (19 MiB, 2 passes, 1 lane).
 *
 * @example
 * const stored = await hashPassword('correct horse'); // '$argon2id$v=19$m=19456,t=2,p=1$…'
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/**
 * Whether `password` matches a stored hash; a malformed hash is simply no match.
 *
 * @example
 * await verifyPassword(stored, 'correct horse'); // true
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export interface LoginInput {
  userId: string;
  password: string;
  /** the device id a tablet got at its first login; omitted on a new tablet */
  deviceId?: string;
  deviceName?: string;
}

/** What login and refresh hand to the client. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** seconds the access token lives */
  expiresIn: number;
  user: Pick<User, 'id' | 'name' | 'unitId' | 'roles' | 'kind'>;
  /** the id may differ from the one sent: the client keeps the one returned */
  device: { id: string; code: string; centreId: string; centreCode: string };
  serverTime: number;
  /** the key of caller keys: only for hotline centres' staff (they take calls) and servers */
  networkSecret?: string;
}

export interface AuthService {
  login(input: LoginInput): Promise<Session>;
  refresh(token: string): Promise<Session>;
  logout(token: string): Promise<void>;
  verifyAccess(token: string): Promise<Principal>;
  revokeDevice(by: Principal, deviceId: string): Promise<void>;
}

export interface AuthDeps {
  store: Store;
  directory: Directory;
  /** clock in ms; tests inject it */
  now?: () => number;
  issuer?: string;
  accessTtlSec?: number;
  refreshTtlSec?: number;
  /** shared by the whole network; handed to centres' devices at sign-in */
  networkSecret?: string;
}

const SIGNING_KEY_META = 'auth.signingKey';
const ALG = 'EdDSA';
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 5 * 60_000;
/** sweep expired failure records once this many user ids are tracked */
const FAILURE_SWEEP_AT = 10_000;
const MAX_TOKEN_CHARS = 4096;

const AccessClaimsSchema = z.object({
  sub: z.string().min(1),
  unit: z.string().min(1),
  roles: z.array(RoleSchema),
  dev: z.string().min(1),
  kind: z.enum(['person', 'server']),
});

interface SigningKeys {
  privateKey: CryptoKey | Uint8Array;
  publicKey: CryptoKey | Uint8Array;
  kid: string;
  /** the stored JWK text, to notice another process's key */
  source: string;
}

/** Refresh tokens are stored by their SHA-256, so a read of the table yields no usable token. */
const tokenKey = (token: string): string => createHash('sha256').update(token).digest('base64url');

/**
 * The auth service over a store and the replicated directory of users and units.
 *
 * @example
 * const auth = createAuthService({ store, directory: await openDirectory(store) });
 * const session = await auth.login({ userId: 'op1', password });
 * const principal = await auth.verifyAccess(session.accessToken);
 */
export function createAuthService(deps: AuthDeps): AuthService {
  const { store, directory } = deps;
  const now = deps.now ?? Date.now;
  const issuer = deps.issuer ?? 'lianxin';
  const accessTtlSec = deps.accessTtlSec ?? 900;
  const refreshTtlSec = deps.refreshTtlSec ?? 30 * 24 * 3600;

  let keysPromise: Promise<SigningKeys> | null = null;
  function signingKeys(): Promise<SigningKeys> {
    keysPromise ??= loadOrCreateKeys().catch((e: unknown) => {
      keysPromise = null; // let the next call retry
      throw e;
    });
    return keysPromise;
  }
  async function loadOrCreateKeys(): Promise<SigningKeys> {
    let stored = await store.getMeta(SIGNING_KEY_META);
    if (stored === null) {
      const pair = await generateKeyPair(ALG, { extractable: true });
      const jwk = await exportJWK(pair.privateKey);
      await store.setMeta(SIGNING_KEY_META, JSON.stringify(jwk));
      stored = JSON.stringify(jwk);
      logger.info('auth signing key created');
    }
    const jwk = JSON.parse(stored) as JWK;
    const { d: _private, ...publicJwk } = jwk;
    return {
      source: stored,
      privateKey: await importJWK(jwk, ALG),
      publicKey: await importJWK(publicJwk, ALG),
      // identifies the key in the token header, so a later key rotation can keep the old one
      kid: createHash('sha256').update(String(jwk.x)).digest('base64url').slice(0, 16),
    };
  }

  // Verifying against a real hash for unknown users keeps their timing like a wrong password.
  let dummyHash: Promise<string> | null = null;
  const dummy = (): Promise<string> => {
    dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
    return dummyHash;
  };

  // Failed attempts per user id (in memory). An attempt counts as failed until it
  // succeeds, so parallel guesses cannot all slip past the limit while hashing.
  const failures = new Map<string, number[]>();
  function recentFailures(userId: string, at: number): number[] {
    const list = (failures.get(userId) ?? []).filter((t) => t > at - FAILURE_WINDOW_MS);
    if (list.length > 0) failures.set(userId, list);
    else failures.delete(userId);
    return list;
  }
  function noteAttempt(userId: string, at: number): void {
    if (failures.size >= FAILURE_SWEEP_AT) {
      for (const id of [...failures.keys()]) recentFailures(id, at);
    }
    const list = failures.get(userId);
    if (list) list.push(at);
    else failures.set(userId, [at]);
  }

  async function audit(entries: AuditEntry[]): Promise<void> {
    await store.transact((tx) => tx.appendAudit(entries));
  }

  // Device codes are handed out one at a time so two first logins never share one.
  let registering: Promise<unknown> = Promise.resolve();
  function serialized<T>(fn: () => Promise<T>): Promise<T> {
    const result = registering.then(fn);
    registering = result.catch(() => undefined);
    return result;
  }

  function nextCode(taken: ReadonlySet<string>): string {
    for (let n = 1; n <= 999; n++) {
      const code = n < 100 ? String(n).padStart(2, '0') : String(n);
      if (!taken.has(code)) return code;
    }
    throw new Error('all 999 device codes of this centre are taken');
  }

  function registerDevice(user: User, centreId: string, name: string, at: number) {
    return serialized(async () => {
      // Codes are unique per centre in storage too (another server process on
      // the same database may register a device at the same moment): on a
      // clash, take the next free code.
      for (let attempt = 0; ; attempt++) {
        const taken = new Set((await store.devicesOfCentre(centreId)).map((d) => d.code));
        const device: DeviceRow = {
          id: randomUUID(),
          userId: user.id,
          unitId: user.unitId,
          code: nextCode(taken),
          centreId,
          name,
          createdAt: at,
          revokedAt: null,
        };
        try {
          await store.putDevice(device);
          return device;
        } catch (e) {
          if (attempt >= 5) throw e;
        }
      }
    });
  }

  async function bindDevice(user: User, input: LoginInput, at: number): Promise<DeviceRow> {
    const centreId = nearestCentre(directory.tree(), user.unitId);
    const known = input.deviceId === undefined ? null : await store.getDevice(input.deviceId);
    if (known) {
      if (known.revokedAt !== null) throw new AppError(403, 'device_revoked');
      // The tablet changed hands: the previous user's sessions on it end here.
      if (known.userId !== user.id) await store.revokeDeviceTokens(known.id);
      // A device code is only unique within its centre, so a user of another
      // centre gets the tablet registered afresh rather than a clashing code.
      if (known.centreId === centreId) {
        const bound: DeviceRow = {
          ...known,
          userId: user.id,
          unitId: user.unitId,
          name: input.deviceName ?? known.name,
        };
        if (
          bound.userId !== known.userId ||
          bound.unitId !== known.unitId ||
          bound.name !== known.name
        ) {
          await store.putDevice(bound);
        }
        return bound;
      }
    }
    return registerDevice(user, centreId, input.deviceName ?? '', at);
  }

  async function issueSession(
    user: User,
    device: DeviceRow,
    family: string,
    at: number,
  ): Promise<Session> {
    let keys = await signingKeys();
    // Sign with the stored key: another process may have won the race to create it.
    if ((await store.getMeta(SIGNING_KEY_META)) !== keys.source) {
      keysPromise = null;
      keys = await signingKeys();
    }
    const iat = Math.floor(at / 1000);
    const accessToken = await new SignJWT({
      unit: user.unitId,
      roles: user.roles,
      dev: device.id,
      kind: user.kind,
    })
      .setProtectedHeader({ alg: ALG, kid: keys.kid })
      .setSubject(user.id)
      .setIssuer(issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + accessTtlSec)
      .sign(keys.privateKey);
    const refreshToken = randomBytes(32).toString('base64url');
    await store.putRefreshToken({
      id: tokenKey(refreshToken),
      family,
      userId: user.id,
      deviceId: device.id,
      expiresAt: at + refreshTtlSec * 1000,
      usedAt: null,
      revoked: false,
    });
    const centre = directory.tree().get(device.centreId);
    const takesCalls =
      user.kind === 'server' || directory.tree().get(user.unitId)?.kind === 'centre';
    return {
      ...(deps.networkSecret && takesCalls ? { networkSecret: deps.networkSecret } : {}),
      accessToken,
      refreshToken,
      expiresIn: accessTtlSec,
      user: {
        id: user.id,
        name: user.name,
        unitId: user.unitId,
        roles: user.roles,
        kind: user.kind,
      },
      device: {
        id: device.id,
        code: device.code,
        centreId: device.centreId,
        centreCode: centre?.code ?? '',
      },
      serverTime: at,
    };
  }

  return {
    async login(input) {
      const at = now();
      if (recentFailures(input.userId, at).length >= MAX_FAILURES) {
        logger.warn('login rate limited', { userId: input.userId });
        throw new AppError(429, 'rate_limited');
      }
      noteAttempt(input.userId, at);
      const user = directory.user(input.userId);
      const stored = user?.passwordHash;
      const matches = await verifyPassword(stored ?? (await dummy()), input.password);
      if (!user || !stored || !matches || !user.active) {
        const why = !user ? 'unknown_user' : !user.active ? 'inactive' : 'bad_password';
        await audit([{ at, actor: input.userId, action: 'login_failed', target: '', detail: why }]);
        throw new AppError(401, 'bad_credentials');
      }
      failures.delete(input.userId); // a success clears the count
      const device = await bindDevice(user, input, at);
      const session = await issueSession(user, device, randomUUID(), at);
      await audit([
        { at, actor: user.id, action: 'login', target: device.id, detail: `code=${device.code}` },
      ]);
      return session;
    },

    async refresh(token) {
      const at = now();
      const row = await store.getRefreshToken(tokenKey(token));
      if (!row || row.revoked || row.expiresAt <= at) throw new AppError(401, 'token_expired');
      const replay = async (): Promise<never> => {
        await store.revokeFamily(row.family);
        await audit([
          {
            at,
            actor: row.userId,
            action: 'refresh_reuse',
            target: row.deviceId,
            detail: `family=${row.family}`,
          },
        ]);
        logger.warn('refresh token reused', { userId: row.userId, deviceId: row.deviceId });
        throw new AppError(401, 'token_reused');
      };
      if (row.usedAt !== null) return replay();
      const device = await store.getDevice(row.deviceId);
      if (!device || device.revokedAt !== null) throw new AppError(403, 'device_revoked');
      if (device.userId !== row.userId) throw new AppError(401, 'token_expired');
      const user = directory.user(row.userId);
      if (!user?.active) throw new AppError(401, 'bad_credentials');
      // The conditional update is the real replay check: two racing refreshes, one wins.
      if (!(await store.useRefreshToken(row.id, at))) return replay();
      return issueSession(user, device, row.family, at);
    },

    async logout(token) {
      const row = await store.getRefreshToken(tokenKey(token));
      if (!row) return; // nothing to end, and nothing to tell a guesser
      await store.revokeFamily(row.family);
      await audit([
        { at: now(), actor: row.userId, action: 'logout', target: row.deviceId, detail: '' },
      ]);
    },

    async verifyAccess(token) {
      if (token.length === 0 || token.length > MAX_TOKEN_CHARS) {
        throw new AppError(401, 'unauthenticated');
      }
      const verifyWith = async (keys: SigningKeys) =>
        (
          await jwtVerify(token, keys.publicKey, {
            issuer,
            algorithms: [ALG],
            requiredClaims: ['sub', 'iat', 'exp'],
            currentDate: new Date(now()),
          })
        ).payload as unknown;
      let payload: unknown;
      try {
        try {
          payload = await verifyWith(await signingKeys());
        } catch (e) {
          // Several processes on one database may have raced to create the
          // key at first start: the stored one wins, so reload it once.
          if (!(e instanceof errors.JWSSignatureVerificationFailed)) throw e;
          keysPromise = null;
          payload = await verifyWith(await signingKeys());
        }
      } catch (e) {
        if (e instanceof errors.JWTExpired) throw new AppError(401, 'token_expired');
        throw new AppError(401, 'unauthenticated');
      }
      const claims = AccessClaimsSchema.safeParse(payload);
      if (!claims.success) throw new AppError(401, 'unauthenticated');
      const { sub, unit, roles, dev, kind } = claims.data;
      const device = await store.getDevice(dev);
      // A revoked tablet, or one handed to someone else since, carries no session;
      // the client learns which on refresh.
      if (!device || device.revokedAt !== null || device.userId !== sub) {
        throw new AppError(401, 'unauthenticated');
      }
      if (!directory.user(sub)?.active) throw new AppError(401, 'unauthenticated');
      return { userId: sub, unitId: unit, roles, deviceId: dev, kind };
    },

    async revokeDevice(by, deviceId) {
      const isAdmin = by.roles.includes('admin');
      if (!isAdmin && !by.roles.includes('supervisor')) throw new AppError(403, 'forbidden');
      const device = await store.getDevice(deviceId);
      if (!device) throw new AppError(404, 'not_found');
      // Admins and supervisors alike act only within their own subtree.
      if (!isAncestorOrSelf(directory.tree(), by.unitId, device.unitId)) {
        throw new AppError(403, 'forbidden');
      }
      const at = now();
      await store.revokeDevice(device.id, at);
      await store.revokeDeviceTokens(device.id);
      await audit([
        {
          at,
          actor: by.userId,
          action: 'device_revoked',
          target: device.id,
          detail: `user=${device.userId}`,
        },
      ]);
    },
  };
}
