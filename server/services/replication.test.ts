import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, createdData } from '../../shared/domain/ticket/test-kit';
import { formatHlc } from '../../shared/lib/hlc';
import type { TicketEvent } from '../../shared/schema/ticket-event';
import { openSqliteStore } from '../storage/sqlite';
import type { Store } from '../storage/types';
import { type Directory, openDirectory } from './directory';
import type { Principal } from './principal';
import { createReplication, type Replication } from './replication';
import { seedDemo } from './seed';

const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const TOWN2 = 'c01-k01-t02';
const dir = mkdtempSync(join(tmpdir(), 'lianxin-repl-'));
let store: Store;
let directory: Directory;
let replication: Replication;
let n = 0;

const person = (userId: string, unitId: string, role: Principal['roles'][number]): Principal => ({
  userId,
  unitId,
  roles: [role],
  deviceId: `dev-${userId}`,
  kind: 'person',
});
const countyServer: Principal = {
  userId: `${COUNTY}-srv`,
  unitId: COUNTY,
  roles: ['admin'],
  deviceId: 'srv-k01',
  kind: 'server',
};

function ev<T extends TicketEvent['type']>(
  ticketId: string,
  type: T,
  by: ReturnType<typeof actor>,
  data: Extract<TicketEvent, { type: T }>['data'],
) {
  n += 1;
  return {
    id: `${ticketId}-r${n}`,
    ticketId,
    type,
    actor: by,
    at: formatHlc({ millis: Date.now() - 60_000 + n, counter: 0, node: 't' }),
    data,
  } as TicketEvent;
}

beforeAll(async () => {
  store = openSqliteStore(join(dir, 'r.sqlite'));
  directory = await openDirectory(store);
  await seedDemo(store, directory, { tickets: 0, networkSecret: 'network-secret-for-tests-0001' });
  replication = createReplication({ store, directory });
});
afterAll(async () => {
  directory.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('replication service', () => {
  const id = 'ticket-flag-0001';
  const disp = actor(`${COUNTY}-disp`, 'dispatcher', COUNTY);
  const events = [
    ev(id, 'created', disp, createdData({ number: '1101-261125-98-0001' })),
    ev(id, 'dispatched', disp, {
      mode: 'time_limited',
      units: [{ unitId: TOWN, lead: true }],
      note: '',
    }),
  ];

  it('refuses a person’s out-of-scope event but flags, not drops, the same event relayed by a downstream server', async () => {
    const first = await replication.push(
      'tickets',
      person(`${COUNTY}-disp`, COUNTY, 'dispatcher'),
      [{ newDocumentState: { id, events } }],
    );
    expect(first.rejected).toEqual([]);
    // a handler of another township signs for this township's assignment
    const wrong = ev(id, 'signed', actor(`${TOWN2}-h`, 'handler', TOWN2), { unitId: TOWN });
    const byPerson = await replication.push('tickets', person(`${TOWN2}-h`, TOWN2, 'handler'), [
      { newDocumentState: { id, events: [...events, wrong] } },
    ]);
    expect(byPerson.rejected.map((r) => r.reason)).toEqual(['not_visible']);

    const relayed = await replication.push('tickets', countyServer, [
      { newDocumentState: { id, events: [...events, wrong] } },
    ]);
    expect(relayed.rejected).toEqual([]);
    const stored = JSON.parse((await store.getDocs('tickets', [id])).get(id)?.data ?? '{}');
    expect(stored.events.map((e: TicketEvent) => e.id)).toContain(wrong.id);
    const audit = await store.auditAll();
    expect(
      audit.some((a) => a.action === 'relayed_event_flagged' && a.target.includes(wrong.id)),
    ).toBe(true);
  });

  it('re-sequences a contact only when its readers change', async () => {
    const tid = 'ticket-contact-0001';
    const op = person(`${COUNTY}-disp`, COUNTY, 'dispatcher');
    const created = ev(tid, 'created', disp, createdData({ number: '1101-261125-98-0002' }));
    await replication.push('tickets', op, [{ newDocumentState: { id: tid, events: [created] } }]);
    const at = created.at;
    await replication.push('contacts', op, [
      {
        newDocumentState: {
          id: tid,
          name: '李四',
          phone: '13900000000',
          address: '',
          employer: '',
          stamps: { name: at, phone: at, address: at, employer: at },
          updatedAt: at,
        },
      },
    ]);
    const seqOf = async () => (await store.getDocs('contacts', [tid])).get(tid)?.seq;
    const before = await seqOf();
    const note = ev(tid, 'noted', disp, { text: '补充说明' });
    await replication.push('tickets', op, [
      { newDocumentState: { id: tid, events: [created, note] } },
    ]);
    expect(await seqOf()).toBe(before);
    const dispatch = ev(tid, 'dispatched', disp, {
      mode: 'time_limited',
      units: [{ unitId: TOWN, lead: true }],
      note: '',
    });
    await replication.push('tickets', op, [
      { newDocumentState: { id: tid, events: [created, note, dispatch] } },
    ]);
    expect(await seqOf()).toBeGreaterThan(before ?? Infinity);
  });

  it('keeps the calendar the province’s: a server below may not write it', async () => {
    const year = {
      id: 'cal-2027',
      year: 2027,
      holidays: [],
      workdays: [],
      source: 'test',
      updatedAt: formatHlc({ millis: Date.now() - 1000, counter: 0, node: 't' }),
    };
    const res = await replication.push('calendar', countyServer, [{ newDocumentState: year }]);
    expect(res.rejected.map((r) => r.reason)).toEqual(['not_owner']);
  });
});
