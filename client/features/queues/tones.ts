/**
 * @module
 * How ticket facts read at a glance: the tone of a status or a category
 * pill (the word always says it too), and a shared clock for countdowns.
 */
import { createSignal, onCleanup } from 'solid-js';
import type { TicketStatus } from '../../../shared/domain/ticket/state';
import type { TicketCategory } from '../../../shared/schema/ticket-enums';
import type { Tone } from '../../ui/badge';

export function statusTone(status: TicketStatus): Tone {
  switch (status) {
    case 'pending_sign':
    case 'pending_review':
    case 'pending_instruction':
    case 'pending_redispatch':
    case 'handling':
    case 'pending_centre_review':
    case 'pending_callback':
      return 'info';
    case 'return_pending':
    case 'callback_unsatisfied':
      return 'warn';
    case 'pending_archive':
    case 'answered':
    case 'archived':
      return 'ok';
    default:
      return 'neutral';
  }
}

export function categoryTone(category: TicketCategory): Tone {
  if (category === 'complaint' || category === 'report') return 'warn';
  if (category === 'help') return 'info';
  if (category === 'praise') return 'ok';
  return 'neutral';
}

const [now, setNow] = createSignal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Now, ticking every 30 s while someone on screen reads it. */
export function useNow(): () => number {
  users += 1;
  timer ??= setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => {
    users -= 1;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  return now;
}
