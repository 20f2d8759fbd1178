/**
 * Live co-editing through the server's y-websocket endpoint with the stock
 * `WebsocketProvider`: two users of one county edit a knowledge-base article,
 * see each other's text and presence; the merged document is saved through
 * replication and reaches a tablet that was offline; other counties are
 * refused; garbage frames close only their own socket; a record pushed by
 * replication reaches an open editor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { formatHlc } from '../../shared/lib/hlc';
import type { YDocRecord } from '../../shared/schema/records';
import { eventually, login, startTestServer, type TestServer } from './support/harness';
import { spawnTablet, type Tablet } from './support/tablets';

const COUNTY = 'c01-k01';
const ARTICLE = 'kb-c01-k01-it-water-outage';

let server: TestServer;
let wsBase: string;
const tokens: Record<string, string> = {};
const providers: WebsocketProvider[] = [];
const tablets: Tablet[] = [];

interface Editor {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
}

function openEditor(docId: string, token: string, extra: Record<string, string> = {}): Editor {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsBase}/api/v1/yjs`, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    params: { token, ...extra },
  });
  providers.push(provider);
  return { doc, text: doc.getText('body'), provider };
}

function closeEditor(e: Editor): void {
  e.provider.destroy();
  e.doc.destroy();
}

function synced(p: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (p.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    p.on('sync', (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

async function storedRecord(id: string): Promise<YDocRecord | null> {
  const row = (await server.store.getDocs('ydocs', [id])).get(id);
  return row ? (JSON.parse(row.data) as YDocRecord) : null;
}

function textOf(update: string): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(update, 'base64'));
  const text = doc.getText('body').toString();
  doc.destroy();
  return text;
}

function yjsUrl(docId: string, params: Record<string, string>): string {
  return `${wsBase}/api/v1/yjs/${docId}?${new URLSearchParams(params)}`;
}

/** The HTTP status of a refused upgrade (or 101 when the server accepted it). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (e) => reject(e));
  });
}

/** Opens an authorized raw socket, sends `frame`, and resolves with the close code. */
function closeCodeAfter(url: string, frame: Buffer | string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => reject(new Error('socket stayed open')), 10_000);
    ws.on('open', () => ws.send(frame));
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    ws.on('error', () => undefined);
  });
}

beforeAll(async () => {
  server = await startTestServer({ demoTickets: 5 });
  wsBase = server.url.replace(/^http/, 'ws');
  for (const user of [`${COUNTY}-op`, `${COUNTY}-disp`, 'c01-k02-op']) {
    tokens[user] = (await login(server.url, user)).accessToken;
  }
}, 60_000);

afterAll(async () => {
  for (const p of providers) p.destroy();
  for (const t of tablets) {
    await t.stop().catch(() => undefined);
    await t.terminate();
  }
  await server?.close();
});

describe('y-websocket endpoint', () => {
  const newArticle = { unit: COUNTY, kind: 'kb' };

  it('lets two users of a county co-edit an article, with presence, and saves it', async () => {
    const op = openEditor(ARTICLE, tokens[`${COUNTY}-op`] ?? '', newArticle);
    const disp = openEditor(ARTICLE, tokens[`${COUNTY}-disp`] ?? '', newArticle);
    await Promise.all([synced(op.provider), synced(disp.provider)]);

    op.text.insert(0, '停水通知：');
    await eventually(async () => expect(disp.text.toString()).toBe('停水通知：'));
    disp.text.insert(disp.text.length, '城东片区 6 月 3 日 8:00–18:00 停水。');
    const both = '停水通知：城东片区 6 月 3 日 8:00–18:00 停水。';
    await eventually(async () => expect(op.text.toString()).toBe(both));

    op.provider.awareness.setLocalStateField('user', { name: '话务员', color: '#c00' });
    await eventually(async () =>
      expect(disp.provider.awareness.getStates().get(op.doc.clientID)).toMatchObject({
        user: { name: '话务员' },
      }),
    );

    // Saved while still editing (debounced), through replication as one of the editors.
    await eventually(async () =>
      expect(textOf((await storedRecord(ARTICLE))?.update ?? '')).toBe(both),
    );
    const audit = await server.store.auditTail(20);
    expect(
      audit.some(
        (a) =>
          a.target === 'ydocs' &&
          [`${COUNTY}-op`, `${COUNTY}-disp`].includes(a.actor) &&
          a.detail.includes('written=1'),
      ),
    ).toBe(true);

    // A deletion alone is a change too, saved when the last editor leaves.
    disp.text.delete(0, '停水通知：'.length);
    const edited = '城东片区 6 月 3 日 8:00–18:00 停水。';
    await eventually(async () => expect(op.text.toString()).toBe(edited));
    closeEditor(op);
    closeEditor(disp);
    await eventually(async () => {
      const rec = await storedRecord(ARTICLE);
      expect(rec).toMatchObject({ id: ARTICLE, kind: 'kb', unitId: COUNTY });
      expect(textOf(rec?.update ?? '')).toBe(edited);
    });
  });

  it('carries the co-edited article to a tablet that was offline, by replication', async () => {
    const town = spawnTablet('yjs-town');
    tablets.push(town);
    await town.login(server.url, `${COUNTY}-t01-h`, 'lianxin2026');
    await town.start(['ydocs']);
    const rec = (await eventually(async () => {
      const r = await town.get('ydocs', ARTICLE);
      expect(r).not.toBeNull();
      return r;
    })) as YDocRecord;
    expect(rec.unitId).toBe(COUNTY);
    expect(textOf(rec.update)).toBe('城东片区 6 月 3 日 8:00–18:00 停水。');
  }, 60_000);

  it('refuses users outside the owner’s line, before the upgrade', async () => {
    const other = tokens['c01-k02-op'] ?? '';
    expect(await upgradeStatus(yjsUrl(ARTICLE, { token: other }))).toBe(403);
    // A new document claimed for another county's unit is refused the same way.
    expect(
      await upgradeStatus(
        yjsUrl('kb-new-elsewhere', {
          token: tokens[`${COUNTY}-op`] ?? '',
          unit: 'c01-k02',
          kind: 'kb',
        }),
      ),
    ).toBe(403);
    expect(await upgradeStatus(yjsUrl(ARTICLE, {}))).toBe(401);
    expect(await upgradeStatus(yjsUrl(ARTICLE, { token: 'not-a-token' }))).toBe(401);
    // A new document must say its owner and kind.
    expect(
      await upgradeStatus(yjsUrl('kb-new-unowned', { token: tokens[`${COUNTY}-op`] ?? '' })),
    ).toBe(400);

    // The stock provider of a refused user never receives the article.
    const outsider = openEditor(ARTICLE, other);
    await new Promise((r) => setTimeout(r, 600));
    expect(outsider.provider.synced).toBe(false);
    expect(outsider.text.toString()).toBe('');
    closeEditor(outsider);
  });

  it('closes only the socket that sends garbage, and keeps serving the room', async () => {
    const token = tokens[`${COUNTY}-op`] ?? '';
    const watcher = openEditor(ARTICLE, tokens[`${COUNTY}-disp`] ?? '');
    await synced(watcher.provider);

    const url = yjsUrl(ARTICLE, { token });
    const garbage: [Buffer | string, number][] = [
      [Buffer.from([0, 2, 3, 0xff, 0xff, 0xff]), 1003], // sync update that is not Yjs
      [Buffer.from([0, 0, 5, 1, 2]), 1003], // state vector cut short
      [Buffer.from(new Array(12).fill(0xff)), 1003], // varint overflow
      [Buffer.from([1, 4, 1, 0xff, 0, 0]), 1003], // awareness that is not JSON
      [Buffer.from([9, 1, 2, 3]), 1003], // unknown message type
      ['{"hello":"text frames are not y-websocket"}', 1003],
      [Buffer.alloc(2 * 1024 * 1024 + 1, 1), 1009],
    ];
    for (const [frame, code] of garbage) expect(await closeCodeAfter(url, frame)).toBe(code);

    const later = openEditor(ARTICLE, token);
    await synced(later.provider);
    expect(later.text.toString()).toBe('城东片区 6 月 3 日 8:00–18:00 停水。');
    later.text.insert(0, '【更新】');
    await eventually(async () => expect(watcher.text.toString()).toMatch(/^【更新】城东片区/));
    closeEditor(later);
    closeEditor(watcher);
  });

  it('brings a record pushed by replication to an open editor', async () => {
    const op = openEditor(ARTICLE, tokens[`${COUNTY}-op`] ?? '');
    await synced(op.provider);
    await eventually(async () => expect(op.text.toString()).toMatch(/^【更新】城东片区/));

    // An offline edit made on another device, arriving by ordinary replication.
    const offline = new Y.Doc();
    const stored = await storedRecord(ARTICLE);
    Y.applyUpdate(offline, Buffer.from(stored?.update ?? '', 'base64'));
    offline.getText('body').insert(offline.getText('body').length, '（已恢复供水）');
    const record: YDocRecord = {
      id: ARTICLE,
      kind: 'kb',
      unitId: COUNTY,
      update: Buffer.from(Y.encodeStateAsUpdate(offline)).toString('base64'),
      updatedAt: formatHlc({ millis: Date.now(), counter: 1, node: 'it-offline' }),
    };
    offline.destroy();
    const res = await fetch(`${server.url}/api/v1/replication/ydocs/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[`${COUNTY}-disp`]}` },
      body: `${JSON.stringify({ newDocumentState: record })}\n`,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);

    await eventually(async () => expect(op.text.toString()).toMatch(/（已恢复供水）$/));
    closeEditor(op);
  });
});
