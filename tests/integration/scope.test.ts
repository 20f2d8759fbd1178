/**
 * Auth and scope over real HTTP and WebSocket: a unit pulling, pushing or
 * streaming outside its scope gets nothing. Every pulled ticket and contact is
 * checked against the truth computed from the store with the domain's own
 * rules (`ticketGrants`, `contactReaders`); refused pushes store nothing; the
 * stream wakes only the replicas a change concerns; bad, expired and revoked
 * credentials get a 401 with a reason; reading contacts is audited.
 */
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { verifyAuditChain } from '../../server/storage/audit-chain';
import { contactReaders, ticketGrants } from '../../shared/domain/access';
import { buildOrgTree, isAncestorOrSelf, type OrgTree } from '../../shared/domain/org/tree';
import { actor, createdData } from '../../shared/domain/ticket/test-kit';
import { formatHlc } from '../../shared/lib/hlc';
import type { Collection, PulledDoc, PushResponse, StreamFrame } from '../../shared/protocol';
import type { CalendarYear } from '../../shared/schema/calendar-year';
import type { OrgUnit } from '../../shared/schema/org-unit';
import type { CallerContact } from '../../shared/schema/records';
import type { TicketDoc } from '../../shared/schema/ticket-doc';
import type { Actor, TicketEvent } from '../../shared/schema/ticket-event';
import { event, eventually, login, startTestServer, type TestServer } from './support/harness';

const CITY = 'c01';
const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const TOWN2 = 'c01-k01-t02';
const OTHER_COUNTY = 'c01-k02';
const OTHER_TOWN = 'c01-k02-t01';

let server: TestServer;
let tree: OrgTree;
/** access tokens by user id, for pushes and streams */
const tokens = new Map<string, string>();
/**
 * a second device of each user, for pulls: a device is not sent back its own
 * pushes (no echo), and here the truth is the whole visible set
 */
const readers = new Map<string, string>();
/** ticket ids made by this file, by purpose */
const made = { town: '', conf: '', town2: '', both: '', other: '', city: '' };

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const today = () =>
  new Date(Date.now() + 8 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
let numberSeq = 0;
function ticketNumber(centreCode: string): string {
  numberSeq += 1;
  return `${centreCode}-${today()}-97-${String(numberSeq).padStart(4, '0')}`;
}

function token(userId: string, of = tokens): string {
  const t = of.get(userId);
  if (!t) throw new Error(`no token for ${userId}`);
  return t;
}
const reader = (userId: string) => token(userId, readers);

async function push(userId: string, collection: Collection, docs: object[]) {
  const res = await fetch(`${server.url}/api/v1/replication/${collection}/push`, {
    method: 'POST',
    headers: { ...bearer(token(userId)), 'content-type': 'application/x-ndjson' },
    body: docs.map((d) => JSON.stringify({ newDocumentState: d })).join('\n'),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as PushResponse;
}

/** Every document a token can pull from a collection, following checkpoints to the end. */
async function pullAll(tok: string, collection: Collection): Promise<Map<string, PulledDoc>> {
  const docs = new Map<string, PulledDoc>();
  let after = 0;
  for (;;) {
    const res = await fetch(
      `${server.url}/api/v1/replication/${collection}/pull?after=${after}&limit=500`,
      { headers: { ...bearer(tok), 'accept-encoding': 'gzip' } },
    );
    expect(res.status).toBe(200);
    const page = (await res.json()) as { documents: PulledDoc[]; checkpoint: { seq: number } };
    for (const d of page.documents) {
      if (d._deleted) docs.delete(d.id);
      else docs.set(d.id, d);
    }
    if (page.documents.length === 0 || page.checkpoint.seq === after) return docs;
    after = page.checkpoint.seq;
  }
}

async function storeDocs<T>(collection: Collection): Promise<T[]> {
  return (await server.store.allDocs(collection)).map((r) => JSON.parse(r.data) as T);
}

async function storedTicket(id: string): Promise<string | undefined> {
  return (await server.store.getDocs('tickets', [id])).get(id)?.data;
}

/** A new ticket taken by `by` at its centre and dispatched to `to`. */
function newTicket(
  id: string,
  by: Actor,
  centreCode: string,
  to: string[],
  extra: Partial<ReturnType<typeof createdData>> = {},
): { id: string; events: TicketEvent[] } {
  const created = event(
    id,
    'created',
    by,
    createdData({ number: ticketNumber(centreCode), areaId: to[0] ?? by.unitId, ...extra }),
  );
  const dispatched = event(id, 'dispatched', by, {
    mode: to.length > 1 ? 'co_signed' : 'time_limited',
    units: to.map((unitId, i) => ({ unitId, lead: i === 0 })),
    note: '',
  });
  return { id, events: [created, dispatched] };
}

function contactOf(id: string): CallerContact {
  const at = formatHlc({ millis: Date.now(), counter: 0, node: 'scope' });
  return {
    id,
    name: '张三',
    phone: '13800000000',
    address: '幸福路1号',
    employer: '',
    stamps: { name: at, phone: at, address: at, employer: at },
    updatedAt: at,
  };
}

const disp = (unitId: string) => actor(`${unitId}-disp`, 'dispatcher', unitId);

beforeAll(async () => {
  server = await startTestServer({ demoTickets: 120 });
  tree = buildOrgTree(await storeDocs<OrgUnit>('units'));
  const users = [
    `${TOWN}-h`,
    `${TOWN2}-h`,
    `${OTHER_TOWN}-h`,
    `${COUNTY}-disp`,
    `${COUNTY}-sv`,
    `${CITY}-disp`,
    `${OTHER_COUNTY}-disp`,
    `${OTHER_COUNTY}-sv`,
  ];
  await Promise.all(
    users.map(async (u) => {
      tokens.set(u, (await login(server.url, u)).accessToken);
      readers.set(u, (await login(server.url, u)).accessToken);
    }),
  );

  // Tickets of every shape the scope rules distinguish, each with its caller's contact.
  const stamp = Date.now().toString(36);
  const county = [
    newTicket(`sc-town-${stamp}`, disp(COUNTY), '1101', [TOWN]),
    newTicket(`sc-conf-${stamp}`, disp(COUNTY), '1101', [TOWN], {
      category: 'report',
      confidential: true,
    }),
    newTicket(`sc-town2-${stamp}`, disp(COUNTY), '1101', [TOWN2]),
    newTicket(`sc-both-${stamp}`, disp(COUNTY), '1101', [TOWN, TOWN2]),
  ];
  const other = [newTicket(`sc-other-${stamp}`, disp(OTHER_COUNTY), '1102', [OTHER_TOWN])];
  // Taken by the city, handed to the county, which passes it to the township.
  const cityTicket = newTicket(`sc-city-${stamp}`, disp(CITY), '1100', [COUNTY]);
  const [town, conf, town2, both] = county.map((t) => t.id);
  Object.assign(made, { town, conf, town2, both, other: other[0]?.id, city: cityTicket.id });

  for (const [userId, batch] of [
    [`${COUNTY}-disp`, county],
    [`${OTHER_COUNTY}-disp`, other],
    [`${CITY}-disp`, [cityTicket]],
  ] as const) {
    const r = await push(userId, 'tickets', [...batch]);
    expect(r.rejected).toEqual([]);
    const c = await push(
      userId,
      'contacts',
      batch.map((t) => contactOf(t.id)),
    );
    expect(c.rejected).toEqual([]);
  }
  const transfer = event(made.city, 'transferred', disp(COUNTY), {
    fromUnitId: COUNTY,
    units: [{ unitId: TOWN, lead: true }],
    note: '',
  });
  const t = await push(`${COUNTY}-disp`, 'tickets', [
    { id: made.city, events: [...cityTicket.events, transfer] },
  ]);
  expect(t.rejected).toEqual([]);
}, 30_000);

afterAll(async () => {
  await server?.close();
});

describe('pull scope', () => {
  const levels = [
    ['a township handler', `${TOWN}-h`, TOWN],
    ['another township’s handler', `${TOWN2}-h`, TOWN2],
    ['a county dispatcher', `${COUNTY}-disp`, COUNTY],
    ['a city dispatcher', `${CITY}-disp`, CITY],
    ['a dispatcher of another county', `${OTHER_COUNTY}-disp`, OTHER_COUNTY],
    ['a township handler of another county', `${OTHER_TOWN}-h`, OTHER_TOWN],
  ] as const;

  it.each(levels)(
    'gives %s exactly the tickets whose chain it is on or above',
    async (_who, userId, unitId) => {
      const tickets = await storeDocs<TicketDoc>('tickets');
      const truth = tickets
        .filter((t) => ticketGrants(t, tree).some((g) => g.unitId === unitId))
        .map((t) => t.id)
        .sort();
      const pulled = await pullAll(reader(userId), 'tickets');
      expect([...pulled.keys()].sort()).toEqual(truth);
      // The same truth said the other way round: on the chain, or an ancestor of a unit on it.
      for (const doc of pulled.values()) {
        const chain = (doc as unknown as TicketDoc).chain;
        expect(chain.some((u) => isAncestorOrSelf(tree, unitId, u))).toBe(true);
      }
      const outside = tickets.filter(
        (t) => !t.chain.some((u) => isAncestorOrSelf(tree, unitId, u)),
      );
      expect(outside.length).toBeGreaterThan(0);
      for (const t of outside) expect(pulled.has(t.id)).toBe(false);
    },
  );

  it('sees the shapes it was built for', async () => {
    const town = await pullAll(reader(`${TOWN}-h`), 'tickets');
    expect([made.town, made.conf, made.both, made.city].every((id) => town.has(id))).toBe(true);
    expect(town.has(made.town2)).toBe(false);
    expect(town.has(made.other)).toBe(false);
    const city = await pullAll(reader(`${CITY}-disp`), 'tickets');
    expect(city.has(made.other)).toBe(true);
    const otherCounty = await pullAll(reader(`${OTHER_COUNTY}-disp`), 'tickets');
    expect(otherCounty.has(made.city)).toBe(false);
    expect(otherCounty.has(made.town)).toBe(false);
  });

  it.each(levels)('gives %s exactly the contacts it may read', async (_who, userId, unitId) => {
    const tickets = new Map((await storeDocs<TicketDoc>('tickets')).map((t) => [t.id, t] as const));
    const contactIds = (await server.store.allDocs('contacts')).map((r) => r.id);
    const truth = contactIds
      .filter((id) => {
        const t = tickets.get(id);
        return t !== undefined && contactReaders(t).includes(unitId);
      })
      .sort();
    const pulled = await pullAll(reader(userId), 'contacts');
    expect([...pulled.keys()].sort()).toEqual(truth);
  });

  it('keeps a confidential caller from the township and shows it to the centre', async () => {
    const town = await pullAll(reader(`${TOWN}-h`), 'contacts');
    expect(town.has(made.town)).toBe(true);
    expect(town.has(made.conf)).toBe(false);
    const county = await pullAll(reader(`${COUNTY}-disp`), 'contacts');
    expect(county.has(made.conf)).toBe(true);
    // A unit above the readers relays contacts on a server; a person there reads none.
    const city = await pullAll(reader(`${CITY}-disp`), 'contacts');
    expect(city.has(made.town)).toBe(false);
    expect(city.has(made.city)).toBe(true);
  });

  it('never gives a person a password hash, and only the staff at or below its unit', async () => {
    for (const [userId, unitId] of [
      [`${TOWN}-h`, TOWN],
      [`${COUNTY}-disp`, COUNTY],
      [`${CITY}-disp`, CITY],
    ] as const) {
      const pulled = await pullAll(reader(userId), 'users');
      expect(pulled.size).toBeGreaterThan(0);
      for (const u of pulled.values()) {
        expect(u).not.toHaveProperty('passwordHash');
        expect(isAncestorOrSelf(tree, unitId, String(u.unitId))).toBe(true);
      }
      const stored = (await storeDocs<{ id: string; unitId: string }>('users')).filter((u) =>
        isAncestorOrSelf(tree, unitId, u.unitId),
      );
      expect(pulled.size).toBe(stored.length);
    }
  });
});

describe('push scope', () => {
  const h = actor(`${TOWN}-h`, 'handler', TOWN);

  async function refusedAndUnchanged(
    userId: string,
    collection: Collection,
    docs: object[],
    reasons: readonly string[],
  ) {
    const seq = await server.store.headSeq();
    const r = await push(userId, collection, docs);
    expect(r.rejected.length).toBeGreaterThan(0);
    for (const x of r.rejected) expect(reasons).toContain(x.reason);
    expect(await server.store.headSeq()).toBe(seq);
    return r;
  }

  it('refuses a township’s event on a ticket of another township and stores nothing', async () => {
    const id = made.town2;
    const before = await storedTicket(id);
    await refusedAndUnchanged(
      `${TOWN}-h`,
      'tickets',
      [{ id, events: [event(id, 'noted', h, { text: '越权备注' })] }],
      ['not_visible', 'out_of_scope'],
    );
    await refusedAndUnchanged(
      `${TOWN}-h`,
      'tickets',
      [{ id, events: [event(id, 'signed', h, { unitId: TOWN2 })] }],
      ['not_visible', 'out_of_scope', 'not_assignee'],
    );
    expect(await storedTicket(id)).toBe(before);
  });

  it('refuses a township acting for the other township on a shared ticket', async () => {
    const id = made.both;
    const before = await storedTicket(id);
    const r = await refusedAndUnchanged(
      `${TOWN}-h`,
      'tickets',
      [
        {
          id,
          events: [
            event(id, 'signed', h, { unitId: TOWN2 }),
            event(id, 'replied', h, {
              unitId: TOWN2,
              kind: 'final',
              text: '冒充另一街道答复',
              contactedCaller: false,
            }),
          ],
        },
      ],
      ['not_assignee'],
    );
    expect(r.rejected).toHaveLength(2);
    expect(await storedTicket(id)).toBe(before);
  });

  it('refuses a township’s event on a ticket it is not on, even a new one', async () => {
    const id = `sc-ghost-${Date.now().toString(36)}`;
    await refusedAndUnchanged(
      `${TOWN}-h`,
      'tickets',
      [{ id, events: [event(id, 'signed', h, { unitId: TOWN })] }],
      ['out_of_scope'],
    );
    await refusedAndUnchanged(
      `${TOWN}-h`,
      'tickets',
      [{ id, events: [event(id, 'created', h, createdData({ number: ticketNumber('1101') }))] }],
      ['role_not_allowed', 'not_a_centre'],
    );
    expect(await storedTicket(id)).toBeUndefined();
  });

  it('refuses last-writer-wins records the unit does not own', async () => {
    const later = formatHlc({ millis: Date.now(), counter: 1, node: 'scope' });
    const unit = (await storeDocs<OrgUnit>('units')).find((u) => u.id === TOWN);
    expect(unit).toBeDefined();
    const calendar: CalendarYear = {
      id: 'cal-2031',
      year: 2031,
      holidays: [{ date: '2031-01-01', name: '元旦' }],
      workdays: [],
      source: '伪造',
      updatedAt: later,
    };
    for (const userId of [`${TOWN}-h`, `${COUNTY}-disp`]) {
      const r = await refusedAndUnchanged(
        userId,
        'units',
        [{ ...unit, name: '改名街道', updatedAt: later }],
        ['not_owner'],
      );
      expect(r.rejected[0]?.id).toBe(TOWN);
      await refusedAndUnchanged(userId, 'calendar', [calendar], ['not_owner']);
    }
    // and a notice of another county
    await refusedAndUnchanged(
      `${TOWN}-h`,
      'notices',
      [
        {
          id: 'sc-notice-1',
          unitId: OTHER_COUNTY,
          title: '停水通知',
          body: '',
          areaIds: [],
          validFrom: 0,
          validTo: 1,
          active: true,
          updatedAt: later,
        },
      ],
      ['not_owner'],
    );
    expect((await server.store.getDocs('calendar', ['cal-2031'])).size).toBe(0);
    expect(
      JSON.parse((await server.store.getDocs('units', [TOWN])).get(TOWN)?.data ?? '{}').name,
    ).toBe(unit?.name);
  });
});

describe('stream scope', () => {
  it('wakes a township for its own ticket and never for another county’s', async () => {
    const ws = new WebSocket(
      `${server.url.replace('http', 'ws')}/api/v1/replication/stream?token=${token(`${TOWN}-h`)}`,
    );
    const frames: StreamFrame[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data)) as StreamFrame));
    try {
      await eventually(async () => {
        if (!frames.some((f) => f.type === 'hello')) throw new Error('no hello yet');
      });
      const stamp = Date.now().toString(36);
      // Changes the township may not see: another county's ticket, another township's.
      const foreign = newTicket(`sc-sf-${stamp}`, disp(OTHER_COUNTY), '1102', [OTHER_TOWN]);
      expect((await push(`${OTHER_COUNTY}-disp`, 'tickets', [foreign])).rejected).toEqual([]);
      const sibling = newTicket(`sc-ss-${stamp}`, disp(COUNTY), '1101', [TOWN2]);
      expect((await push(`${COUNTY}-disp`, 'tickets', [sibling])).rejected).toEqual([]);
      const foreignSeq = await server.store.headSeq();
      // Then one dispatched to it.
      const own = newTicket(`sc-so-${stamp}`, disp(COUNTY), '1101', [TOWN]);
      expect((await push(`${COUNTY}-disp`, 'tickets', [own])).rejected).toEqual([]);
      const ownSeq = await server.store.headSeq();
      await eventually(async () => {
        if (!frames.some((f) => f.type === 'changed' && f.seq >= ownSeq))
          throw new Error('no frame for the township’s ticket yet');
      });
      // Frames go out in commit order, so any frame for the foreign changes came first.
      const changed = frames.filter((f) => f.type === 'changed');
      expect(changed.filter((f) => f.seq <= foreignSeq)).toEqual([]);
      expect(changed).toContainEqual({ type: 'changed', collection: 'tickets', seq: ownSeq });
      // Another county's change after that still wakes nothing.
      const later = newTicket(`sc-sl-${stamp}`, disp(OTHER_COUNTY), '1102', [OTHER_TOWN]);
      await push(`${OTHER_COUNTY}-disp`, 'tickets', [later]);
      await new Promise((r) => setTimeout(r, 300));
      expect(frames.filter((f) => f.type === 'changed' && f.seq > ownSeq)).toEqual([]);
      // Frames are hints only: no record data travels on the stream.
      for (const f of frames) expect(Object.keys(f).sort()).not.toContain('data');
    } finally {
      ws.terminate();
    }
  });
});

describe('credentials', () => {
  async function expect401(res: Response, reason: string) {
    expect(res.status).toBe(401);
    const body = (await res.json()) as {
      error: { reason: string; message: { zh: string; en: string } };
    };
    expect(body.error.reason).toBe(reason);
    expect(body.error.message.zh.length).toBeGreaterThan(0);
    expect(body.error.message.en.length).toBeGreaterThan(0);
  }

  const pullUrl = () => `${server.url}/api/v1/replication/tickets/pull`;
  const pushUrl = () => `${server.url}/api/v1/replication/tickets/push`;

  /** An access token signed with the server's own key that expired an hour ago. */
  async function expiredToken(userId: string, unitId: string, deviceId: string) {
    const jwk = JSON.parse((await server.store.getMeta('auth.signingKey')) ?? '{}') as JWK;
    const key = await importJWK(jwk, 'EdDSA');
    const iat = Math.floor(Date.now() / 1000) - 7200;
    return new SignJWT({ unit: unitId, roles: ['handler'], dev: deviceId, kind: 'person' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(userId)
      .setIssuer('lianxin:p')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(key);
  }

  /** A refused upgrade carries only a status line and headers; never anything internal. */
  function expectNoLeak(body: string) {
    expect(body).not.toMatch(/Error|\.ts:|\/work\//);
  }

  /** The status and body a WebSocket upgrade was refused with. */
  function refusedUpgrade(url: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.on('open', () => {
        ws.terminate();
        reject(new Error('the stream opened'));
      });
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.on('error', () => undefined);
    });
  }

  it('answers a request without a token, or with a garbage one, 401 with a reason', async () => {
    await expect401(await fetch(pullUrl()), 'unauthenticated');
    await expect401(await fetch(pushUrl(), { method: 'POST', body: '' }), 'unauthenticated');
    await expect401(await fetch(pullUrl(), { headers: bearer('not.a.token') }), 'unauthenticated');
    await expect401(
      await fetch(pullUrl(), { headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
      'unauthenticated',
    );
    await expect401(
      await fetch(pullUrl(), { headers: bearer('x'.repeat(5000)) }),
      'unauthenticated',
    );
    // A token of a real user with its signature tampered with.
    const good = token(`${TOWN}-h`);
    const tampered = `${good.slice(0, -4)}${good.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await expect401(await fetch(pullUrl(), { headers: bearer(tampered) }), 'unauthenticated');
    // The query-string token is for WebSocket upgrades only.
    await expect401(await fetch(`${pullUrl()}?token=${good}`), 'unauthenticated');
  });

  it('answers an expired token 401 token_expired', async () => {
    const session = await login(server.url, `${TOWN}-h`);
    const expired = await expiredToken(`${TOWN}-h`, TOWN, session.device.id);
    await expect401(await fetch(pullUrl(), { headers: bearer(expired) }), 'token_expired');
    const r = await refusedUpgrade(
      `${server.url.replace('http', 'ws')}/api/v1/replication/stream?token=${expired}`,
    );
    expect(r.status).toBe(401);
    expectNoLeak(r.body);
  });

  it('refuses a stream without a token or with a garbage one', async () => {
    const base = `${server.url.replace('http', 'ws')}/api/v1/replication/stream`;
    await expect401(
      await fetch(`${server.url}/api/v1/replication/stream?token=${token(`${TOWN}-h`)}`),
      'unauthenticated',
    );
    for (const url of [base, `${base}?token=garbage`, `${base}?token=`]) {
      const r = await refusedUpgrade(url);
      expect(r.status).toBe(401);
      expectNoLeak(r.body);
    }
  });

  it('stops a revoked device from pulling, pushing and streaming', async () => {
    const session = await login(server.url, `${TOWN}-h`);
    const headers = bearer(session.accessToken);
    expect((await fetch(pullUrl(), { headers })).status).toBe(200);
    const revoke = (by: string) =>
      fetch(`${server.url}/api/v1/auth/devices/${session.device.id}/revoke`, {
        method: 'POST',
        headers: bearer(token(by)),
      });
    // Another county's supervisor may not; a township handler may not.
    expect((await revoke(`${OTHER_COUNTY}-sv`)).status).toBe(403);
    expect((await revoke(`${TOWN2}-h`)).status).toBe(403);
    expect((await fetch(pullUrl(), { headers })).status).toBe(200);
    // The county's supervisor may.
    const ok = await revoke(`${COUNTY}-sv`);
    expect(ok.status).toBe(200);
    await expect401(await fetch(pullUrl(), { headers }), 'unauthenticated');
    await expect401(
      await fetch(`${server.url}/api/v1/replication/contacts/pull`, { headers }),
      'unauthenticated',
    );
    await expect401(
      await fetch(pushUrl(), { method: 'POST', headers, body: '' }),
      'unauthenticated',
    );
    const r = await refusedUpgrade(
      `${server.url.replace('http', 'ws')}/api/v1/replication/stream?token=${session.accessToken}`,
    );
    expect(r.status).toBe(401);
    // Signing in again on the revoked tablet is refused too.
    const again = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: `${TOWN}-h`,
        password: 'lianxin2026',
        deviceId: session.device.id,
      }),
    });
    expect(again.status).toBe(403);
    expect(((await again.json()) as { error: { reason: string } }).error.reason).toBe(
      'device_revoked',
    );
  });
});

describe('audit of caller data', () => {
  it('appends a hash-chained read_contacts entry for every page of contacts read', async () => {
    const before = await server.store.auditAll();
    const userId = `${COUNTY}-disp`;
    const pulled = await pullAll(reader(userId), 'contacts');
    expect(pulled.size).toBeGreaterThan(0);
    const after = await server.store.auditAll();
    expect(verifyAuditChain(after)).toBeNull();
    const reads = after
      .slice(before.length)
      .filter((e) => e.action === 'read_contacts' && e.actor === userId);
    expect(reads.length).toBeGreaterThan(0);
    const counted = reads.reduce((n, e) => n + Number(/count=(\d+)/.exec(e.detail)?.[1] ?? 0), 0);
    expect(counted).toBe(pulled.size);
    const named = new Set(reads.flatMap((e) => e.target.split(',')));
    for (const id of [...pulled.keys()].slice(0, 50)) expect(named.has(id)).toBe(true);
    // The entries hold ids and counts, never the caller's data.
    for (const e of reads) expect(JSON.stringify(e)).not.toContain('13800000000');
    // A pull of tickets reads no caller data and writes no such entry.
    const n = (await server.store.auditAll()).length;
    await pullAll(reader(userId), 'tickets');
    const tail = (await server.store.auditAll()).slice(n);
    expect(tail.filter((e) => e.action === 'read_contacts')).toEqual([]);
  });
});

describe('network secret', () => {
  it('hands the caller-key secret to centres’ staff at sign-in, never to handling units', async () => {
    const signIn = async (userId: string) =>
      (await (
        await fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId, password: 'lianxin2026' }),
        })
      ).json()) as { networkSecret?: string };
    expect((await signIn('c01-k01-op')).networkSecret).toBe('lianxin-demo-network-secret');
    expect((await signIn('c01-k01-t01-h')).networkSecret).toBeUndefined();
    expect((await signIn('c01-k01-d01-r')).networkSecret).toBeUndefined();
  });
});
