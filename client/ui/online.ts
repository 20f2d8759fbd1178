/**
 * @module
 * The browser's idea of being online (`navigator.onLine` and its events), as
 * a signal. It only knows whether there is a network, not whether the server
 * answers: `client/sync/status.ts` owns the real sync state.
 */
import { createSignal } from 'solid-js';

const [online, setOnline] = createSignal(
  typeof navigator === 'undefined' ? true : navigator.onLine,
);
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => setOnline(true));
  window.addEventListener('offline', () => setOnline(false));
}

export { online };
