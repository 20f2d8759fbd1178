/**
 * @module
 * The app's one door to the session layer (`client/sync/session.ts`): it is
 * loaded on first use, code-split, so key derivation and whatever the session
 * layer grows into (the database) stay out of the first paint. The frame and
 * the login screen read the session through `currentSession()`, which is
 * reactive and null until the layer is loaded and someone signed in.
 */
import { createSignal } from 'solid-js';
import type { Session } from '../../sync/session';

/** The session API the login screen codes against (see client/README.md). */
export interface SessionApi {
  signIn(serverUrl: string, userId: string, password: string): Promise<Session>;
  /** throws a `SessionError` (no_account, wrong_password) when it cannot unlock */
  unlockOffline(userId: string, password: string): Promise<Session | null>;
  signOut(): Promise<void> | void;
  session(): Session | null;
}

export type { Session };

const [api, setApi] = createSignal<SessionApi | null>(null);
let loading: Promise<SessionApi> | undefined;

/** The session layer, loaded on first use. */
export function sessionApi(): Promise<SessionApi> {
  loading ??= import('../../sync/session').then((module) => {
    const loaded: SessionApi = module;
    setApi(() => loaded);
    return loaded;
  });
  return loading;
}

/** The signed-in session, or null (reactive). */
export function currentSession(): Session | null {
  return api()?.session() ?? null;
}
