/**
 * @module
 * Starting and stopping one sync server: storage, directory, auth,
 * replication, the HTTP + WebSocket listener, and (with an upstream) the link
 * to the server above. Used by the entry point and by the integration tests.
 */

import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { createApp } from './app';
import type { Config } from './config';
import { logger } from './logger';
import { createAuthService } from './services/auth';
import { openDirectory } from './services/directory';
import { createReplication } from './services/replication';
import { seedDemo } from './services/seed';
import { startUpstream, type UpstreamLink } from './services/upstream';
import { openPostgresStore } from './storage/postgres';
import { openSqliteStore } from './storage/sqlite';
import type { Store } from './storage/types';
import { createYjsRooms } from './yjs/rooms';

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  upstream: UpstreamLink | null;
  close(): Promise<void>;
}

export async function openStore(config: Pick<Config, 'databaseUrl' | 'dbPath'>): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore({ connectionString: config.databaseUrl });
  if (config.dbPath !== ':memory:') mkdirSync(dirname(config.dbPath), { recursive: true });
  return openSqliteStore(config.dbPath);
}

export async function startServer(config: Config): Promise<RunningServer> {
  const store = await openStore(config);
  const directory = await openDirectory(store);
  if (config.demo) {
    const seeded = await seedDemo(store, directory, {
      tickets: config.demoTickets,
      networkSecret: config.networkSecret,
    });
    if (seeded) logger.info('seeded demo network', seeded);
  }
  const replication = createReplication({ store, directory });
  let upstream: UpstreamLink | null = null;
  if (config.upstream) {
    if (!config.unit || !config.upstreamUser || !config.upstreamPassword) {
      throw new Error('an upstream needs --unit, --upstream-user and --upstream-password');
    }
    upstream = startUpstream({
      url: config.upstream,
      userId: config.upstreamUser,
      password: config.upstreamPassword,
      unitId: config.unit,
      store,
      directory,
      replication,
    });
    // A new server knows nobody until the first round brings the org tree and its users.
    if ((await store.allDocs('units')).length === 0) {
      logger.info('waiting for the first sync with the upstream', { upstream: config.upstream });
      await upstream.ready;
    }
  }
  const unitId = config.unit ?? directory.tree().root.id;
  const yjs = createYjsRooms({ store, directory, replication, node: `yjs-${unitId}` });
  const auth = createAuthService({
    store,
    directory,
    issuer: `lianxin:${unitId}`,
    networkSecret: config.networkSecret,
  });
  const app = createApp({
    store,
    directory,
    auth,
    replication,
    yjs,
    unitId,
    staticDir: config.staticDir,
  });

  const wss = new WebSocketServer({ noServer: true });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      { fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } },
      () => resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info('server listening', { url, unitId, storage: store.kind });

  return {
    url,
    port,
    store,
    upstream,
    async close() {
      upstream?.stop();
      for (const client of wss.clients) client.terminate();
      await yjs.close(); // saves open documents before the store closes
      await new Promise<void>((resolve) => server.close(() => resolve()));
      directory.stop();
      await store.close();
    },
  };
}
