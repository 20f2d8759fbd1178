/**
 * @module
 * Server configuration from the environment and the command line (flags win).
 * Validated at start: a bad value stops the server with a clear message.
 */

import { parseArgs } from 'node:util';
import { z } from 'zod';

export const ConfigSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().default('0.0.0.0'),
  /** SQLite file (default) — ignored when `databaseUrl` is set */
  dbPath: z.string().default('.data/lianxin.sqlite'),
  /** postgres://… : use PostgreSQL (several processes may share it) */
  databaseUrl: z.string().url().optional(),
  /** this server's org unit (its level in the network); default: the root */
  unit: z.string().max(40).optional(),
  /** the server above this one, e.g. http://city.example:8080 */
  upstream: z.string().url().optional(),
  upstreamUser: z.string().max(40).optional(),
  upstreamPassword: z.string().max(200).optional(),
  /** seed the demo network, users and tickets into an empty store */
  demo: z.coerce.boolean().default(false),
  demoTickets: z.coerce.number().int().min(0).max(100_000).default(400),
  /** shared by the whole network; makes caller keys */
  networkSecret: z.string().min(16).default('lianxin-demo-network-secret'),
  /** the built PWA */
  staticDir: z.string().default('dist/client'),
});
export type Config = z.infer<typeof ConfigSchema>;

const ENV: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  dbPath: 'LIANXIN_DB',
  databaseUrl: 'DATABASE_URL',
  unit: 'LIANXIN_UNIT',
  upstream: 'LIANXIN_UPSTREAM',
  upstreamUser: 'LIANXIN_UPSTREAM_USER',
  upstreamPassword: 'LIANXIN_UPSTREAM_PASSWORD',
  demo: 'LIANXIN_DEMO',
  demoTickets: 'LIANXIN_DEMO_TICKETS',
  networkSecret: 'LIANXIN_NETWORK_SECRET',
  staticDir: 'LIANXIN_STATIC_DIR',
};

const FLAGS: Record<keyof Config, string> = {
  port: 'port',
  host: 'host',
  dbPath: 'db',
  databaseUrl: 'database-url',
  unit: 'unit',
  upstream: 'upstream',
  upstreamUser: 'upstream-user',
  upstreamPassword: 'upstream-password',
  demo: 'demo',
  demoTickets: 'demo-tickets',
  networkSecret: 'network-secret',
  staticDir: 'static-dir',
};

export function loadConfig(argv: string[] = process.argv.slice(2), env = process.env): Config {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(
      Object.entries(FLAGS).map(([key, flag]) => [
        flag,
        { type: key === 'demo' ? 'boolean' : 'string' },
      ]),
    ),
    strict: true,
  });
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ENV) as (keyof Config)[]) {
    const fromFlag = values[FLAGS[key]];
    const fromEnv = env[ENV[key]];
    const value = fromFlag ?? fromEnv;
    if (value !== undefined && value !== '')
      raw[key] = key === 'demo' ? value === true || value === 'true' || value === '1' : value;
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`bad configuration: ${issues}`);
  }
  return parsed.data;
}
