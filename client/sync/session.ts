/**
 * @module
 * Sign-in, token refresh and offline unlock. A device signs in online once;
 * its account record (tokens, the user, the device id and code, the data key
 * wrapped under the password, the salt, the server URL) is kept in an
 * injectable key-value store (localStorage in the browser, memory in tests),
 * so the same password unlocks it later without a network. The data key
 * itself is held only in memory while a session is open.
 *
 * The module's own exports (`signIn`, `unlockOffline`, `signOut`, `session`)
 * use one default manager on localStorage; tests and tools make their own
 * with {@link createSessionManager}.
 */

import { type Accessor, createSignal } from 'solid-js';
import {
  createDataKey,
  fromBase64,
  openSecret,
  randomSalt,
  sealSecret,
  toBase64,
  unwrapDataKey,
  WrongPasswordError,
  wrapDataKey,
} from '../data/crypto';

/** Where session records live; every method may be async (IndexedDB) or not (localStorage). */
export interface KeyValueStore {
  get(key: string): Promise<string | null> | string | null;
  set(key: string, value: string): Promise<void> | void;
  remove(key: string): Promise<void> | void;
}

/** A store in memory (tests, or a browser with storage blocked). */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore & {
  dump(): Record<string, string>;
} {
  const data = new Map(Object.entries(initial));
  return {
    get: (k) => data.get(k) ?? null,
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
    dump: () => Object.fromEntries(data),
  };
}

/** The browser's localStorage under a prefix. */
export function localStorageStore(prefix = 'lianxin.'): KeyValueStore {
  return {
    get: (k) => localStorage.getItem(prefix + k),
    set: (k, v) => localStorage.setItem(prefix + k, v),
    remove: (k) => localStorage.removeItem(prefix + k),
  };
}

export interface SessionUser {
  id: string;
  name: string;
  unitId: string;
  roles: string[];
  kind: 'person' | 'server';
}

export interface SessionDevice {
  id: string;
  code: string;
  centreId: string;
  centreCode: string;
}

export interface Session {
  serverUrl: string;
  user: SessionUser;
  device: SessionDevice;
  accessToken: string;
  refreshToken: string;
  /** epoch ms (local clock) when the access token expires */
  expiresAt: number;
  /** server − local clock, learned at sign-in and refresh */
  serverOffsetMs: number;
  /** the contact data key, released by this sign-in or unlock; never stored clear */
  dataKey: CryptoKey;
  /** makes caller keys (HMAC of the phone); only centres' accounts receive it */
  networkSecret: string | null;
  /** 'online': signed in against the server; 'offline': unlocked on the device */
  via: 'online' | 'offline';
  /** the refresh token was refused: work goes on locally, sync needs a new sign-in */
  needsSignIn: boolean;
}

/** A refusal with the server's reason and zh/en message, or a local one. */
export class SessionError extends Error {
  constructor(
    readonly reason: string,
    readonly text: { zh: string; en: string } | null = null,
    readonly status = 0,
  ) {
    super(text?.en ?? reason);
    this.name = 'SessionError';
  }
}

const LOCAL_MESSAGES = {
  network: { zh: '无法连接服务器', en: 'The server cannot be reached' },
  wrong_password: { zh: '密码错误', en: 'Wrong password' },
  no_account: {
    zh: '此设备尚未登录过该账号，请联网登录',
    en: 'This account has not signed in on this device yet: sign in online',
  },
  not_signed_in: { zh: '尚未登录', en: 'Not signed in' },
} as const;

/** The purpose the network secret is sealed under. */
const SECRET_PURPOSE = 'network-secret';

function localError(reason: keyof typeof LOCAL_MESSAGES): SessionError {
  return new SessionError(reason, LOCAL_MESSAGES[reason]);
}

/** What the device keeps per account (never the password, never the clear key). */
interface AccountRecord {
  serverUrl: string;
  user: SessionUser;
  device: SessionDevice;
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  serverOffsetMs: number;
  wrappedKey: string;
  /** the network secret sealed under the data key, or '' */
  sealedSecret?: string;
}

interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
  device: SessionDevice;
  serverTime: number;
  networkSecret?: string;
}

export interface SessionManager {
  session: Accessor<Session | null>;
  signIn(
    serverUrl: string,
    userId: string,
    password: string,
    options?: { deviceName?: string },
  ): Promise<Session>;
  unlockOffline(userId: string, password: string): Promise<Session>;
  signOut(): Promise<void>;
  /** exchanges the refresh token for a new pair (one at a time) */
  refresh(): Promise<Session>;
  /** `fetch` against the session's server with the bearer token; refreshes and retries once on 401 */
  authorizedFetch(path: string, init?: RequestInit): Promise<Response>;
  /** the current access token (for replication and the stream) */
  accessToken(): string;
  /** accounts that may unlock offline on this device */
  knownAccounts(): Promise<{ userId: string; name: string; unitId: string }[]>;
  /** points the session at another server URL (a moved server, or tests) */
  setServerUrl(url: string): Promise<void>;
  /** stops the refresh timer */
  dispose(): void;
}

export interface SessionManagerOptions {
  store?: KeyValueStore;
  fetch?: typeof fetch;
  /** refresh this long before the access token expires */
  refreshMarginMs?: number;
}

const accountKey = (userId: string) => `account.${userId}`;

/**
 * Makes a session manager.
 * @example
 * const sessions = createSessionManager({ store: memoryStore() });
 * await sessions.signIn('http://127.0.0.1:8080', 'c01-k01-op', password);
 */
export function createSessionManager(options: SessionManagerOptions = {}): SessionManager {
  const store = options.store ?? localStorageStore();
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const margin = options.refreshMarginMs ?? 60_000;
  const [session, setSession] = createSignal<Session | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let refreshing: Promise<Session> | null = null;

  const readAccount = async (userId: string): Promise<AccountRecord | null> => {
    const text = await store.get(accountKey(userId));
    return text ? (JSON.parse(text) as AccountRecord) : null;
  };
  const writeAccount = async (a: AccountRecord) => {
    await store.set(accountKey(a.user.id), JSON.stringify(a));
    const known = new Set(JSON.parse((await store.get('accounts')) ?? '[]') as string[]);
    known.add(a.user.id);
    await store.set('accounts', JSON.stringify([...known]));
  };

  /** The per-device salt, mixed with the user id so two users never share a KEK salt. */
  const saltFor = async (userId: string) => {
    let deviceSalt = await store.get('deviceSalt');
    if (!deviceSalt) {
      deviceSalt = toBase64(randomSalt());
      await store.set('deviceSalt', deviceSalt);
    }
    const a = fromBase64(deviceSalt);
    const b = new TextEncoder().encode(userId);
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };

  const schedule = (s: Session) => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (s.via !== 'online' || s.needsSignIn) return;
    const wait = Math.max(5_000, s.expiresAt - margin - Date.now());
    timer = setTimeout(() => void manager.refresh().catch(() => undefined), wait);
    (timer as { unref?: () => void }).unref?.();
  };

  const open = (s: Session) => {
    setSession(() => s);
    schedule(s);
    return s;
  };

  const post = async (serverUrl: string, path: string, body: unknown): Promise<Response> => {
    try {
      return await doFetch(`${serverUrl}/api/v1/auth/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      throw localError('network');
    }
  };

  const refusal = async (res: Response): Promise<SessionError> => {
    try {
      const body = (await res.json()) as {
        error?: { reason?: string; message?: { zh: string; en: string } };
      };
      return new SessionError(
        body.error?.reason ?? `http_${res.status}`,
        body.error?.message ?? null,
        res.status,
      );
    } catch {
      return new SessionError(`http_${res.status}`, null, res.status);
    }
  };

  const fromLogin = (serverUrl: string, r: LoginResponse, wrappedKey: string): AccountRecord => ({
    serverUrl,
    user: r.user,
    device: r.device,
    accessToken: r.accessToken,
    refreshToken: r.refreshToken,
    expiresAt: Date.now() + r.expiresIn * 1000,
    serverOffsetMs: r.serverTime - Date.now(),
    wrappedKey,
  });

  const manager: SessionManager = {
    session,

    async signIn(serverUrl, userId, password, opts = {}) {
      const base = serverUrl.replace(/\/+$/, '');
      const deviceId = (await store.get('deviceId')) ?? undefined;
      const res = await post(base, 'login', {
        userId,
        password,
        ...(deviceId ? { deviceId } : {}),
        ...(opts.deviceName ? { deviceName: opts.deviceName } : {}),
      });
      if (!res.ok) throw await refusal(res);
      const body = (await res.json()) as LoginResponse;
      await store.set('deviceId', body.device.id);
      const salt = await saltFor(body.user.id);
      const previous = await readAccount(body.user.id);
      let dataKey: CryptoKey | null = null;
      let wrappedKey = previous?.wrappedKey ?? '';
      if (previous) {
        try {
          dataKey = await unwrapDataKey(previous.wrappedKey, password, salt);
        } catch (e) {
          // The server took the password, so it changed since this device last
          // saw it: contacts stored under the old key cannot be read any more
          // (they are pulled again from the server).
          if (!(e instanceof WrongPasswordError)) throw e;
        }
      }
      if (!dataKey) {
        wrappedKey = await wrapDataKey(await createDataKey(), password, salt);
        dataKey = await unwrapDataKey(wrappedKey, password, salt);
      }
      const sealedSecret = body.networkSecret
        ? await sealSecret(dataKey, SECRET_PURPOSE, body.networkSecret)
        : '';
      const account = { ...fromLogin(base, body, wrappedKey), sealedSecret };
      await writeAccount(account);
      await store.set('lastUser', account.user.id);
      return open({
        ...account,
        dataKey,
        networkSecret: body.networkSecret ?? null,
        via: 'online',
        needsSignIn: false,
      });
    },

    async unlockOffline(userId, password) {
      const account = await readAccount(userId);
      if (!account) throw localError('no_account');
      let dataKey: CryptoKey;
      try {
        dataKey = await unwrapDataKey(account.wrappedKey, password, await saltFor(userId));
      } catch (e) {
        if (e instanceof WrongPasswordError) throw localError('wrong_password');
        throw e;
      }
      await store.set('lastUser', userId);
      const networkSecret = account.sealedSecret
        ? await openSecret(dataKey, SECRET_PURPOSE, account.sealedSecret).catch(() => null)
        : null;
      return open({ ...account, dataKey, networkSecret, via: 'offline', needsSignIn: false });
    },

    async signOut() {
      const s = session();
      if (timer) clearTimeout(timer);
      timer = null;
      setSession(null);
      if (!s) return;
      // Tokens go; the wrapped key stays, so the device can still be unlocked offline.
      const account = await readAccount(s.user.id);
      if (account)
        await writeAccount({ ...account, accessToken: '', refreshToken: '', expiresAt: 0 });
      await post(s.serverUrl, 'logout', { token: s.refreshToken }).catch(() => undefined);
    },

    refresh() {
      refreshing ??= (async () => {
        const s = session();
        if (!s) throw localError('not_signed_in');
        const res = await post(s.serverUrl, 'refresh', { token: s.refreshToken });
        if (!res.ok) {
          const err = await refusal(res);
          if (res.status === 401 || res.status === 403) {
            open({ ...s, needsSignIn: true });
          }
          throw err;
        }
        const body = (await res.json()) as LoginResponse;
        const stored = await readAccount(s.user.id);
        const account = {
          ...fromLogin(s.serverUrl, body, stored?.wrappedKey ?? ''),
          sealedSecret: stored?.sealedSecret ?? '',
        };
        await writeAccount(account);
        return open({ ...s, ...account, via: 'online', needsSignIn: false });
      })().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },

    async authorizedFetch(path, init = {}) {
      const s = session();
      if (!s) throw localError('not_signed_in');
      const go = (token: string) =>
        doFetch(`${s.serverUrl}${path}`, {
          ...init,
          headers: {
            ...(init.headers as Record<string, string>),
            authorization: `Bearer ${token}`,
          },
        });
      if (s.accessToken === '' || Date.now() > s.expiresAt - 5_000) {
        await manager.refresh().catch(() => undefined);
      }
      const res = await go(session()?.accessToken ?? s.accessToken);
      if (res.status !== 401) return res;
      const fresh = await manager.refresh();
      return go(fresh.accessToken);
    },

    accessToken: () => session()?.accessToken ?? '',

    async knownAccounts() {
      const ids = JSON.parse((await store.get('accounts')) ?? '[]') as string[];
      const out = [];
      for (const id of ids) {
        const a = await readAccount(id);
        if (a) out.push({ userId: a.user.id, name: a.user.name, unitId: a.user.unitId });
      }
      return out;
    },

    async setServerUrl(url) {
      const s = session();
      if (!s) throw localError('not_signed_in');
      const serverUrl = url.replace(/\/+$/, '');
      const account = await readAccount(s.user.id);
      if (account) await writeAccount({ ...account, serverUrl });
      setSession(() => ({ ...s, serverUrl }));
    },

    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
  return manager;
}

let defaultManager: SessionManager | null = null;

/** The app's session manager (localStorage), made on first use. */
export function sessionManager(): SessionManager {
  defaultManager ??= createSessionManager();
  return defaultManager;
}

/** Signs in online on the app's manager. */
export function signIn(serverUrl: string, userId: string, password: string): Promise<Session> {
  return sessionManager().signIn(serverUrl, userId, password);
}

/** Unlocks offline on the app's manager (a device this user signed in on before). */
export function unlockOffline(userId: string, password: string): Promise<Session> {
  return sessionManager().unlockOffline(userId, password);
}

/** Signs out of the app's manager (the device can still be unlocked offline). */
export function signOut(): Promise<void> {
  return sessionManager().signOut();
}

/** The app's current session (a Solid accessor: reactive inside components). */
export function session(): Session | null {
  return sessionManager().session();
}
