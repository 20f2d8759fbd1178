/**
 * The hotline's main loop in two real Chromium contexts against the real
 * server: the county dispatcher records three calls with the network cut
 * (numbers issued offline, KB suggestions, the repeat-call warning, dispatch
 * to 城关街道), goes back online; the township handler sees them in 待签收,
 * signs one and replies; the dispatcher sees the reply. And a reload with
 * the network off still shows the app and its data.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  describeE2E,
  saveScreenshot,
  serviceWorkerReady,
  takeNetworkAway,
  useE2EApp,
} from './support/app';

const CENTRE_USER = 'c01-k01-disp'; // a dispatcher: may create and dispatch (permissions.ts)
const TOWN = 'c01-k01-t01'; // 城关街道
const TOWN_USER = 'c01-k01-t01-h';
const PHONE = '138 0013 8000';
const REPLY = '已联系店主，要求晚十点后停止室外经营，街道城管中队每晚巡查。';

const CALLS = [
  {
    name: '王芳',
    location: '城关街道幸福路12号楼下',
    description: '楼下烧烤店每天营业到凌晨两点，噪音很大，影响休息。',
  },
  {
    name: '王芳',
    location: '城关街道幸福路12号楼下',
    description: '昨晚烧烤店又营业到凌晨，噪音扰民问题没有解决。',
  },
  {
    name: '王芳',
    location: '城关街道幸福路12号楼下',
    description: '楼下烧烤店夜间经营噪音很大，已经反映两次了，希望尽快处理。',
  },
];

async function signIn(page: Page, base: string, userId: string, next = '/') {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('账号').fill(userId);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Follows a link inside the app, as a click on one would (the router takes it). */
async function openInApp(page: Page, path: string) {
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    document.body.append(a);
    a.click();
    a.remove();
  }, path);
  await page.waitForURL((url) => url.pathname === path);
}

async function bringNetworkBack(context: BrowserContext) {
  await context.unroute('**');
  await context.setOffline(false);
}

/** Fills the intake form for one call and dispatches it to the township; returns the number. */
async function recordCall(page: Page, call: (typeof CALLS)[number], shoot: boolean) {
  const form = page.getByTestId('intake-form');
  await form.waitFor();
  await page.getByLabel('来电号码').fill(PHONE);
  // The number is issued at the first keystroke, offline, and shown large.
  const value = page.getByTestId('intake-number').locator('[data-number]');
  await value.waitFor();
  const number = (await value.getAttribute('data-number')) ?? '';
  expect(number).toMatch(/^1101-\d{6}-\d{2}-\d{4}$/);
  expect(await value.textContent()).toBe(number.replaceAll('-', ' '));

  await page.getByLabel('姓名').fill(call.name);
  await page.getByLabel('联系地址').fill('幸福小区3号楼2单元501');
  await page.getByTestId('category').selectOption('complaint');
  const topic = page.getByTestId('topic');
  await topic.click();
  await topic.pressSequentially('噪音');
  await topic.press('Enter');
  expect(await topic.inputValue()).toBe('噪音扰民');
  await page.getByTestId('area').selectOption(TOWN);
  await page.getByLabel('事发地点').fill(call.location);
  await page.getByTestId('description').fill(call.description);
  // The knowledge base answers alongside, from the device's own copy.
  await page.getByTestId('kb-hit').first().waitFor();
  expect(await page.getByTestId('kb-hit').first().textContent()).toContain('噪音');

  await page.locator('[data-outcome="dispatch"]').click();
  // The dispatch catalogue's suggestion is preselected.
  expect(await page.locator(`[data-unit="${TOWN}"]`).isChecked()).toBe(true);

  if (shoot) {
    await page.getByTestId('repeat-warning').waitFor();
    // Tall enough to show the whole form: caller, matter with the KB, outcome.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1366, height: 1660 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'intake-light');
    await page.getByTestId('theme-switch').click();
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'intake-dark');
    await page.getByTestId('theme-switch').click();
    if (size) await page.setViewportSize(size);
  }

  await page.getByTestId('description').focus();
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('intake-saved').waitFor();
  expect(await page.getByTestId('intake-saved').textContent()).toContain(
    number.replaceAll('-', ' '),
  );
  return number;
}

describeE2E('the hotline loop', () => {
  const app = useE2EApp();

  it('an operator records three tickets offline, goes online, and a township handler in a second browser context sees them in 待签收, signs one and replies, and the operator sees the reply', async () => {
    const started = Date.now();
    const centre = await app.newContext();
    const desk = await centre.newPage();
    await desk.goto(`${app.url}/login`);
    await serviceWorkerReady(desk);
    await signIn(desk, app.url, CENTRE_USER);
    await desk.getByTestId('sync-progress').waitFor({ state: 'detached', timeout: 30_000 });

    const town = await app.newContext();
    const handler = await town.newPage();
    await signIn(handler, app.url, TOWN_USER, '/?queue=pending_sign');

    await desk.keyboard.press('Alt+n');
    await desk.waitForURL(`${app.url}/intake`);
    await desk.getByTestId('kb-suggestions').getByText('输入诉求内容后自动匹配标准答案').waitFor();

    await takeNetworkAway(centre);
    await desk.getByTestId('sync-indicator').getByText('离线').waitFor();

    const numbers: string[] = [];
    const ids: string[] = [];
    for (const [i, call] of CALLS.entries()) {
      numbers.push(await recordCall(desk, call, i === 2));
      await desk.getByRole('button', { name: '查看工单' }).click();
      await desk.waitForURL(/\/tickets\//);
      ids.push(new URL(desk.url()).pathname.split('/').pop() ?? '');
      // On this device, offline: 待签收 at the township, waiting for the server.
      await desk.getByTestId('ticket-status').getByText('待签收').waitFor();
      await desk.keyboard.press('Alt+n');
      await desk.waitForURL(`${app.url}/intake`);
    }
    expect(new Set(numbers).size).toBe(3);
    await desk
      .getByTestId('sync-pending')
      .getByText(/待同步 \d+ 条/)
      .waitFor();
    const pendingText = await desk.getByTestId('sync-pending').textContent();
    expect(Number(pendingText?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(6); // 3 tickets + 3 contacts

    // Nothing reached the server while offline.
    const town3 = handler.getByTestId('queue-row').filter({ hasText: numbers[0] ?? '' });
    expect(await town3.count()).toBe(0);

    await bringNetworkBack(centre);
    await desk.getByTestId('sync-pending').waitFor({ state: 'detached', timeout: 20_000 });
    await desk.getByTestId('sync-indicator').getByText('在线').waitFor();

    // The township sees all three in 待签收, pushed to it through the server.
    for (const n of numbers) {
      await handler.getByTestId('queue-row').filter({ hasText: n }).waitFor({ timeout: 20_000 });
    }
    await handler
      .getByTestId('queue-row')
      .filter({ hasText: numbers[0] ?? '' })
      .click();
    await handler.waitForURL(`${app.url}/tickets/${ids[0]}`);
    // Confidential caller details never leave with the ticket; this one is not confidential.
    await handler.locator('[data-action="signed"]').click();
    await handler.getByTestId('ticket-status').getByText('办理中').waitFor();
    await handler.locator('[data-action="replied"]').click();
    const form = handler.getByTestId('action-form-replied');
    await form.locator('textarea').first().fill(REPLY);
    await form.getByTestId('action-submit').click();
    await handler.getByTestId('timeline').getByText(REPLY).waitFor();

    // The dispatcher sees the reply on the ticket (in-app navigation: a reload
    // would ask for the password again, since the data key lives in memory).
    await openInApp(desk, `/tickets/${ids[0]}`);
    await desk.getByTestId('timeline').getByText(REPLY).waitFor({ timeout: 20_000 });
    expect(await desk.getByTestId('ticket-status').textContent()).not.toBe('待签收');
    console.info(`[e2e] hotline loop: ${Date.now() - started} ms`);
  }, 180_000);

  it('a reload with the network off shows the app and its data', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await serviceWorkerReady(page);
    await signIn(page, app.url, TOWN_USER, '/?queue=pending_sign');
    await page.getByTestId('sync-progress').waitFor({ state: 'detached', timeout: 30_000 });
    const rows = page.getByTestId('queue-row');
    await rows.first().waitFor();
    const numbersOf = async () =>
      (await rows.allTextContents()).map((text) => text.match(/^\d{4}-\d{6}-\d{2}-\d{4}/)?.[0]);
    const before = await numbersOf();
    expect(before.length).toBeGreaterThan(0);

    await takeNetworkAway(context);
    await page.reload();
    // The data key lives only in memory: the same password unlocks the device's copy.
    await page.getByTestId('offline-notice').waitFor();
    await page.getByLabel('账号').fill(TOWN_USER);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByTestId('unlock-offline').click();
    await page.waitForURL(/\?queue=pending_sign/);
    await rows.first().waitFor();
    expect(await numbersOf()).toEqual(before);
    expect(await page.getByTestId('sync-indicator').textContent()).toContain('离线');
  }, 120_000);
});
