/**
 * @module
 * fast-check arbitraries of ticket event sets: a realistic backbone (so folds
 * reach deep states) plus random noise, with colliding times on purpose. Used
 * by the property tests of the fold, the assessment and the server.
 */

import fc from 'fast-check';
import { formatHlc } from '../../lib/hlc';
import type { Actor, EventOf, TicketEvent, TicketEventType } from '../../schema/ticket-event';
import { actor, createdData, shanghai } from './test-kit';

const COUNTY = 'c01-k01';
const UNITS = ['c01-k01-t01', 'c01-k01-t02', 'c01-k01-d01'] as const;
const T0 = shanghai('2026-09-24 09:00');
const DEFAULT_TICKET = 'ticket-prop';

type Step = { type: TicketEventType; unit: number; flag: boolean; days: number };

/** Payload and actor for an event of `type` about unit `UNITS[unit]`. */
function materialize(
  step: Step,
  callerKey: string | null,
): { by: Actor; data: TicketEvent['data'] } {
  const unitId = UNITS[step.unit % UNITS.length] ?? UNITS[0];
  const centre = (role: 'operator' | 'dispatcher' | 'callback_agent' | 'supervisor' | 'leader') =>
    actor(`${role}-1`, role, COUNTY);
  const unit = (role: 'handler' | 'unit_reviewer') => actor(`${role}-${unitId}`, role, unitId);
  const other = UNITS[(step.unit + 1) % UNITS.length] ?? UNITS[1];
  const table: { [T in TicketEventType]: () => { by: Actor; data: EventOf<T>['data'] } } = {
    created: () => ({ by: centre('operator'), data: createdData({ callerKey }) }),
    corrected: () => ({
      by: centre('dispatcher'),
      data: { changes: { category: step.flag ? 'report' : 'help' }, reason: '' },
    }),
    answered: () => ({ by: centre('operator'), data: { text: '直接答复' } }),
    referred_out: () => ({
      by: centre('operator'),
      data: { reason: 'judicial', referTo: '法院', note: '' },
    }),
    emergency_transferred: () => ({ by: centre('dispatcher'), data: { service: '120', note: '' } }),
    leader_routed: () => ({ by: centre('supervisor'), data: { note: '' } }),
    leader_instructed: () => ({
      by: centre('leader'),
      data: step.flag
        ? {
            instruction: '速办',
            dispatch: { mode: 'time_limited', units: [{ unitId, lead: true }], note: '' },
          }
        : { instruction: '阅' },
    }),
    dispatched: () => ({
      by: centre('dispatcher'),
      data: step.flag
        ? {
            mode: 'co_signed',
            units: [
              { unitId, lead: true },
              { unitId: other, lead: false },
            ],
            note: '',
          }
        : {
            mode: step.days % 2 ? 'committed' : 'time_limited',
            units: [{ unitId, lead: true }],
            note: '',
          },
    }),
    signed: () => ({ by: unit('handler'), data: { unitId } }),
    returned: () => ({ by: unit('handler'), data: { unitId, reason: 'not_our_duty', note: '' } }),
    return_reviewed: () => ({
      by: centre('dispatcher'),
      data: { unitId, decision: step.flag ? 'upheld' : 'rejected', note: '' },
    }),
    transferred: () => ({
      by: unit('unit_reviewer'),
      data: { fromUnitId: unitId, units: [{ unitId: other, lead: true }], note: '' },
    }),
    noted: () => ({ by: unit('handler'), data: { text: '进展' } }),
    extension_requested: () => ({
      by: unit('handler'),
      data: { unitId, days: step.days, reason: '协调中' },
    }),
    extension_decided: () => ({
      by: centre('dispatcher'),
      data: { unitId, approved: step.flag, note: '' },
    }),
    replied: () => ({
      by: unit(step.flag ? 'unit_reviewer' : 'handler'),
      data:
        step.days % 3 === 0
          ? {
              unitId,
              kind: 'progress',
              text: '进度',
              promisedDate: '2026-10-30',
              contactedCaller: true,
            }
          : { unitId, kind: 'final', text: '办结', contactedCaller: true },
    }),
    unit_reviewed: () => ({
      by: unit('unit_reviewer'),
      data: { unitId, approved: step.flag, note: '' },
    }),
    reviewed: () => ({
      by: centre('dispatcher'),
      data: { unitId, decision: step.flag ? 'accept' : 'send_back', note: '' },
    }),
    callback_done: () => ({
      by: centre('callback_agent'),
      data: {
        reached: step.flag,
        solved: step.days % 2 === 0,
        resultSatisfaction: step.days % 2 === 0 ? 'very_satisfied' : 'unsatisfied',
        falseReply: false,
        comment: '',
      },
    }),
    redo: () => ({ by: centre('dispatcher'), data: { unitIds: [unitId], reason: '不满意' } }),
    urged: () => ({
      by: centre('supervisor'),
      data: step.flag ? { unitId, note: '' } : { note: '' },
    }),
    supervised: () => ({ by: centre('supervisor'), data: { onSite: step.flag, note: '' } }),
    merged: () => ({ by: centre('dispatcher'), data: { intoTicketId: 'ticket-other', note: '' } }),
    archived: () => ({ by: centre('dispatcher'), data: { note: '' } }),
    reopened: () => ({ by: centre('supervisor'), data: { reason: '再次来电' } }),
  };
  return table[step.type]();
}

const TYPES = [
  'created',
  'corrected',
  'answered',
  'referred_out',
  'emergency_transferred',
  'leader_routed',
  'leader_instructed',
  'dispatched',
  'signed',
  'returned',
  'return_reviewed',
  'transferred',
  'noted',
  'extension_requested',
  'extension_decided',
  'replied',
  'unit_reviewed',
  'reviewed',
  'callback_done',
  'redo',
  'urged',
  'supervised',
  'merged',
  'archived',
  'reopened',
] as const satisfies readonly TicketEventType[];

// A realistic backbone (so folds reach deep states) plus random noise; times
// collide on purpose so the id tie-break and node order are exercised.
const HAPPY: TicketEventType[] = [
  'created',
  'dispatched',
  'signed',
  'replied',
  'unit_reviewed',
  'reviewed',
  'callback_done',
  'archived',
];

const stepArb = fc.record({
  type: fc.constantFrom(...TYPES),
  unit: fc.nat(5),
  flag: fc.boolean(),
  days: fc.integer({ min: 1, max: 9 }),
});

/** A set of events of one ticket, starting around `t0` (the caller key lets tests build repeat calls). */
export function eventSetArb(ticketId = DEFAULT_TICKET, t0 = T0, callerKey: string | null = null) {
  return fc
    .tuple(
      // mostly a prefix of the happy path, sometimes with a hole, rarely without `created`
      fc
        .tuple(
          fc.integer({ min: 0, max: HAPPY.length }),
          fc.integer({ min: -4, max: HAPPY.length - 1 }),
        )
        .map(([length, hole]) =>
          HAPPY.map((type, i) => ({ type, i })).filter(({ i }) => i < length && i !== hole),
        ),
      fc.oneof(
        fc.constant([]),
        fc.array(
          fc.tuple(stepArb, fc.integer({ min: 0, max: 40 }), fc.constantFrom('a', 'b', 'c')),
          {
            maxLength: 25,
          },
        ),
      ),
      fc.boolean(),
    )
    .map(([backbone, noise, flag]) => {
      const events: TicketEvent[] = [];
      const push = (step: Step, slot: number, node: string) => {
        const { by, data } = materialize(step, callerKey);
        events.push({
          id: `${ticketId}-${String(events.length).padStart(4, '0')}-${node}`,
          ticketId,
          at: formatHlc({ millis: t0 + slot * 3_600_000, counter: 0, node }),
          actor: by,
          type: step.type,
          data,
        } as TicketEvent);
      };
      for (const { type, i } of backbone) {
        push({ type, unit: 0, flag: type !== 'dispatched', days: 2 }, i * 4, 'a');
      }
      for (const [step, slot, node] of noise)
        push({ ...step, flag: step.flag || flag }, slot, node);
      return events;
    });
}
