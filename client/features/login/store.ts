/**
 * @module
 * The login screen's store: the form, the two ways in (online sign-in and
 * offline unlock) and the error, kept as data so it re-renders in the
 * current locale when the user switches language.
 */
import { createSignal } from 'solid-js';
import { pick, t } from '../../i18n';
import { online } from '../../ui/online';
import { type Session, sessionApi } from './session-adapter';

const SERVER_KEY = 'lianxin.login.serverUrl';
const LAST_USER_KEY = 'lianxin.login.lastUser';

export type LoginError =
  | { kind: 'server'; text: { zh: string; en: string } }
  | { kind: 'network' }
  | { kind: 'unlock' }
  | { kind: 'missing' }
  | { kind: 'unknown'; detail: string };

export interface LastUser {
  id: string;
  name: string;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage blocked
  }
}

function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // storage blocked
  }
}

function readLastUser(): LastUser | null {
  try {
    const value = JSON.parse(read(LAST_USER_KEY) ?? 'null') as Partial<LastUser> | null;
    return value && typeof value.id === 'string' && typeof value.name === 'string'
      ? { id: value.id, name: value.name }
      : null;
  } catch {
    return null;
  }
}

/** The message for an error in the current locale. */
export function describeLoginError(error: LoginError): string {
  switch (error.kind) {
    case 'server':
      return pick(error.text);
    case 'network':
      return t('login.errorNetwork');
    case 'unlock':
      return t('login.errorUnlock');
    case 'missing':
      return t('login.errorMissing');
    case 'unknown':
      return t('login.errorUnknown', { detail: error.detail });
  }
}

function isText(value: unknown): value is { zh: string; en: string } {
  const text = value as { zh?: unknown; en?: unknown } | null;
  return (
    !!text && typeof text === 'object' && typeof text.zh === 'string' && typeof text.en === 'string'
  );
}

/**
 * Maps what the session layer threw to a `LoginError`: its `SessionError`
 * carries the server's `{ zh, en }` message (or its own, for network and
 * offline refusals) in `text`; a bare `fetch` failure is a TypeError.
 */
export function toLoginError(e: unknown): LoginError {
  const error = e as { reason?: unknown; text?: unknown } | null;
  if (error && typeof error === 'object') {
    if (error.reason === 'network') return { kind: 'network' };
    if (isText(error.text)) return { kind: 'server', text: error.text };
  }
  if (e instanceof TypeError) return { kind: 'network' };
  const detail =
    typeof error?.reason === 'string' ? error.reason : e instanceof Error ? e.message : String(e);
  return { kind: 'unknown', detail };
}

export function createLoginStore(options: { origin: string; onSignedIn: (s: Session) => void }) {
  const lastUser = readLastUser();
  const [userId, setUserId] = createSignal(lastUser?.id ?? '');
  const [password, setPassword] = createSignal('');
  const [serverUrl, setServerUrl] = createSignal(read(SERVER_KEY) ?? options.origin);
  const [busy, setBusy] = createSignal<'signIn' | 'unlock' | null>(null);
  const [error, setError] = createSignal<LoginError | null>(null);

  const done = (session: Session) => {
    write(LAST_USER_KEY, JSON.stringify({ id: session.user.id, name: session.user.name }));
    setPassword('');
    options.onSignedIn(session);
  };

  const ready = () => {
    if (!userId().trim() || !password()) {
      setError({ kind: 'missing' });
      return false;
    }
    return true;
  };

  return {
    userId,
    setUserId,
    password,
    setPassword,
    serverUrl,
    setServerUrl,
    busy,
    error,
    lastUser,
    /** offline unlock is offered when there is no network or the server was unreachable */
    offerUnlock: () => !online() || error()?.kind === 'network',
    async signIn() {
      if (busy() || !ready()) return;
      setBusy('signIn');
      setError(null);
      try {
        const api = await sessionApi();
        const url = serverUrl().trim() || options.origin;
        const session = await api.signIn(url, userId().trim(), password());
        if (url !== options.origin) write(SERVER_KEY, url);
        else remove(SERVER_KEY);
        done(session);
      } catch (e) {
        setError(toLoginError(e));
      } finally {
        setBusy(null);
      }
    },
    async unlock() {
      if (busy() || !ready()) return;
      setBusy('unlock');
      setError(null);
      try {
        const api = await sessionApi();
        const session = await api.unlockOffline(userId().trim(), password());
        if (session) done(session);
        else setError({ kind: 'unlock' });
      } catch (e) {
        setError(toLoginError(e));
      } finally {
        setBusy(null);
      }
    },
  };
}

export type LoginStore = ReturnType<typeof createLoginStore>;
