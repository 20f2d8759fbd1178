/**
 * @module
 * A throw-away PostgreSQL database for integration tests. Connects to the
 * local server (`LIANXIN_TEST_PG_URL`, default the trust-auth
 * `postgres://127.0.0.1:5432/postgres`) and creates `lianxin_test_<random>`.
 * When PostgreSQL does not answer, tests are skipped with a warning on a
 * developer's machine and fail on CI (`CI=true`): a CI run that silently
 * skipped the production store would prove nothing.
 */

import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

const ADMIN_URL = withUser(process.env.LIANXIN_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/postgres');

/** pg takes the default user from $USER, which test workers and containers may lack. */
function withUser(raw: string): string {
  const url = new URL(raw);
  if (!url.username) url.username = process.env.PGUSER ?? userInfo().username;
  return url.toString();
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function connectAdmin(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  return client;
}

async function admin(sql: string): Promise<void> {
  const client = await connectAdmin();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates a fresh database, or returns null (after a warning) when PostgreSQL
 * is not reachable outside CI. On CI an unreachable server throws; so does
 * any failure once connected (say, a role without CREATEDB).
 *
 * @example
 * ```ts
 * const db = await createTestDatabase();
 * if (db) afterAll(() => db.drop());
 * ```
 */
export async function createTestDatabase(): Promise<TestDatabase | null> {
  let client: pg.Client;
  try {
    client = await connectAdmin();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const message = `PostgreSQL at ${ADMIN_URL} does not answer (${reason}).`;
    if (process.env.CI === 'true') throw new Error(`${message} CI requires it.`);
    console.warn(
      `${message} Skipping the PostgreSQL tests; start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect 15 main start` ' +
        '(or point LIANXIN_TEST_PG_URL at a server).',
    );
    return null;
  }
  const name = `lianxin_test_${randomBytes(6).toString('hex')}`;
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
