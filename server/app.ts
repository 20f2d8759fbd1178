/**
 * @module
 * Composition of the sync server: routes joined with `app.route()`, one error
 * handler, the PWA served from the build folder. `AppType` lets the client
 * call the server through `hc<AppType>()` without hand-copied types.
 */

import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { AppError, handleError } from './errors';
import { requireAuth } from './middleware/auth';
import { authRoutes } from './routes/auth';
import { openApiDocument } from './routes/openapi';
import { replicationRoutes } from './routes/replication';
import type { createAuthService } from './services/auth';
import type { Directory } from './services/directory';
import type { Replication } from './services/replication';
import type { Store } from './storage/types';
import { type YjsRooms, yjsRoutes } from './yjs/rooms';

export interface AppDeps {
  store: Store;
  directory: Directory;
  auth: ReturnType<typeof createAuthService>;
  replication: Replication;
  /** live Yjs co-editing rooms (the y-websocket endpoint) */
  yjs: YjsRooms;
  /** this server's unit and, for the demo page, a label */
  unitId: string;
  /** the built PWA (vite build output); served at / when present */
  staticDir?: string;
}

export function createApp(deps: AppDeps) {
  const guard = requireAuth(deps.auth);
  const api = new Hono()
    .get('/health', async (c) =>
      c.json({
        ok: true,
        unitId: deps.unitId,
        storage: deps.store.kind,
        protocol: PROTOCOL_VERSION,
        seq: await deps.store.headSeq(),
        serverTime: Date.now(),
      }),
    )
    .get('/openapi.json', (c) => c.json(openApiDocument()))
    .route('/v1/auth', authRoutes(deps.auth))
    .route(
      '/v1/replication',
      replicationRoutes({
        replication: deps.replication,
        store: deps.store,
        directory: deps.directory,
        requireAuth: guard,
      }),
    )
    .route('/v1/yjs', yjsRoutes({ rooms: deps.yjs, requireAuth: guard }));

  const app = new Hono();
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false }));
  app.route('/api', api);
  app.all('/api/*', () => {
    throw new AppError(404, 'not_found');
  });
  if (deps.staticDir && existsSync(deps.staticDir)) {
    const root = deps.staticDir;
    app.use('*', serveStatic({ root }));
    // Client-side routes fall back to the app shell.
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }
  app.onError(handleError);
  app.notFound((c) =>
    c.json({ error: { reason: 'not_found', message: { zh: '未找到', en: 'Not found' } } }, 404),
  );
  return app;
}

export type AppType = ReturnType<typeof createApp>;
