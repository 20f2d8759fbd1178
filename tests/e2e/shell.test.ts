/**
 * The app frame in a real Chromium: locale and theme switches that persist,
 * sign-in errors in the user's language, the signed-in frame with its
 * queues and shortcuts, offline unlock — and the screenshots in
 * docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  describeE2E,
  saveScreenshot,
  serviceWorkerReady,
  takeNetworkAway,
  useE2EApp,
} from './support/app';

const QUEUE_NAMES = ['待预审', '待签收', '待办理', '待审核', '待回访', '即将超期', '已超期'];

async function fillLogin(page: Page, userId: string, password: string) {
  await page.getByLabel('账号').fill(userId);
  await page.getByLabel('密码').fill(password);
}

describeE2E('app frame', () => {
  const app = useE2EApp();

  it('switches locale and theme, and remembers both after a reload', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await saveScreenshot(page, 'login-light');

    await page.getByTestId('theme-switch').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'login-dark');

    await page.getByTestId('locale-switch').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.evaluate(() => localStorage.getItem('lianxin.locale'))).toBe('en');
    await context.close();
  });

  it('shows the server’s refusal in the current language', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await fillLogin(page, 'c01-k01-disp', 'not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('用户名或密码错误');
    await page.getByTestId('locale-switch').click();
    expect(await error.textContent()).toBe('Wrong user name or password');
    await context.close();
  });

  it('signs in to the frame with the queues, the shortcuts and a deep link kept', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/?queue=pending_sign`);
    await page.waitForURL(/\/login\?next=/);
    await fillLogin(page, 'c01-k01-op', DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${app.url}/?queue=pending_sign`);
    await page.getByRole('heading', { name: '工单队列 · 待签收' }).waitFor();
    const nav = page.getByRole('navigation', { name: '主导航' });
    for (const name of QUEUE_NAMES)
      expect(await nav.getByText(name, { exact: true }).count()).toBe(1);
    expect(await page.getByTestId('sync-indicator').textContent()).toBe('在线');
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'home-zh');

    await page.getByTestId('locale-switch').click();
    await page.getByRole('heading', { name: 'Queues · To sign for' }).waitFor();
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'home-en');
    await page.getByTestId('locale-switch').click();

    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: '键盘快捷键' });
    await dialog.waitFor();
    expect(await dialog.getByText('Alt+N').count()).toBe(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.keyboard.press('/');
    expect(
      await page.evaluate(() => document.activeElement?.hasAttribute('data-shortcut-search')),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    await page.keyboard.press('Alt+n');
    await page.waitForURL(`${app.url}/intake`);
    await page.getByRole('heading', { name: '受理登记', level: 1 }).waitFor();
    // Intake is keyboard-first: the first field of the call takes the focus.
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-intake-first'));
    await context.close();
  });

  it('unlocks offline on a device that signed in before', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await serviceWorkerReady(page);
    await fillLogin(page, 'c01-k01-t01-h', DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${app.url}/`);
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/login/);

    await takeNetworkAway(context);
    await page.reload();
    await page.getByTestId('offline-notice').waitFor();
    await fillLogin(page, 'c01-k01-t01-h', 'wrong-password');
    await page.getByTestId('unlock-offline').click();
    await page.getByTestId('login-error').waitFor();
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByTestId('unlock-offline').click();
    await page.waitForURL(`${app.url}/`);
    await page.getByRole('heading', { name: /^工单队列/ }).waitFor();
    expect(await page.getByTestId('sync-indicator').textContent()).toBe('离线');
    await context.close();
  });
});
