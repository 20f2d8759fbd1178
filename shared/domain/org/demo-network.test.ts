import { describe, expect, it } from 'vitest';
import { type OrgUnit, OrgUnitSchema } from '../../schema/org-unit';
import { TOPICS } from '../topics';
import {
  BENCH_NETWORK_OPTIONS,
  benchNetwork,
  COUNTY_DEPARTMENTS,
  COUNTY_ENTERPRISES,
  DEMO_NETWORK_OPTIONS,
  demoNetwork,
  generateNetwork,
  type NetworkOptions,
} from './demo-network';
import { buildOrgTree, nearestCentre } from './tree';

const countByLevel = (units: readonly OrgUnit[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const u of units) counts[u.level] = (counts[u.level] ?? 0) + 1;
  return counts;
};

const small: NetworkOptions = {
  seed: 3,
  cities: 2,
  countiesPerCity: 3,
  townshipsPerCounty: 4,
  departmentsPerCounty: 2,
  enterprisesPerCounty: 1,
};

describe('generateNetwork sizes', () => {
  it.each<[string, () => OrgUnit[], Record<string, number>]>([
    [
      'demoNetwork',
      () => demoNetwork(),
      { province: 1, city: 3, county: 6, township: 30, department: 35, enterprise: 15 },
    ],
    [
      'benchNetwork',
      () => benchNetwork(),
      { province: 1, city: 8, county: 56, township: 672, department: 590, enterprise: 176 },
    ],
    [
      'a small custom network',
      () => generateNetwork(small),
      { province: 1, city: 2, county: 6, township: 24, department: 12, enterprise: 6 },
    ],
    ['a province alone', () => generateNetwork({ ...small, cities: 0 }), { province: 1 }],
  ])('%s', (_label, make, counts) => {
    expect(countByLevel(make())).toEqual(counts);
  });

  it('demo has at least 3 cities, 6 counties and 60 units; bench about 1,500', () => {
    expect(demoNetwork().length).toBe(90);
    expect(benchNetwork().length).toBeGreaterThan(1400);
    expect(benchNetwork().length).toBeLessThan(1600);
  });

  it.each<[string, Partial<NetworkOptions>]>([
    ['negative cities', { cities: -1 }],
    ['fractional townships', { townshipsPerCounty: 1.5 }],
    ['more departments than it knows', { departmentsPerCounty: COUNTY_DEPARTMENTS.length + 1 }],
    ['more enterprises than it knows', { enterprisesPerCounty: COUNTY_ENTERPRISES.length + 1 }],
    ['more counties than codes hold', { countiesPerCity: 100 }],
    ['more cities than codes hold', { cities: 90 }],
  ])('refuses %s', (_label, patch) => {
    expect(() => generateNetwork({ ...small, ...patch })).toThrow(RangeError);
  });
});

describe.each([
  ['demo', DEMO_NETWORK_OPTIONS],
  ['bench', BENCH_NETWORK_OPTIONS],
  ['small seed 3', small],
  ['small seed 99', { ...small, seed: 99, cityDepartments: 12, provinceDepartments: 8 }],
])('invariants of the %s network', (_label, options) => {
  const units = generateNetwork(options);
  const tree = buildOrgTree(units);

  it('passes the schema, with unique ids of at most 40 chars', () => {
    for (const u of units) expect(OrgUnitSchema.parse(u)).toEqual(u);
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
  });

  it('gives every centre a unique 4-digit code and handling units none', () => {
    const centres = units.filter((u) => u.kind === 'centre');
    expect(new Set(centres.map((u) => u.code)).size).toBe(centres.length);
    for (const u of units) expect(u.code).toMatch(u.kind === 'centre' ? /^\d{4}$/ : /^$/);
  });

  it('hangs every handling unit under the centre of its level', () => {
    for (const u of units.filter((x) => x.kind === 'handling')) {
      const centre = tree.get(nearestCentre(tree, u.id));
      expect(centre?.id).toBe(u.parentId);
      if (u.level === 'township') expect(centre?.level).toBe('county');
    }
  });

  it('keeps names unique among siblings, and city and county names across the province', () => {
    for (const parent of units) {
      const names = tree.children(parent.id).map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
    }
    const places = units.filter((u) => u.level === 'city' || u.level === 'county');
    expect(new Set(places.map((u) => u.shortName)).size).toBe(places.length);
  });

  it('names units the way the hotline does', () => {
    for (const u of units) {
      const pattern = {
        province: /^.{2}省12345政务服务热线中心$/,
        city: /^.{2}市12345热线中心$/,
        county: /^(.{2}县县长公开电话办公室|.{2}区12345热线办)$/,
        township: /^.{2}(镇|乡|街道)$/,
        department: /(局|厅|委员会)$/,
        enterprise: /(公司|集团)$/,
      }[u.level];
      expect(u.name).toMatch(pattern);
    }
  });

  it('is deterministic', () => {
    expect(generateNetwork(options)).toEqual(units);
  });
});

describe('seeds', () => {
  it('changes names, not structure, with the seed', () => {
    const a = demoNetwork(1);
    const b = demoNetwork(2);
    expect(a.map((u) => u.id)).toEqual(b.map((u) => u.id));
    expect(a.map((u) => u.name)).not.toEqual(b.map((u) => u.name));
  });

  it('stamps units with the given updatedAt', () => {
    const stamp = '2026-03-01T00:00:00.000Z-0000-province';
    expect(
      new Set(generateNetwork({ ...small, updatedAt: stamp }).map((u) => u.updatedAt)),
    ).toEqual(new Set([stamp]));
  });
});

describe('duty names shared with the topic taxonomy', () => {
  it.each(TOPICS.filter((t) => t.defaultUnitName !== undefined).map((t) => [t.code, t] as const))(
    '%s names a county unit of the right level',
    (_code, topic) => {
      const list =
        topic.defaultUnitLevel === 'enterprise' ? COUNTY_ENTERPRISES : COUNTY_DEPARTMENTS;
      expect(list.map((d) => d.name)).toContain(topic.defaultUnitName);
    },
  );
});
