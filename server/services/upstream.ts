/**
 * @module
 * The link from this server to the one above it. It speaks the same protocol
 * as a tablet: it pulls what its subtree may see (authenticated by a
 * credential bound to its unit) and pushes what its subtree wrote. While the
 * link is down the server keeps serving its own tablets; when it returns,
 * both sides converge because every merge is a CRDT merge.
 */

import WebSocket from 'ws';
import { everyoneGrants, subtreeGrantHolders } from '../../shared/domain/access';
import { buildOrgTree } from '../../shared/domain/org/tree';
import { compareHlc } from '../../shared/lib/hlc';
import {
  type Collection,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PulledDoc,
  type PullResponse,
  type PushResponse,
  type StreamFrame,
  SYNC_ORDER,
} from '../../shared/protocol';
import { type OrgUnit, OrgUnitSchema } from '../../shared/schema/org-unit';
import { logger } from '../logger';
import type { Store } from '../storage/types';
import type { Directory } from './directory';
import type { Principal } from './principal';
import type { Replication } from './replication';

export interface UpstreamOptions {
  url: string;
  userId: string;
  password: string;
  /** this server's unit (its credential's unit) */
  unitId: string;
  store: Store;
  directory: Directory;
  replication: Replication;
  pageSize?: number;
  /** fallback poll interval when no stream frame arrives */
  intervalMs?: number;
}

export interface UpstreamLink {
  /** one full round: pull every collection, then push local changes */
  syncOnce(): Promise<void>;
  /** resolves after the first successful round */
  ready: Promise<void>;
  status(): { connected: boolean; lastSyncAt: number | null; lastError: string | null };
  stop(): void;
}

const UPSTREAM: Principal = {
  userId: 'upstream',
  unitId: 'upstream',
  roles: [],
  deviceId: 'upstream',
  kind: 'upstream',
};

export function startUpstream(o: UpstreamOptions): UpstreamLink {
  const pageSize = o.pageSize ?? 2000;
  const base = `${o.url.replace(/\/$/, '')}/api/v1`;
  let token: string | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let socket: WebSocket | null = null;
  let lastSyncAt: number | null = null;
  let lastError: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let backoff = 500;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  async function login(): Promise<string> {
    const deviceId = (await o.store.getMeta('upstream.deviceId')) ?? undefined;
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: o.userId,
        password: o.password,
        deviceId,
        deviceName: `server ${o.unitId}`,
      }),
    });
    if (!res.ok)
      throw new Error(`upstream login failed: ${res.status} ${(await res.text()).slice(0, 200)}`);
    const body = (await res.json()) as {
      accessToken: string;
      device: { id: string };
      user: { unitId: string; kind: string };
    };
    if (body.user.unitId !== o.unitId || body.user.kind !== 'server') {
      throw new Error(
        `the upstream credential ${o.userId} is bound to ${body.user.unitId} (${body.user.kind}), not to this server's unit ${o.unitId}`,
      );
    }
    await o.store.setMeta('upstream.deviceId', body.device.id);
    token = body.accessToken;
    return token;
  }

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const t = token ?? (await login());
      const res = await fetch(`${base}${path}`, {
        ...init,
        headers: {
          ...(init.headers ?? {}),
          authorization: `Bearer ${t}`,
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        },
      });
      if (res.status === 401 && attempt === 0) {
        token = null; // expired: sign in again
        continue;
      }
      if (!res.ok)
        throw new Error(`upstream ${path}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      return res;
    }
    throw new Error('unreachable');
  }

  /** Org units come first and build the tree everything else is checked against. */
  async function applyUnits(docs: PulledDoc[]): Promise<void> {
    const incoming = docs
      .map((d) => OrgUnitSchema.safeParse(d).data)
      .filter((u) => u !== undefined);
    await o.store.transact(async (tx) => {
      const current = new Map(
        (await o.store.allDocs('units')).map((r) => [r.id, JSON.parse(r.data) as OrgUnit]),
      );
      const changed: OrgUnit[] = [];
      for (const u of incoming) {
        const old = current.get(u.id);
        if (!old || compareHlc(old.updatedAt, u.updatedAt) < 0) {
          current.set(u.id, u);
          changed.push(u);
        }
      }
      if (changed.length === 0) return;
      const grants = everyoneGrants(buildOrgTree([...current.values()]));
      await tx.writeDocs(
        'units',
        changed.map((u) => ({ id: u.id, data: JSON.stringify(u), grants, origin: 'upstream' })),
      );
    });
    await o.directory.reload();
  }

  async function applyFromUpstream(collection: Collection, docs: PulledDoc[]): Promise<void> {
    if (collection === 'units') return applyUnits(docs);
    const live = docs.filter((d) => !d._deleted);
    const gone = docs.filter((d) => d._deleted);
    if (live.length > 0) {
      await o.replication.push(
        collection,
        UPSTREAM,
        live.map((d) => ({ newDocumentState: d })),
      );
    }
    if (gone.length > 0) {
      // This server's subtree lost access upstream: withdraw it from every local replica.
      await o.store.transact((tx) =>
        tx.writeDocs(
          collection,
          gone.map((d) => ({
            id: d.id,
            data: JSON.stringify({ id: d.id, _deleted: true }),
            grants: [],
            origin: 'upstream',
          })),
        ),
      );
    }
  }

  async function pullCollection(collection: Collection): Promise<void> {
    const key = `upstream.pull.${collection}`;
    let after = Number((await o.store.getMeta(key)) ?? 0);
    for (;;) {
      const res = await call(`/replication/${collection}/pull?after=${after}&limit=${pageSize}`);
      const page = (await res.json()) as PullResponse;
      if (page.documents.length > 0) await applyFromUpstream(collection, page.documents);
      if (page.checkpoint.seq === after) break;
      after = page.checkpoint.seq;
      await o.store.setMeta(key, String(after));
      if (page.documents.length < pageSize) break;
    }
  }

  async function pushCollection(collection: Collection): Promise<void> {
    const key = `upstream.push.${collection}`;
    let after = Number((await o.store.getMeta(key)) ?? 0);
    const tree = o.directory.tree();
    for (;;) {
      const page = await o.store.pull({
        collection,
        unitId: o.unitId,
        subtreeHolders: subtreeGrantHolders(tree, o.unitId),
        relay: true,
        after,
        limit: pageSize,
        skipOrigin: 'upstream',
      });
      const rows = page.rows.filter((r) => r.data !== null && !r.data.includes('"_deleted":true'));
      if (rows.length > 0) {
        const body = rows
          .map((r) => JSON.stringify({ newDocumentState: JSON.parse(r.data as string) }))
          .join('\n');
        const res = await call(`/replication/${collection}/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson' },
          body,
        });
        const result = (await res.json()) as PushResponse;
        if (result.rejected.length > 0) {
          logger.warn('upstream refused records', {
            collection,
            count: result.rejected.length,
            reasons: [...new Set(result.rejected.map((r) => r.reason))],
          });
        }
        // The upstream had more (or refused some): take its master state.
        if (result.conflicts.length > 0) await applyFromUpstream(collection, result.conflicts);
      }
      if (page.lastSeq === after) break;
      after = page.lastSeq;
      await o.store.setMeta(key, String(after));
    }
  }

  async function round(): Promise<void> {
    for (const c of SYNC_ORDER) await pullCollection(c);
    if (o.directory.tree().has(o.unitId)) {
      for (const c of SYNC_ORDER) await pushCollection(c);
    }
  }

  function syncOnce(): Promise<void> {
    if (running !== null) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await round();
          await o.directory.reload();
        } while (again && !stopped);
        lastSyncAt = Date.now();
        lastError = null;
        backoff = 500;
        markReady();
        connectStream();
      } catch (e) {
        lastError = e instanceof Error ? e.message : String(e);
        logger.warn('upstream sync failed', { error: lastError });
        schedule(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void syncOnce();
    }, ms);
  }

  function connectStream(): void {
    if (stopped || socket || !token) return;
    const ws = new WebSocket(
      `${base.replace(/^http/, 'ws')}/replication/stream?token=${encodeURIComponent(token)}`,
    );
    socket = ws;
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as StreamFrame;
      if (frame.type === 'changed') schedule(50);
    });
    ws.on('close', () => {
      socket = null;
      schedule(backoff);
    });
    ws.on('error', () => undefined);
  }

  // Local writes by this server's tablets go up soon after they land.
  const off = o.store.onChange(() => schedule(200));
  const poll = setInterval(() => void syncOnce(), o.intervalMs ?? 30_000);
  void syncOnce();

  return {
    syncOnce,
    ready,
    status: () => ({ connected: socket !== null, lastSyncAt, lastError }),
    stop() {
      stopped = true;
      off();
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      socket?.terminate();
    },
  };
}
