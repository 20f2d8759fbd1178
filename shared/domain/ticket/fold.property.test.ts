import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../schema/ticket-event';
import { createCalendar } from '../calendar';
import { eventSetArb } from './arbitraries';
import { foldTicket } from './fold';

const ctx = { calendar: createCalendar() };
const TICKET = 'ticket-prop';
const eventSets = eventSetArb(TICKET);

describe('fold properties', () => {
  it('gives the same state for any permutation of the event set', () => {
    fc.assert(
      fc.property(eventSets, fc.infiniteStream(fc.nat()), (events, randoms) => {
        const shuffled = [...events];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (randoms.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as TicketEvent, shuffled[i] as TicketEvent];
        }
        expect(foldTicket(shuffled, ctx, TICKET)).toEqual(foldTicket(events, ctx, TICKET));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same state when any events arrive twice (as copies)', () => {
    fc.assert(
      fc.property(eventSets, fc.array(fc.nat(), { maxLength: 20 }), (events, picks) => {
        if (events.length === 0) return;
        const copies = picks.map((p) => structuredClone(events[p % events.length]) as TicketEvent);
        const twice = [...copies, ...events, ...copies];
        expect(foldTicket(twice, ctx, TICKET)).toEqual(foldTicket(events, ctx, TICKET));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every event in the timeline exactly once and never throws', () => {
    fc.assert(
      fc.property(eventSets, (events) => {
        const state = foldTicket(events, ctx, TICKET);
        expect(state.timeline).toHaveLength(new Set(events.map((e) => e.id)).size);
        expect(state.conflictCount).toBe(state.timeline.filter((t) => t.conflict).length);
      }),
      { numRuns: 300 },
    );
  });

  it('only ever grows the routing chain as events are added', () => {
    fc.assert(
      fc.property(
        eventSets,
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (events, keep) => {
          const subset = events.filter((_, i) => keep[i % keep.length]);
          const small = foldTicket(subset, ctx, TICKET).chain;
          const big = new Set(foldTicket(events, ctx, TICKET).chain);
          for (const unit of small) expect(big.has(unit)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

it('reaches deep states (a guard on the generator, so the properties above mean something)', () => {
  const statuses = new Set<string>();
  for (const events of fc.sample(eventSets, { numRuns: 400, seed: 7 })) {
    statuses.add(foldTicket(events, ctx, TICKET).status);
  }
  for (const s of ['pending_review', 'pending_sign', 'handling', 'archived', 'incomplete']) {
    expect(statuses).toContain(s);
  }
  const callbackPhase = ['pending_callback', 'pending_archive', 'callback_unsatisfied'];
  expect(callbackPhase.some((s) => statuses.has(s))).toBe(true);
});
