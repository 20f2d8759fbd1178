/**
 * @module
 * The org tree (province → city → county centres, handling units under them)
 * and the ancestry questions asked of it on every ticket of every pull: who
 * sits above whom, and which units may see a ticket given its routing chain.
 */
import type { OrgUnit } from '../../schema/org-unit';

/** Why a set of units does not form one tree, or why a lookup failed. */
export type OrgTreeErrorReason =
  | 'empty'
  | 'duplicate-id'
  | 'missing-parent'
  | 'two-roots'
  | 'cycle'
  | 'unknown-unit'
  | 'no-centre';

/** Thrown when units do not form a single tree, or a query names a unit the tree lacks. */
export class OrgTreeError extends Error {
  override readonly name = 'OrgTreeError';
  constructor(
    readonly reason: OrgTreeErrorReason,
    message: string,
    /** The units involved, e.g. both roots or the members of a cycle. */
    readonly unitIds: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A validated, immutable org tree. Build one with {@link buildOrgTree}. */
export interface OrgTree {
  readonly root: OrgUnit;
  get(id: string): OrgUnit | undefined;
  has(id: string): boolean;
  /** Direct children, ordered by id; `[]` for a leaf or an unknown id. */
  children(id: string): readonly OrgUnit[];
  /** Every unit in pre-order from the root, children ordered by id. */
  all(): readonly OrgUnit[];
}

const byId = (a: OrgUnit, b: OrgUnit): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Checks that `units` form exactly one tree and indexes it.
 * Inactive units stay in the tree: old tickets still name them on their chains.
 *
 * @throws {OrgTreeError} on no units, a duplicate id, a missing parent, two roots or a cycle.
 * @example
 * const tree = buildOrgTree(demoNetwork());
 * tree.root.id; // 'p'
 */
export function buildOrgTree(units: readonly OrgUnit[]): OrgTree {
  if (units.length === 0) throw new OrgTreeError('empty', 'an org tree needs at least one unit');

  const index = new Map<string, OrgUnit>();
  for (const unit of units) {
    if (index.has(unit.id)) {
      throw new OrgTreeError('duplicate-id', `duplicate org unit id "${unit.id}"`, [unit.id]);
    }
    index.set(unit.id, unit);
  }

  const roots: OrgUnit[] = [];
  const childLists = new Map<string, OrgUnit[]>();
  for (const unit of units) {
    if (unit.parentId === null) {
      roots.push(unit);
      continue;
    }
    if (!index.has(unit.parentId)) {
      throw new OrgTreeError(
        'missing-parent',
        `org unit "${unit.id}" names parent "${unit.parentId}", which does not exist`,
        [unit.id, unit.parentId],
      );
    }
    const siblings = childLists.get(unit.parentId);
    if (siblings) siblings.push(unit);
    else childLists.set(unit.parentId, [unit]);
  }

  const [root, second] = roots;
  if (second) {
    const ids = roots.map((r) => r.id);
    throw new OrgTreeError('two-roots', `org tree has more than one root: ${ids.join(', ')}`, ids);
  }
  if (!root) {
    // With no root every unit names a parent, so the first one leads into a cycle.
    const cycle = findCycle(index, (units[0] as OrgUnit).id);
    throw new OrgTreeError(
      'cycle',
      `org units form a cycle and no root: ${cycle.join(' → ')}`,
      cycle,
    );
  }
  for (const list of childLists.values()) list.sort(byId);

  // Every unit has an existing parent and there is one root, so whatever the
  // walk from the root does not reach hangs off a cycle.
  const ordered: OrgUnit[] = [];
  const stack: OrgUnit[] = [root];
  for (let unit = stack.pop(); unit; unit = stack.pop()) {
    ordered.push(unit);
    const kids = childLists.get(unit.id);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as OrgUnit);
  }
  if (ordered.length !== units.length) {
    const reached = new Set(ordered.map((u) => u.id));
    const stray = units.find((u) => !reached.has(u.id)) as OrgUnit;
    const cycle = findCycle(index, stray.id);
    throw new OrgTreeError('cycle', `org units form a cycle: ${cycle.join(' → ')}`, cycle);
  }

  const frozen = Object.freeze(ordered);
  const empty: readonly OrgUnit[] = Object.freeze([]);
  return {
    root,
    get: (id) => index.get(id),
    has: (id) => index.has(id),
    children: (id) => childLists.get(id) ?? empty,
    all: () => frozen,
  };
}

/** Follows parents from `start` until an id repeats; returns the repeating loop. */
function findCycle(index: ReadonlyMap<string, OrgUnit>, start: string): string[] {
  const path: string[] = [];
  const seen = new Map<string, number>();
  let id: string | null = start;
  while (id !== null && !seen.has(id)) {
    seen.set(id, path.length);
    path.push(id);
    id = index.get(id)?.parentId ?? null;
  }
  return id === null ? path : [...path.slice(seen.get(id)), id];
}

// Ancestor lists are asked for per ticket per pull; compute each once per tree.
const ancestorCache = new WeakMap<OrgTree, Map<string, readonly string[]>>();

function cachedAncestors(tree: OrgTree, id: string): readonly string[] {
  let cache = ancestorCache.get(tree);
  if (!cache) {
    cache = new Map();
    ancestorCache.set(tree, cache);
  }
  const hit = cache.get(id);
  if (hit) return hit;
  const unit = tree.get(id);
  if (!unit) throw new OrgTreeError('unknown-unit', `unknown org unit "${id}"`, [id]);
  // The tree is acyclic (buildOrgTree checked), so the recursion ends at the root.
  const result: readonly string[] =
    unit.parentId === null
      ? Object.freeze([])
      : Object.freeze([unit.parentId, ...cachedAncestors(tree, unit.parentId)]);
  cache.set(id, result);
  return result;
}

/**
 * The ancestors of a unit, nearest first, the unit itself excluded.
 *
 * @throws {OrgTreeError} `unknown-unit` when the tree has no such unit.
 * @example
 * ancestors(tree, 'c01-k02-t05'); // ['c01-k02', 'c01', 'p']
 */
export function ancestors(tree: OrgTree, id: string): string[] {
  return [...cachedAncestors(tree, id)];
}

/**
 * Whether `ancestorId` is `id` or one of its ancestors. An unknown `id` has no
 * ancestors, so the answer is then only "is it the same id".
 *
 * @example
 * isAncestorOrSelf(tree, 'c01', 'c01-k02-t05'); // true
 * isAncestorOrSelf(tree, 'c01-k02-t05', 'c01'); // false
 */
export function isAncestorOrSelf(tree: OrgTree, ancestorId: string, id: string): boolean {
  if (ancestorId === id) return true;
  if (!tree.has(id)) return false;
  return cachedAncestors(tree, id).includes(ancestorId);
}

/**
 * A unit and everything below it: the units whose work a server at this
 * unit relays upstream.
 *
 * @throws {OrgTreeError} `unknown-unit` when the tree has no such unit.
 * @example
 * subtree(tree, 'c01-k02').has('c01-k02-t05'); // true
 */
export function subtree(tree: OrgTree, id: string): Set<string> {
  if (!tree.has(id)) throw new OrgTreeError('unknown-unit', `unknown org unit "${id}"`, [id]);
  const result = new Set<string>();
  const stack = [id];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    result.add(next);
    for (const child of tree.children(next)) stack.push(child.id);
  }
  return result;
}

/**
 * The units that see a ticket: every unit on its routing chain and all their
 * ancestors. A chain member this tree does not know (not replicated here yet)
 * still sees it, but brings no ancestors: refusing would stall the whole pull.
 *
 * @example
 * visibleUnits(tree, ['c01', 'c01-k02', 'c01-k02-t05']);
 * // Set { 'c01', 'p', 'c01-k02', 'c01-k02-t05' }
 */
export function visibleUnits(tree: OrgTree, chain: Iterable<string>): Set<string> {
  const result = new Set<string>();
  for (const member of chain) {
    if (result.has(member)) continue;
    result.add(member);
    if (!tree.has(member)) continue;
    for (const up of cachedAncestors(tree, member)) {
      if (result.has(up)) break; // its ancestors are in already
      result.add(up);
    }
  }
  return result;
}

/**
 * Whether `unitId` may see a ticket with this routing chain: it is on the chain
 * or above a unit that is. Same rule as {@link visibleUnits}, without the set.
 *
 * @example
 * canSee(tree, 'c01', ['c01-k02', 'c01-k02-t05']); // true: the city sees its county's work
 * canSee(tree, 'c01-k02-t04', ['c01-k02', 'c01-k02-t05']); // false: a sibling township
 */
export function canSee(tree: OrgTree, unitId: string, chain: Iterable<string>): boolean {
  for (const member of chain) {
    if (member === unitId) return true;
    if (tree.has(member) && cachedAncestors(tree, member).includes(unitId)) return true;
  }
  return false;
}

/**
 * The hotline centre responsible for a unit: itself if it is a centre, else
 * its nearest centre ancestor (the platform that dispatches to it).
 *
 * @throws {OrgTreeError} `unknown-unit`, or `no-centre` when no centre is above it.
 * @example
 * nearestCentre(tree, 'c01-k02-d03'); // 'c01-k02'
 */
export function nearestCentre(tree: OrgTree, unitId: string): string {
  const unit = tree.get(unitId);
  if (!unit) throw new OrgTreeError('unknown-unit', `unknown org unit "${unitId}"`, [unitId]);
  if (unit.kind === 'centre') return unit.id;
  for (const up of cachedAncestors(tree, unitId)) {
    if (tree.get(up)?.kind === 'centre') return up;
  }
  throw new OrgTreeError('no-centre', `no hotline centre above org unit "${unitId}"`, [unitId]);
}

/**
 * Names from the root down to the unit, for breadcrumbs.
 *
 * @throws {OrgTreeError} `unknown-unit` when the tree has no such unit.
 * @example
 * pathNames(tree, 'c01-k02-t05', 'shortName'); // ['沧澜省热线中心', '临江市热线中心', '青川县热线办', '白沙镇']
 */
export function pathNames(
  tree: OrgTree,
  id: string,
  field: 'name' | 'shortName' = 'name',
): string[] {
  const ids = [id, ...cachedAncestors(tree, id)].reverse();
  return ids.map((unitId) => (tree.get(unitId) as OrgUnit)[field]);
}
