/**
 * @module
 * Push and pull for every collection. The server is a thin relay with the
 * domain's rules from `shared/`: tickets merge by the union of their events
 * (new events checked one by one, existing ones immutable, the projection
 * recomputed), the other records merge last-writer-wins by HLC (contacts per
 * field, Yjs documents by Yjs). Refusals are per record or per event; the
 * rest of a batch proceeds.
 */

import * as Y from 'yjs';
import {
  catalogueGrants,
  contactGrants,
  contactReaders,
  everyoneGrants,
  type Grant,
  ownedGrants,
  subtreeGrantHolders,
  ticketGrants,
  userGrants,
} from '../../shared/domain/access';
import { DispatchRuleSchema } from '../../shared/domain/org/dispatch-catalogue';
import { isAncestorOrSelf, nearestCentre, type OrgTree } from '../../shared/domain/org/tree';
import { unitsNamedBy } from '../../shared/domain/ticket/fold';
import { checkEventStatically } from '../../shared/domain/ticket/permissions';
import { mergeTicketEvents, ticketDocFromEvents } from '../../shared/domain/ticket/projection';
import { canonicalJson } from '../../shared/lib/canonical-json';
import { compareHlc, isTooFarAhead } from '../../shared/lib/hlc';
import {
  type Collection,
  type PulledDoc,
  type PushResponse,
  type PushRow,
  type Rejection,
  rejection,
} from '../../shared/protocol';
import { CalendarYearSchema } from '../../shared/schema/calendar-year';
import { OrgUnitSchema } from '../../shared/schema/org-unit';
import {
  type CallerContact,
  CallerContactSchema,
  NoticeSchema,
  UserSchema,
  YDocRecordSchema,
} from '../../shared/schema/records';
import type { TicketDoc } from '../../shared/schema/ticket-doc';
import {
  ForeignEventSchema,
  type StoredEvent,
  type TicketEvent,
  TicketEventSchema,
  TicketIdSchema,
} from '../../shared/schema/ticket-event';
import type { DocRow, Store } from '../storage/types';
import type { Directory } from './directory';
import type { Principal } from './principal';

export interface ReplicationDeps {
  store: Store;
  directory: Directory;
  now?: () => number;
}

/** Push options beyond the principal's own rights. */
export interface PushOptions {
  /** an administrator's bulk import of historical records: authors need not be the pusher */
  historicalImport?: boolean;
}

interface Outcome {
  /** the JSON to store, or null for no change */
  data: string | null;
  /** the record `data` spells (kept so the rest of the push need not parse it back) */
  doc?: Record<string, unknown>;
  grants: Grant[];
  /** the master state to send back when the client's state was behind */
  conflict: PulledDoc | null;
  rejected: Rejection[];
  /** events accepted from a downstream server despite a failed static check (flagged, not dropped) */
  flagged?: string[];
}

const MAX_YDOC_BYTES = 2_000_000;
const ADMINS = new Set(['admin']);

function isAbove(tree: OrgTree, principal: Principal, unitId: string): boolean {
  return tree.has(unitId) && isAncestorOrSelf(tree, principal.unitId, unitId);
}

function hasRole(p: Principal, ...roles: string[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/** Canonical key of an event, to tell a re-sent event from a changed one. */
function eventKey(e: StoredEvent): string {
  return canonicalJson(e);
}

/**
 * Deep equality of two JSON values, key order aside. True only when their
 * canonical forms are equal (an `undefined` anywhere answers false, leaving
 * the exact comparison to {@link sameEvent}); builds no strings.
 */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return a !== undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
  }
  return true;
}

/**
 * Whether a re-sent event is the stored one: as sent, or as the schema stored
 * it (defaults filled in, text trimmed), so a retry is never refused as a change.
 */
function sameEvent(prior: StoredEvent, sent: StoredEvent, raw: unknown): boolean {
  const key = eventKey(prior);
  if (key === eventKey(sent)) return true;
  const parsed = TicketEventSchema.safeParse(raw);
  return parsed.success && key === eventKey(parsed.data);
}

export function createReplication(deps: ReplicationDeps) {
  const { store, directory } = deps;
  const now = deps.now ?? Date.now;

  /** The author check: the token's user, or for a relaying server a user of its subtree. */
  function authorOk(p: Principal, e: TicketEvent, tree: OrgTree, opts: PushOptions): boolean {
    if (p.kind === 'upstream') return true;
    if (opts.historicalImport) return tree.has(e.actor.unitId);
    if (p.kind === 'server') {
      const user = directory.user(e.actor.userId);
      return (
        isAbove(tree, p, e.actor.unitId) &&
        (user === undefined ||
          (user.unitId === e.actor.unitId && user.roles.includes(e.actor.role)))
      );
    }
    return (
      e.actor.userId === p.userId && e.actor.unitId === p.unitId && p.roles.includes(e.actor.role)
    );
  }

  function mergeTicket(
    p: Principal,
    existing: TicketDoc | null,
    raw: Record<string, unknown>,
    opts: PushOptions,
  ): Outcome {
    const tree = directory.tree();
    const calendar = directory.calendar();
    const id = TicketIdSchema.safeParse(raw.id);
    const events = Array.isArray(raw.events) ? raw.events : null;
    const out: Outcome = { data: null, grants: [], conflict: null, rejected: [] };
    if (!id.success || !events || events.length > 2000) {
      out.rejected.push(rejection(String(raw.id ?? '').slice(0, 64), 'invalid_record'));
      return out;
    }
    const ticketId = id.data;
    const known = new Map<string, StoredEvent>((existing?.events ?? []).map((e) => [e.id, e]));
    if (existing && !canSeeTicket(p, existing, tree)) {
      out.rejected.push(rejection(ticketId, 'not_visible'));
      return out;
    }

    // Candidates in HLC order, so a ticket created and dispatched offline in
    // one push passes the dispatch's check with the creation's chain.
    const fresh: TicketEvent[] = [];
    for (const rawEvent of events) {
      const rawId =
        rawEvent !== null && typeof rawEvent === 'object'
          ? (rawEvent as { id?: unknown }).id
          : undefined;
      const known0 = typeof rawId === 'string' ? known.get(rawId) : undefined;
      if (known0) {
        // A re-sent event identical to the stored (valid) one costs one comparison.
        if (jsonEqual(known0, rawEvent)) continue;
        const envelope = ForeignEventSchema.safeParse(rawEvent);
        if (!envelope.success) {
          out.rejected.push(rejection(ticketId, 'invalid_event'));
          continue;
        }
        const prior = known.get(envelope.data.id);
        if (prior && !sameEvent(prior, envelope.data as StoredEvent, rawEvent)) {
          out.rejected.push(rejection(ticketId, 'immutable_event', envelope.data.id));
        }
        continue;
      }
      // A new event: one full parse; the envelope is parsed only to explain a refusal.
      const parsed = TicketEventSchema.safeParse(rawEvent);
      if (!parsed.success) {
        const envelope = ForeignEventSchema.safeParse(rawEvent);
        if (!envelope.success) {
          out.rejected.push(rejection(ticketId, 'invalid_event'));
          continue;
        }
        const unknownType = !TicketEventSchema.options.some(
          (o) => o.shape.type.value === envelope.data.type,
        );
        out.rejected.push(
          rejection(ticketId, unknownType ? 'upgrade_server' : 'invalid_event', envelope.data.id),
        );
        continue;
      }
      if (parsed.data.ticketId !== ticketId) {
        out.rejected.push(rejection(ticketId, 'invalid_event', parsed.data.id));
        continue;
      }
      fresh.push(parsed.data);
    }
    fresh.sort((a, b) => compareHlc(a.at, b.at) || (a.id < b.id ? -1 : 1));

    const chain = [...(existing?.chain ?? [])];
    const accepted: TicketEvent[] = [];
    const acceptedIds = new Set<string>();
    const nowMs = now();
    for (const e of fresh) {
      if (known.has(e.id) || acceptedIds.has(e.id)) continue;
      let reason: Parameters<typeof rejection>[1] | null = null;
      if (p.kind === 'upstream') reason = null;
      else if (isTooFarAhead(e.at, nowMs)) reason = 'clock_ahead';
      else if (!authorOk(p, e, tree, opts)) reason = 'forged_author';
      else if (!opts.historicalImport) {
        const refusal = checkEventStatically(e, tree, chain);
        // A downstream server already acknowledged this event to its tablet:
        // flag the disagreement for a supervisor instead of dropping the work.
        if (refusal && p.kind === 'server') {
          out.flagged = [...(out.flagged ?? []), `${e.id}:${refusal}`];
        } else reason = refusal;
      }
      if (reason) {
        out.rejected.push(rejection(ticketId, reason, e.id));
        continue;
      }
      accepted.push(e);
      acceptedIds.add(e.id);
      if (e.type === 'created' && !chain.includes(e.actor.unitId)) chain.unshift(e.actor.unitId);
      for (const u of unitsNamedBy(e)) if (!chain.includes(u)) chain.push(u);
    }

    const merged = mergeTicketEvents(existing?.events ?? [], accepted);
    // The client lacked events the server has (or sent refused ones): send the master back.
    const clientIds = new Set(
      events.map((e) => (e as { id?: unknown }).id).filter((x) => typeof x === 'string'),
    );
    const behind = merged.length !== clientIds.size || merged.some((e) => !clientIds.has(e.id));
    const sendBack = behind && (existing !== null || accepted.length > 0);
    // Fold once, and only when the result is stored or sent: a re-sent ticket
    // with nothing new and nothing missing needs no fold.
    if (accepted.length === 0 && !sendBack) return out;
    const doc = ticketDocFromEvents(ticketId, merged, calendar);
    if (accepted.length > 0) {
      out.data = JSON.stringify(doc);
      out.doc = doc as unknown as Record<string, unknown>;
      out.grants = ticketGrants(doc, tree);
    }
    if (sendBack) out.conflict = doc as unknown as PulledDoc;
    return out;
  }

  function canSeeTicket(p: Principal, doc: TicketDoc, tree: OrgTree): boolean {
    if (p.kind === 'upstream') return true;
    if (p.kind === 'server') return doc.chain.some((u) => isAbove(tree, p, u));
    return ticketGrants(doc, tree).some((g) => g.unitId === p.unitId);
  }

  /** Last-writer-wins records: the newer `updatedAt` wins; an older push gets the master back. */
  function mergeLww<T extends { id: string; updatedAt: string }>(
    collection: Collection,
    p: Principal,
    existing: T | null,
    raw: Record<string, unknown>,
    parse: (raw: unknown) => T | null,
    mayWrite: (doc: T) => boolean,
    grants: (doc: T) => Grant[],
  ): Outcome {
    const out: Outcome = { data: null, grants: [], conflict: null, rejected: [] };
    const doc = parse(raw);
    const id = String(raw.id ?? '').slice(0, 64);
    if (!doc) {
      out.rejected.push(rejection(id, 'invalid_record'));
      return out;
    }
    if (p.kind !== 'upstream' && isTooFarAhead(doc.updatedAt, now())) {
      out.rejected.push(rejection(id, 'clock_ahead'));
      return out;
    }
    if (p.kind !== 'upstream' && (!mayWrite(doc) || (existing !== null && !mayWrite(existing)))) {
      out.rejected.push(rejection(id, 'not_owner'));
      return out;
    }
    if (existing && compareHlc(existing.updatedAt, doc.updatedAt) >= 0) {
      if (canonicalJson(existing) !== canonicalJson(doc)) {
        out.conflict = present(collection, p, existing) as PulledDoc;
      }
      return out;
    }
    out.data = JSON.stringify(doc);
    out.doc = doc as unknown as Record<string, unknown>;
    out.grants = grants(doc);
    return out;
  }

  function mergeContact(
    p: Principal,
    existing: CallerContact | null,
    raw: Record<string, unknown>,
    ticket: TicketDoc | null,
  ): Outcome {
    const out: Outcome = { data: null, grants: [], conflict: null, rejected: [] };
    const parsed = CallerContactSchema.safeParse(raw);
    const id = String(raw.id ?? '').slice(0, 64);
    if (!parsed.success) {
      out.rejected.push(rejection(id, 'invalid_record'));
      return out;
    }
    const incoming = parsed.data;
    const tree = directory.tree();
    // Only the centre that took the call (or a server relaying for it) edits the contact.
    const centre = ticket?.centreId ?? null;
    const mayWrite =
      p.kind === 'server'
        ? centre === null || isAbove(tree, p, centre)
        : centre === null
          ? tree.get(p.unitId)?.kind === 'centre'
          : centre === p.unitId;
    if (!mayWrite && p.kind !== 'upstream') {
      out.rejected.push(rejection(id, 'not_owner'));
      return out;
    }
    const stamps = [incoming.updatedAt, ...Object.values(incoming.stamps)];
    if (p.kind !== 'upstream' && stamps.some((t) => isTooFarAhead(t, now()))) {
      out.rejected.push(rejection(id, 'clock_ahead'));
      return out;
    }
    const next: CallerContact = existing
      ? { ...existing, stamps: { ...existing.stamps } }
      : incoming;
    if (existing) {
      for (const f of ['name', 'phone', 'address', 'employer'] as const) {
        if (compareHlc(incoming.stamps[f], existing.stamps[f]) > 0) {
          next[f] = incoming[f];
          next.stamps[f] = incoming.stamps[f];
        }
      }
      if (compareHlc(incoming.updatedAt, existing.updatedAt) > 0)
        next.updatedAt = incoming.updatedAt;
    }
    const changed = !existing || canonicalJson(next) !== canonicalJson(existing);
    if (changed) {
      out.data = JSON.stringify(next);
      out.doc = next as unknown as Record<string, unknown>;
      out.grants = ticket
        ? contactGrants(ticket, tree)
        : [{ unitId: p.kind === 'server' ? p.unitId : p.unitId, mode: 'read' }];
    }
    if (canonicalJson(next) !== canonicalJson(incoming))
      out.conflict = next as unknown as PulledDoc;
    return out;
  }

  function mergeYDoc(
    p: Principal,
    existing: Record<string, unknown> | null,
    raw: Record<string, unknown>,
  ): Outcome {
    const out: Outcome = { data: null, grants: [], conflict: null, rejected: [] };
    const parsed = YDocRecordSchema.safeParse(raw);
    const id = String(raw.id ?? '').slice(0, 80);
    if (!parsed.success) {
      out.rejected.push(rejection(id, 'invalid_record'));
      return out;
    }
    const tree = directory.tree();
    const rec = parsed.data;
    if (p.kind !== 'upstream' && isTooFarAhead(rec.updatedAt, now())) {
      out.rejected.push(rejection(id, 'clock_ahead'));
      return out;
    }
    const owner = (existing?.unitId as string | undefined) ?? rec.unitId;
    const reachable =
      tree.has(owner) &&
      (isAncestorOrSelf(tree, owner, p.unitId) || isAncestorOrSelf(tree, p.unitId, owner));
    if (p.kind !== 'upstream' && (!reachable || owner !== rec.unitId)) {
      out.rejected.push(rejection(id, 'not_owner'));
      return out;
    }
    const bytes = Buffer.from(rec.update, 'base64');
    if (bytes.length > MAX_YDOC_BYTES) {
      out.rejected.push(rejection(id, 'too_large'));
      return out;
    }
    const doc = new Y.Doc();
    try {
      if (existing) Y.applyUpdate(doc, Buffer.from(String(existing.update), 'base64'));
      // A snapshot (state vector + delete set): a push that only deletes is a change too.
      const before = Y.snapshot(doc);
      Y.applyUpdate(doc, bytes);
      if (existing && Y.equalSnapshots(before, Y.snapshot(doc))) return out;
      // Re-encoding compacts: Y.mergeUpdates would keep deleted content.
      const merged = {
        ...rec,
        update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
        updatedAt:
          existing && compareHlc(String(existing.updatedAt), rec.updatedAt) > 0
            ? String(existing.updatedAt)
            : rec.updatedAt,
      };
      out.data = JSON.stringify(merged);
      out.doc = merged;
      out.grants = ownedGrants(owner, tree);
      if (merged.update !== rec.update) out.conflict = merged as unknown as PulledDoc;
    } catch {
      out.rejected.push(rejection(id, 'bad_yjs_update'));
    } finally {
      doc.destroy();
    }
    return out;
  }

  /** Strips what a reader must not receive. */
  function present(
    collection: Collection,
    p: Principal,
    doc: Record<string, unknown>,
  ): Record<string, unknown> {
    if (collection === 'users' && p.kind !== 'server') {
      const { passwordHash: _drop, ...rest } = doc;
      return rest;
    }
    return doc;
  }

  function mergeRow(
    collection: Collection,
    p: Principal,
    raw: Record<string, unknown>,
    existing: Record<string, unknown> | null,
    opts: PushOptions,
    /** contacts: the stored ticket of the same id */
    ticketOf: (id: string) => TicketDoc | null,
  ): Outcome {
    const tree = directory.tree();
    const adminAbove = (unitId: string) => hasRole(p, ...ADMINS) && isAbove(tree, p, unitId);
    const serverAbove = (unitId: string) => p.kind === 'server' && isAbove(tree, p, unitId);
    switch (collection) {
      case 'tickets':
        return mergeTicket(p, existing as TicketDoc | null, raw, opts);
      case 'contacts':
        return mergeContact(
          p,
          existing as CallerContact | null,
          raw,
          ticketOf(String(raw.id ?? '')),
        );
      case 'ydocs':
        return mergeYDoc(p, existing, raw);
      case 'units':
        return mergeLww(
          collection,
          p,
          existing as never,
          raw,
          (v) => OrgUnitSchema.safeParse(v).data ?? null,
          (u) => adminAbove(u.parentId ?? u.id) || serverAbove(u.id),
          () => everyoneGrants(tree),
        );
      case 'users':
        return mergeLww(
          collection,
          p,
          existing as never,
          raw,
          (v) => {
            const u = UserSchema.safeParse(v).data ?? null;
            // Password hashes travel only between servers.
            if (u?.passwordHash !== undefined && p.kind === 'person') return null;
            return u;
          },
          (u) => adminAbove(u.unitId) || serverAbove(u.unitId),
          (u) => userGrants(u, tree),
        );
      case 'calendar':
        return mergeLww(
          collection,
          p,
          existing as never,
          raw,
          (v) => CalendarYearSchema.safeParse(v).data ?? null,
          // The calendar is the province's: servers below only receive it.
          () => hasRole(p, 'admin') && p.unitId === tree.root.id,
          () => everyoneGrants(tree),
        );
      case 'notices':
        return mergeLww(
          collection,
          p,
          existing as never,
          raw,
          (v) => NoticeSchema.safeParse(v).data ?? null,
          (n) =>
            (hasRole(p, 'admin', 'supervisor', 'dispatcher') && isAbove(tree, p, n.unitId)) ||
            serverAbove(n.unitId),
          (n) => ownedGrants(n.unitId, tree),
        );
      case 'catalogue':
        return mergeLww(
          collection,
          p,
          existing as never,
          raw,
          (v) => DispatchRuleSchema.safeParse(v).data ?? null,
          (r) =>
            tree.has(r.areaUnitId) &&
            (((hasRole(p, 'admin', 'dispatcher') &&
              isAbove(tree, p, nearestCentre(tree, r.areaUnitId))) ||
              serverAbove(r.areaUnitId)) as boolean),
          (r) => catalogueGrants(r, tree),
        );
    }
  }

  /**
   * Applies one push batch in one transaction (so a burst of pushes is one
   * fsync, and an acknowledged push is durable).
   */
  async function push(
    collection: Collection,
    p: Principal,
    rows: readonly PushRow[],
    opts: PushOptions = {},
  ): Promise<PushResponse> {
    const response: PushResponse = { conflicts: [], rejected: [], serverTime: now() };
    const ids = rows.map((r) => String(r.newDocumentState.id ?? ''));
    let written = 0;
    await store.transact(async (tx) => {
      const existing = await tx.getDocs(collection, ids);
      // A contact's ticket decides who may write it: read them all in one go.
      const tickets =
        collection === 'contacts' ? await tx.getDocs('tickets', ids) : new Map<string, DocRow>();
      const ticketOf = (id: string): TicketDoc | null => {
        const t = tickets.get(id);
        return t ? (JSON.parse(t.data) as TicketDoc) : null;
      };
      const writes = new Map<
        string,
        { id: string; data: string; grants: Grant[]; origin: string; doc: unknown }
      >();
      const flagged: string[] = [];
      for (const row of rows) {
        const raw = row.newDocumentState;
        const id = String(raw.id ?? '');
        // A second row of one id merges into the first's result, kept as an object.
        const pending = writes.get(id);
        const stored = existing.get(id)?.data;
        const current = pending
          ? (pending.doc as Record<string, unknown>)
          : stored
            ? (JSON.parse(stored) as Record<string, unknown>)
            : null;
        const o = mergeRow(collection, p, raw, current, opts, ticketOf);
        if (o.flagged) flagged.push(...o.flagged.map((f) => `${id}/${f}`));
        response.rejected.push(...o.rejected);
        if (o.conflict) response.conflicts.push(o.conflict);
        // From the upstream, a merge that kept local extras must still go up: mark it local.
        const origin = p.kind === 'upstream' && o.conflict ? 'local-merge' : p.deviceId;
        if (o.data !== null)
          writes.set(id, {
            id,
            data: o.data,
            grants: o.grants,
            origin,
            doc: o.doc ?? JSON.parse(o.data),
          });
      }
      // A ticket's contact follows its ticket: re-grant it when the chain or confidentiality moved.
      if (collection === 'tickets' && writes.size > 0) {
        const contacts = await tx.getDocs('contacts', [...writes.keys()]);
        // Only when the readers changed: a re-sequenced contact is pulled (and audited) again.
        const readersOf = (t: Pick<TicketDoc, 'centreId' | 'chain' | 'confidential'> | null) =>
          t ? contactReaders(t).sort().join(',') : '';
        const regrants = [...contacts.values()]
          .filter((c) => {
            const before = existing.get(c.id);
            const after = writes.get(c.id)?.doc as TicketDoc;
            return !before || readersOf(JSON.parse(before.data) as TicketDoc) !== readersOf(after);
          })
          .map((c) => ({
            id: c.id,
            data: c.data,
            grants: contactGrants(writes.get(c.id)?.doc as TicketDoc, directory.tree()),
            origin: c.origin,
          }));
        if (regrants.length > 0) await tx.writeDocs('contacts', regrants);
      }
      written = writes.size;
      if (written > 0)
        await tx.writeDocs(
          collection,
          [...writes.values()].map(({ id, data, grants, origin }) => ({
            id,
            data,
            grants,
            origin,
          })),
        );
      await tx.appendAudit([
        {
          at: response.serverTime,
          actor: p.userId,
          action: 'push',
          target: collection,
          detail: `rows=${rows.length} written=${written} rejected=${response.rejected.length}`,
        },
        ...flagged.map((f) => ({
          at: response.serverTime,
          actor: p.userId,
          action: 'relayed_event_flagged',
          target: f,
          detail: 'accepted from a downstream server despite a failed scope check',
        })),
      ]);
    });
    return response;
  }

  /** One page of a collection for a principal: the documents' JSON, as UTF-8 bytes. */
  async function pullPage(
    collection: Collection,
    p: Principal,
    after: number,
    limit: number,
  ): Promise<{
    /** `{"documents":[…],"checkpoint":{"seq":…}}` */
    body: Buffer;
    count: number;
    lastSeq: number;
    ids: string[];
    /** no row was left out as this device's own echo: every tablet of the unit gets this page */
    shared: boolean;
  }> {
    const tree = directory.tree();
    const query = {
      collection,
      unitId: p.unitId,
      subtreeHolders: subtreeGrantHolders(tree, p.unitId),
      relay: p.kind === 'server',
      skipOrigin: p.deviceId,
    };
    // Users are rewritten for persons (no password hashes); everything else is
    // served verbatim, as the stored bytes when the store can give them.
    const rewrite = collection === 'users' && p.kind !== 'server';
    const pullBytes = !rewrite && store.pullBytes ? store.pullBytes.bind(store) : null;
    // A page with fewer than `limit` documents tells RxDB it is in sync, so
    // rows skipped as the client's own echo must not shorten a page.
    const rows: { id: string; data: string | Uint8Array | null }[] = [];
    let cursor = after;
    let shared = true;
    for (;;) {
      const q = { ...query, after: cursor, limit: limit - rows.length };
      const page = pullBytes ? await pullBytes(q) : await store.pull(q);
      // Adapters that count the echo rows they skip say so; without the count, assume some.
      if ((page as { skipped?: number }).skipped !== 0) shared = false;
      for (const row of page.rows) rows.push(row);
      if (page.lastSeq === cursor || rows.length >= limit) {
        cursor = page.lastSeq;
        break;
      }
      cursor = page.lastSeq;
    }
    const parts: Uint8Array[] = [Buffer.from('{"documents":[')];
    const comma = Buffer.from(',');
    const ids: string[] = [];
    for (const row of rows) {
      if (ids.length > 0) parts.push(comma);
      ids.push(row.id);
      if (row.data === null)
        parts.push(Buffer.from(JSON.stringify({ id: row.id, _deleted: true })));
      else if (rewrite) {
        const doc = JSON.parse(String(row.data)) as Record<string, unknown>;
        parts.push(Buffer.from(JSON.stringify(present(collection, p, doc))));
      } else parts.push(typeof row.data === 'string' ? Buffer.from(row.data) : row.data);
    }
    parts.push(Buffer.from(`],"checkpoint":{"seq":${cursor}}}`));
    const body = Buffer.concat(parts);
    if (collection === 'contacts' && ids.length > 0) {
      await store.transact((tx) =>
        tx.appendAudit([
          {
            at: now(),
            actor: p.userId,
            action: 'read_contacts',
            target: ids.slice(0, 50).join(','),
            detail: `count=${ids.length} device=${p.deviceId}`,
          },
        ]),
      );
    }
    return { body, count: rows.length, lastSeq: cursor, ids, shared };
  }

  return { push, pullPage };
}

export type Replication = ReturnType<typeof createReplication>;
