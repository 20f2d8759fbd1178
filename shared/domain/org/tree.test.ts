import { describe, expect, it } from 'vitest';
import type { OrgLevel, OrgUnit } from '../../schema/org-unit';
import { benchNetwork, demoNetwork } from './demo-network';
import {
  ancestors,
  buildOrgTree,
  canSee,
  isAncestorOrSelf,
  nearestCentre,
  OrgTreeError,
  type OrgTreeErrorReason,
  pathNames,
  subtree,
  visibleUnits,
} from './tree';

const unit = (id: string, parentId: string | null, level: OrgLevel = 'township'): OrgUnit => ({
  id,
  parentId,
  level,
  kind: level === 'province' || level === 'city' || level === 'county' ? 'centre' : 'handling',
  name: id,
  shortName: id,
  code: '',
  active: true,
  updatedAt: '',
});

// The demo network: p → c01 → c01-k02 → c01-k02-t05, with siblings at every level.
const tree = buildOrgTree(demoNetwork());
// Taken by the city centre, dispatched to the county centre, then to a township.
const chain = ['c01', 'c01-k02', 'c01-k02-t05'];

describe('buildOrgTree', () => {
  it('indexes every unit, children sorted by id, all() in pre-order', () => {
    expect(tree.root.id).toBe('p');
    expect(tree.all()).toHaveLength(90);
    expect(tree.get('c01-k02-t05')?.level).toBe('township');
    expect(tree.has('c01-k09')).toBe(false);
    expect(tree.get('c01-k09')).toBeUndefined();
    expect(tree.children('c01').map((u) => u.id)).toEqual([
      'c01-d01',
      'c01-e01',
      'c01-k01',
      'c01-k02',
    ]);
    expect(tree.children('c01-k02-t05')).toEqual([]);
    expect(tree.children('nowhere')).toEqual([]);
    const order = tree.all().map((u) => u.id);
    expect(order.slice(0, 3)).toEqual(['p', 'c01', 'c01-d01']);
    for (const u of tree.all()) {
      if (u.parentId !== null) expect(order.indexOf(u.parentId)).toBeLessThan(order.indexOf(u.id));
    }
  });

  it('does not depend on the order units arrive in', () => {
    const shuffled = [...demoNetwork()].reverse();
    expect(buildOrgTree(shuffled).all()).toEqual(tree.all());
  });

  it.each<[string, OrgUnit[], OrgTreeErrorReason, string[]]>([
    ['no units', [], 'empty', []],
    ['a duplicate id', [unit('p', null), unit('a', 'p'), unit('a', 'p')], 'duplicate-id', ['a']],
    ['a missing parent', [unit('p', null), unit('a', 'ghost')], 'missing-parent', ['a', 'ghost']],
    ['two roots', [unit('p', null), unit('q', null), unit('a', 'p')], 'two-roots', ['p', 'q']],
    [
      'a cycle beside the root',
      [unit('p', null), unit('a', 'c'), unit('b', 'a'), unit('c', 'b'), unit('d', 'c')],
      'cycle',
      ['a', 'c', 'b', 'a'],
    ],
    ['a cycle and no root', [unit('a', 'b'), unit('b', 'a')], 'cycle', ['a', 'b', 'a']],
    ['a self-loop', [unit('p', null), unit('a', 'a')], 'cycle', ['a', 'a']],
  ])('refuses %s', (_label, units, reason, unitIds) => {
    let caught: unknown;
    try {
      buildOrgTree(units);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OrgTreeError);
    expect((caught as OrgTreeError).reason).toBe(reason);
    expect((caught as OrgTreeError).unitIds).toEqual(unitIds);
    expect((caught as OrgTreeError).message.length).toBeGreaterThan(10);
  });

  // Speed is measured in bench/, never by timed unit tests; this checks scale.
  it('builds a province-sized tree', () => {
    const units = benchNetwork();
    const big = buildOrgTree(units);
    expect(big.all()).toHaveLength(units.length);
    expect(units.every((u) => ancestors(big, u.id).at(-1) === 'p' || u.id === 'p')).toBe(true);
  });
});

describe('ancestry', () => {
  it.each([
    ['p', []],
    ['c01', ['p']],
    ['c01-k02', ['c01', 'p']],
    ['c01-k02-t05', ['c01-k02', 'c01', 'p']],
    ['p-d01', ['p']],
  ])('ancestors(%s)', (id, expected) => {
    expect(ancestors(tree, id)).toEqual(expected);
  });

  it('hands out copies, so callers cannot corrupt the cache', () => {
    ancestors(tree, 'c01-k02-t05').push('c02');
    expect(ancestors(tree, 'c01-k02-t05')).toEqual(['c01-k02', 'c01', 'p']);
  });

  it.each([
    ['p', 'c01-k02-t05', true],
    ['c01', 'c01-k02-t05', true],
    ['c01-k02-t05', 'c01-k02-t05', true],
    ['c01-k02-t05', 'c01', false],
    ['c02', 'c01-k02-t05', false],
    ['c01-k01', 'c01-k02-t05', false],
    ['ghost', 'ghost', true],
    ['p', 'ghost', false],
  ])('isAncestorOrSelf(%s, %s) = %s', (ancestor, id, expected) => {
    expect(isAncestorOrSelf(tree, ancestor, id)).toBe(expected);
  });

  it('subtree holds the unit and everything below it', () => {
    const county = subtree(tree, 'c01-k02');
    expect(county.size).toBe(13);
    expect(county.has('c01-k02')).toBe(true);
    expect(county.has('c01-k02-e02')).toBe(true);
    expect(county.has('c01')).toBe(false);
    expect(county.has('c01-k01-t01')).toBe(false);
    expect(subtree(tree, 'p').size).toBe(90);
    expect([...subtree(tree, 'c01-k02-t05')]).toEqual(['c01-k02-t05']);
  });

  it.each([
    ['c01-k02-t05', 'c01-k02'],
    ['c01-k02-d03', 'c01-k02'],
    ['c01-k02', 'c01-k02'],
    ['c01-e01', 'c01'],
    ['p-d02', 'p'],
    ['p', 'p'],
  ])('nearestCentre(%s) = %s', (id, centre) => {
    expect(nearestCentre(tree, id)).toBe(centre);
  });

  it('nearestCentre refuses a unit with no centre above it', () => {
    const odd = buildOrgTree([unit('x', null, 'department'), unit('y', 'x')]);
    expect(() => nearestCentre(odd, 'y')).toThrow(OrgTreeError);
  });

  it('pathNames runs from the root down, in either name form', () => {
    const names = pathNames(tree, 'c01-k02-t05');
    expect(names).toHaveLength(4);
    expect(names[0]).toMatch(/省12345政务服务热线中心$/);
    expect(names[3]).toBe(tree.get('c01-k02-t05')?.name);
    expect(pathNames(tree, 'c01-k02-t05', 'shortName')[2]).toMatch(/[县区]热线办$/);
    expect(pathNames(tree, 'p')).toEqual([tree.root.name]);
  });

  it.each([
    ['ancestors', () => ancestors(tree, 'ghost')],
    ['subtree', () => subtree(tree, 'ghost')],
    ['nearestCentre', () => nearestCentre(tree, 'ghost')],
    ['pathNames', () => pathNames(tree, 'ghost')],
  ])('%s refuses an unknown unit', (_name, call) => {
    expect(call).toThrow(expect.objectContaining({ reason: 'unknown-unit' }));
  });
});

describe('visibility of a ticket city → county → township', () => {
  it('is exactly the chain and its ancestors', () => {
    expect([...visibleUnits(tree, chain)].sort()).toEqual(['c01', 'c01-k02', 'c01-k02-t05', 'p']);
  });

  it.each([
    ['the township handling it', 'c01-k02-t05', true],
    ['the county centre', 'c01-k02', true],
    ['the city centre that took it', 'c01', true],
    ['the province centre', 'p', true],
    ['a sibling township', 'c01-k02-t04', false],
    ['a department of the same county', 'c01-k02-d01', false],
    ['a utility of the same county', 'c01-k02-e01', false],
    ['another county of the city', 'c01-k01', false],
    ['a township of another county', 'c01-k01-t05', false],
    ['another city', 'c02', false],
    ['a county of another city', 'c02-k02', false],
    ['a city department', 'c01-d01', false],
    ['a province department', 'p-d01', false],
  ])('%s (%s): %s', (_label, unitId, expected) => {
    expect(canSee(tree, unitId, chain)).toBe(expected);
    expect(visibleUnits(tree, chain).has(unitId)).toBe(expected);
  });

  it('widens when the township hands part of it to a department (chains only grow)', () => {
    const grown = [...chain, 'c01-k02-d01'];
    expect(canSee(tree, 'c01-k02-d01', grown)).toBe(true);
    expect(canSee(tree, 'c01-k02-t04', grown)).toBe(false);
  });

  it('shows a ticket on an unknown unit to that unit only', () => {
    expect([...visibleUnits(tree, ['not-yet-replicated'])]).toEqual(['not-yet-replicated']);
    expect(canSee(tree, 'not-yet-replicated', ['not-yet-replicated'])).toBe(true);
    expect(canSee(tree, 'p', ['not-yet-replicated'])).toBe(false);
  });

  it('sees nothing on an empty chain', () => {
    expect(visibleUnits(tree, []).size).toBe(0);
    expect(canSee(tree, 'p', [])).toBe(false);
  });
});
