/**
 * @module
 * Replication routes (protocol v1, see shared/protocol/README.md):
 * `GET /:collection/pull`, `POST /:collection/push` (NDJSON body, one row a
 * line), `POST /import/tickets` (an administrator's bulk import of historical
 * records) and the `/stream` WebSocket that wakes pulls.
 */

import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants, gunzip, gzip } from 'node:zlib';
import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LRUCache } from 'lru-cache';
import { subtreeGrantHolders } from '../../shared/domain/access';
import {
  type Collection,
  CollectionSchema,
  MAX_PUSH_ROWS,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullQuerySchema,
  type PushRow,
  PushRowSchema,
  type StreamFrame,
} from '../../shared/protocol';
import { AppError } from '../errors';
import type { Directory } from '../services/directory';
import type { AuthEnv, Principal } from '../services/principal';
import type { Replication } from '../services/replication';
import type { Store } from '../storage/types';

export const MAX_PUSH_BYTES = 32 * 1024 * 1024;
export const MAX_JSON_DEPTH = 24;
export const STREAM_RECHECK_MS = 30_000;

/** Deepest nesting of a JSON text, without parsing it (a guard before JSON.parse). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

function collectionOf(name: string): Collection {
  const parsed = CollectionSchema.safeParse(name);
  if (!parsed.success) throw new AppError(404, 'unknown_collection');
  return parsed.data;
}

/** Parses an NDJSON push body into rows, refusing the whole request when malformed. */
export function parsePushBody(text: string): PushRow[] {
  const rows: PushRow[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    if (rows.length >= MAX_PUSH_ROWS) throw new AppError(413, 'too_many_rows');
    if (jsonDepth(line) > MAX_JSON_DEPTH) throw new AppError(400, 'too_deep');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new AppError(400, 'bad_request', `line ${rows.length + 1} is not JSON`);
    }
    const row = PushRowSchema.safeParse(value);
    if (!row.success)
      throw new AppError(400, 'bad_request', `line ${rows.length + 1} is not a push row`);
    rows.push(row.data);
  }
  return rows;
}

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
const unbrotliAsync = promisify(brotliDecompress);

type PageEncoding = 'br' | 'gzip' | 'identity';

/** A compressed page and the checkpoint after it. */
interface CachedPage {
  body: Buffer;
  next: number;
}

/** Pages under 1,024 characters of JSON are sent uncompressed. */
function isSmall(utf8: Buffer): boolean {
  if (utf8.length < 1024) return true;
  // A character takes 1–3 bytes here (4 for a pair that counts as two).
  return utf8.length < 3072 && utf8.toString('utf8').length < 1024;
}

/** Brotli when the client takes it (quality 1: faster than gzip-1, smaller than gzip-6 here), else gzip. */
export function pageEncoding(acceptEncoding: string | undefined): PageEncoding {
  const accepted = (acceptEncoding ?? '').toLowerCase();
  if (/\bbr\b/.test(accepted)) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return 'identity';
}

/** Compresses a whole page off the main thread (per-record chunks would come to 3× gzip). */
function compressPage(bytes: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(bytes, { level: 6 });
  return brotliAsync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 1,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/**
 * A push body as text; `content-encoding: gzip` or `br` bodies (how tablets
 * and imports send large batches) are inflated off the main thread, never beyond
 * {@link MAX_PUSH_BYTES}.
 */
async function pushBodyText(c: import('hono').Context): Promise<string> {
  const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return c.req.text();
  if (encoding !== 'gzip' && encoding !== 'br')
    throw new AppError(415, 'bad_request', 'unsupported content-encoding');
  const compressed = Buffer.from(await c.req.arrayBuffer());
  try {
    const inflate = encoding === 'gzip' ? gunzipAsync : unbrotliAsync;
    const inflated = await inflate(compressed, { maxOutputLength: MAX_PUSH_BYTES });
    return inflated.toString('utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new AppError(413, 'body_too_large');
    throw new AppError(400, 'bad_request', `body is not ${encoding}`);
  }
}

function checkProtocol(header: string | undefined): void {
  const version = header === undefined ? PROTOCOL_VERSION : Number(header);
  if (!Number.isInteger(version)) throw new AppError(400, 'bad_request', 'bad protocol header');
  if (version > PROTOCOL_VERSION) throw new AppError(409, 'upgrade_server');
}

export interface ReplicationRouteDeps {
  replication: Replication;
  store: Store;
  directory: Directory;
  requireAuth: import('hono').MiddlewareHandler<AuthEnv>;
}

export function replicationRoutes(deps: ReplicationRouteDeps) {
  const { replication, store, directory, requireAuth } = deps;
  // Full pages of an initial sync are the same for every tablet of a unit:
  // compress each once and serve it from memory.
  const pageCache = new LRUCache<string, CachedPage>({
    maxSize: 256 * 1024 * 1024,
    sizeCalculation: (p) => p.body.length,
  });
  // The next page of an initial sync, read and compressed while the client
  // digests the current one (by device: only that device is known to want it).
  const prefetches = new Map<string, Promise<CachedPage | null>>();

  function cacheKey(
    collection: Collection,
    p: Principal,
    after: number,
    limit: number,
    encoding: PageEncoding,
  ) {
    return `${collection}|${p.unitId}|${p.kind}|${after}|${limit}|${encoding}`;
  }

  function cachedPage(base: string, p: Principal): CachedPage | undefined {
    return pageCache.get(base) ?? pageCache.get(`${base}|${p.deviceId}`);
  }

  /** Reads and compresses a page; caches it when full (a page that left out echo rows, for its device only). */
  async function buildPage(
    collection: Collection,
    p: Principal,
    after: number,
    limit: number,
    encoding: 'br' | 'gzip',
    cacheable: boolean,
  ): Promise<{ page: CachedPage; full: boolean } | { small: Buffer }> {
    const page = await replication.pullPage(collection, p, after, limit);
    if (isSmall(page.body)) return { small: page.body };
    const built: CachedPage = { body: await compressPage(page.body, encoding), next: page.lastSeq };
    const full = page.count === limit;
    if (cacheable && full) {
      const base = cacheKey(collection, p, after, limit, encoding);
      pageCache.set(page.shared ? base : `${base}|${p.deviceId}`, built);
    }
    return { page: built, full };
  }

  function prefetch(
    collection: Collection,
    p: Principal,
    after: number,
    limit: number,
    encoding: 'br' | 'gzip',
  ): void {
    const base = cacheKey(collection, p, after, limit, encoding);
    const key = `${base}|${p.deviceId}`;
    if (prefetches.has(key) || cachedPage(base, p)) return;
    const job = buildPage(collection, p, after, limit, encoding, true)
      .then((r) => ('page' in r && r.full ? r.page : null))
      .catch(() => null)
      .finally(() => prefetches.delete(key));
    prefetches.set(key, job);
  }

  return new Hono<AuthEnv>()
    .get('/stream', requireAuth, (c, next) => {
      const principal = c.get('principal');
      return upgradeWebSocket(() => {
        let off: (() => void) | null = null;
        return {
          onOpen(_evt, ws) {
            const hello: StreamFrame = {
              type: 'hello',
              serverTime: Date.now(),
              protocol: PROTOCOL_VERSION,
            };
            ws.send(JSON.stringify(hello));
            const unsubscribe = store.onChange((n) => {
              if (!reaches(directory, principal, n.collection, n.units)) return;
              const frame: StreamFrame = { type: 'changed', collection: n.collection, seq: n.seq };
              ws.send(JSON.stringify(frame));
            });
            // A device revoked while connected stops hearing about changes within the minute.
            const recheck = setInterval(() => {
              store.getDevice(principal.deviceId).then(
                (d) => {
                  if (d?.revokedAt != null) ws.close(4401, 'device revoked');
                },
                () => undefined,
              );
            }, STREAM_RECHECK_MS);
            off = () => {
              unsubscribe();
              clearInterval(recheck);
            };
          },
          onClose() {
            off?.();
          },
          onError() {
            off?.();
          },
        };
      })(c, next);
    })
    .get('/:collection/pull', requireAuth, async (c) => {
      const collection = collectionOf(c.req.param('collection'));
      const q = PullQuerySchema.safeParse(c.req.query());
      if (!q.success) throw new AppError(400, 'bad_request', 'after and limit must be integers');
      const principal = c.get('principal');
      const encoding = pageEncoding(c.req.header('accept-encoding'));
      // Pages that left out no echo rows are the same for every tablet of the
      // unit, so the cache is shared by them all (a second device's initial
      // sync is served from memory).
      const { after, limit } = q.data;
      const base = cacheKey(collection, principal, after, limit, encoding);
      // Contacts are never cached: every read of them is audited.
      const cacheable = encoding !== 'identity' && collection !== 'contacts';
      c.header('cache-control', 'no-store');
      c.header('content-type', 'application/json; charset=utf-8');
      if (encoding === 'identity') {
        const page = await replication.pullPage(collection, principal, after, limit);
        return c.body(new Uint8Array(page.body));
      }
      let served: CachedPage | null = null;
      if (cacheable) {
        served =
          cachedPage(base, principal) ??
          (await prefetches.get(`${base}|${principal.deviceId}`)) ??
          null;
      }
      let full = true;
      if (!served) {
        const built = await buildPage(collection, principal, after, limit, encoding, cacheable);
        if ('small' in built) return c.body(new Uint8Array(built.small));
        served = built.page;
        full = built.full;
      }
      // A full page of a sync in progress: have the next one ready when asked.
      if (cacheable && full) prefetch(collection, principal, served.next, limit, encoding);
      c.header('content-encoding', encoding);
      return c.body(new Uint8Array(served.body));
    })
    .post(
      '/:collection/push',
      requireAuth,
      bodyLimit({
        maxSize: MAX_PUSH_BYTES,
        onError: () => {
          throw new AppError(413, 'body_too_large');
        },
      }),
      async (c) => {
        checkProtocol(c.req.header(PROTOCOL_HEADER));
        const collection = collectionOf(c.req.param('collection'));
        const rows = parsePushBody(await pushBodyText(c));
        return c.json(await replication.push(collection, c.get('principal'), rows));
      },
    )
    .post(
      '/import/tickets',
      requireAuth,
      bodyLimit({
        maxSize: MAX_PUSH_BYTES,
        onError: () => {
          throw new AppError(413, 'body_too_large');
        },
      }),
      async (c) => {
        const principal: Principal = c.get('principal');
        if (!principal.roles.includes('admin') || principal.unitId !== directory.tree().root.id) {
          throw new AppError(403, 'forbidden');
        }
        const rows = parsePushBody(await pushBodyText(c));
        return c.json(
          await replication.push('tickets', principal, rows, { historicalImport: true }),
        );
      },
    );
}

/** Collections whose records carry `subtree` grants, which reach every unit below the holder. */
const SUBTREE_GRANTED: ReadonlySet<Collection> = new Set([
  'units',
  'calendar',
  'ydocs',
  'notices',
  'catalogue',
]);

/** Does a change touching `units` concern this principal's replica? */
function reaches(
  directory: Directory,
  p: Principal,
  collection: Collection,
  units: string[] | null,
): boolean {
  if (units === null) return true;
  // Tickets, users and contacts are granted unit by unit (their ancestors included).
  if (units.includes(p.unitId)) return true;
  const tree = directory.tree();
  const holders = subtreeGrantHolders(tree, p.unitId);
  if (SUBTREE_GRANTED.has(collection) && units.some((u) => holders.includes(u))) return true;
  // A server relays for its whole subtree.
  return (
    p.kind === 'server' &&
    units.some((u) => tree.has(u) && subtreeGrantHolders(tree, u).includes(p.unitId))
  );
}

export type ReplicationRoutes = ReturnType<typeof replicationRoutes>;
