/**
 * @module
 * Entry point: `tsx server/index.ts [--port 8080] [--db file] [--database-url postgres://…]
 * [--unit c01-k01 --upstream http://city:8080] [--demo]`. See README, Configuration.
 */

import { loadConfig } from './config';
import { logger } from './logger';
import { startServer } from './server';

try {
  const config = loadConfig();
  const server = await startServer(config);
  const stop = () => {
    logger.info('shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  logger.error('could not start', { error: e instanceof Error ? e.message : String(e) });
  process.exit(1);
}
