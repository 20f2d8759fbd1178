/**
 * @module
 * The queues' store: which queues a user works first (by post and unit
 * kind), and each queue and its count live from the local database, so the
 * lists work offline and follow every sync. Tickets move into 即将超期 /
 * 已超期 as time passes: the queries are re-evaluated every minute.
 */

import { map } from 'rxjs';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { QUEUES, type QueueKey } from '../../app/queues';
import { workspace } from '../../app/workspace';
import {
  observeQueue,
  observeQueueCounts,
  type QueueItem,
  type QueueName,
} from '../../data/tickets';
import { useObservable } from '../../ui/use-observable';

/** The navigation's keys and the repository's queue names. */
export const QUEUE_SOURCE: Record<QueueKey, QueueName> = {
  pending_review: 'pending_review',
  pending_sign: 'pending_sign',
  handling: 'handling',
  pending_centre_review: 'review',
  pending_callback: 'callback',
  due_soon: 'dueSoon',
  overdue: 'overdue',
};

const CENTRE_DESK: readonly QueueKey[] = [
  'pending_review',
  'pending_centre_review',
  'due_soon',
  'overdue',
];
const UNIT_DESK: readonly QueueKey[] = ['pending_sign', 'handling'];

/**
 * The queues a user works, most relevant first, then the others.
 * @example queuesFor(['handler'], 'handling') // { mine: ['pending_sign', 'handling'], … }
 */
export function queuesFor(
  roles: readonly string[],
  unitKind: 'centre' | 'handling' | undefined,
): { mine: QueueKey[]; others: QueueKey[] } {
  const mine: QueueKey[] = [];
  const add = (keys: readonly QueueKey[]) => {
    for (const k of keys) if (!mine.includes(k)) mine.push(k);
  };
  for (const role of roles) {
    if (role === 'operator' || (role === 'dispatcher' && unitKind !== 'handling')) add(CENTRE_DESK);
    else if (role === 'handler' || role === 'dispatcher') add(UNIT_DESK);
    else if (role === 'unit_reviewer') add(['pending_centre_review', ...UNIT_DESK]);
    else if (role === 'callback_agent') add(['pending_callback']);
    else if (role === 'supervisor' || role === 'leader') add(['overdue', 'due_soon']);
  }
  return { mine, others: QUEUES.filter((q) => !mine.includes(q)) };
}

/** The signed-in user's queue order (all queues in work order while the tree loads). */
export function myQueues(): { mine: QueueKey[]; others: QueueKey[] } {
  const ws = workspace();
  if (!ws) return { mine: [], others: [...QUEUES] };
  const kind = ws.tree()?.get(ws.session.user.unitId)?.kind;
  return queuesFor(ws.session.user.roles, kind);
}

/** The queue `/` opens when none is named: the user's first. */
export function defaultQueue(): QueueKey {
  return myQueues().mine[0] ?? 'pending_sign';
}

const [minute, setMinute] = createSignal(0);
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** A tick every minute while a queue is on screen (re-evaluates the time queues). */
function useMinute(): Accessor<number> {
  users += 1;
  timer ??= setInterval(() => setMinute((n) => n + 1), 60_000);
  onCleanup(() => {
    users -= 1;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  return minute;
}

/** One queue of the user's unit, live; `undefined` while the database opens. */
export function useQueue(key: Accessor<QueueKey>): Accessor<QueueItem[] | undefined> {
  const tick = useMinute();
  return useObservable(() => {
    tick();
    const ws = workspace();
    return ws ? observeQueue(ws.db, QUEUE_SOURCE[key()], ws.session.user.unitId, Date.now) : null;
  });
}

/** Every queue's count, by navigation key, live. */
export function useQueueCounts(): Accessor<Record<QueueKey, number> | undefined> {
  const tick = useMinute();
  return useObservable(() => {
    tick();
    const ws = workspace();
    if (!ws) return null;
    return observeQueueCounts(ws.db, ws.session.user.unitId, Date.now).pipe(
      map(
        (counts) =>
          Object.fromEntries(QUEUES.map((k) => [k, counts[QUEUE_SOURCE[k]]])) as Record<
            QueueKey,
            number
          >,
      ),
    );
  });
}
