/**
 * @module
 * The server's view of the slowly changing records every request needs: the
 * org tree, the users and the working-day calendar. Loaded from storage at
 * boot and rebuilt when those collections change (locally or by replication).
 */

import { createCalendar, type WorkingCalendar } from '../../shared/domain/calendar';
import { buildOrgTree, type OrgTree } from '../../shared/domain/org/tree';
import { type CalendarYear, CalendarYearSchema } from '../../shared/schema/calendar-year';
import { type OrgUnit, OrgUnitSchema } from '../../shared/schema/org-unit';
import { type User, UserSchema } from '../../shared/schema/records';
import { logger } from '../logger';
import type { Store } from '../storage/types';

export interface Directory {
  tree(): OrgTree;
  calendar(): WorkingCalendar;
  user(id: string): User | undefined;
  /** reloads everything from storage */
  reload(): Promise<void>;
  stop(): void;
}

function parseAll<T>(rows: { data: string }[], parse: (v: unknown) => T | null): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const v = parse(JSON.parse(row.data));
    if (v !== null) out.push(v);
  }
  return out;
}

export async function openDirectory(store: Store): Promise<Directory> {
  let tree: OrgTree | null = null;
  let calendar = createCalendar();
  let users = new Map<string, User>();

  async function loadUnits() {
    const units = parseAll<OrgUnit>(
      await store.allDocs('units'),
      (v) => OrgUnitSchema.safeParse(v).data ?? null,
    );
    if (units.length > 0) tree = buildOrgTree(units);
  }
  async function loadUsers() {
    const list = parseAll<User>(
      await store.allDocs('users'),
      (v) => UserSchema.safeParse(v).data ?? null,
    );
    users = new Map(list.map((u) => [u.id, u]));
  }
  async function loadCalendar() {
    const years = parseAll<CalendarYear>(
      await store.allDocs('calendar'),
      (v) => CalendarYearSchema.safeParse(v).data ?? null,
    );
    calendar = createCalendar(years);
  }

  await Promise.all([loadUnits(), loadUsers(), loadCalendar()]);

  // Reload lazily and coalesced: a burst of replicated changes costs one reload.
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const off = store.onChange((n) => {
    if (n.collection !== 'units' && n.collection !== 'users' && n.collection !== 'calendar') return;
    pending.add(n.collection);
    timer ??= setTimeout(() => {
      timer = null;
      const todo = [...pending];
      pending.clear();
      Promise.all(
        todo.map((c) =>
          c === 'units' ? loadUnits() : c === 'users' ? loadUsers() : loadCalendar(),
        ),
      ).catch((e: unknown) => logger.error('directory reload failed', { error: String(e) }));
    }, 20);
  });

  return {
    tree() {
      if (!tree) throw new Error('the org network is empty: seed or replicate the units first');
      return tree;
    },
    calendar: () => calendar,
    user: (id) => users.get(id),
    async reload() {
      await Promise.all([loadUnits(), loadUsers(), loadCalendar()]);
    },
    stop() {
      off();
      if (timer) clearTimeout(timer);
    },
  };
}
