/**
 * @module
 * The topic taxonomy (主题词) an operator picks while writing a ticket, with
 * the kind of unit whose duty each topic usually is, so dispatch can suggest
 * one ("归口办理"). Department and utility names are the generic county names
 * the demo network uses, e.g. 住房和城乡建设局 in 青川县住房和城乡建设局.
 */
import { z } from 'zod';

/** Topic groups, in the order the picker shows them. */
export const TopicGroupSchema = z.enum([
  'utilities',
  'housing',
  'urban',
  'transport',
  'labour',
  'health',
  'education',
  'market',
  'environment',
  'security',
  'civil',
  'other',
]);
export type TopicGroup = z.infer<typeof TopicGroupSchema>;

/** Display names of the groups. */
export const TOPIC_GROUP_NAMES: Readonly<Record<TopicGroup, { zh: string; en: string }>> = {
  utilities: { zh: '公用事业', en: 'Public utilities' },
  housing: { zh: '住房建设', en: 'Housing and construction' },
  urban: { zh: '城市管理', en: 'Urban management' },
  transport: { zh: '交通出行', en: 'Transport' },
  labour: { zh: '人力社保', en: 'Labour and social security' },
  health: { zh: '医疗卫生', en: 'Health and medical insurance' },
  education: { zh: '教育', en: 'Education' },
  market: { zh: '市场监管', en: 'Market regulation' },
  environment: { zh: '生态资源', en: 'Environment and resources' },
  security: { zh: '公安', en: 'Public security' },
  civil: { zh: '民政', en: 'Civil affairs' },
  other: { zh: '其他', en: 'Other' },
};

export const TopicSchema = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z][a-z0-9-]*$/, 'topic code: lowercase slug'),
  group: TopicGroupSchema,
  zh: z.string().min(1).max(20),
  en: z.string().min(1).max(60),
  // "职能部门职责不得下推乡镇": a department's duty stays with the department,
  // so only neighbourhood matters default to the township.
  defaultUnitLevel: z.enum(['township', 'department', 'enterprise']),
  /** Generic name of the county unit whose duty it usually is; absent for township topics. */
  defaultUnitName: z.string().min(1).max(30).optional(),
});
export type Topic = z.infer<typeof TopicSchema>;

const HOUSING = '住房和城乡建设局';
const HRSS = '人力资源和社会保障局';
const URBAN = '城市管理局';
const MARKET = '市场监督管理局';
const TRANSPORT = '交通运输局';
const POLICE = '公安局';
const CIVIL = '民政局';

type TopicRow = readonly [
  code: string,
  group: TopicGroup,
  zh: string,
  en: string,
  level: Topic['defaultUnitLevel'],
  unit?: string,
];

const ROWS: readonly TopicRow[] = [
  ['water-supply', 'utilities', '供水', 'Water supply', 'enterprise', '自来水公司'],
  ['heating', 'utilities', '供暖', 'Heating', 'enterprise', '热力公司'],
  ['gas', 'utilities', '燃气', 'Gas', 'enterprise', '燃气公司'],
  ['electricity', 'utilities', '供电', 'Electricity', 'enterprise', '供电公司'],
  ['cable-tv', 'utilities', '有线电视', 'Cable TV and broadband', 'enterprise', '广电网络公司'],
  ['property-management', 'housing', '物业管理', 'Property management', 'department', HOUSING],
  ['housing-quality', 'housing', '房屋质量', 'Housing quality', 'department', HOUSING],
  ['construction-safety', 'housing', '建筑施工安全', 'Construction safety', 'department', HOUSING],
  ['construction-noise', 'housing', '施工扰民', 'Construction noise', 'department', HOUSING],
  ['illegal-building', 'urban', '违章建筑', 'Illegal building', 'department', URBAN],
  ['municipal-roads', 'urban', '市政道路', 'Municipal roads', 'department', URBAN],
  ['street-lights', 'urban', '路灯照明', 'Street lights', 'department', URBAN],
  ['landscaping', 'urban', '园林绿化', 'Landscaping and green space', 'department', URBAN],
  ['city-appearance', 'urban', '市容环境', 'City appearance and sanitation', 'township'],
  ['street-vending', 'urban', '占道经营', 'Street vending', 'township'],
  ['noise', 'urban', '噪音扰民', 'Neighbourhood noise', 'township'],
  ['bus-lines', 'transport', '公交线路', 'Bus lines', 'department', TRANSPORT],
  ['taxi', 'transport', '出租车网约车', 'Taxis and ride-hailing', 'department', TRANSPORT],
  ['social-insurance', 'labour', '社会保险', 'Social insurance', 'department', HRSS],
  ['wage-arrears', 'labour', '劳动欠薪', 'Wage arrears', 'department', HRSS],
  ['employment', 'labour', '就业创业', 'Employment', 'department', HRSS],
  ['medical-insurance', 'health', '医保', 'Medical insurance', 'department', '医疗保障局'],
  ['medical-services', 'health', '医疗服务', 'Medical services', 'department', '卫生健康局'],
  ['school-enrolment', 'education', '教育入学', 'School enrolment', 'department', '教育局'],
  ['food-safety', 'market', '食品安全', 'Food safety', 'department', MARKET],
  ['consumer-rights', 'market', '消费维权', 'Consumer rights', 'department', MARKET],
  ['pollution', 'environment', '环境污染', 'Environmental pollution', 'department', '生态环境局'],
  [
    'land-planning',
    'environment',
    '土地规划',
    'Land and planning',
    'department',
    '自然资源和规划局',
  ],
  ['rivers', 'environment', '河道水利', 'Rivers and water works', 'department', '水利局'],
  ['household-registration', 'security', '户籍', 'Household registration', 'department', POLICE],
  ['public-order', 'security', '社会治安', 'Public order', 'department', POLICE],
  ['elderly-care', 'civil', '养老服务', 'Elderly care', 'department', CIVIL],
  ['social-assistance', 'civil', '社会救助', 'Social assistance', 'department', CIVIL],
  ['neighbourhood', 'other', '邻里纠纷', 'Neighbourhood disputes', 'township'],
  ['other', 'other', '其他', 'Other', 'township'],
];

/** Every topic, grouped in picker order. Validated once here so a typo fails at import. */
export const TOPICS: readonly Topic[] = Object.freeze(
  ROWS.map(([code, group, zh, en, defaultUnitLevel, defaultUnitName]) =>
    TopicSchema.parse(
      defaultUnitName === undefined
        ? { code, group, zh, en, defaultUnitLevel }
        : { code, group, zh, en, defaultUnitLevel, defaultUnitName },
    ),
  ),
);

const BY_CODE: ReadonlyMap<string, Topic> = new Map(TOPICS.map((t) => [t.code, t]));

/**
 * Looks a topic up by its code; `undefined` for a code this release does not know
 * (a newer replica may have added it).
 *
 * @example
 * topicByCode('heating')?.zh; // '供暖'
 */
export function topicByCode(code: string): Topic | undefined {
  return BY_CODE.get(code);
}
