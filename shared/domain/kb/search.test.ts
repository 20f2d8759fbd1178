import { describe, expect, it } from 'vitest';
import { demoKbArticles } from '../demo/kb-articles';
import { TOPIC_SCRIPTS } from '../demo/names';
import type { KbArticleView } from './article';
import { buildKbIndex, forEachToken, searchKb } from './search';

const NOW = Date.UTC(2026, 10, 25, 2);
const articles = demoKbArticles(NOW);
const index = buildKbIndex(articles);

const slugs = (query: string, limit = 3): string[] =>
  searchKb(index, query, { limit }).map((h) => h.slug);

describe('searchKb over the demo knowledge base', () => {
  // What callers actually say, in their words, and the article the operator needs.
  const CASES: readonly (readonly [query: string, slug: string])[] = [
    ['楼下饭店油烟很大', 'kitchen-fumes'],
    ['暖气不热，家里只有十五度', 'heating-low-temperature'],
    ['什么时候开始供暖，暖气费怎么交', 'heating-season'],
    ['从早上开始停水了，也没有看到通知', 'water-outage-repair'],
    ['水是黄的', 'water-quality'],
    ['家里闻到很浓的煤气味', 'gas-leak-safety'],
    ['燃气卡充值后读不了卡', 'gas-ic-card'],
    ['电梯又坏了，把人关在里面', 'property-elevator'],
    ['新房墙上裂了好多缝', 'housing-cracks'],
    ['工地晚上施工打桩太吵', 'construction-night-work'],
    ['楼顶有人私自搭建彩钢房', 'illegal-building'],
    ['小区门口有人摆摊占道', 'street-vending'],
    ['路灯坏了晚上很黑', 'street-light-repair'],
    ['出租车司机拒载还绕路', 'taxi-complaint'],
    ['公交车不停站', 'bus-route-service'],
    ['公司拖欠工资三个月不发', 'wage-arrears'],
    ['灵活就业怎么交养老保险', 'social-insurance-flexible'],
    ['在外地住院怎么报销', 'medical-insurance-remote'],
    ['孩子是外地户口，上小学要什么材料', 'school-enrolment-migrant'],
    ['吃了饭店的菜拉肚子', 'food-safety-restaurant'],
    ['预付卡充了钱店关门了', 'consumer-prepaid-card'],
    ['新生儿怎么上户口', 'hukou-newborn'],
    ['身份证丢了怎么办', 'hukou-id-card'],
    ['80岁老人高龄补贴怎么领', 'elderly-allowance'],
    ['公积金怎么提取', 'housing-fund-withdrawal'],
    ['楼上邻居半夜跺脚', 'noise-neighbour-daily-life'],
    ['垃圾桶好几天没人清运，很臭', 'city-sanitation-garbage'],
    ['对法院判决不服，要求重新审理', 'referral-courts-procuratorates'],
    ['有人在店门口打架', 'referral-110-public-order'],
    ['被公司辞退要赔偿', 'labour-arbitration-referral'],
  ];

  it.each(CASES)('finds the right article in the top 3 for “%s”', (query, slug) => {
    expect(slugs(query)).toContain(slug);
  });

  it('puts the 餐饮油烟 article first for a typical complaint', () => {
    const [first] = searchKb(index, '楼下饭店油烟很大', { limit: 5 });
    expect(first?.slug).toBe('kitchen-fumes');
    expect(first?.id).toBe('kb:kitchen-fumes');
    expect(first?.score).toBeGreaterThan(0);
  });

  it('finds an article of the topic for nearly every demo caller script', () => {
    const fill = (text: string): string =>
      text
        .replace(/\{loc\}/g, '幸福家园3栋')
        .replace(/\{xq\}/g, '锦绣花园')
        .replace(/\{road2?\}/g, '人民路')
        .replace(/\{shop\}/g, '鑫鑫烧烤店')
        .replace(/\{company\}/g, '宏达建筑工程有限公司')
        .replace(/\{school\}/g, '实验小学')
        .replace(/\{town\}/g, '城关街道')
        .replace(/\{[a-z]+\}/g, '12');
    let calls = 0;
    let found = 0;
    for (const script of TOPIC_SCRIPTS) {
      for (const [, , text] of script.calls) {
        calls++;
        const hits = searchKb(index, fill(text), { limit: 3 });
        if (hits.some((h) => h.topic === script.code)) found++;
      }
    }
    expect(found / calls).toBeGreaterThanOrEqual(0.9);
  });

  it('ranks by score, best first, within the limit', () => {
    const hits = searchKb(index, '停水', { limit: 4 });
    expect(hits.length).toBeLessThanOrEqual(4);
    expect(hits.length).toBeGreaterThan(1);
    for (let i = 1; i < hits.length; i++) {
      expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
    }
    expect(searchKb(index, '停水')).toHaveLength(
      Math.min(10, searchKb(index, '停水', { limit: 100 }).length),
    );
  });

  it('filters by topic and kind', () => {
    const heating = searchKb(index, '停水 暖气 公交', { topic: 'heating', limit: 20 });
    expect(heating.length).toBeGreaterThan(0);
    expect(heating.every((h) => h.topic === 'heating')).toBe(true);
    const referrals = searchKb(index, '12315 12333 打架', { kinds: ['referral'], limit: 20 });
    expect(referrals.map((h) => h.slug)).toEqual(
      expect.arrayContaining([
        'referral-12315-market',
        'referral-12333-hrss',
        'referral-110-public-order',
      ]),
    );
    expect(referrals.every((h) => h.kind === 'referral')).toBe(true);
    expect(searchKb(index, '油烟', { topic: 'no-such-topic' })).toEqual([]);
  });

  it('leaves out drafts, retired articles and expired notices unless asked', () => {
    expect(slugs('困难家庭供暖补贴', 10)).not.toContain('heating-fee-subsidy-draft');
    expect(
      searchKb(index, '困难家庭供暖补贴', { includeUnpublished: true }).map((h) => h.slug),
    ).toContain('heating-fee-subsidy-draft');
    expect(slugs('8路公交改线', 10)).not.toContain('notice-bus-reroute-2025');
    expect(slugs('停水通知', 10)).toContain('notice-water-outage-chengxi');
    const later = searchKb(index, '停水通知', { now: NOW + 8 * 86_400_000, limit: 10 });
    expect(later.map((h) => h.slug)).not.toContain('notice-water-outage-chengxi');
    expect(later.length).toBeGreaterThan(0);
  });

  it('finds nothing for an empty, blank or punctuation-only query', () => {
    for (const query of ['', '   ', '，。！？、……', '——', '\n\t']) {
      expect(searchKb(index, query)).toEqual([]);
    }
    expect(searchKb(index, '油烟', { limit: 0 })).toEqual([]);
    expect(searchKb(buildKbIndex([]), '油烟')).toEqual([]);
  });

  it('ignores punctuation and folds full-width letters and digits', () => {
    expect(slugs('油烟！！！楼下饭店，，，')[0]).toBe('kitchen-fumes');
    expect(slugs('燃气ＩＣ卡充值')).toContain('gas-ic-card');
    expect(slugs('燃气ic卡充值')).toEqual(slugs('燃气IC卡充值'));
    expect(slugs('１２３１５')).toContain('referral-12315-market');
    expect(slugs('“公积金”　怎么　提取？')).toContain('housing-fund-withdrawal');
  });

  it('returns the best-matching sentence as the snippet, with the matches marked', () => {
    const [hit] = searchKb(index, '楼下饭店油烟很大', { limit: 1 });
    expect(hit?.snippet).toContain('油烟');
    expect(hit?.highlights.length).toBeGreaterThan(0);
    const marked = (hit?.highlights ?? []).map(([a, b]) => hit?.snippet.slice(a, b));
    expect(marked).toContain('油烟');
    let last = -1;
    for (const [a, b] of hit?.highlights ?? []) {
      expect(a).toBeGreaterThan(last);
      expect(b).toBeGreaterThan(a);
      last = b;
    }
    expect(hit?.snippet.length).toBeLessThanOrEqual(92);
  });
});

describe('forEachToken', () => {
  const tokens = (text: string): string[] => {
    const out: string[] = [];
    forEachToken(text, (t) => out.push(t));
    return out;
  };

  it('cuts Chinese into characters and bigrams, keeps ASCII words whole', () => {
    expect(tokens('油烟')).toEqual(['油', '油烟', '烟']);
    expect(tokens('燃气ＩＣ卡')).toEqual(['燃', '燃气', '气', 'ic', '卡']);
    expect(tokens('拨打12345, or Call')).toEqual(['拨', '拨打', '打', '12345', 'or', 'call']);
    expect(tokens('。，！')).toEqual([]);
  });

  it('reports offsets into the original text', () => {
    const text = '“ＩＣ卡”';
    const spans: string[] = [];
    forEachToken(text, (_t, start, end) => spans.push(text.slice(start, end)));
    expect(spans).toEqual(['ＩＣ', '卡']);
  });
});

describe('buildKbIndex', () => {
  it('indexes every status and weighs the title above the body', () => {
    expect(index.size).toBe(articles.length);
    const base = articles[0] as KbArticleView;
    const inTitle = { ...base, slug: 'a', title: '窨井异响', keywords: [], body: '其他内容。' };
    const inBody = { ...base, slug: 'b', title: '其他', keywords: [], body: '窨井异响。' };
    const small = buildKbIndex([inBody, inTitle]);
    expect(searchKb(small, '窨井异响').map((h) => h.slug)).toEqual(['a', 'b']);
  });
});
