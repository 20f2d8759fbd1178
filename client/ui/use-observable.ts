/**
 * @module
 * A live value from anything with `subscribe` (an RxJS observable, a store)
 * as a Solid accessor: re-subscribed whenever the source accessor changes,
 * unsubscribed with the owner. `undefined` until the first value arrives.
 *
 * @example
 * const ticket = useObservable(() => ws() && observeTicket(ws().db, id));
 */
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';

export interface Subscribable<T> {
  subscribe(next: (value: T) => void): { unsubscribe(): void };
}

export function useObservable<T>(
  source: Accessor<Subscribable<T> | null | undefined | false>,
): Accessor<T | undefined> {
  const [value, setValue] = createSignal<T | undefined>(undefined);
  createEffect(() => {
    const s = source();
    setValue(undefined);
    if (!s) return;
    const sub = s.subscribe((v) => setValue(() => v));
    onCleanup(() => sub.unsubscribe());
  });
  return value;
}
