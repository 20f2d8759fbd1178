/**
 * @module
 * A seeded generator of a fictional but plausible province network, for
 * demos, fixtures and benchmarks. Same seed → the same units, byte for byte.
 *
 * Ids: 'p' (province centre), 'p-d01' (province department), 'c01' (city
 * centre), 'c01-d01' / 'c01-e01' (city department / utility), 'c01-k02'
 * (county centre), 'c01-k02-t05' / 'c01-k02-d03' / 'c01-k02-e01' (township,
 * county department, county enterprise). Centre codes: province '1000', city
 * n '1n00', county m of city n '1n0m' (as numbers: 1000 + 100·n + m).
 */

import { mulberry32 } from '../../lib/random';
import type { OrgLevel, OrgUnit } from '../../schema/org-unit';

export interface NetworkOptions {
  seed: number;
  cities: number;
  countiesPerCity: number;
  townshipsPerCounty: number;
  departmentsPerCounty: number;
  enterprisesPerCounty: number;
  /** Departments and city-wide utilities under each city centre; default 0. */
  cityDepartments?: number;
  /** Departments under the province centre; default 0. */
  provinceDepartments?: number;
  /** The `updatedAt` every unit gets; default {@link SEED_UPDATED_AT}. */
  updatedAt?: string;
}

/** The earliest valid HLC: any real edit of a seeded unit wins last-writer-wins. */
export const SEED_UPDATED_AT = '2000-01-01T00:00:00.000Z-0000-seed';

interface DutyUnit {
  readonly name: string;
  readonly abbr: string;
  readonly level: 'department' | 'enterprise';
}

const dept = (name: string, abbr: string): DutyUnit => ({ name, abbr, level: 'department' });
const firm = (name: string, abbr: string): DutyUnit => ({ name, abbr, level: 'enterprise' });

// Ordered by how many hotline tickets they usually get, so a small county
// still has the busiest departments.
/** County departments (generic names; a unit is named county + generic name). */
export const COUNTY_DEPARTMENTS: readonly DutyUnit[] = [
  dept('住房和城乡建设局', '住建局'),
  dept('人力资源和社会保障局', '人社局'),
  dept('市场监督管理局', '市场监管局'),
  dept('城市管理局', '城管局'),
  dept('交通运输局', '交通局'),
  dept('生态环境局', '生态环境局'),
  dept('教育局', '教育局'),
  dept('卫生健康局', '卫健局'),
  dept('公安局', '公安局'),
  dept('医疗保障局', '医保局'),
  dept('民政局', '民政局'),
  dept('自然资源和规划局', '自然资源局'),
  dept('水利局', '水利局'),
  dept('农业农村局', '农业农村局'),
  dept('文化和旅游局', '文旅局'),
  dept('应急管理局', '应急局'),
];

/** County enterprises and public utilities. */
export const COUNTY_ENTERPRISES: readonly DutyUnit[] = [
  firm('自来水公司', '自来水'),
  firm('燃气公司', '燃气'),
  firm('供电公司', '供电'),
  firm('热力公司', '热力'),
  firm('广电网络公司', '广电'),
  firm('公交公司', '公交'),
];

/** Units under a city centre: city departments and city-wide utilities. */
export const CITY_UNITS: readonly DutyUnit[] = [
  firm('供电公司', '供电'),
  dept('住房和城乡建设局', '住建局'),
  dept('交通运输局', '交通局'),
  dept('人力资源和社会保障局', '人社局'),
  dept('医疗保障局', '医保局'),
  firm('燃气集团', '燃气集团'),
  dept('生态环境局', '生态环境局'),
  dept('市场监督管理局', '市场监管局'),
  dept('公安局', '公安局'),
  dept('教育局', '教育局'),
  dept('卫生健康委员会', '卫健委'),
  dept('民政局', '民政局'),
];

/** Units under the province centre. */
export const PROVINCE_UNITS: readonly DutyUnit[] = [
  dept('住房和城乡建设厅', '住建厅'),
  dept('人力资源和社会保障厅', '人社厅'),
  dept('交通运输厅', '交通厅'),
  dept('生态环境厅', '生态环境厅'),
  dept('市场监督管理局', '市场监管局'),
  dept('医疗保障局', '医保局'),
  dept('公安厅', '公安厅'),
  dept('教育厅', '教育厅'),
];

const PROVINCES = ['沧澜', '云岭', '青原', '临海', '东川', '南屏', '西陵', '楚原'];
const PLACE_HEAD = [...'临青白清安永东西南北长平宁兴太新丰金石云龙凤华松桃柳梅洛溪岳'];
const PLACE_TAIL = [...'江川山河阳平安宁水城源泉州溪丰林浦口台岭原德昌化陵谷沙桥湾坪'];
const TOWN_HEAD = [...'白黄柳石马杨高桥新大小龙凤金双三花枫竹梨杏茶'];
const TOWN_TAIL = [...'沙河桥庄坪湾塘岗店集口铺林山湖溪渡冲坝寺'];
const STREETS = [
  '城关',
  '城东',
  '城西',
  '城南',
  '城北',
  '新华',
  '人民',
  '解放',
  '建设',
  '胜利',
  '和平',
  '滨江',
  '长安',
  '文化',
  '东风',
];

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Draws a two-character name not yet in `taken`, and takes it. */
function uniqueName(
  random: () => number,
  head: readonly string[],
  tail: readonly string[],
  taken: Set<string>,
): string {
  // The pools are far larger than any sibling set, so a few draws suffice;
  // the scan afterwards only keeps a degenerate seed from looping forever.
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = pick(random, head) + pick(random, tail);
    if (name[0] !== name[1] && !taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  for (const h of head) {
    for (const t of tail) {
      if (h !== t && !taken.has(h + t)) {
        taken.add(h + t);
        return h + t;
      }
    }
  }
  throw new RangeError('ran out of place names');
}

function checkCount(label: string, value: number | undefined, max: number): number {
  const n = value ?? 0;
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new RangeError(`${label} must be an integer from 0 to ${max}, got ${value}`);
  }
  return n;
}

/**
 * Generates a province network: centres at province, city and county level,
 * with townships, departments and enterprises under each county.
 *
 * @throws {RangeError} when a count is negative, fractional or beyond what the id and code schemes hold.
 * @example
 * const units = generateNetwork({
 *   seed: 7, cities: 2, countiesPerCity: 2, townshipsPerCounty: 4,
 *   departmentsPerCounty: 3, enterprisesPerCounty: 1,
 * });
 * units[0]?.id; // 'p'
 */
export function generateNetwork(options: NetworkOptions): OrgUnit[] {
  const cities = checkCount('cities', options.cities, 89);
  const counties = checkCount('countiesPerCity', options.countiesPerCity, 99);
  const townships = checkCount('townshipsPerCounty', options.townshipsPerCounty, 99);
  const departments = checkCount(
    'departmentsPerCounty',
    options.departmentsPerCounty,
    COUNTY_DEPARTMENTS.length,
  );
  const enterprises = checkCount(
    'enterprisesPerCounty',
    options.enterprisesPerCounty,
    COUNTY_ENTERPRISES.length,
  );
  const cityUnits = checkCount('cityDepartments', options.cityDepartments, CITY_UNITS.length);
  const provinceUnits = checkCount(
    'provinceDepartments',
    options.provinceDepartments,
    PROVINCE_UNITS.length,
  );
  const updatedAt = options.updatedAt ?? SEED_UPDATED_AT;
  const random = mulberry32(options.seed);
  const units: OrgUnit[] = [];

  const add = (
    id: string,
    parentId: string | null,
    level: OrgLevel,
    name: string,
    shortName: string,
    code = '',
  ): void => {
    const kind =
      level === 'province' || level === 'city' || level === 'county' ? 'centre' : 'handling';
    units.push({ id, parentId, level, kind, name, shortName, code, active: true, updatedAt });
  };
  const addDuties = (parentId: string, place: string, list: readonly DutyUnit[], n: number) => {
    let d = 0;
    let e = 0;
    for (const duty of list.slice(0, n)) {
      const id =
        duty.level === 'department' ? `${parentId}-d${pad2(++d)}` : `${parentId}-e${pad2(++e)}`;
      add(id, parentId, duty.level, place + duty.name, place + duty.abbr);
    }
  };

  const province = `${pick(random, PROVINCES)}省`;
  add('p', null, 'province', `${province}12345政务服务热线中心`, `${province}热线中心`, '1000');
  addDuties('p', province, PROVINCE_UNITS, provinceUnits);

  // Cities and counties get names unique across the province, so a ticket's
  // area is never ambiguous; townships only need to differ within a county.
  const places = new Set<string>();
  for (let c = 1; c <= cities; c++) {
    const cityId = `c${pad2(c)}`;
    const city = `${uniqueName(random, PLACE_HEAD, PLACE_TAIL, places)}市`;
    add(cityId, 'p', 'city', `${city}12345热线中心`, `${city}热线中心`, String(1000 + 100 * c));
    addDuties(cityId, city, CITY_UNITS, cityUnits);

    for (let k = 1; k <= counties; k++) {
      const countyId = `${cityId}-k${pad2(k)}`;
      const stem = uniqueName(random, PLACE_HEAD, PLACE_TAIL, places);
      // The first county of a city is its urban district; some others are too.
      const isDistrict = k === 1 || random() < 0.25;
      const county = stem + (isDistrict ? '区' : '县');
      add(
        countyId,
        cityId,
        'county',
        isDistrict ? `${county}12345热线办` : `${county}县长公开电话办公室`,
        `${county}热线办`,
        String(1000 + 100 * c + k),
      );

      const townNames = new Set<string>();
      const streets = [...STREETS];
      // Districts are mostly street offices, counties mostly towns and 乡.
      const streetShare = isDistrict ? 0.7 : 0.1;
      for (let t = 1; t <= townships; t++) {
        let name: string;
        if (t === 1) {
          name = isDistrict || random() < 0.5 ? '城关街道' : '城关镇';
          townNames.add('城关');
          streets.splice(0, 1);
        } else if (streets.length > 0 && random() < streetShare) {
          const [street] = streets.splice(Math.floor(random() * streets.length), 1);
          townNames.add(street as string);
          name = `${street}街道`;
        } else {
          name =
            uniqueName(random, TOWN_HEAD, TOWN_TAIL, townNames) + (random() < 0.75 ? '镇' : '乡');
        }
        add(`${countyId}-t${pad2(t)}`, countyId, 'township', name, name);
      }

      addDuties(countyId, county, COUNTY_DEPARTMENTS, departments);
      addDuties(countyId, county, COUNTY_ENTERPRISES, enterprises);
    }
  }
  return units;
}

/** Options of {@link demoNetwork}: 1 province, 3 cities, 6 counties, 90 units. */
export const DEMO_NETWORK_OPTIONS: NetworkOptions = {
  seed: 12345,
  cities: 3,
  countiesPerCity: 2,
  townshipsPerCounty: 5,
  departmentsPerCounty: 5,
  enterprisesPerCounty: 2,
  cityDepartments: 2,
  provinceDepartments: 2,
};

/** Options of {@link benchNetwork}: 8 cities, 56 counties, 1,503 units. */
export const BENCH_NETWORK_OPTIONS: NetworkOptions = {
  seed: 20260101,
  cities: 8,
  countiesPerCity: 7,
  townshipsPerCounty: 12,
  departmentsPerCounty: 10,
  enterprisesPerCounty: 3,
  cityDepartments: 4,
  provinceDepartments: 6,
};

/**
 * The demo province: small enough to click through, every level present.
 *
 * @example
 * buildOrgTree(demoNetwork()).all().length; // 90
 */
export function demoNetwork(seed = DEMO_NETWORK_OPTIONS.seed): OrgUnit[] {
  return generateNetwork({ ...DEMO_NETWORK_OPTIONS, seed });
}

/**
 * A province-sized network (≈1,500 units) for benchmarks and scale tests.
 *
 * @example
 * benchNetwork().length; // 1503
 */
export function benchNetwork(seed = BENCH_NETWORK_OPTIONS.seed): OrgUnit[] {
  return generateNetwork({ ...BENCH_NETWORK_OPTIONS, seed });
}
