/** Starting real servers on loopback for integration tests, and building events for them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSchema } from '../../../server/config';
import { type RunningServer, startServer } from '../../../server/server';
import { formatHlc } from '../../../shared/lib/hlc';
import type { Actor, EventOf, TicketEventType } from '../../../shared/schema/ticket-event';

export const DEMO_PASSWORD = 'lianxin2026';

export interface TestServer extends RunningServer {
  dir: string;
}

/** A server on SQLite in a fresh temp folder (or on a given PostgreSQL URL). */
export async function startTestServer(
  options: {
    demoTickets?: number;
    databaseUrl?: string;
    dbPath?: string;
    unit?: string;
    upstream?: string;
    upstreamUser?: string;
    port?: number;
    demo?: boolean;
    /** the built PWA to serve at / (tests/e2e); none by default */
    staticDir?: string;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-it-'));
  const config = ConfigSchema.parse({
    port: options.port ?? 0,
    host: '127.0.0.1',
    dbPath: options.dbPath ?? join(dir, 'server.sqlite'),
    databaseUrl: options.databaseUrl,
    demo: options.demo ?? true,
    demoTickets: options.demoTickets ?? 40,
    unit: options.unit,
    upstream: options.upstream,
    upstreamUser: options.upstreamUser,
    upstreamPassword: options.upstreamUser ? DEMO_PASSWORD : undefined,
    staticDir: options.staticDir ?? join(dir, 'no-static'),
  });
  const server = await startServer(config);
  return {
    ...server,
    dir,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** An event stamped now, with a unique id. */
export function event<T extends TicketEventType>(
  ticketId: string,
  type: T,
  actor: Actor,
  data: EventOf<T>['data'],
  millis = Date.now(),
): EventOf<T> {
  counter += 1;
  return {
    id: `${ticketId}-it${String(counter).padStart(5, '0')}`,
    ticketId,
    type,
    actor,
    at: formatHlc({ millis, counter: counter % 0xffff, node: 'it' }),
    data,
  } as EventOf<T>;
}

export async function login(baseUrl: string, userId: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password }),
  });
  if (!res.ok) throw new Error(`login ${userId}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { accessToken: string; device: { id: string } };
}

/** Waits until `check` passes (polling), or fails with its last error. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      return await check();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw last;
}

export interface ServerProcess {
  proc: import('node:child_process').ChildProcess;
  url: string;
  exited: Promise<number | null>;
  stderr: string[];
}

/**
 * Starts `node --import tsx server/index.ts <args>` as a child process and
 * resolves with its URL once it logs "server listening".
 */
export async function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const { spawn } = await import('node:child_process');
  const { createInterface } = await import('node:readline');
  const root = new URL('../../..', import.meta.url).pathname;
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/index.ts', '--host', '127.0.0.1', ...args],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
    },
  );
  const stderr: string[] = [];
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start in 30 s')), 30_000);
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { msg?: string; url?: string };
        if (msg.msg === 'server listening' && msg.url) {
          clearTimeout(timer);
          resolve(msg.url);
        }
      } catch {
        // not a log line
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening: ${stderr.join('')}`));
    });
  });
  return { proc, url, exited, stderr };
}

/**
 * A county dispatcher's tablet records a new ticket and dispatches it to a
 * township in one offline step (the two events a tablet pushes together).
 */
export async function recordAndDispatch(
  tablet: {
    appendEvents(
      id: string,
      events: import('../../../shared/schema/ticket-event').StoredEvent[],
    ): Promise<boolean>;
  },
  ids: { ticketId: string; county: string; town: string; number: string },
): Promise<void> {
  const { actor, createdData } = await import('../../../shared/domain/ticket/test-kit');
  const d = actor(`${ids.county}-disp`, 'dispatcher', ids.county);
  await tablet.appendEvents(ids.ticketId, [
    event(ids.ticketId, 'created', d, createdData({ number: ids.number, areaId: ids.town })),
    event(ids.ticketId, 'dispatched', d, {
      mode: 'time_limited',
      units: [{ unitId: ids.town, lead: true }],
      note: '',
    }),
  ]);
}
