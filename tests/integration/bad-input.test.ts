/**
 * Malformed, oversize and hostile input over real HTTP: a bad request gets a
 * 4xx with a reason and stores nothing; inside a well-formed batch each bad
 * record or event is refused on its own with a reason while the rest
 * proceeds; a replayed push changes nothing; the server keeps serving; and no
 * response body carries a stack trace, a file path or an error's text.
 */
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_JSON_DEPTH, MAX_PUSH_BYTES } from '../../server/routes/replication';
import { actor, createdData } from '../../shared/domain/ticket/test-kit';
import { formatHlc } from '../../shared/lib/hlc';
import {
  type Collection,
  MAX_PUSH_ROWS,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PushResponse,
  type Rejection,
} from '../../shared/protocol';
import type { CallerContact, YDocRecord } from '../../shared/schema/records';
import type { TicketDoc } from '../../shared/schema/ticket-doc';
import type { TicketEvent } from '../../shared/schema/ticket-event';
import { event, login, startTestServer, type TestServer } from './support/harness';

const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const DISP = `${COUNTY}-disp`;
const disp = actor(DISP, 'dispatcher', COUNTY);

let server: TestServer;
let token = '';
/** every 4xx/5xx body this file received, checked for leaks at the end */
const errorBodies: { what: string; status: number; body: string }[] = [];

const stamp = Date.now().toString(36);
const today = () =>
  new Date(Date.now() + 8 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
let numberSeq = 0;
const ticketNumber = () => `1101-${today()}-96-${String(++numberSeq).padStart(4, '0')}`;
const hlc = (millis = Date.now()) => formatHlc({ millis, counter: 0, node: 'bad-input' });

function ndjson(docs: readonly object[]): string {
  return docs.map((d) => JSON.stringify({ newDocumentState: d })).join('\n');
}

interface Answer {
  status: number;
  text: string;
}

/** Any request to the server; every error answer is kept for the leak check. */
async function call(what: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  const text = await res.text();
  if (res.status >= 400) errorBodies.push({ what, status: res.status, body: text });
  return { status: res.status, text };
}

/**
 * A push on a connection of its own, written chunk by chunk: the server may
 * answer and close before the client has sent everything.
 */
function ownConnection(
  headers: Record<string, string | number>,
  chunks: readonly Buffer[],
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      new URL('/api/v1/replication/tickets/push', server.url),
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-ndjson',
          ...headers,
        },
      },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 400) errorBodies.push({ what: 'own connection', status, body: text });
          req.destroy();
          resolve({ status, text });
        });
      },
    );
    // Writing into a connection the server already answered and closed fails; that is expected.
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const send = async () => {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        await new Promise<void>((done) => req.write(chunk, () => done()));
      }
      req.end();
    };
    send().catch(reject);
  });
}

function pushRaw(collection: string, body: BodyInit, headers: Record<string, string> = {}) {
  return call(`push ${collection}`, `/api/v1/replication/${collection}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...headers },
    body,
  });
}

async function push(collection: Collection, docs: readonly object[]): Promise<PushResponse> {
  const a = await pushRaw(collection, ndjson(docs));
  expect(a.status).toBe(200);
  return JSON.parse(a.text) as PushResponse;
}

/** A refusal of the whole request: the status, the reason, both messages, nothing stored. */
async function expectRefused(
  request: () => Promise<Answer>,
  status: number,
  reason: string,
): Promise<void> {
  const seq = await server.store.headSeq();
  const a = await request();
  expect(a.status).toBe(status);
  const body = JSON.parse(a.text) as {
    error: { reason: string; message: { zh: string; en: string } };
  };
  expect(body.error.reason).toBe(reason);
  expect(body.error.message.zh).toMatch(/\S/);
  expect(body.error.message.en).toMatch(/\S/);
  expect(await server.store.headSeq()).toBe(seq);
}

function newTicket(id: string, extra: Partial<ReturnType<typeof createdData>> = {}) {
  const created = event(id, 'created', disp, createdData({ number: ticketNumber(), ...extra }));
  const dispatched = event(id, 'dispatched', disp, {
    mode: 'time_limited',
    units: [{ unitId: TOWN, lead: true }],
    note: '',
  });
  return { id, events: [created, dispatched] as TicketEvent[] };
}

async function stored(collection: Collection, id: string): Promise<string | undefined> {
  return (await server.store.getDocs(collection, [id])).get(id)?.data;
}

function reasonsOf(rejected: readonly Rejection[], id: string): string[] {
  return rejected.filter((r) => r.id === id).map((r) => r.reason);
}

beforeAll(async () => {
  server = await startTestServer({ demoTickets: 10 });
  token = (await login(server.url, DISP)).accessToken;
}, 30_000);

afterAll(async () => {
  await server?.close();
});

describe('a malformed or oversize request', () => {
  const good = () => ndjson([newTicket(`bad-good-${stamp}-${++numberSeq}`)]);

  it('refuses lines that are not JSON, or not push rows, whole', async () => {
    await expectRefused(
      () => pushRaw('tickets', `${good()}\nthis is not json\n`),
      400,
      'bad_request',
    );
    await expectRefused(
      () => pushRaw('tickets', `${good()}\n{"newDocumentState":`),
      400,
      'bad_request',
    );
    await expectRefused(() => pushRaw('tickets', `${good()}\n[1,2,3]`), 400, 'bad_request');
    await expectRefused(() => pushRaw('tickets', `${good()}\n{"id":"x"}`), 400, 'bad_request');
    await expectRefused(
      () => pushRaw('tickets', `${good()}\n{"newDocumentState":{},"extra":1}`),
      400,
      'bad_request',
    );
    await expectRefused(() => pushRaw('tickets', '\u0000\u0001\u00ff'), 400, 'bad_request');
  });

  it('refuses a JSON bomb nested 10,000 deep', async () => {
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    await expectRefused(
      () => pushRaw('tickets', `{"newDocumentState":${deep(10_000)}}`),
      400,
      'too_deep',
    );
    await expectRefused(
      () => pushRaw('tickets', `${'['.repeat(10_000)}${']'.repeat(10_000)}`),
      400,
      'too_deep',
    );
    // Just over the limit is refused too; brackets inside strings do not count.
    await expectRefused(
      () => pushRaw('tickets', `{"newDocumentState":${deep(MAX_JSON_DEPTH)}}`),
      400,
      'too_deep',
    );
    const a = await pushRaw(
      'tickets',
      JSON.stringify({ newDocumentState: { id: 'x', note: '[[[[{{{{'.repeat(10_000) } }),
    );
    expect(a.status).toBe(200);
    // The login body is JSON too: the bomb is over its 16 KiB limit, a smaller one is no login.
    const login = (body: string) => () =>
      call('login bomb', '/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    await expectRefused(login(deep(10_000)), 413, 'body_too_large');
    await expectRefused(login(`${'['.repeat(7000)}${']'.repeat(7000)}`), 400, 'bad_request');
  });

  it('refuses a body over the size limit, with a length or streamed', async () => {
    const line = Buffer.from(
      `${JSON.stringify({ newDocumentState: { id: 'padding', pad: 'x'.repeat(1 << 20) } })}\n`,
    );
    const count = Math.ceil(MAX_PUSH_BYTES / line.length) + 2;
    expect(line.length * count).toBeGreaterThan(MAX_PUSH_BYTES);
    const body = () => Array.from({ length: count }, () => line);
    // With its length announced: refused before it is read.
    await expectRefused(
      () => ownConnection({ 'content-length': line.length * count }, body()),
      413,
      'body_too_large',
    );
    // Streamed (chunked, no length): the limit holds while reading.
    await expectRefused(() => ownConnection({}, body()), 413, 'body_too_large');
    // Compressed small, inflating past the limit (a zip bomb).
    const bomb = gzipSync(Buffer.alloc(MAX_PUSH_BYTES + (1 << 20), 0x20));
    expect(bomb.length).toBeLessThan(1 << 20);
    await expectRefused(
      () => ownConnection({ 'content-encoding': 'gzip', 'content-length': bomb.length }, [bomb]),
      413,
      'body_too_large',
    );
  });

  it('refuses more rows than MAX_PUSH_ROWS', async () => {
    const rows = Array.from({ length: MAX_PUSH_ROWS + 1 }, (_, i) => ({ id: `row-${i}` }));
    await expectRefused(() => pushRaw('tickets', ndjson(rows)), 413, 'too_many_rows');
  });

  it('refuses an unknown collection', async () => {
    await expectRefused(() => pushRaw('secrets', good()), 404, 'unknown_collection');
    await expectRefused(
      () => call('pull secrets', '/api/v1/replication/secrets/pull'),
      404,
      'unknown_collection',
    );
    await expectRefused(
      () => call('pull __proto__', '/api/v1/replication/__proto__/pull'),
      404,
      'unknown_collection',
    );
  });

  it.each([
    'after=-1',
    'limit=999999',
    'after=abc',
    'limit=0',
    'after=1.5',
    'after=1e400',
    'after=0&limit=10&evil=1',
  ])('refuses a bad checkpoint query (%s)', async (query) => {
    await expectRefused(
      () => call(`pull ${query}`, `/api/v1/replication/tickets/pull?${query}`),
      400,
      'bad_request',
    );
  });

  it('refuses a push from a newer protocol, asking to upgrade the server', async () => {
    const body = good();
    await expectRefused(
      () => pushRaw('tickets', body, { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION + 1) }),
      409,
      'upgrade_server',
    );
    await expectRefused(
      () => pushRaw('tickets', body, { [PROTOCOL_HEADER]: 'one' }),
      400,
      'bad_request',
    );
    // The same body at the current version goes through.
    const a = await pushRaw('tickets', body, { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
    expect(a.status).toBe(200);
    expect((JSON.parse(a.text) as PushResponse).rejected).toEqual([]);
  });

  it('answers a route that does not exist 404 with a reason', async () => {
    await expectRefused(() => call('nowhere', '/api/v1/nowhere'), 404, 'not_found');
    await expectRefused(
      () => call('get push', '/api/v1/replication/tickets/push'),
      404,
      'not_found',
    );
  });
});

describe('a well-formed batch with bad records in it', () => {
  const ids = {
    good1: `bad-ok1-${stamp}`,
    good2: `bad-ok2-${stamp}`,
    unknownField: `bad-uf-${stamp}`,
    unknownDataField: `bad-udf-${stamp}`,
    forgedAuthor: `bad-fa-${stamp}`,
    forgedUnit: `bad-fu-${stamp}`,
    ahead: `bad-ah-${stamp}`,
    oversize: `bad-os-${stamp}`,
    noEvents: `bad-ne-${stamp}`,
  };
  let ticketBody = '';

  function ticketBatch() {
    const good1 = newTicket(ids.good1);
    const good2 = newTicket(ids.good2);
    const made = newTicket(ids.unknownField).events[0] as TicketEvent & { data: object };
    const withField = { id: ids.unknownField, events: [{ ...made, evil: true }] };
    const made2 = newTicket(ids.unknownDataField).events[0] as TicketEvent & { data: object };
    const withDataField = {
      id: ids.unknownDataField,
      events: [{ ...made2, data: { ...made2.data, owner: 'me' } }],
    };
    const forgedAuthor = {
      id: ids.forgedAuthor,
      events: [
        event(
          ids.forgedAuthor,
          'created',
          actor(`${COUNTY}-op`, 'operator', COUNTY),
          createdData({ number: ticketNumber() }),
        ),
      ],
    };
    const forgedUnit = {
      id: ids.forgedUnit,
      events: [
        event(
          ids.forgedUnit,
          'created',
          actor(DISP, 'dispatcher', 'c01-k02'),
          createdData({ number: ticketNumber() }),
        ),
      ],
    };
    const ahead = {
      id: ids.ahead,
      events: [
        event(
          ids.ahead,
          'created',
          disp,
          createdData({ number: ticketNumber() }),
          Date.now() + 3_600_000,
        ),
      ],
    };
    const oversize = {
      id: ids.oversize,
      events: [
        event(
          ids.oversize,
          'created',
          disp,
          createdData({ number: ticketNumber(), description: '长'.repeat(4001) }),
        ),
      ],
    };
    // The projection fields of a pushed ticket are recomputed, never carried.
    const good2WithJunk = { ...good2, status: 'archived', chain: ['p'], smuggled: 'x' };
    return [
      good1,
      withField,
      withDataField,
      forgedAuthor,
      forgedUnit,
      ahead,
      oversize,
      { id: ids.noEvents, events: 'none' },
      good2WithJunk,
    ];
  }

  it('refuses each bad ticket or event with its own reason and stores the good ones', async () => {
    ticketBody = ndjson(ticketBatch());
    const seq = await server.store.headSeq();
    const a = await pushRaw('tickets', ticketBody);
    expect(a.status).toBe(200);
    const r = JSON.parse(a.text) as PushResponse;
    expect(reasonsOf(r.rejected, ids.good1)).toEqual([]);
    expect(reasonsOf(r.rejected, ids.good2)).toEqual([]);
    expect(reasonsOf(r.rejected, ids.unknownField)).toEqual(['invalid_event']);
    expect(reasonsOf(r.rejected, ids.unknownDataField)).toEqual(['invalid_event']);
    expect(reasonsOf(r.rejected, ids.forgedAuthor)).toEqual(['forged_author']);
    expect(reasonsOf(r.rejected, ids.forgedUnit)).toEqual(['forged_author']);
    expect(reasonsOf(r.rejected, ids.ahead)).toEqual(['clock_ahead']);
    expect(reasonsOf(r.rejected, ids.oversize)).toEqual(['invalid_event']);
    expect(reasonsOf(r.rejected, ids.noEvents)).toEqual(['invalid_record']);
    for (const x of r.rejected) {
      expect(x.message.zh).toMatch(/\S/);
      expect(x.message.en).toMatch(/\S/);
    }
    // Event-level refusals name the event.
    expect(r.rejected.find((x) => x.id === ids.ahead)?.eventId).toMatch(/^bad-ah-/);

    // Only the two good tickets were written.
    expect(await server.store.headSeq()).toBe(seq + 2);
    const good1 = JSON.parse((await stored('tickets', ids.good1)) ?? '{}') as TicketDoc;
    expect(good1.events).toHaveLength(2);
    expect(good1.status).toBe('pending_sign');
    const good2 = JSON.parse((await stored('tickets', ids.good2)) ?? '{}') as TicketDoc &
      Record<string, unknown>;
    expect(good2.status).toBe('pending_sign');
    expect(good2.chain).toEqual([COUNTY, TOWN]);
    expect(good2).not.toHaveProperty('smuggled');
    // The refused tickets left nothing behind.
    for (const id of [
      ids.unknownField,
      ids.unknownDataField,
      ids.forgedAuthor,
      ids.forgedUnit,
      ids.ahead,
      ids.oversize,
      ids.noEvents,
    ]) {
      expect(await stored('tickets', id)).toBeUndefined();
    }
  });

  it('changes nothing when the same push is replayed', async () => {
    const seq = await server.store.headSeq();
    const before = await server.store.getDocs('tickets', [ids.good1, ids.good2]);
    const a = await pushRaw('tickets', ticketBody);
    expect(a.status).toBe(200);
    const r = JSON.parse(a.text) as PushResponse;
    // The same bad events are refused again, the good ones accepted as no change.
    expect(reasonsOf(r.rejected, ids.good1)).toEqual([]);
    expect(reasonsOf(r.rejected, ids.ahead)).toEqual(['clock_ahead']);
    expect(await server.store.headSeq()).toBe(seq);
    const after = await server.store.getDocs('tickets', [ids.good1, ids.good2]);
    for (const id of [ids.good1, ids.good2]) {
      expect(after.get(id)?.data).toBe(before.get(id)?.data);
      expect(after.get(id)?.seq).toBe(before.get(id)?.seq);
    }
  });

  it('accepts a re-sent event the server stored with its defaults filled in', async () => {
    const id = `bad-def-${stamp}`;
    const t = newTicket(id);
    const dispatched = t.events[1] as TicketEvent & { data: Record<string, unknown> };
    const { note: _omitted, ...withoutNote } = dispatched.data;
    t.events[1] = { ...dispatched, data: withoutNote } as TicketEvent;
    const first = await push('tickets', [t]);
    expect(first.rejected).toEqual([]);
    const seq = await server.store.headSeq();
    const before = await stored('tickets', id);
    const again = await push('tickets', [t]);
    expect(again.rejected).toEqual([]);
    expect(await server.store.headSeq()).toBe(seq);
    expect(await stored('tickets', id)).toBe(before);
  });

  it('refuses a changed copy of an existing event as immutable', async () => {
    const doc = JSON.parse((await stored('tickets', ids.good1)) ?? '{}') as TicketDoc;
    const seq = await server.store.headSeq();
    const [created, ...rest] = doc.events as (TicketEvent & { data: Record<string, unknown> })[];
    if (!created) throw new Error('no created event');
    const changed = { ...created, data: { ...created.data, description: '改过的描述' } };
    const r = await push('tickets', [{ id: ids.good1, events: [changed, ...rest] }]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ id: ids.good1, eventId: created.id, reason: 'immutable_event' }),
    ]);
    // A changed actor, or a changed time, is a change too.
    const moved = { ...created, at: hlc(Date.now() - 60_000) };
    const r2 = await push('tickets', [{ id: ids.good1, events: [moved, ...rest] }]);
    expect(reasonsOf(r2.rejected, ids.good1)).toEqual(['immutable_event']);
    expect(await server.store.headSeq()).toBe(seq);
    expect(await stored('tickets', ids.good1)).toBe(JSON.stringify(doc));
  });

  it('refuses bad caller contacts one by one and keeps the good one', async () => {
    const contact = (id: string, at = hlc()): CallerContact => ({
      id,
      name: '李四',
      phone: '13900000000',
      address: '幸福路2号',
      employer: '',
      stamps: { name: at, phone: at, address: at, employer: at },
      updatedAt: at,
    });
    const otherCounty = `bad-oc-${stamp}`;
    const k02 = actor('c01-k02-disp', 'dispatcher', 'c01-k02');
    const other = await (async () => {
      const t2 = (await login(server.url, 'c01-k02-disp')).accessToken;
      const res = await fetch(`${server.url}/api/v1/replication/tickets/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t2}` },
        body: ndjson([
          {
            id: otherCounty,
            events: [
              event(otherCounty, 'created', k02, createdData({ number: '1102-261125-96-0001' })),
            ],
          },
        ]),
      });
      return (await res.json()) as PushResponse;
    })();
    expect(other.rejected).toEqual([]);

    const seq = await server.store.headSeq();
    const body = ndjson([
      contact(ids.good1),
      { ...contact(ids.good2), religion: '无' },
      contact(`bad-ahead-c-${stamp}`, hlc(Date.now() + 3_600_000)),
      // Fields merge by their own stamps: one stamp in the future would win every later edit.
      {
        ...contact(`bad-stamp-c-${stamp}`),
        stamps: { ...contact('x').stamps, phone: hlc(Date.now() + 3_600_000) },
      },
      { ...contact(`bad-long-c-${stamp}`), name: '名'.repeat(201) },
      contact(otherCounty),
    ]);
    const a = await pushRaw('contacts', body);
    expect(a.status).toBe(200);
    const r = JSON.parse(a.text) as PushResponse;
    expect(reasonsOf(r.rejected, ids.good1)).toEqual([]);
    expect(reasonsOf(r.rejected, ids.good2)).toEqual(['invalid_record']);
    expect(reasonsOf(r.rejected, `bad-ahead-c-${stamp}`)).toEqual(['clock_ahead']);
    expect(reasonsOf(r.rejected, `bad-stamp-c-${stamp}`)).toEqual(['clock_ahead']);
    expect(reasonsOf(r.rejected, `bad-long-c-${stamp}`)).toEqual(['invalid_record']);
    expect(reasonsOf(r.rejected, otherCounty)).toEqual(['not_owner']);
    expect(await server.store.headSeq()).toBe(seq + 1);
    expect(await stored('contacts', ids.good1)).toBeDefined();
    for (const id of [
      ids.good2,
      `bad-ahead-c-${stamp}`,
      `bad-stamp-c-${stamp}`,
      `bad-long-c-${stamp}`,
      otherCounty,
    ]) {
      expect(await stored('contacts', id)).toBeUndefined();
    }
    // Replayed: nothing changes.
    const again = await pushRaw('contacts', body);
    expect(again.status).toBe(200);
    expect(await server.store.headSeq()).toBe(seq + 1);
  });

  it('refuses garbage Yjs bytes one record at a time and keeps the good document', async () => {
    const doc = new Y.Doc();
    doc.getText('body').insert(0, '停水期间请居民提前储水。');
    const update = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
    doc.destroy();
    const ydoc = (id: string, over: Partial<YDocRecord> = {}): YDocRecord => ({
      id,
      kind: 'kb',
      unitId: COUNTY,
      update,
      updatedAt: hlc(),
      ...over,
    });
    const good = `kb:bad-good-${stamp}`;
    const garbageBytes = Buffer.from('definitely not a Yjs update').toString('base64');
    const seq = await server.store.headSeq();
    const body = ndjson([
      ydoc(good),
      ydoc(`kb:bad-bytes-${stamp}`, { update: garbageBytes }),
      ydoc(`kb:bad-b64-${stamp}`, { update: '!!!% not base64 %!!!' }),
      ydoc(`kb:bad-empty-${stamp}`, { update: '' }),
      { ...ydoc(`kb:bad-field-${stamp}`), script: 'alert(1)' },
      ydoc(`kb:bad-owner-${stamp}`, { unitId: 'c01-k02' }),
      ydoc(`kb:bad-ahead-${stamp}`, { updatedAt: hlc(Date.now() + 3_600_000) }),
    ]);
    const a = await pushRaw('ydocs', body);
    expect(a.status).toBe(200);
    const r = JSON.parse(a.text) as PushResponse;
    expect(reasonsOf(r.rejected, good)).toEqual([]);
    expect(reasonsOf(r.rejected, `kb:bad-bytes-${stamp}`)).toEqual(['bad_yjs_update']);
    expect(reasonsOf(r.rejected, `kb:bad-b64-${stamp}`)).toEqual(['bad_yjs_update']);
    expect(reasonsOf(r.rejected, `kb:bad-empty-${stamp}`)).toEqual(['bad_yjs_update']);
    expect(reasonsOf(r.rejected, `kb:bad-field-${stamp}`)).toEqual(['invalid_record']);
    expect(reasonsOf(r.rejected, `kb:bad-owner-${stamp}`)).toEqual(['not_owner']);
    expect(reasonsOf(r.rejected, `kb:bad-ahead-${stamp}`)).toEqual(['clock_ahead']);
    expect(await server.store.headSeq()).toBe(seq + 1);
    const saved = JSON.parse((await stored('ydocs', good)) ?? '{}') as YDocRecord;
    const check = new Y.Doc();
    Y.applyUpdate(check, Buffer.from(saved.update, 'base64'));
    expect(check.getText('body').toString()).toBe('停水期间请居民提前储水。');
    check.destroy();

    // Replayed: the same document, no new rows.
    const again = await pushRaw('ydocs', body);
    expect(again.status).toBe(200);
    expect(await server.store.headSeq()).toBe(seq + 1);
    expect(await stored('ydocs', good)).toBe(JSON.stringify(saved));
  });
});

describe('afterwards', () => {
  it('keeps serving', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
    const r = await push('tickets', [newTicket(`bad-after-${stamp}`)]);
    expect(r.rejected).toEqual([]);
    const pull = await call('pull', '/api/v1/replication/tickets/pull?after=0&limit=5');
    expect(pull.status).toBe(200);
  });

  it('never sent a stack trace, a file path or an error’s text to a client', () => {
    expect(errorBodies.length).toBeGreaterThan(20);
    for (const { what, status, body } of errorBodies) {
      expect(status, what).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
      expect(body, what).not.toMatch(/\bat .+\(|\n\s+at /);
      expect(body, what).not.toContain('/work/');
      expect(body, what).not.toContain('node_modules');
      expect(body, what).not.toContain('.ts:');
      expect(body, what).not.toContain('.js:');
      expect(body, what).not.toContain('Error:');
      expect(body.length, what).toBeLessThan(1000);
    }
  });
});
