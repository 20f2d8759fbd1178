/**
 * Real RxDB tablets (one worker thread each) against a real server over HTTP
 * and WebSocket: visibility by routing chain, offline-made tickets reaching a
 * township, its reply reaching the centre, and caller contacts following the
 * confidentiality rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../server/storage/pg-test-db';
import { contactReaders, ticketGrants } from '../../shared/domain/access';
import { buildOrgTree } from '../../shared/domain/org/tree';
import { actor, createdData } from '../../shared/domain/ticket/test-kit';
import { formatHlc } from '../../shared/lib/hlc';
import type { OrgUnit } from '../../shared/schema/org-unit';
import type { TicketDoc } from '../../shared/schema/ticket-doc';
import { event, eventually, startTestServer, type TestServer } from './support/harness';
import { spawnTablet, type Tablet } from './support/tablets';

const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const TOWN2 = 'c01-k01-t02';

// PostgreSQL must answer on CI (createTestDatabase throws there); elsewhere it may be skipped.
const pgDatabase = await createTestDatabase();
const ADAPTERS = pgDatabase ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(ADAPTERS)('replication with real RxDB tablets on %s', (adapter) => {
  let server: TestServer;
  let dispatcher: Tablet;
  let town: Tablet;
  let town2: Tablet;
  const pg: TestDatabase | null = adapter === 'postgres' ? pgDatabase : null;

  async function serverTickets(): Promise<TicketDoc[]> {
    return (await server.store.allDocs('tickets')).map((r) => JSON.parse(r.data) as TicketDoc);
  }

  beforeAll(async () => {
    server = await startTestServer({ demoTickets: 60, ...(pg ? { databaseUrl: pg.url } : {}) });
    dispatcher = spawnTablet('dispatcher');
    town = spawnTablet('town');
    town2 = spawnTablet('town2');
    await dispatcher.login(server.url, `${COUNTY}-disp`, 'lianxin2026');
    await town.login(server.url, `${TOWN}-h`, 'lianxin2026');
    await town2.login(server.url, `${TOWN2}-h`, 'lianxin2026');
    await Promise.all(
      [dispatcher, town, town2].map((t) => t.start(['tickets', 'contacts', 'units'])),
    );
  }, 60_000);

  afterAll(async () => {
    for (const t of [dispatcher, town, town2]) {
      await t?.stop().catch(() => undefined);
      await t?.terminate();
    }
    await server?.close();
    await pg?.drop();
  });

  describe('scope and flow', () => {
    it('gives each tablet exactly the tickets its unit may see', async () => {
      const units = (await server.store.allDocs('units')).map((r) => JSON.parse(r.data) as OrgUnit);
      const tree = buildOrgTree(units);
      const tickets = await serverTickets();
      const visibleTo = (unitId: string) =>
        tickets
          .filter((t) => ticketGrants(t, tree).some((g) => g.unitId === unitId))
          .map((t) => t.id)
          .sort();
      expect(await dispatcher.ids('tickets')).toEqual(visibleTo(COUNTY));
      expect(await town.ids('tickets')).toEqual(visibleTo(TOWN));
      expect(await town2.ids('tickets')).toEqual(visibleTo(TOWN2));
      expect(visibleTo(COUNTY).length).toBeGreaterThan(visibleTo(TOWN).length);
      expect(await town.count('units')).toBe(units.length);
    });

    it('gives contacts only to the intake centre and, unless confidential, to units dispatched to', async () => {
      const tickets = await serverTickets();
      const contactIds = new Set((await server.store.allDocs('contacts')).map((r) => r.id));
      const readable = (unitId: string) =>
        tickets
          .filter((t) => contactIds.has(t.id) && contactReaders(t).includes(unitId))
          .map((t) => t.id)
          .sort();
      expect(await dispatcher.ids('contacts')).toEqual(readable(COUNTY));
      expect(await town.ids('contacts')).toEqual(readable(TOWN));
    });

    it('carries a ticket made offline to the township, and its reply back', async () => {
      const id = `it-${Date.now()}`;
      const disp = actor(`${COUNTY}-disp`, 'dispatcher', COUNTY);
      const number = `1101-${new Date().toISOString().slice(2, 10).replaceAll('-', '')}-90-0001`;
      const created = event(id, 'created', disp, createdData({ number, areaId: TOWN }));
      const dispatched = event(id, 'dispatched', disp, {
        mode: 'time_limited',
        units: [{ unitId: TOWN, lead: true }],
        note: '',
      });
      await dispatcher.appendEvents(id, [created, dispatched]);
      const seen = await eventually(async () => {
        const t = (await town.get('tickets', id)) as TicketDoc | null;
        if (!t) throw new Error('not yet at the township');
        return t;
      });
      expect(seen.status).toBe('pending_sign');
      expect(await town2.get('tickets', id)).toBeNull();

      const h = actor(`${TOWN}-h`, 'handler', TOWN);
      await town.appendEvents(id, [
        event(id, 'signed', h, { unitId: TOWN }),
        event(id, 'replied', h, {
          unitId: TOWN,
          kind: 'final',
          text: '已上门处理，噪音已消除。',
          contactedCaller: true,
        }),
      ]);
      const back = await eventually(async () => {
        const t = (await dispatcher.get('tickets', id)) as TicketDoc | null;
        if (t?.events.length !== 4) throw new Error('reply not back yet');
        return t;
      });
      expect(back.status).toBe('handling');
      const stored = (await server.store.getDocs('tickets', [id])).get(id);
      expect(JSON.parse(stored?.data ?? '{}').events).toHaveLength(4);
      expect(await town2.get('tickets', id)).toBeNull();
    });

    it('refuses an event forged in another user’s name, and keeps the rest of the push', async () => {
      const id = `forge-${Date.now()}`;
      const disp = actor(`${COUNTY}-disp`, 'dispatcher', COUNTY);
      const ok = event(id, 'created', disp, createdData({ number: '1101-261125-91-0001' }));
      const forged = event(id, 'noted', actor(`${COUNTY}-sv`, 'supervisor', COUNTY), {
        text: '冒名',
      });
      await dispatcher.appendEvents(id, [ok, forged]);
      await dispatcher.awaitInSync();
      const rejected = await eventually(async () => {
        const r = await dispatcher.rejected();
        if (!r.some((x) => x.eventId === forged.id)) throw new Error('no refusal yet');
        return r;
      });
      expect(rejected.find((x) => x.eventId === forged.id)?.reason).toBe('forged_author');
      const stored = JSON.parse(
        (await server.store.getDocs('tickets', [id])).get(id)?.data ?? '{}',
      ) as TicketDoc;
      expect(stored.events.map((e) => e.id)).toEqual([ok.id]);
    });

    it('stamps a far-future event as refused, not reordering the network', async () => {
      const id = `clock-${Date.now()}`;
      const disp = actor(`${COUNTY}-disp`, 'dispatcher', COUNTY);
      const future = {
        ...event(id, 'created', disp, createdData({ number: '1101-261125-92-0001' })),
      };
      future.at = formatHlc({ millis: Date.now() + 3_600_000, counter: 0, node: 'skewed' });
      await dispatcher.appendEvents(id, [future]);
      const rejected = await eventually(async () => {
        const r = await dispatcher.rejected();
        if (!r.some((x) => x.eventId === future.id)) throw new Error('no refusal yet');
        return r;
      });
      expect(rejected.find((x) => x.eventId === future.id)?.reason).toBe('clock_ahead');
      expect((await server.store.getDocs('tickets', [id])).size).toBe(0);
    });
  });
});
