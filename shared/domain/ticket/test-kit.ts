/**
 * @module
 * Builders for ticket events in tests, examples and demo data: a script of
 * events by named actors at Shanghai wall times, each stamped with an HLC.
 */

import { formatHlc } from '../../lib/hlc';
import type { Role } from '../../schema/ticket-enums';
import type { Actor, EventOf, TicketEvent, TicketEventType } from '../../schema/ticket-event';

/** Epoch ms of a Shanghai wall time, e.g. `shanghai('2026-09-24 10:00')`. */
export function shanghai(wall: string): number {
  const ms = Date.parse(`${wall.replace(' ', 'T')}:00+08:00`);
  if (!Number.isFinite(ms)) throw new RangeError(`bad wall time ${wall}`);
  return ms;
}

export function actor(userId: string, role: Role, unitId: string): Actor {
  return { userId, role, unitId };
}

/** Default creation payload: a complaint to a county centre about a township matter. */
export function createdData(
  overrides: Partial<EventOf<'created'>['data']> = {},
): EventOf<'created'>['data'] {
  return {
    number: '1101-260924-01-0001',
    channel: 'phone',
    category: 'complaint',
    topic: 'noise',
    areaId: 'c01-k01-t01',
    location: '城关街道幸福路12号',
    description: '楼下商户经营噪音严重影响休息，多次沟通无果。',
    urgency: 'normal',
    confidential: false,
    confidentialityWaived: false,
    callerKey: null,
    ...overrides,
  };
}

export class EventScript {
  private seq = 0;
  readonly events: TicketEvent[] = [];

  constructor(
    readonly ticketId = 'ticket-0001',
    private node = 'tab-01',
  ) {}

  /** Appends an event at a Shanghai wall time (`'2026-09-24 10:00'`) or epoch ms. */
  add<T extends TicketEventType>(
    when: string | number,
    type: T,
    by: Actor,
    data: EventOf<T>['data'],
    opts: { node?: string; counter?: number } = {},
  ): EventOf<T> {
    this.seq += 1;
    const millis = typeof when === 'number' ? when : shanghai(when);
    const event = {
      id: `${this.ticketId}-e${String(this.seq).padStart(3, '0')}`,
      ticketId: this.ticketId,
      at: formatHlc({ millis, counter: opts.counter ?? 0, node: opts.node ?? this.node }),
      actor: by,
      type,
      data,
    } as EventOf<T>;
    this.events.push(event);
    return event;
  }
}
