import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  KB_BODY,
  type KbArticleView,
  KbArticleViewSchema,
  kbArticleFromUpdate,
  kbArticleUpdate,
  kbDocId,
  readKbArticle,
  writeKbArticle,
} from './article';

const DAY = 86_400_000;

const heating: KbArticleView = {
  slug: 'heating-season',
  kind: 'answer',
  title: '集中供暖时间及供暖费缴纳',
  topic: 'heating',
  category: 'consult',
  keywords: ['供暖', '暖气', '供暖费'],
  status: 'published',
  ownerUnitId: 'p',
  reviewedAt: 1_780_000_000_000,
  reviewDue: 1_780_000_000_000 + 180 * DAY,
  version: 3,
  body: '本市集中供暖期为每年11月15日至次年3月15日。供暖费按建筑面积收取。',
  contacts: [{ name: '热力公司客服', phone: '6612 3000', hours: '7×24小时' }],
};

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe('knowledge-base article documents', () => {
  it('round-trips view → doc → update → doc → view', () => {
    const source = new Y.Doc();
    writeKbArticle(source, heating);
    expect(readKbArticle(source)).toEqual(heating);
    const copy = docOf(Y.encodeStateAsUpdate(source));
    expect(readKbArticle(copy)).toEqual(heating);
    expect(kbArticleFromUpdate(kbArticleUpdate(heating))).toEqual(heating);
    source.destroy();
    copy.destroy();
  });

  it('keeps optional fields optional and removes them when the view drops them', () => {
    const notice: KbArticleView = {
      ...heating,
      slug: 'notice-x',
      kind: 'notice',
      validTo: 1_790_000_000_000,
      contacts: [],
    };
    const doc = docOf(kbArticleUpdate(notice));
    expect(readKbArticle(doc).validTo).toBe(1_790_000_000_000);
    const { validTo: _v, category: _c, ...plain } = notice;
    writeKbArticle(doc, plain);
    expect(readKbArticle(doc)).toEqual(plain);
    doc.destroy();
  });

  it('writes nothing when the view is unchanged, and splices only the changed text', () => {
    const doc = docOf(kbArticleUpdate(heating));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    writeKbArticle(doc, heating);
    expect(updates).toHaveLength(0);
    writeKbArticle(doc, { ...heating, body: heating.body.replace('11月15日', '11月10日') });
    expect(updates).toHaveLength(1);
    expect(Y.decodeUpdate(updates[0] as Uint8Array).structs.length).toBeLessThanOrEqual(3);
    doc.destroy();
  });

  it('merges concurrent body edits made on two replicas', () => {
    const base = kbArticleUpdate(heating);
    const centre = docOf(base);
    const county = docOf(base);
    centre.getText(KB_BODY).insert(0, '【2026年更新】');
    const countyText = county.getText(KB_BODY);
    countyText.insert(countyText.length, '低保家庭可申请补贴。');
    county.getMap('meta').set('status', 'draft');
    Y.applyUpdate(centre, Y.encodeStateAsUpdate(county));
    Y.applyUpdate(county, Y.encodeStateAsUpdate(centre));
    const merged = readKbArticle(centre);
    expect(readKbArticle(county)).toEqual(merged);
    expect(merged.body).toBe(`【2026年更新】${heating.body}低保家庭可申请补贴。`);
    expect(merged.status).toBe('draft');
    centre.destroy();
    county.destroy();
  });

  it('keeps a concurrent edit when writeKbArticle rewrites another part of the body', () => {
    const base = kbArticleUpdate(heating);
    const a = docOf(base);
    const b = docOf(base);
    writeKbArticle(a, { ...heating, body: heating.body.replace('建筑面积', '供暖面积') });
    b.getText(KB_BODY).insert(0, '注意：');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readKbArticle(a).body).toBe(`注意：${heating.body.replace('建筑面积', '供暖面积')}`);
    a.destroy();
    b.destroy();
  });

  it('never splits a surrogate pair when splicing', () => {
    const doc = docOf(kbArticleUpdate({ ...heating, body: '地址：𠀀号' }));
    writeKbArticle(doc, { ...heating, body: '地址：𠀁号' });
    const copy = docOf(Y.encodeStateAsUpdate(doc));
    expect(readKbArticle(copy).body).toBe('地址：𠀁号');
    doc.destroy();
    copy.destroy();
  });

  it('refuses a bad status, slug or owner, and writes nothing then', () => {
    expect(KbArticleViewSchema.safeParse({ ...heating, status: 'archived' }).success).toBe(false);
    expect(KbArticleViewSchema.safeParse({ ...heating, slug: 'Heating Season' }).success).toBe(
      false,
    );
    expect(KbArticleViewSchema.safeParse({ ...heating, ownerUnitId: '' }).success).toBe(false);
    const doc = new Y.Doc();
    expect(() =>
      writeKbArticle(doc, { ...heating, status: 'archived' } as unknown as KbArticleView),
    ).toThrow();
    expect(doc.getMap('meta').size).toBe(0);
    expect(() => readKbArticle(doc)).toThrow();
    doc.getMap('meta').set('status', 'archived');
    expect(() => readKbArticle(doc)).toThrow();
    doc.destroy();
  });

  it('names documents kb:<slug> within the record id limit', () => {
    expect(kbDocId('heating-season')).toBe('kb:heating-season');
    expect(kbDocId('a'.repeat(77))).toHaveLength(80);
    expect(() => kbDocId('a'.repeat(78))).toThrow(RangeError);
    expect(() => kbDocId('供暖')).toThrow(RangeError);
  });
});
