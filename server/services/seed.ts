/**
 * @module
 * Seeds an empty store with the demo network: org units, one user per role at
 * several levels (all with the demo password), the dispatch catalogue, and a
 * few hundred demo tickets in every state with their callers' contacts.
 */

import {
  catalogueGrants,
  contactGrants,
  everyoneGrants,
  ownedGrants,
  ticketGrants,
  userGrants,
} from '../../shared/domain/access';
import { demoUsers, generateDemoTickets } from '../../shared/domain/demo/demo-tickets';
import { demoKbRecords } from '../../shared/domain/demo/kb-articles';
import { demoNetwork } from '../../shared/domain/org/demo-network';
import { generateDispatchCatalogue } from '../../shared/domain/org/dispatch-catalogue';
import { buildOrgTree } from '../../shared/domain/org/tree';
import { ticketDocFromEvents } from '../../shared/domain/ticket/projection';
import { formatHlc } from '../../shared/lib/hlc';
import type { CallerContact, User } from '../../shared/schema/records';
import type { Store } from '../storage/types';
import { hashPassword } from './auth';
import type { Directory } from './directory';

export const DEMO_PASSWORD = 'lianxin2026';

export interface SeedOptions {
  tickets: number;
  networkSecret: string;
  now?: number;
  seed?: number;
}

/** Seeds only when the store holds no org units; returns what it wrote. */
export async function seedDemo(
  store: Store,
  directory: Directory,
  options: SeedOptions,
): Promise<{ units: number; users: number; tickets: number } | null> {
  if ((await store.allDocs('units')).length > 0) return null;
  const now = options.now ?? Date.now();
  const stamp = formatHlc({ millis: now, counter: 0, node: 'seed' });
  const units = demoNetwork();
  const tree = buildOrgTree(units);
  // One hash for every demo account: argon2id is deliberately slow.
  const hash = await hashPassword(DEMO_PASSWORD);
  const users: User[] = demoUsers(units).map((u) => ({
    id: u.id,
    name: u.name,
    unitId: u.unitId,
    roles: u.roles,
    active: true,
    kind: 'person',
    passwordHash: hash,
    updatedAt: stamp,
  }));
  // A credential for the server of every city and county: it logs in upstream as its unit.
  for (const unit of units) {
    if (unit.kind !== 'centre' || unit.parentId === null) continue;
    users.push({
      id: `${unit.id}-srv`,
      name: `${unit.shortName}服务器`,
      unitId: unit.id,
      roles: ['admin'],
      active: true,
      kind: 'server',
      passwordHash: hash,
      updatedAt: stamp,
    });
  }
  const catalogue = generateDispatchCatalogue(tree, stamp);
  await directory.reload();
  const calendar = directory.calendar();
  const tickets = generateDemoTickets({
    units,
    count: options.tickets,
    seed: options.seed ?? 20261125,
    now,
    networkSecret: options.networkSecret,
  });

  await store.transact(async (tx) => {
    await tx.writeDocs(
      'units',
      units.map((u) => ({
        id: u.id,
        data: JSON.stringify(u),
        grants: everyoneGrants(tree),
        origin: 'seed',
      })),
    );
    await tx.writeDocs(
      'users',
      users.map((u) => ({
        id: u.id,
        data: JSON.stringify(u),
        grants: userGrants(u, tree),
        origin: 'seed',
      })),
    );
    await tx.writeDocs(
      'catalogue',
      catalogue.map((r) => ({
        id: r.id,
        data: JSON.stringify(r),
        grants: catalogueGrants(r, tree),
        origin: 'seed',
      })),
    );
    const docs = tickets.map((t) => ticketDocFromEvents(t.ticketId, t.events, calendar));
    await tx.writeDocs(
      'tickets',
      docs.map((d) => ({
        id: d.id,
        data: JSON.stringify(d),
        grants: ticketGrants(d, tree),
        origin: 'seed',
      })),
    );
    const contacts: {
      id: string;
      data: string;
      grants: ReturnType<typeof contactGrants>;
      origin: string;
    }[] = [];
    tickets.forEach((t, i) => {
      const doc = docs[i];
      if (!t.contact || !doc) return;
      const at = doc.events[0]?.at ?? stamp;
      const contact: CallerContact = {
        id: t.ticketId,
        ...t.contact,
        stamps: { name: at, phone: at, address: at, employer: at },
        updatedAt: at,
      };
      contacts.push({
        id: t.ticketId,
        data: JSON.stringify(contact),
        grants: contactGrants(doc, tree),
        origin: 'seed',
      });
    });
    await tx.writeDocs('contacts', contacts);
    await tx.writeDocs(
      'ydocs',
      demoKbRecords(now, stamp).map((r) => ({
        id: r.id,
        data: JSON.stringify(r),
        grants: ownedGrants(r.unitId, tree),
        origin: 'seed',
      })),
    );
  });
  await directory.reload();
  return { units: units.length, users: users.length, tickets: tickets.length };
}
