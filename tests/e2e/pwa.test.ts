/**
 * The PWA in a real Chromium against a real server: installable (manifest,
 * icons, an active service worker controlling the page) and opening with no
 * network at all once visited.
 */
import { expect, it } from 'vitest';
import { describeE2E, serviceWorkerReady, takeNetworkAway, useE2EApp } from './support/app';

interface Manifest {
  name: string;
  short_name: string;
  lang: string;
  display: string;
  start_url: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...bytes.subarray(0, 8)]).toEqual(signature);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describeE2E('PWA shell', () => {
  const app = useE2EApp();

  it('links a web app manifest whose icons are real PNGs of the declared sizes', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBeTruthy();
    const res = await fetch(new URL(href ?? '', app.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('manifest+json');
    const manifest = (await res.json()) as Manifest;
    expect(manifest).toMatchObject({
      name: '连心·政务服务热线工单',
      short_name: '连心',
      lang: 'zh-CN',
      display: 'standalone',
      start_url: '/',
    });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    const sizes = manifest.icons.map(
      (i) => `${i.sizes}${i.purpose === 'maskable' ? ' maskable' : ''}`,
    );
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
    for (const icon of manifest.icons) {
      const file = await fetch(new URL(icon.src, app.url));
      expect(file.status, icon.src).toBe(200);
      expect(file.headers.get('content-type'), icon.src).toBe('image/png');
      const [w, h] = icon.sizes.split('x').map(Number);
      expect(pngSize(new Uint8Array(await file.arrayBuffer())), icon.src).toEqual({
        width: w,
        height: h,
      });
    }
    await context.close();
  });

  it('activates a service worker that controls the page after a reload and leaves the API alone', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    expect(await serviceWorkerReady(page)).toBe('activated');
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
    // Through the worker, the API still answers with JSON, not the cached app shell.
    const health = await page.evaluate(async () => {
      const res = await fetch('/api/health');
      return { type: res.headers.get('content-type'), body: (await res.json()) as { ok: boolean } };
    });
    expect(health.type).toContain('application/json');
    expect(health.body.ok).toBe(true);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      }
      return urls;
    });
    expect(cached.some((u) => u.endsWith('/index.html') || u.includes('/index.html?'))).toBe(true);
    expect(cached.filter((u) => new URL(u).pathname.startsWith('/api/'))).toEqual([]);
    await context.close();
  });

  it('reloads the app shell with every request aborted, the worker’s included', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await serviceWorkerReady(page);

    await takeNetworkAway(context);
    // The network really is gone, for the page and for anything the worker fetches.
    expect(
      await page.evaluate(() =>
        fetch('/api/health').then(
          () => 'reached',
          () => 'failed',
        ),
      ),
    ).toBe('failed');

    await page.reload();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByTestId('offline-notice').waitFor();
    expect(await page.getByRole('button', { name: '离线解锁' }).isVisible()).toBe(true);

    // A deep link to an app route is served the shell too; the API is not.
    await page.goto(`${app.url}/tickets/K01-20261125-0001`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await expect(page.goto(`${app.url}/api/health`)).rejects.toThrow();
    await context.close();
  });
});
