/**
 * @module
 * The queues in the navigation, in the order work flows. The keys are the
 * i18n keys under `queue.`; the queue screens (features/queues) filter by them.
 */
export const QUEUES = [
  'pending_review',
  'pending_sign',
  'handling',
  'pending_centre_review',
  'pending_callback',
  'due_soon',
  'overdue',
] as const;

export type QueueKey = (typeof QUEUES)[number];

export function isQueueKey(value: unknown): value is QueueKey {
  return typeof value === 'string' && (QUEUES as readonly string[]).includes(value);
}
