/**
 * The seeded knowledge base end to end: a demo server holds the articles as
 * `ydocs` records; a township tablet of the demo county receives the
 * province's articles and its county's local ones by ordinary replication,
 * decodes their Yjs bodies and searches them offline; a township of another
 * county receives the province's articles but not that county's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KB_COUNTY, demoKbArticles } from '../../shared/domain/demo/kb-articles';
import { type KbArticleView, kbArticleFromUpdate, kbDocId } from '../../shared/domain/kb/article';
import { buildKbIndex, searchKb } from '../../shared/domain/kb/search';
import type { YDocRecord } from '../../shared/schema/records';
import { eventually, startTestServer, type TestServer } from './support/harness';
import { spawnTablet, type Tablet } from './support/tablets';

const TOWN = `${DEMO_KB_COUNTY}-t01`;
const OTHER_TOWN = 'c01-k02-t01';

let server: TestServer;
let town: Tablet;
let otherTown: Tablet;

const decode = (record: YDocRecord): KbArticleView =>
  kbArticleFromUpdate(new Uint8Array(Buffer.from(record.update, 'base64')));

beforeAll(async () => {
  server = await startTestServer({ demoTickets: 5 });
  town = spawnTablet('kb-town');
  otherTown = spawnTablet('kb-other-town');
  await town.login(server.url, `${TOWN}-h`, 'lianxin2026');
  await otherTown.login(server.url, `${OTHER_TOWN}-h`, 'lianxin2026');
  await Promise.all([town.start(['ydocs']), otherTown.start(['ydocs'])]);
}, 60_000);

afterAll(async () => {
  for (const t of [town, otherTown]) {
    await t?.stop().catch(() => undefined);
    await t?.terminate();
  }
  await server?.close();
});

describe('seeded knowledge base', () => {
  it('is stored on the server as kb records of their owners', async () => {
    const rows = await server.store.allDocs('ydocs');
    const kb = rows.map((r) => JSON.parse(r.data) as YDocRecord).filter((r) => r.kind === 'kb');
    const expected = demoKbArticles(Date.now());
    expect(kb.map((r) => r.id).sort()).toEqual(expected.map((a) => kbDocId(a.slug)).sort());
    for (const r of kb) expect(decode(r).ownerUnitId).toBe(r.unitId);
  });

  it('reaches a township tablet of the county, which decodes and searches it offline', async () => {
    const ids = await eventually(async () => {
      const got = (await town.ids('ydocs')) as string[];
      expect(got).toContain(kbDocId('notice-water-outage-chengxi'));
      expect(got).toContain(kbDocId('kitchen-fumes'));
      return got;
    });
    const views: KbArticleView[] = [];
    for (const id of ids) {
      const record = (await town.get('ydocs', id)) as YDocRecord | null;
      if (record?.kind === 'kb') views.push(decode(record));
    }
    expect(views).toHaveLength(demoKbArticles(Date.now()).length);
    const fumes = views.find((v) => v.slug === 'kitchen-fumes');
    expect(fumes?.body).toContain('油烟净化设施');
    const [first] = searchKb(buildKbIndex(views), '楼下饭店油烟很大', { limit: 3 });
    expect(first?.id).toBe(kbDocId('kitchen-fumes'));
  });

  it('keeps one county’s local articles from another county’s townships', async () => {
    const ids = await eventually(async () => {
      const got = (await otherTown.ids('ydocs')) as string[];
      expect(got).toContain(kbDocId('kitchen-fumes'));
      return got;
    });
    const local = demoKbArticles(Date.now()).filter((a) => a.ownerUnitId === DEMO_KB_COUNTY);
    expect(local.length).toBeGreaterThan(0);
    for (const a of local) expect(ids).not.toContain(kbDocId(a.slug));
  });
});
