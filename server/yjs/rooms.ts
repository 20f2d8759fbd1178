/**
 * @module
 * The y-websocket endpoint: live co-editing and presence for the shared Yjs
 * documents (knowledge-base articles, roster months, duty logs), speaking the
 * stock y-websocket wire protocol (y-protocols sync + awareness) so the stock
 * `WebsocketProvider` connects unchanged. One room per document id; a room
 * holds a `Y.Doc` only while someone edits, and saves it through the
 * replication service's `push('ydocs', …)`, so grants, audit and change
 * notices are those of any record. See README.md beside this file.
 */

import { upgradeWebSocket } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { isAncestorOrSelf, type OrgTree } from '../../shared/domain/org/tree';
import { HybridClock } from '../../shared/lib/hlc';
import { YDocKindSchema, type YDocRecord, YDocRecordSchema } from '../../shared/schema/records';
import { AppError } from '../errors';
import { logger } from '../logger';
import type { Directory } from '../services/directory';
import type { AuthEnv, Principal } from '../services/principal';
import type { Replication } from '../services/replication';
import type { Store } from '../storage/types';

type YDocKind = YDocRecord['kind'];

/** y-websocket message types (the first varuint of every frame). */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/** A frame above this closes the connection (the stored record is capped at 2 MB too). */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
export const CLOSE_UNSUPPORTED_DATA = 1003;
export const CLOSE_TOO_LARGE = 1009;
export const CLOSE_INTERNAL = 1011;
export const CLOSE_GOING_AWAY = 1001;
/** The application's "forbidden" close code, for refusals found after the upgrade. */
export const CLOSE_FORBIDDEN = 4403;

/**
 * Origin of the room's saves in the store. No tablet has this device id, so
 * every tablet (the editor's own included) pulls the merged state: its local
 * copy never had the other editors' changes.
 */
export const YJS_WRITER_DEVICE = 'yjs-rooms';

/** Origin of updates applied from the store (initial load, replication). */
const FROM_STORE = Symbol('from-store');

export interface YjsRoomsDeps {
  store: Store;
  directory: Directory;
  replication: Replication;
  /** save this long after the last edit… */
  debounceMs?: number;
  /** …but at least this often while edits keep coming */
  maxWaitMs?: number;
  /** HLC node id of this server's saves */
  node?: string;
}

/** The WebSocket as a room sees it; Hono's `WSContext` is one. */
export interface RoomSocket {
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  readonly readyState: number;
}

/** Who may join which document, decided before the upgrade. */
export interface YjsAdmission {
  docId: string;
  ownerUnitId: string;
  kind: YDocKind;
  principal: Principal;
}

export interface RoomConnection {
  receive(data: unknown): void;
  leave(): void;
}

interface Conn {
  socket: RoomSocket;
  room: Room | null;
  principal: Principal;
  /** awareness client ids this connection speaks for, removed when it leaves */
  awarenessIds: Set<number>;
  /** passed the owner check against the loaded room; only admitted sockets receive */
  admitted: boolean;
  open: boolean;
}

interface Room {
  id: string;
  kind: YDocKind;
  owner: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Set<Conn>;
  /** resolves when the stored record is loaded; false when loading failed */
  ready: Promise<boolean>;
  /** the stored `update` last applied, to skip re-applying unchanged records */
  lastSeen: string | null;
  dirty: boolean;
  dirtySince: number | null;
  /** the user whose edit is the latest unsaved one; the save is pushed as them */
  editor: Principal | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** saves run one at a time, in order */
  saving: Promise<void>;
  destroyed: boolean;
}

/** The same rule as `mergeYDoc`: the owner is the user's unit, above it or below it. */
export function mayEditOwnedBy(tree: OrgTree, userUnitId: string, ownerUnitId: string): boolean {
  return (
    tree.has(ownerUnitId) &&
    (isAncestorOrSelf(tree, ownerUnitId, userUnitId) ||
      isAncestorOrSelf(tree, userUnitId, ownerUnitId))
  );
}

function isConn(origin: unknown): origin is Conn {
  return typeof origin === 'object' && origin !== null && 'awarenessIds' in origin;
}

function frameBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/**
 * The rooms of one server process.
 *
 * @example
 * const rooms = createYjsRooms({ store, directory, replication });
 * app.route('/api/v1/yjs', yjsRoutes({ rooms, requireAuth: guard }));
 * // on shutdown, after closing sockets: await rooms.close();
 */
export function createYjsRooms(deps: YjsRoomsDeps) {
  const { store, directory, replication } = deps;
  const debounceMs = deps.debounceMs ?? 1000;
  const maxWaitMs = deps.maxWaitMs ?? 5000;
  const clock = new HybridClock(deps.node ?? 'yjs');
  const rooms = new Map<string, Room>();
  /** rooms saving their last state; a room re-opened meanwhile loads after it */
  const closing = new Map<string, { owner: string; kind: YDocKind; done: Promise<void> }>();
  let closed = false;

  function send(conn: Conn, message: Uint8Array<ArrayBuffer>): void {
    if (!conn.open || conn.socket.readyState !== 1) return;
    try {
      conn.socket.send(message);
    } catch {
      drop(conn, CLOSE_INTERNAL, 'send failed');
    }
  }

  function broadcast(room: Room, message: Uint8Array<ArrayBuffer>, except?: Conn): void {
    for (const conn of room.conns) if (conn.admitted && conn !== except) send(conn, message);
  }

  function drop(conn: Conn, code: number, reason: string): void {
    if (!conn.open) return;
    conn.open = false;
    try {
      conn.socket.close(code, reason);
    } catch {
      // already closed
    }
    if (conn.room) leave(conn.room, conn);
  }

  function leave(room: Room, conn: Conn): void {
    if (!room.conns.delete(conn)) return;
    conn.open = false;
    if (!room.destroyed && conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
    }
    if (room.conns.size === 0) void closeRoom(room);
  }

  function scheduleSave(room: Room): void {
    const now = Date.now();
    room.dirty = true;
    room.dirtySince ??= now;
    if (room.timer) clearTimeout(room.timer);
    const wait = Math.max(0, Math.min(debounceMs, room.dirtySince + maxWaitMs - now));
    room.timer = setTimeout(() => {
      room.timer = null;
      void flush(room);
    }, wait);
    room.timer.unref?.();
  }

  function flush(room: Room): Promise<void> {
    room.saving = room.saving
      .then(() => save(room))
      .catch((e: unknown) => {
        logger.error('yjs room save failed', { docId: room.id, error: String(e) });
      });
    return room.saving;
  }

  async function save(room: Room): Promise<void> {
    if (!room.dirty || !room.editor || room.destroyed) return;
    const editor = room.editor;
    room.dirty = false;
    room.dirtySince = null;
    const record: YDocRecord = {
      id: room.id,
      kind: room.kind,
      unitId: room.owner,
      update: Buffer.from(Y.encodeStateAsUpdate(room.doc)).toString('base64'),
      updatedAt: clock.now(),
    };
    try {
      const result = await replication.push('ydocs', { ...editor, deviceId: YJS_WRITER_DEVICE }, [
        { newDocumentState: record },
      ]);
      if (result.rejected.length > 0) {
        logger.warn('yjs room save refused', {
          docId: room.id,
          reasons: result.rejected.map((r) => r.reason),
        });
      }
    } catch (e) {
      // Keep the edits pending: the next edit or the room's close retries.
      room.dirty = true;
      room.dirtySince ??= Date.now();
      throw e;
    }
  }

  function applyStored(room: Room, data: string): void {
    const rec = JSON.parse(data) as YDocRecord;
    if (rec.update === room.lastSeen) return;
    room.lastSeen = rec.update;
    clock.observe(rec.updatedAt);
    Y.applyUpdate(room.doc, Buffer.from(rec.update, 'base64'), FROM_STORE);
  }

  async function load(room: Room): Promise<void> {
    const row = (await store.getDocs('ydocs', [room.id])).get(room.id);
    if (!row || room.destroyed) return;
    const rec = JSON.parse(row.data) as YDocRecord;
    room.owner = rec.unitId;
    room.kind = rec.kind;
    applyStored(room, row.data);
  }

  function openRoom(id: string, owner: string, kind: YDocKind): Room {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null); // the server is not a participant
    const previous = closing.get(id)?.done ?? Promise.resolve();
    const room: Room = {
      id,
      kind,
      owner,
      doc,
      awareness,
      conns: new Set(),
      ready: Promise.resolve(false),
      lastSeen: null,
      dirty: false,
      dirtySince: null,
      editor: null,
      timer: null,
      saving: Promise.resolve(),
      destroyed: false,
    };
    room.ready = previous
      .then(() => load(room))
      .then(
        () => true,
        (e: unknown) => {
          logger.error('yjs room load failed', { docId: id, error: String(e) });
          for (const conn of [...room.conns]) drop(conn, CLOSE_INTERNAL, 'load failed');
          return false;
        },
      );
    room.saving = room.ready.then(() => undefined);

    doc.on('update', (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      broadcast(room, encoding.toUint8Array(encoder), isConn(origin) ? origin : undefined);
      if (isConn(origin)) {
        room.editor = origin.principal;
        scheduleSave(room);
      }
    });
    awareness.on(
      'update',
      (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...changes.added, ...changes.updated, ...changes.removed];
        if (isConn(origin)) {
          for (const id of [...changes.added, ...changes.updated]) origin.awarenessIds.add(id);
          for (const id of changes.removed) origin.awarenessIds.delete(id);
        }
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(
          encoder,
          awarenessProtocol.encodeAwarenessUpdate(awareness, changed),
        );
        // To the sender too: y-websocket clients take their own echo as a keep-alive.
        broadcast(room, encoding.toUint8Array(encoder));
      },
    );
    rooms.set(id, room);
    return room;
  }

  function closeRoom(room: Room): Promise<void> {
    if (rooms.get(room.id) === room) rooms.delete(room.id);
    if (room.timer) clearTimeout(room.timer);
    room.timer = null;
    const done = flush(room).then(() => {
      room.destroyed = true;
      room.awareness.destroy();
      room.doc.destroy();
    });
    const entry = { owner: room.owner, kind: room.kind, done };
    closing.set(room.id, entry);
    void done.finally(() => {
      if (closing.get(room.id) === entry) closing.delete(room.id);
    });
    return done;
  }

  /** Sends the room's state vector and presence, as the stock server does on connect. */
  function greet(room: Room, conn: Conn): void {
    conn.admitted = true;
    const sync = encoding.createEncoder();
    encoding.writeVarUint(sync, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(sync, room.doc);
    send(conn, encoding.toUint8Array(sync));
    const states = [...room.awareness.getStates().keys()];
    if (states.length > 0) send(conn, awarenessMessage(room, states));
  }

  function awarenessMessage(room: Room, clients: number[]): Uint8Array<ArrayBuffer> {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(room.awareness, clients),
    );
    return encoding.toUint8Array(encoder);
  }

  /** One frame from a client; throws on anything malformed. */
  function handleMessage(room: Room, conn: Conn, bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) {
        const stateVector = decoding.readVarUint8Array(decoder);
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(reply, room.doc, stateVector);
        send(conn, encoding.toUint8Array(reply));
      } else if (
        step === syncProtocol.messageYjsSyncStep2 ||
        step === syncProtocol.messageYjsUpdate
      ) {
        const update = decoding.readVarUint8Array(decoder);
        Y.decodeUpdate(update); // malformed bytes throw here, before they touch the room
        Y.applyUpdate(room.doc, update, conn);
      } else throw new Error('unknown sync step');
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(
        room.awareness,
        decoding.readVarUint8Array(decoder),
        conn,
      );
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      send(conn, awarenessMessage(room, [...room.awareness.getStates().keys()]));
    } else throw new Error('unknown message type');
  }

  /**
   * Decides whether `principal` may join `docId`: the stored record's owner
   * (or, for a document not stored yet, the owner and kind the client names)
   * must be the user's unit, above it or below it. Throws `AppError` 400/403.
   */
  async function admit(
    docId: string,
    principal: Principal,
    hint: { unit?: string; kind?: string },
  ): Promise<YjsAdmission> {
    const id = YDocRecordSchema.shape.id.safeParse(docId);
    if (!id.success) throw new AppError(400, 'bad_request', 'bad document id');
    if (closed) throw new AppError(404, 'not_found');
    const known = rooms.get(id.data) ?? closing.get(id.data);
    let owner: string;
    let kind: YDocKind;
    if (known) {
      owner = known.owner;
      kind = known.kind;
    } else {
      const row = (await store.getDocs('ydocs', [id.data])).get(id.data);
      if (row) {
        const rec = JSON.parse(row.data) as YDocRecord;
        owner = rec.unitId;
        kind = rec.kind;
      } else {
        const k = YDocKindSchema.safeParse(hint.kind);
        if (!hint.unit || !k.success) {
          throw new AppError(
            400,
            'bad_request',
            'a new document needs ?unit=<owner unit>&kind=kb|roster|dutylog',
          );
        }
        owner = hint.unit;
        kind = k.data;
      }
    }
    if (!mayEditOwnedBy(directory.tree(), principal.unitId, owner)) {
      throw new AppError(403, 'forbidden');
    }
    return { docId: id.data, ownerUnitId: owner, kind, principal };
  }

  /** Joins an admitted socket to its room (opening and loading the room if needed). */
  function connect(admission: YjsAdmission, socket: RoomSocket): RoomConnection {
    const conn: Conn = {
      socket,
      room: null,
      principal: admission.principal,
      awarenessIds: new Set(),
      admitted: false,
      open: true,
    };
    if (closed) {
      drop(conn, CLOSE_GOING_AWAY, 'server closing');
      return { receive() {}, leave() {} };
    }
    const room =
      rooms.get(admission.docId) ??
      openRoom(admission.docId, admission.ownerUnitId, admission.kind);
    conn.room = room;
    room.conns.add(conn);
    void room.ready.then((ok) => {
      if (!ok || !conn.open || room.destroyed) return;
      // The room may have opened for, or loaded, an owner other than the one admitted.
      if (!mayEditOwnedBy(directory.tree(), conn.principal.unitId, room.owner)) {
        drop(conn, CLOSE_FORBIDDEN, 'forbidden');
        return;
      }
      greet(room, conn);
    });
    return {
      receive(data) {
        if (!conn.open) return;
        const bytes = frameBytes(data);
        if (!bytes) {
          drop(conn, CLOSE_UNSUPPORTED_DATA, 'binary frames only');
          return;
        }
        if (bytes.byteLength > MAX_MESSAGE_BYTES) {
          drop(conn, CLOSE_TOO_LARGE, 'message too large');
          return;
        }
        void room.ready.then((ok) => {
          if (!ok || !conn.open || !conn.admitted || room.destroyed) return;
          try {
            handleMessage(room, conn, bytes);
          } catch (e) {
            logger.warn('yjs malformed message', {
              docId: room.id,
              userId: conn.principal.userId,
              error: e instanceof Error ? e.message : 'unknown',
            });
            drop(conn, CLOSE_UNSUPPORTED_DATA, 'malformed message');
          }
        });
      },
      leave() {
        leave(room, conn);
      },
    };
  }

  async function refresh(ids: string[]): Promise<void> {
    const rows = await store.getDocs('ydocs', ids);
    for (const id of ids) {
      const room = rooms.get(id);
      const row = rows.get(id);
      if (!room || !row || !(await room.ready) || room.destroyed) continue;
      try {
        applyStored(room, row.data);
      } catch (e) {
        logger.error('yjs room refresh failed', { docId: id, error: String(e) });
      }
    }
  }

  // A record changed by replication (or by another server process on the same
  // PostgreSQL) reaches the editors of its open room.
  const stopListening = store.onChange((notice) => {
    if (notice.collection !== 'ydocs' || rooms.size === 0) return;
    const ids = [...rooms.values()]
      .filter((r) => notice.units === null || notice.units.includes(r.owner))
      .map((r) => r.id);
    if (ids.length === 0) return;
    refresh(ids).catch((e: unknown) => {
      logger.error('yjs room refresh failed', { error: String(e) });
    });
  });

  /** Closes every room, saving what is unsaved. Call before closing the store. */
  async function close(): Promise<void> {
    closed = true;
    stopListening();
    for (const room of [...rooms.values()]) {
      for (const conn of [...room.conns]) drop(conn, CLOSE_GOING_AWAY, 'server closing');
      if (rooms.get(room.id) === room) void closeRoom(room);
    }
    await Promise.all([...closing.values()].map((c) => c.done));
  }

  return {
    admit,
    connect,
    close,
    /** open rooms (documents held in memory) */
    openRoomCount: () => rooms.size,
  };
}

export type YjsRooms = ReturnType<typeof createYjsRooms>;

/**
 * `GET /:docId?token=…[&unit=…&kind=…]`, upgraded to the y-websocket protocol.
 * Refusals (401, 403, 400) come before the upgrade, as HTTP responses.
 *
 * @example
 * new WebsocketProvider(`${wsBase}/api/v1/yjs`, 'kb-123', doc, { params: { token } });
 */
export function yjsRoutes(deps: { rooms: YjsRooms; requireAuth: MiddlewareHandler<AuthEnv> }) {
  return new Hono<AuthEnv>().get('/:docId', deps.requireAuth, async (c, next) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new AppError(400, 'bad_request', 'WebSocket upgrade expected');
    }
    const admission = await deps.rooms.admit(c.req.param('docId'), c.get('principal'), {
      unit: c.req.query('unit'),
      kind: c.req.query('kind'),
    });
    return upgradeWebSocket(() => {
      let conn: RoomConnection | null = null;
      return {
        onOpen(_evt, ws) {
          conn = deps.rooms.connect(admission, ws);
        },
        onMessage(evt) {
          conn?.receive(evt.data);
        },
        onClose() {
          conn?.leave();
        },
        onError() {
          conn?.leave();
        },
      };
    })(c, next);
  });
}
