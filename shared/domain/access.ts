/**
 * @module
 * Who may hold each replicated record: the grants a server stores beside every
 * record and filters every pull, push and stream frame by. Three modes:
 * - `read`: users of exactly this unit may read it;
 * - `relay`: a server serving this unit's subtree must hold it to pass it on,
 *   but no user of this unit may read it (caller contacts above their readers);
 * - `subtree`: users of this unit and every unit below it may read it.
 * A unit's tablets pull `read` rows of their unit and `subtree` rows of their
 * unit and its ancestors; a server pulls the same plus `relay` rows.
 */

import type { OrgUnit } from '../schema/org-unit';
import type { CallerContact, Notice, User, YDocRecord } from '../schema/records';
import type { TicketDoc } from '../schema/ticket-doc';
import type { DispatchRule } from './org/dispatch-catalogue';
import { ancestors, nearestCentre, type OrgTree, visibleUnits } from './org/tree';

export type GrantMode = 'read' | 'relay' | 'subtree';
export interface Grant {
  unitId: string;
  mode: GrantMode;
}

function withAncestors(tree: OrgTree, unitIds: Iterable<string>, mode: GrantMode): Grant[] {
  const read = new Set(unitIds);
  const grants: Grant[] = [...read].map((unitId) => ({ unitId, mode }));
  const above = new Set<string>();
  for (const id of read) {
    if (!tree.has(id)) continue;
    for (const a of ancestors(tree, id)) if (!read.has(a)) above.add(a);
  }
  for (const unitId of above) grants.push({ unitId, mode: mode === 'read' ? 'relay' : 'read' });
  return grants;
}

/** A ticket: every unit on its routing chain and all of their ancestors. */
export function ticketGrants(doc: Pick<TicketDoc, 'chain'>, tree: OrgTree): Grant[] {
  return [...visibleUnits(tree, doc.chain)].map((unitId) => ({ unitId, mode: 'read' as const }));
}

/**
 * The caller's contact (DESIGN.md, "Caller contact"): the centre that took the
 * call always; the units dispatched to only when the ticket is not
 * confidential; nobody else. Units above them only relay it.
 */
export function contactReaders(
  ticket: Pick<TicketDoc, 'centreId' | 'chain' | 'confidential'>,
): string[] {
  return ticket.confidential ? [ticket.centreId] : [...new Set([ticket.centreId, ...ticket.chain])];
}

export function contactGrants(
  ticket: Pick<TicketDoc, 'centreId' | 'chain' | 'confidential'>,
  tree: OrgTree,
): Grant[] {
  return withAncestors(tree, contactReaders(ticket), 'read');
}

/** Staff of a unit are known to their unit and the units above it. */
export function userGrants(user: Pick<User, 'unitId'>, tree: OrgTree): Grant[] {
  return withAncestors(tree, [user.unitId], 'read').map((g) => ({
    unitId: g.unitId,
    mode: 'read',
  }));
}

/** The org tree and the calendar are known to everyone. */
export function everyoneGrants(tree: OrgTree): Grant[] {
  return [{ unitId: tree.root.id, mode: 'subtree' }];
}

/** Owned records (knowledge base, rosters, notices): the owner's subtree and the units above it. */
export function ownedGrants(ownerUnitId: string, tree: OrgTree): Grant[] {
  if (!tree.has(ownerUnitId)) return [];
  return [
    { unitId: ownerUnitId, mode: 'subtree' },
    ...ancestors(tree, ownerUnitId).map((unitId) => ({ unitId, mode: 'read' as const })),
  ];
}

/** Dispatch rules belong to the centre responsible for the area. */
export function catalogueGrants(rule: Pick<DispatchRule, 'areaUnitId'>, tree: OrgTree): Grant[] {
  if (!tree.has(rule.areaUnitId)) return [];
  return ownedGrants(nearestCentre(tree, rule.areaUnitId), tree);
}

export type RecordGrants = {
  units: (r: OrgUnit) => Grant[];
  users: (r: User) => Grant[];
  tickets: (r: TicketDoc) => Grant[];
  contacts: (r: CallerContact, ticket: TicketDoc | undefined) => Grant[];
  ydocs: (r: YDocRecord) => Grant[];
  notices: (r: Notice) => Grant[];
};

/** The unit ids whose `subtree` grants reach a unit: itself and its ancestors. */
export function subtreeGrantHolders(tree: OrgTree, unitId: string): string[] {
  return tree.has(unitId) ? [unitId, ...ancestors(tree, unitId)] : [unitId];
}
