import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../shared/domain/calendar';
import { foldTicket } from '../../../shared/domain/ticket/fold';
import { actor, createdData, EventScript } from '../../../shared/domain/ticket/test-kit';
import { formatHlc } from '../../../shared/lib/hlc';
import type { Actor, TicketEvent, TicketEventType } from '../../../shared/schema/ticket-event';
import { type ActionInput, buildActionEvent } from './actions';

const ctx = { calendar: createCalendar() };
const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const dispatcher = actor('c01-k01-disp', 'dispatcher', COUNTY);
const handler = actor('c01-k01-t01-h', 'handler', TOWN);
const reviewer = actor('c01-k01-t01-r', 'unit_reviewer', TOWN);
const callback = actor('c01-k01-cb', 'callback_agent', COUNTY);

let n = 0;
function build(type: TicketEventType, input: ActionInput, by: Actor, ticketId = 'ticket-0001') {
  n += 1;
  return buildActionEvent(type, input, {
    ticketId,
    actor: by,
    at: formatHlc({ millis: Date.UTC(2026, 9, 8, 2, n), counter: 0, node: 'tab' }),
    id: `ticket-0001-ui${String(n).padStart(4, '0')}`,
  });
}

describe('ticket page actions', () => {
  it('walk a ticket from dispatch to archive with events the fold accepts', () => {
    const s = new EventScript();
    s.add('2026-10-08 09:00', 'created', actor('c01-k01-op', 'operator', COUNTY), createdData());
    const events: TicketEvent[] = [...s.events];
    const steps: [TicketEventType, ActionInput, Actor, string][] = [
      ['dispatched', { units: [{ unitId: TOWN, lead: true }] }, dispatcher, 'pending_sign'],
      ['signed', {}, handler, 'handling'],
      ['noted', { text: '已联系来电人，约定明早上门。' }, handler, 'handling'],
      ['replied', { text: '已协调商户调整营业时间。', contactedCaller: true }, handler, 'handling'],
      ['unit_reviewed', { approved: true }, reviewer, 'pending_centre_review'],
      ['reviewed', { unitId: TOWN, decision: 'accept' }, dispatcher, 'pending_callback'],
      [
        'callback_done',
        {
          reached: true,
          solved: true,
          processSatisfaction: 'satisfied',
          resultSatisfaction: 'very_satisfied',
        },
        callback,
        'pending_archive',
      ],
      ['archived', {}, dispatcher, 'archived'],
    ];
    for (const [type, input, by, status] of steps) {
      const built = build(type, input, by);
      if (!built.ok) throw new Error(`${type}: ${built.fields.join(',')}`);
      events.push(built.event);
      const state = foldTicket(events, ctx, 'ticket-0001');
      expect(state.conflictCount, type).toBe(0);
      expect(state.status, type).toBe(status);
    }
  });

  it.each([
    ['noted', {}, ['text']],
    ['extension_requested', { days: 2 }, ['reason']],
    ['extension_requested', { reason: '需协调' }, ['days']],
    ['returned', { returnReason: 'not_our_duty' }, []],
    ['emergency_transferred', {}, ['service']],
    ['dispatched', { units: [] }, ['units']],
    ['reviewed', { decision: 'maybe' }, ['decision']],
    ['merged', {}, ['intoTicketId']],
  ] as [TicketEventType, ActionInput, string[]][])(
    '%s with %j reports %j',
    (type, input, fields) => {
      const built = build(type, input, dispatcher);
      if (fields.length === 0) expect(built.ok).toBe(true);
      else expect(built).toEqual({ ok: false, fields: expect.arrayContaining(fields) });
    },
  );

  it('sends a promised date only with a progress reply', () => {
    const final = build('replied', { text: '办结', promisedDate: '2026-10-30' }, handler);
    expect(final.ok && final.event.type === 'replied' && final.event.data.promisedDate).toBe(
      undefined,
    );
    const progress = build(
      'replied',
      { text: '进度', replyKind: 'progress', promisedDate: '2026-10-30' },
      handler,
    );
    expect(
      progress.ok && progress.event.type === 'replied' && progress.event.data.promisedDate,
    ).toBe('2026-10-30');
  });
});
