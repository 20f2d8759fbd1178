import { describe, expect, it } from 'vitest';
import { TOPIC_GROUP_NAMES, TOPICS, TopicGroupSchema, TopicSchema, topicByCode } from './topics';

describe('TOPICS', () => {
  it('has about thirty topics in about ten groups', () => {
    expect(TOPICS.length).toBeGreaterThanOrEqual(28);
    expect(TOPICS.length).toBeLessThanOrEqual(40);
    expect(new Set(TOPICS.map((t) => t.group)).size).toBeGreaterThanOrEqual(10);
  });

  it('uses every group and names each one', () => {
    for (const group of TopicGroupSchema.options) {
      expect(
        TOPICS.some((t) => t.group === group),
        group,
      ).toBe(true);
      expect(TOPIC_GROUP_NAMES[group].zh).not.toBe('');
    }
  });

  it('keeps codes and Chinese names unique', () => {
    expect(new Set(TOPICS.map((t) => t.code)).size).toBe(TOPICS.length);
    expect(new Set(TOPICS.map((t) => t.zh)).size).toBe(TOPICS.length);
  });

  it('lists topics group by group, as the picker shows them', () => {
    const groups = TOPICS.map((t) => t.group).filter((g, i, all) => g !== all[i - 1]);
    expect(groups).toEqual(TopicGroupSchema.options);
  });

  it('names a duty unit exactly when the topic is not a township matter', () => {
    for (const topic of TOPICS) {
      expect(TopicSchema.parse(topic)).toEqual(topic);
      expect(topic.defaultUnitName === undefined, topic.code).toBe(
        topic.defaultUnitLevel === 'township',
      );
    }
  });

  it('covers the topics the seeds name', () => {
    const zh = new Set(TOPICS.map((t) => t.zh));
    for (const name of ['供水', '供暖', '燃气', '物业管理', '市政道路', '园林绿化', '房屋质量']) {
      expect(zh.has(name), name).toBe(true);
    }
  });
});

describe('topicByCode', () => {
  it.each([
    ['heating', '供暖', '热力公司'],
    ['wage-arrears', '劳动欠薪', '人力资源和社会保障局'],
    ['street-vending', '占道经营', undefined],
  ])('%s', (code, zh, unit) => {
    expect(topicByCode(code)?.zh).toBe(zh);
    expect(topicByCode(code)?.defaultUnitName).toBe(unit);
  });

  it('returns undefined for a code this release does not know', () => {
    expect(topicByCode('drone-delivery')).toBeUndefined();
  });
});
