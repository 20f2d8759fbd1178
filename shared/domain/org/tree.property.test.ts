import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../schema/org-unit';
import { generateNetwork } from './demo-network';
import {
  ancestors,
  buildOrgTree,
  canSee,
  isAncestorOrSelf,
  nearestCentre,
  type OrgTree,
  subtree,
  visibleUnits,
} from './tree';

/** Small generated networks: every shape the generator can make, cheap enough to run often. */
const networkArb = fc
  .record({
    seed: fc.integer(),
    cities: fc.integer({ min: 0, max: 3 }),
    countiesPerCity: fc.integer({ min: 0, max: 3 }),
    townshipsPerCounty: fc.integer({ min: 0, max: 4 }),
    departmentsPerCounty: fc.integer({ min: 0, max: 3 }),
    enterprisesPerCounty: fc.integer({ min: 0, max: 2 }),
    cityDepartments: fc.integer({ min: 0, max: 2 }),
    provinceDepartments: fc.integer({ min: 0, max: 2 }),
  })
  .map((options) => buildOrgTree(generateNetwork(options)));

/** Arbitrary shapes too (deep lines, wide fans): unit i hangs under some unit before it. */
const shapeArb = fc.array(fc.nat(), { minLength: 0, maxLength: 60 }).map((picks) => {
  const units: OrgUnit[] = [node('n0', null)];
  picks.forEach((pick, i) => {
    units.push(node(`n${i + 1}`, `n${pick % (i + 1)}`));
  });
  // Reversed, so children arrive before their parents.
  return buildOrgTree(units.reverse());
});

function node(id: string, parentId: string | null): OrgUnit {
  return {
    id,
    parentId,
    level: parentId === null ? 'province' : 'township',
    kind: parentId === null ? 'centre' : 'handling',
    name: id,
    shortName: id,
    code: parentId === null ? '1000' : '',
    active: true,
    updatedAt: '',
  };
}

const treeArb = fc.oneof(networkArb, shapeArb);

/** A tree with a routing chain (and a later extension of it) drawn from its units. */
const withChains = treeArb.chain((tree) => {
  const ids = tree.all().map((u) => u.id);
  const id = fc.constantFrom(...ids);
  return fc.record({
    tree: fc.constant(tree),
    chain: fc.array(id, { maxLength: 6 }),
    more: fc.array(id, { maxLength: 4 }),
  });
});

const ancestorsOrSelf = (tree: OrgTree, id: string): string[] => [id, ...ancestors(tree, id)];

describe('org tree properties', () => {
  it('visibleUnits is the union over chain members of ancestors-or-self', () => {
    fc.assert(
      fc.property(withChains, ({ tree, chain }) => {
        const expected = new Set(chain.flatMap((id) => ancestorsOrSelf(tree, id)));
        expect([...visibleUnits(tree, chain)].sort()).toEqual([...expected].sort());
      }),
    );
  });

  it('canSee agrees with visibleUnits and only grows as the chain grows', () => {
    fc.assert(
      fc.property(withChains, ({ tree, chain, more }) => {
        const before = visibleUnits(tree, chain);
        const grown = [...chain, ...more];
        for (const unit of tree.all()) {
          const sees = canSee(tree, unit.id, chain);
          expect(sees).toBe(before.has(unit.id));
          if (sees) expect(canSee(tree, unit.id, grown)).toBe(true);
        }
      }),
    );
  });

  it('x ∈ subtree(y) ⇔ isAncestorOrSelf(y, x)', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const ids = tree.all().map((u) => u.id);
        for (const y of ids) {
          const below = subtree(tree, y);
          for (const x of ids) expect(below.has(x)).toBe(isAncestorOrSelf(tree, y, x));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('ancestors climb parent by parent to the root, nearest first', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        for (const unit of tree.all()) {
          const up = ancestors(tree, unit.id);
          expect(up[0] ?? null).toBe(unit.parentId);
          expect(up.at(-1) ?? unit.id).toBe(tree.root.id);
          up.forEach((id, i) => {
            expect(tree.get(id)?.parentId ?? null).toBe(up[i + 1] ?? null);
          });
        }
      }),
    );
  });

  it('every unit of a generated network answers to a centre above or at it', () => {
    fc.assert(
      fc.property(networkArb, (tree) => {
        for (const unit of tree.all()) {
          const centre = nearestCentre(tree, unit.id);
          expect(tree.get(centre)?.kind).toBe('centre');
          expect(isAncestorOrSelf(tree, centre, unit.id)).toBe(true);
          if (unit.kind === 'handling') expect(tree.get(unit.parentId ?? '')?.kind).toBe('centre');
        }
      }),
    );
  });
});
