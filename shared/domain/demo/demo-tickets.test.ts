import { describe, expect, it } from 'vitest';
import { hlcMillis } from '../../lib/hlc';
import { type TicketEvent, TicketEventSchema } from '../../schema/ticket-event';
import { callSummary } from '../assessment';
import { createCalendar } from '../calendar';
import { findIncidentClusters, repeatCalls } from '../detection';
import { buildOrgTree, demoNetwork } from '../org';
import { foldTicket } from '../ticket/fold';
import { checkEventStatically } from '../ticket/permissions';
import { isAssignmentOverdue } from '../ticket/sla';
import type { TicketState, TicketStatus } from '../ticket/state';
import { shanghai } from '../ticket/test-kit';
import { demoUsers, generateDemoTickets } from './demo-tickets';

const units = demoNetwork();
const tree = buildOrgTree(units);
const ctx = { calendar: createCalendar() };
const NOW = shanghai('2026-11-20 16:30');
const options = { units, count: 400, seed: 7, now: NOW, networkSecret: 'demo-network-secret-0001' };
const tickets = generateDemoTickets(options);
const states = tickets.map((t) => foldTicket(t.events, ctx, t.ticketId));

const EXPECTED: readonly TicketStatus[] = [
  'pending_review',
  'pending_instruction',
  'pending_sign',
  'return_pending',
  'pending_redispatch',
  'handling',
  'pending_centre_review',
  'pending_callback',
  'callback_unsatisfied',
  'pending_archive',
  'answered',
  'out_of_scope',
  'emergency_transferred',
  'merged',
  'archived',
];

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

const events = (type: TicketEvent['type']) =>
  tickets.filter((t) => t.events.some((e) => e.type === type)).length;

describe('generateDemoTickets', () => {
  it('generates the requested number of tickets with unique ids and ticket numbers', () => {
    expect(tickets).toHaveLength(400);
    expect(new Set(tickets.map((t) => t.ticketId)).size).toBe(400);
    const numbers = states.map((s) => s.number);
    expect(new Set(numbers).size).toBe(400);
    const ids = tickets.flatMap((t) => t.events.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('emits only events that pass the schema', () => {
    for (const t of tickets) {
      for (const e of t.events) {
        const parsed = TicketEventSchema.safeParse(e);
        expect(parsed.success, `${e.id}: ${parsed.error?.message}`).toBe(true);
        expect(parsed.data).toEqual(e);
        expect(e.ticketId).toBe(t.ticketId);
      }
    }
  });

  it('lets every actor append every event (static check against the chain so far)', () => {
    for (const t of tickets) {
      for (let i = 0; i < t.events.length; i++) {
        const event = t.events[i] as TicketEvent;
        const chain = i === 0 ? [] : foldTicket(t.events.slice(0, i), ctx, t.ticketId).chain;
        expect(checkEventStatically(event, tree, chain), `${event.id} ${event.type}`).toBeNull();
      }
    }
  });

  it('folds every ticket without a conflict, events already in HLC order', () => {
    for (const s of states) {
      expect(
        s.conflictCount,
        `${s.id}: ${JSON.stringify(s.timeline.find((e) => e.conflict))}`,
      ).toBe(0);
      const ats = s.timeline.map((e) => e.event.at);
      expect(ats).toEqual([...ats].sort());
    }
    for (const t of tickets) {
      const ats = t.events.map((e) => e.at);
      expect(ats).toEqual([...ats].sort());
    }
  });

  it('covers every queue status but incomplete', () => {
    const counts = countBy(states, (s) => s.status);
    for (const status of EXPECTED) expect(counts[status] ?? 0, status).toBeGreaterThanOrEqual(3);
    expect(counts.incomplete).toBeUndefined();
  });

  it('spreads tickets over the 60 days before now, no event later than now', () => {
    for (const t of tickets) {
      for (const e of t.events) expect(hlcMillis(e.at)).toBeLessThanOrEqual(NOW);
    }
    const created = states.map((s) => s.createdAt);
    expect(Math.min(...created)).toBeGreaterThanOrEqual(NOW - 60 * 86_400_000);
    expect(Math.min(...created)).toBeLessThan(NOW - 45 * 86_400_000);
    expect(Math.max(...created)).toBeGreaterThan(NOW - 86_400_000);
  });

  it('takes calls mostly at county centres, some at city and province centres', () => {
    const level = countBy(states, (s) => tree.get(s.centreId)?.level ?? '?');
    expect(level.county ?? 0).toBeGreaterThan(300);
    expect(level.city ?? 0).toBeGreaterThan(0);
    expect(level.province ?? 0).toBeGreaterThan(0);
    expect(events('transferred')).toBeGreaterThan(0);
    const channels = countBy(states, (s) => s.channel);
    expect(channels.phone ?? 0).toBeGreaterThan(200);
    const categories = countBy(states, (s) => s.category);
    expect(categories.complaint ?? 0).toBeGreaterThan(categories.suggestion ?? 0);
    expect(categories.consult ?? 0).toBeGreaterThan(categories.praise ?? 0);
  });

  it('includes overdue, co-signed, committed, extended, redone, urged, supervised and returned tickets', () => {
    const overdue = states.filter(
      (s) => s.status === 'handling' && s.assignments.some((a) => isAssignmentOverdue(a, NOW)),
    );
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    const has = (p: (s: TicketState) => boolean) => states.filter(p).length;
    expect(has((s) => s.assignments.some((a) => a.mode === 'co_signed'))).toBeGreaterThanOrEqual(3);
    expect(has((s) => s.assignments.some((a) => a.mode === 'committed'))).toBeGreaterThanOrEqual(3);
    expect(
      has((s) => s.assignments.some((a) => a.extensionDaysGranted > 0)),
    ).toBeGreaterThanOrEqual(3);
    expect(has((s) => s.redoCount > 0)).toBeGreaterThanOrEqual(3);
    expect(has((s) => s.urgeCount > 0)).toBeGreaterThanOrEqual(3);
    expect(has((s) => s.supervision !== null)).toBeGreaterThanOrEqual(3);
    expect(has((s) => s.returnCount > 0)).toBeGreaterThanOrEqual(3);
    expect(has((s) => s.instructions.length > 0)).toBeGreaterThanOrEqual(3);
  });

  it('includes confidential whistleblowing and repeat callers', () => {
    const reports = states.filter((s) => s.category === 'report' && s.confidential);
    expect(reports.length).toBeGreaterThanOrEqual(3);
    expect(repeatCalls(states.map(callSummary)).size).toBeGreaterThanOrEqual(3);
    const anonymous = tickets.filter((t) => t.contact === null);
    for (const t of anonymous)
      expect(states.find((s) => s.id === t.ticketId)?.callerKey).toBeNull();
  });

  it('contains one incident cluster of eight or more callers about one building in one evening', () => {
    const clusters = findIncidentClusters(states.map(callSummary));
    const big = clusters.filter((c) => c.peak >= 8);
    expect(big).toHaveLength(1);
    const cluster = big[0];
    expect(cluster?.topic).toBe('housing-quality');
    expect((cluster?.lastAt ?? 0) - (cluster?.firstAt ?? 0)).toBeLessThan(6 * 3_600_000);
    const callers = new Set(
      states.filter((s) => cluster?.ticketIds.includes(s.id)).map((s) => s.callerKey),
    );
    expect(callers.size).toBeGreaterThanOrEqual(8);
  });

  it('is deterministic: the same options give the same tickets, another seed others', () => {
    expect(generateDemoTickets(options)).toEqual(tickets);
    const other = generateDemoTickets({ ...options, seed: 8 });
    expect(other).not.toEqual(tickets);
  });

  it('generates 500 tickets well under a second', () => {
    const start = performance.now();
    generateDemoTickets({ ...options, count: 500, seed: 99 });
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('handles small counts and other seeds cleanly', () => {
    for (const [count, seed] of [
      [0, 1],
      [5, 2],
      [60, 3],
      [300, 4],
    ] as const) {
      const some = generateDemoTickets({ ...options, count, seed });
      expect(some).toHaveLength(count);
      for (const t of some) {
        const s = foldTicket(t.events, ctx, t.ticketId);
        expect(s.conflictCount).toBe(0);
        for (const e of t.events) expect(hlcMillis(e.at)).toBeLessThanOrEqual(NOW);
      }
    }
  });
});

describe('demoUsers', () => {
  const users = demoUsers(units);

  it('gives every centre its posts and every handling unit a handler and a reviewer', () => {
    const roles = (unitId: string) =>
      users.filter((u) => u.unitId === unitId).flatMap((u) => u.roles);
    for (const unit of units) {
      if (unit.kind === 'centre') {
        expect(roles(unit.id)).toEqual(
          expect.arrayContaining([
            'operator',
            'dispatcher',
            'callback_agent',
            'supervisor',
            'leader',
            'inspector',
          ]),
        );
        expect(roles(unit.id).includes('admin')).toBe(unit.level === 'province');
      } else {
        expect(roles(unit.id).sort()).toEqual(['handler', 'unit_reviewer']);
      }
    }
  });

  it('has unique, schema-valid ids and Chinese names', () => {
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    for (const u of users) {
      expect(u.id).toMatch(/^[A-Za-z0-9_.-]{1,40}$/);
      expect(u.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
    expect(users.find((u) => u.id === 'c01-k01-op')?.roles).toEqual(['operator']);
    expect(users.find((u) => u.id === 'c01-k01-t01-h')?.roles).toEqual(['handler']);
  });
});
