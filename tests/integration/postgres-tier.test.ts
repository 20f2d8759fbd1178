/**
 * The city/province tier: two server processes on one PostgreSQL database.
 * A tablet on process A and a tablet on process B work on the same tickets;
 * a change pushed through one process wakes the other's tablets through
 * LISTEN/NOTIFY, and both processes serve the same data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../server/storage/pg-test-db';
import { actor } from '../../shared/domain/ticket/test-kit';
import type { TicketDoc } from '../../shared/schema/ticket-doc';
import {
  event,
  eventually,
  recordAndDispatch,
  type ServerProcess,
  spawnServer,
} from './support/harness';
import { spawnTablet, type Tablet } from './support/tablets';

const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const pg = await createTestDatabase();

describe.skipIf(pg === null)('PostgreSQL tier with two server processes', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let centre: Tablet;
  let town: Tablet;

  beforeAll(async () => {
    const url = pg?.url ?? '';
    a = await spawnServer(['--port', '0', '--database-url', url, '--demo', '--demo-tickets', '30']);
    b = await spawnServer(['--port', '0', '--database-url', url]);
    centre = spawnTablet('pg-centre');
    town = spawnTablet('pg-town');
    await centre.login(a.url, `${COUNTY}-disp`, 'lianxin2026');
    await town.login(b.url, `${TOWN}-h`, 'lianxin2026');
    await centre.start(['tickets']);
    await town.start(['tickets']);
  }, 90_000);

  afterAll(async () => {
    for (const t of [centre, town]) {
      await t?.stop().catch(() => undefined);
      await t?.terminate();
    }
    for (const p of [a, b]) {
      p?.proc.kill('SIGTERM');
      await p?.exited;
    }
    await pg?.drop();
  });

  it('serves the same tickets from both processes', async () => {
    const health = async (s: ServerProcess) =>
      (await (await fetch(`${s.url}/api/health`)).json()) as { seq: number; storage: string };
    const [ha, hb] = await Promise.all([health(a), health(b)]);
    expect(ha.storage).toBe('postgres');
    expect(hb.seq).toBe(ha.seq);
  });

  it('wakes a tablet on one process for a change pushed through the other', async () => {
    const id = `pg-${Date.now()}`;
    await recordAndDispatch(centre, {
      ticketId: id,
      county: COUNTY,
      town: TOWN,
      number: '1101-261125-97-0001',
    });
    await eventually(async () => {
      if (!(await town.get('tickets', id))) throw new Error('not at the township yet');
    });
    const h = actor(`${TOWN}-h`, 'handler', TOWN);
    await town.appendEvents(id, [event(id, 'signed', h, { unitId: TOWN })]);
    const back = await eventually(async () => {
      const t = (await centre.get('tickets', id)) as TicketDoc | null;
      if (t?.status !== 'handling') throw new Error('the signature has not come back yet');
      return t;
    });
    expect(back.events).toHaveLength(3);
  });
});
