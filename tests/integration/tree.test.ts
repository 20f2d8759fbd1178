/**
 * A multi-level network on loopback: province → city → two counties, each
 * its own server with its own SQLite file. With the city down, a county keeps
 * serving its tablets (log-in included); when the city returns, every level
 * converges and each server holds exactly what its subtree may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketGrants } from '../../shared/domain/access';
import { demoNetwork } from '../../shared/domain/org/demo-network';
import { buildOrgTree, isAncestorOrSelf } from '../../shared/domain/org/tree';
import { actor } from '../../shared/domain/ticket/test-kit';
import type { TicketDoc } from '../../shared/schema/ticket-doc';
import {
  event,
  eventually,
  recordAndDispatch,
  startTestServer,
  type TestServer,
} from './support/harness';
import { spawnTablet, type Tablet } from './support/tablets';

const CITY = 'c01';
const K1 = 'c01-k01';
const K2 = 'c01-k02';
const TOWN = 'c01-k01-t01';
const tree = buildOrgTree(demoNetwork());

let province: TestServer;
let city: TestServer;
let county1: TestServer;
let county2: TestServer;
const tablets: Tablet[] = [];

async function tickets(s: TestServer): Promise<TicketDoc[]> {
  return (await s.store.allDocs('tickets'))
    .map((r) => JSON.parse(r.data) as TicketDoc)
    .filter((t) => Array.isArray(t.events));
}

/** Every ticket a server holds touches its subtree; and it holds all that do. */
async function expectExactlyItsSubtree(s: TestServer, unitId: string, all: TicketDoc[]) {
  const held = (await tickets(s)).map((t) => t.id).sort();
  const due = all
    .filter((t) => ticketGrants(t, tree).some((g) => g.unitId === unitId))
    .map((t) => t.id)
    .sort();
  expect(held).toEqual(due);
  for (const t of await tickets(s))
    expect(t.chain.some((u) => isAncestorOrSelf(tree, unitId, u))).toBe(true);
}

beforeAll(async () => {
  province = await startTestServer({ demoTickets: 80 });
  city = await startTestServer({
    demo: false,
    unit: CITY,
    upstream: province.url,
    upstreamUser: `${CITY}-srv`,
  });
  county1 = await startTestServer({
    demo: false,
    unit: K1,
    upstream: city.url,
    upstreamUser: `${K1}-srv`,
  });
  county2 = await startTestServer({
    demo: false,
    unit: K2,
    upstream: city.url,
    upstreamUser: `${K2}-srv`,
  });
}, 90_000);

afterAll(async () => {
  for (const t of tablets) {
    await t.stop().catch(() => undefined);
    await t.terminate();
  }
  for (const s of [county1, county2, city, province]) await s?.close().catch(() => undefined);
});

describe('province → city → two counties', () => {
  it('replicates down exactly what each subtree may see', async () => {
    const all = await tickets(province);
    await eventually(async () => expectExactlyItsSubtree(city, CITY, all), 30_000);
    await eventually(async () => expectExactlyItsSubtree(county1, K1, all), 30_000);
    await eventually(async () => expectExactlyItsSubtree(county2, K2, all), 30_000);
  });

  it('keeps a county working with the city down, and converges when it returns', async () => {
    const cityPort = city.port;
    const cityDb = `${city.dir}/server.sqlite`;
    // The county's tablets sign in to the county server: their users came down with hashes.
    const disp = spawnTablet('k1-dispatcher');
    const town = spawnTablet('k1-town');
    tablets.push(disp, town);
    await disp.login(county1.url, `${K1}-disp`, 'lianxin2026');
    await town.login(county1.url, `${TOWN}-h`, 'lianxin2026');
    await disp.start(['tickets']);
    await town.start(['tickets']);

    // The city goes down (its file stays).
    await city.store.close().catch(() => undefined);
    await city.close().catch(() => undefined);

    const id = `tree-${Date.now()}`;
    await recordAndDispatch(disp, {
      ticketId: id,
      county: K1,
      town: TOWN,
      number: '1101-261125-95-0001',
    });
    // Offline from the city, the township still gets it from its county server.
    await eventually(async () => {
      if (!(await town.get('tickets', id))) throw new Error('not at the township yet');
    });
    const h = actor(`${TOWN}-h`, 'handler', TOWN);
    await town.appendEvents(id, [event(id, 'signed', h, { unitId: TOWN })]);
    await eventually(async () => {
      const t = (await county1.store.getDocs('tickets', [id])).get(id);
      if (JSON.parse(t?.data ?? '{}').events?.length !== 3)
        throw new Error('not signed on the county server yet');
    });
    expect((await province.store.getDocs('tickets', [id])).size).toBe(0);

    // Meanwhile the province urges one of the county's open tickets.
    const open = (await tickets(province)).find(
      (t) =>
        t.chain.some((u) => u.startsWith(`${K1}-`)) &&
        ['handling', 'pending_sign', 'pending_centre_review', 'return_pending'].includes(t.status),
    );
    expect(open).toBeDefined();
    const urge = event(open?.id ?? '', 'urged', actor('p-sv', 'supervisor', 'p'), {
      note: '请加快办理',
    });
    const res = await fetch(`${province.url}/api/v1/replication/tickets/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(await (await fetch(`${province.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'p-sv', password: 'lianxin2026' }) })).json()).accessToken}`,
        'content-type': 'application/x-ndjson',
      },
      body: JSON.stringify({
        newDocumentState: { ...open, events: [...(open?.events ?? []), urge] },
      }),
    });
    expect((await res.json()).rejected).toEqual([]);

    // The city comes back on the same port and file.
    city = await startTestServer({
      demo: false,
      unit: CITY,
      upstream: province.url,
      upstreamUser: `${CITY}-srv`,
      port: cityPort,
      dbPath: cityDb,
    });

    await eventually(async () => {
      const atProvince = (await province.store.getDocs('tickets', [id])).get(id);
      if (JSON.parse(atProvince?.data ?? '{}').events?.length !== 3)
        throw new Error('not at the province yet');
    }, 40_000);
    await eventually(async () => {
      const atCounty = JSON.parse(
        (await county1.store.getDocs('tickets', [open?.id ?? ''])).get(open?.id ?? '')?.data ??
          '{}',
      ) as TicketDoc;
      if (!atCounty.events?.some((e) => e.id === urge.id)) {
        const atCity = JSON.parse(
          (await city.store.getDocs('tickets', [open?.id ?? ''])).get(open?.id ?? '')?.data ?? '{}',
        ) as TicketDoc;
        throw new Error(
          `urge not at the county yet; at city: ${atCity.events?.some((e) => e.id === urge.id)}; county link ${JSON.stringify(county1.upstream?.status())} city link ${JSON.stringify(city.upstream?.status())}`,
        );
      }
    }, 40_000);

    const all = await tickets(province);
    await eventually(async () => expectExactlyItsSubtree(city, CITY, all), 30_000);
    await eventually(async () => expectExactlyItsSubtree(county1, K1, all), 30_000);
    await eventually(async () => expectExactlyItsSubtree(county2, K2, all), 30_000);
    // Converged: the same events everywhere the ticket may be.
    for (const s of [city, county1]) {
      const t = JSON.parse(
        (await s.store.getDocs('tickets', [id])).get(id)?.data ?? '{}',
      ) as TicketDoc;
      expect(t.events.map((e) => e.id).sort()).toEqual(
        (
          JSON.parse(
            (await province.store.getDocs('tickets', [id])).get(id)?.data ?? '{}',
          ) as TicketDoc
        ).events
          .map((e) => e.id)
          .sort(),
      );
    }
    expect((await county2.store.getDocs('tickets', [id])).size).toBe(0);
  }, 120_000);
});
