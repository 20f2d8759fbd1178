/** Host side of the tablet workers: spawn one per simulated device and call it. */
import { Worker } from 'node:worker_threads';
import type { TabletMethods } from './tablet-worker';

type Promised<T> = T extends (...a: infer A) => Promise<infer R> ? (...a: A) => Promise<R> : never;
export type Tablet = { [K in keyof TabletMethods]: Promised<TabletMethods[K]> } & {
  terminate(): Promise<void>;
};

export function spawnTablet(name: string): Tablet {
  const worker = new Worker(new URL('./tablet-worker.mjs', import.meta.url), {
    workerData: { name },
  });
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) p.reject(new Error(`${name}: ${msg.error}`));
    else p.resolve(msg.result);
  });
  worker.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  const call =
    (method: string) =>
    (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, method, args });
      });
  return new Proxy({} as Tablet, {
    get(_t, prop: string) {
      if (prop === 'terminate') return async () => void (await worker.terminate());
      if (prop === 'then') return undefined;
      return call(prop);
    },
  });
}
