/**
 * @module
 * One e2e fixture: the built app served by a real sync server with the demo
 * network, and Debian's Chromium. `describeE2E` skips (or fails on CI) when
 * Chromium is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../../integration/support/harness';
import { chromiumAvailable, launchChromium, MISSING_CHROMIUM } from './browser';

export { DEMO_PASSWORD } from '../../integration/support/harness';

export const SCREENSHOT_DIR = join(import.meta.dirname, '../../../docs/screenshots');

/** A PC / landscape-tablet window. */
export const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1366, height: 860 },
  deviceScaleFactor: 1,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  colorScheme: 'light',
  serviceWorkers: 'allow',
};

/**
 * `describe` for browser tests: without Chromium it skips with a message,
 * or, with CI=true (CI installs Chromium), fails with one.
 */
export function describeE2E(name: string, body: () => void): void {
  if (chromiumAvailable()) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(MISSING_CHROMIUM);
      });
    });
  } else {
    console.warn(`[e2e] skipped "${name}": ${MISSING_CHROMIUM}`);
    describe.skip(name, body);
  }
}

export interface E2EApp {
  server: TestServer;
  url: string;
  browser: Browser;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Starts the app before a file's tests and closes it after them; the object
 * returned forwards to the running app.
 */
export function useE2EApp(): E2EApp {
  let app: E2EApp | null = null;
  beforeAll(async () => {
    app = await startE2EApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  const current = (): E2EApp => {
    if (!app) throw new Error('the e2e app has not started');
    return app;
  };
  return {
    get server() {
      return current().server;
    },
    get url() {
      return current().url;
    },
    get browser() {
      return current().browser;
    },
    newContext: (options) => current().newContext(options),
    close: () => current().close(),
  };
}

export async function startE2EApp(): Promise<E2EApp> {
  const staticDir = inject('e2eStaticDir');
  if (!staticDir) throw new Error('the e2e global setup did not build the app');
  const server = await startTestServer({ staticDir, demoTickets: 5 });
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    server,
    url: server.url,
    browser,
    async newContext(options = {}) {
      const context = await browser.newContext({ ...DESKTOP, ...options });
      contexts.push(context);
      return context;
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close();
      await server.close();
    },
  };
}

/** Cuts every request of the context, the service worker's included, and reports offline. */
export async function takeNetworkAway(context: BrowserContext): Promise<void> {
  await context.route('**', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
}

/** Waits until a service worker is active for the page's origin. */
export async function serviceWorkerReady(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve) => {
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') resolve();
        });
      });
    }
    return worker?.state ?? 'none';
  });
}

let cjkFont: boolean | undefined;

/** Chinese glyphs render only with a CJK font installed (fonts-noto-cjk on Debian). */
function hasCjkFont(): boolean {
  if (cjkFont === undefined) {
    try {
      cjkFont = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
    } catch {
      cjkFont = false;
    }
  }
  return cjkFont;
}

/**
 * Saves `docs/screenshots/<name>.png`. Without a CJK font the Chinese would
 * come out as boxes, so it keeps the committed picture and says why.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (!hasCjkFont()) {
    console.warn(
      `[e2e] screenshot ${name} not saved: no CJK font (apt-get install fonts-noto-cjk)`,
    );
    return;
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  // Transient notices (已可离线使用) would cover the picture.
  await page.screenshot({
    path: join(SCREENSHOT_DIR, `${name}.png`),
    style: '.lx-toaster { display: none }',
  });
}
