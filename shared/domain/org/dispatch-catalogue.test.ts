import { describe, expect, it } from 'vitest';
import { TOPICS } from '../topics';
import { benchNetwork, demoNetwork } from './demo-network';
import {
  type DispatchRule,
  DispatchRuleSchema,
  generateDispatchCatalogue,
  suggestUnits,
} from './dispatch-catalogue';
import { buildOrgTree, isAncestorOrSelf, nearestCentre, type OrgTree } from './tree';

const tree = buildOrgTree(demoNetwork());
const catalogue = generateDispatchCatalogue(tree);

const rule = (
  topicCode: string,
  areaUnitId: string,
  unitId: string,
  active = true,
): DispatchRule => ({
  id: `${areaUnitId}/${topicCode}/${unitId}`,
  topicCode,
  areaUnitId,
  unitId,
  active,
  updatedAt: '',
});

describe('suggestUnits with hand-written rules', () => {
  const rules = [
    rule('gas', 'c01', 'c01-e01'),
    rule('gas', 'c01-k02', 'c01-k02-e02'),
    rule('heating', 'p', 'p-d01'),
    rule('noise', 'c01-k02-t05', 'c01-k02-t05'),
    rule('noise', 'c01-k02', 'c01-k02-d04'),
    rule('pollution', 'c01-k02', 'c01-k02-d02'),
    rule('pollution', 'c01-k02', 'c01-k02-d01'),
    rule('wage-arrears', 'c01-k02', 'c01-k02-d02', false),
    rule('wage-arrears', 'c01', 'c01-d01'),
    rule('food-safety', 'c01-k02', 'ghost-unit'),
  ];

  it.each([
    ['the area itself beats its county', 'noise', 'c01-k02-t05', ['c01-k02-t05']],
    [
      'a township without its own rule falls back to its county',
      'noise',
      'c01-k02-t04',
      ['c01-k02-d04'],
    ],
    ['the county beats the city', 'gas', 'c01-k02-t01', ['c01-k02-e02']],
    ['another county falls back to the city', 'gas', 'c01-k01-t01', ['c01-e01']],
    ['a centre area is its own most specific area', 'gas', 'c01-k02', ['c01-k02-e02']],
    ['the province rule covers every city', 'heating', 'c03-k02-t02', ['p-d01']],
    ['another city gets nothing from c01', 'gas', 'c02-k01', []],
    [
      'several units at one area, sorted',
      'pollution',
      'c01-k02-t03',
      ['c01-k02-d01', 'c01-k02-d02'],
    ],
    ['an inactive rule falls through to the ancestor', 'wage-arrears', 'c01-k02-t02', ['c01-d01']],
    ['a rule naming an unknown unit is skipped', 'food-safety', 'c01-k02-t02', []],
    ['an unknown topic', 'drone-delivery', 'c01-k02-t02', []],
    ['an unknown area has no ancestors', 'heating', 'nowhere', []],
  ])('%s', (_label, topic, area, expected) => {
    expect(suggestUnits(tree, rules, topic, area)).toEqual(expected);
  });

  it('skips a unit that has been made inactive', () => {
    const units = demoNetwork().map((u) => (u.id === 'c01-k02-e02' ? { ...u, active: false } : u));
    expect(suggestUnits(buildOrgTree(units), rules, 'gas', 'c01-k02-t01')).toEqual(['c01-e01']);
  });

  it('ignores the order of the rules', () => {
    expect(suggestUnits(tree, [...rules].reverse(), 'pollution', 'c01-k02')).toEqual([
      'c01-k02-d01',
      'c01-k02-d02',
    ]);
  });
});

describe('generateDispatchCatalogue on the demo network', () => {
  it.each([
    [
      'property management → the county housing bureau',
      'property-management',
      'c01-k02-t03',
      'c01-k02-d01',
    ],
    ['wage arrears → the county HR bureau', 'wage-arrears', 'c02-k01-t01', 'c02-k01-d02'],
    ['water → the county water company', 'water-supply', 'c03-k02-t05', 'c03-k02-e01'],
    [
      'electricity → the city power company (no county one)',
      'electricity',
      'c01-k02-t01',
      'c01-e01',
    ],
    ['street vending → the township itself', 'street-vending', 'c02-k02-t04', 'c02-k02-t04'],
  ])('%s', (_label, topic, area, expected) => {
    expect(suggestUnits(tree, catalogue, topic, area)).toEqual([expected]);
  });

  it.each([
    ['heating: no heating company in the demo', 'heating', 'c01-k02-t01'],
    ['a township matter with no township named', 'noise', 'c01-k02'],
  ])('suggests nothing for %s', (_label, topic, area) => {
    expect(suggestUnits(tree, catalogue, topic, area)).toEqual([]);
  });

  it('writes valid rules over known topics, areas and handling units', () => {
    const codes = new Set(TOPICS.map((t) => t.code));
    for (const r of catalogue) {
      expect(DispatchRuleSchema.parse(r)).toEqual(r);
      expect(codes.has(r.topicCode)).toBe(true);
      const area = tree.get(r.areaUnitId);
      expect(area?.kind === 'centre' || area?.level === 'township').toBe(true);
      expect(tree.get(r.unitId)?.kind).toBe('handling');
    }
    expect(new Set(catalogue.map((r) => r.id)).size).toBe(catalogue.length);
  });

  it('never pushes a department duty down to a township (职能部门职责不得下推乡镇)', () => {
    for (const r of catalogue.filter((x) => tree.get(x.unitId)?.level === 'township')) {
      expect(TOPICS.find((t) => t.code === r.topicCode)?.defaultUnitLevel).toBe('township');
    }
  });
});

describe('generateDispatchCatalogue on the bench network', () => {
  const big: OrgTree = buildOrgTree(benchNetwork());
  const rules = generateDispatchCatalogue(big);
  const townships = big.all().filter((u) => u.level === 'township');

  it('only ever suggests the township itself or a unit of a centre above it', () => {
    for (const township of townships) {
      for (const topic of TOPICS) {
        for (const unitId of suggestUnits(big, rules, topic.code, township.id)) {
          if (unitId === township.id) continue;
          expect(isAncestorOrSelf(big, nearestCentre(big, unitId), township.id)).toBe(true);
        }
      }
    }
  });

  it('sends a department matter to the county department when the county has one', () => {
    for (const township of townships) {
      const county = township.parentId ?? '';
      for (const topic of TOPICS.filter((t) => t.defaultUnitName !== undefined)) {
        const own = big
          .children(county)
          .filter((u) => u.kind === 'handling' && u.name.endsWith(topic.defaultUnitName ?? ''));
        if (own.length === 0) continue;
        expect(suggestUnits(big, rules, topic.code, township.id)).toEqual(own.map((u) => u.id));
      }
    }
  });
});
