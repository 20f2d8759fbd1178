/**
 * A fresh tablet's first sync against a server holding 5,000 demo tickets:
 * the progress bar shows and advances, and when it is done the device holds
 * exactly the tickets the county centre may see (the server's own grants).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { ticketGrants } from '../../shared/domain/access';
import { buildOrgTree } from '../../shared/domain/org/tree';
import type { OrgUnit } from '../../shared/schema/org-unit';
import type { TicketDoc } from '../../shared/schema/ticket-doc';
import { startTestServer, type TestServer } from '../integration/support/harness';
import { DEMO_PASSWORD, DESKTOP, describeE2E, saveScreenshot } from './support/app';
import { launchChromium } from './support/browser';

const CENTRE = 'c01-k01';
const USER = 'c01-k01-disp';

/** Live (not deleted) records of a collection as the server stores them. */
async function serverDocs<T>(server: TestServer, collection: 'units' | 'tickets'): Promise<T[]> {
  const rows = await server.store.allDocs(collection);
  return rows
    .map((r) => JSON.parse(r.data) as T & { _deleted?: boolean })
    .filter((d) => d._deleted !== true);
}

describeE2E('initial sync', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer({ demoTickets: 5000, staticDir: inject('e2eStaticDir') });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an initial sync of 5,000 tickets shows progress and ends with the right counts', async () => {
    const tree = buildOrgTree(await serverDocs<OrgUnit>(server, 'units'));
    const tickets = await serverDocs<TicketDoc>(server, 'tickets');
    expect(tickets.length).toBeGreaterThanOrEqual(5000);
    const expected = tickets.filter((d) =>
      ticketGrants(d, tree).some((g) => g.unitId === CENTRE),
    ).length;
    expect(expected).toBeGreaterThan(0);

    const context = await browser.newContext(DESKTOP);
    // Every value the progress bar takes, recorded in the page as it changes
    // (polling from here would miss a fast sync).
    await context.addInitScript(() => {
      const seen: number[] = [];
      (window as unknown as { __progress: number[] }).__progress = seen;
      const record = () => {
        const bar = document.querySelector('[data-testid="sync-progress"]');
        const v = Number(bar?.getAttribute('aria-valuenow'));
        if (bar && Number.isFinite(v) && seen.at(-1) !== v) seen.push(v);
      };
      new MutationObserver(record).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('账号').fill(USER);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();

    const bar = page.getByTestId('sync-progress');
    await bar.waitFor({ timeout: 30_000 });
    const samples: number[] = [];
    let shot = false;
    while (await bar.isVisible().catch(() => false)) {
      const now = Number(await bar.getAttribute('aria-valuenow').catch(() => null));
      if (Number.isFinite(now)) samples.push(now);
      if (!shot && now > 0) {
        await page.mouse.move(0, 0);
        await saveScreenshot(page, 'initial-sync');
        shot = true;
      }
      await page.waitForTimeout(50);
    }
    const syncMs = Date.now() - started;
    // Shown, never going back, and moving forward through several values.
    const values = await page.evaluate(
      () => (window as unknown as { __progress: number[] }).__progress,
    );
    expect(values.length + samples.length).toBeGreaterThan(1);
    for (let i = 1; i < values.length; i++) {
      expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] ?? 0);
    }
    expect(new Set([...values, ...samples]).size).toBeGreaterThan(1);

    // The device's copy, read straight from its IndexedDB (RxDB on Dexie).
    const local = await page.evaluate(async (user) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      const name = names.find((n) => n.includes(`lx_${user}_`) && n.endsWith('--tickets'));
      if (!name) throw new Error(`no tickets database among ${names.join(', ')}`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const store = db.transaction('docs').objectStore('docs');
      const all = await new Promise<{ _deleted?: unknown }[]>((resolve, reject) => {
        const req = store.getAll();
        req.onsuccess = () => resolve(req.result as { _deleted?: unknown }[]);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return all.filter((d) => d._deleted !== true && d._deleted !== 1 && d._deleted !== '1')
        .length;
    }, USER);
    expect(local).toBe(expected);
    console.info(
      `[e2e] initial sync: ${expected} tickets for ${CENTRE} in ${syncMs} ms, ${samples.length} samples (${samples.join(' → ')})`,
    );
    await context.close();
  }, 180_000);
});
