/**
 * @module
 * The signed-in workspace: the local database of the current user and unit,
 * its sync with the server, and the slowly changing reference data every
 * screen needs (the org tree, the dispatch catalogue). Opened when a session
 * appears (sign-in or offline unlock), closed when it goes.
 */

import { createEffect, createRoot, createSignal, on } from 'solid-js';
import type { DispatchRule } from '../../shared/domain/org/dispatch-catalogue';
import { buildOrgTree, type OrgTree } from '../../shared/domain/org/tree';
import type { OrgUnit } from '../../shared/schema/org-unit';
import { type LianxinDb, openLianxinDb } from '../data/db';
import { currentSession, type Session } from '../features/login/session-adapter';
import { type SyncController, startSync } from '../sync/status';

export interface Workspace {
  session: Session;
  db: LianxinDb;
  sync: SyncController;
  /** the org tree, once the units have arrived (first sync) */
  tree: () => OrgTree | null;
  catalogue: () => DispatchRule[];
  unitName: (unitId: string) => string;
  /** a colleague's name from the replicated `users` (the id when this device holds none) */
  userName: (userId: string) => string;
}

const [workspace, setWorkspace] = createSignal<Workspace | null>(null);

/** The open workspace, or null while signed out or opening. */
export { workspace };

async function open(session: Session): Promise<Workspace> {
  const db = await openLianxinDb({ userId: session.user.id, unitId: session.user.unitId });
  // The session layer is loaded on first use (see session-adapter), not with the app.
  const { sessionManager } = await import('../sync/session');
  const sync = await startSync(db, sessionManager());
  const [tree, setTree] = createSignal<OrgTree | null>(null);
  const [catalogue, setCatalogue] = createSignal<DispatchRule[]>([]);
  const [users, setUsers] = createSignal<ReadonlyMap<string, string>>(new Map());
  db.collection('units')
    .find()
    .$.subscribe((docs) => {
      const units = docs.map((d) => d.toJSON() as unknown as OrgUnit);
      try {
        setTree(units.length > 0 ? buildOrgTree(units) : null);
      } catch {
        // a partial tree mid-sync: keep the last whole one
      }
    });
  db.collection('catalogue')
    .find()
    .$.subscribe((docs) => setCatalogue(docs.map((d) => d.toJSON() as unknown as DispatchRule)));
  db.collection('users')
    .find()
    .$.subscribe((docs) =>
      setUsers(new Map(docs.map((d) => [d.id, String(d.get('name') ?? d.id)]))),
    );
  return {
    session,
    db,
    sync,
    tree,
    catalogue,
    unitName: (unitId) => tree()?.get(unitId)?.name ?? unitId,
    userName: (userId) => users().get(userId) ?? userId,
  };
}

createRoot(() => {
  createEffect(
    on(
      () => currentSession()?.user.id ?? null,
      (userId) => {
        const previous = workspace();
        setWorkspace(null);
        if (previous) void previous.sync.stop().then(() => previous.db.close());
        const s = currentSession();
        if (!userId || !s) return;
        open(s).then(
          (w) => (currentSession()?.user.id === userId ? setWorkspace(w) : void w.db.close()),
          (e: unknown) => console.error('could not open the workspace', e),
        );
      },
    ),
  );
});
