import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatHlc } from '../../lib/hlc';
import { YDocRecordSchema } from '../../schema/records';
import { ownedGrants } from '../access';
import { kbArticleFromUpdate, readKbArticle } from '../kb/article';
import { demoNetwork } from '../org/demo-network';
import { buildOrgTree } from '../org/tree';
import { topicByCode } from '../topics';
import { DEMO_KB_COUNTY, demoKbArticles, demoKbRecords } from './kb-articles';
import { TOPIC_SCRIPTS } from './names';

const NOW = Date.UTC(2026, 10, 25, 2);
const STAMP = formatHlc({ millis: NOW, counter: 0, node: 'seed' });
const articles = demoKbArticles(NOW);
const records = demoKbRecords(NOW, STAMP);

function decode(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}

describe('demo knowledge base', () => {
  it('has at least 36 articles of every kind, with unique slugs', () => {
    expect(articles.length).toBeGreaterThanOrEqual(36);
    expect(new Set(articles.map((a) => a.slug)).size).toBe(articles.length);
    const byKind = (kind: string) => articles.filter((a) => a.kind === kind).length;
    expect(byKind('answer')).toBeGreaterThanOrEqual(30);
    expect(byKind('referral')).toBeGreaterThanOrEqual(6);
    expect(byKind('notice')).toBeGreaterThanOrEqual(3);
  });

  it('answers every topic of the demo caller scripts, with known topic codes', () => {
    const topics = new Set(articles.filter((a) => a.status === 'published').map((a) => a.topic));
    for (const script of TOPIC_SCRIPTS) expect(topics, script.code).toContain(script.code);
    for (const a of articles) expect(topicByCode(a.topic), a.slug).toBeDefined();
  });

  it('gives the caller somewhere to go for 110/119/120/122, courts, 信访 and sector hotlines', () => {
    const phones = new Set(articles.flatMap((a) => a.contacts.map((c) => c.phone)));
    for (const n of ['110', '119', '120', '122', '12315', '12333']) expect(phones).toContain(n);
    const referralText = articles
      .filter((a) => a.kind === 'referral')
      .map((a) => a.title + a.body)
      .join('');
    for (const word of ['法院', '检察院', '信访', '12319', '仲裁']) {
      expect(referralText).toContain(word);
    }
  });

  it('keeps province-wide entries with the province and local ones with the demo county', () => {
    const tree = buildOrgTree(demoNetwork());
    const owners = new Set(articles.map((a) => a.ownerUnitId));
    expect([...owners].sort()).toEqual([DEMO_KB_COUNTY, 'p']);
    const local = articles.filter((a) => a.ownerUnitId === DEMO_KB_COUNTY);
    expect(local.length).toBeGreaterThanOrEqual(3);
    // Local text names the demo county's own places and units.
    const county = tree.get(DEMO_KB_COUNTY)?.shortName.replace(/热线办$/, '') ?? '?';
    const town = tree.get(`${DEMO_KB_COUNTY}-t02`)?.name ?? '?';
    expect(local.some((a) => a.body.includes(county))).toBe(true);
    expect(local.some((a) => a.title.includes(town))).toBe(true);
    for (const r of records) expect(ownedGrants(r.unitId, tree).length).toBeGreaterThan(0);
  });

  it('schedules the next review after the last one and dates notices', () => {
    for (const a of articles) {
      expect(a.reviewDue).toBeGreaterThan(a.reviewedAt);
      expect(a.reviewedAt).toBeLessThan(NOW);
      if (a.kind === 'notice') expect(a.validTo).toBeDefined();
    }
  });

  it('produces ydocs records that pass the schema and decode to the same articles', () => {
    expect(records).toHaveLength(articles.length);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    records.forEach((record, i) => {
      expect(YDocRecordSchema.parse(record)).toEqual(record);
      expect(record).toMatchObject({ kind: 'kb', updatedAt: STAMP });
      const view = kbArticleFromUpdate(decode(record.update));
      expect(view).toEqual(articles[i]);
      expect(record.id).toBe(`kb:${view.slug}`);
      expect(record.unitId).toBe(view.ownerUnitId);
    });
  });

  it('decodes into a Y.Doc whose body is the shared text the editors co-edit', () => {
    const record = records.find((r) => r.id === 'kb:kitchen-fumes');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, decode(record?.update ?? ''));
    expect(doc.getText('body').toString()).toContain('油烟');
    expect(readKbArticle(doc).title).toBe('餐饮油烟扰民');
    doc.destroy();
  });

  it('uses no mobile numbers: only service numbers and fictional local lines', () => {
    const text = articles.map((a) => a.body + JSON.stringify(a.contacts)).join('');
    expect(text).not.toMatch(/1[3-9]\d{9}/);
  });
});
