/**
 * The work screens in a real Chromium against a real server with the demo
 * network: a township handler signs for and replies to a ticket from 待签收,
 * the township's unit reviewer passes the reply up, the county dispatcher
 * finds it in 待审核 and accepts it — each on their own device, the reply
 * travelling through sync — and a ticket whose events collided shows the
 * conflict in its timeline. Screenshots go to docs/screenshots/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCalendar } from '../../shared/domain/calendar';
import { CONFLICT_REASONS } from '../../shared/domain/ticket/conflicts';
import { foldTicket } from '../../shared/domain/ticket/fold';
import { actor, createdData } from '../../shared/domain/ticket/test-kit';
import type { TicketEvent } from '../../shared/schema/ticket-event';
import { event, login } from '../integration/support/harness';
import {
  DEMO_PASSWORD,
  describeE2E,
  type E2EApp,
  saveScreenshot,
  startE2EApp,
} from './support/app';

const COUNTY = 'c01-k01';
const TOWN = 'c01-k01-t01';
const HOUR = 3_600_000;
const disp = actor(`${COUNTY}-disp`, 'dispatcher', COUNTY);
const handler = actor(`${TOWN}-h`, 'handler', TOWN);

const yymmdd = () => {
  const d = new Date(Date.now() + 8 * HOUR);
  return `${String(d.getUTCFullYear()).slice(2)}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
};

interface Seeded {
  id: string;
  number: string;
  events: TicketEvent[];
}

let seq = 0;
/** A ticket the county dispatcher registered and dispatched to the township `hoursAgo` ago. */
function dispatchedTicket(
  hoursAgo: number,
  fields: Partial<ReturnType<typeof createdData>> = {},
): Seeded {
  seq += 1;
  const id = `scr-${Date.now().toString(36)}-${seq}`;
  const number = `1101-${yymmdd()}-96-${String(seq).padStart(4, '0')}`;
  const t0 = Date.now() - hoursAgo * HOUR;
  return {
    id,
    number,
    events: [
      event(id, 'created', disp, createdData({ number, areaId: TOWN, ...fields }), t0),
      event(
        id,
        'dispatched',
        disp,
        { mode: 'time_limited', units: [{ unitId: TOWN, lead: true }], note: '' },
        t0 + 60_000,
      ),
    ],
  };
}

async function push(url: string, token: string, collection: string, docs: object[]) {
  const res = await fetch(`${url}/api/v1/replication/${collection}/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: docs.map((d) => JSON.stringify({ newDocumentState: d })).join('\n'),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { rejected: unknown[] };
  expect(body.rejected).toEqual([]);
}

async function signIn(context: BrowserContext, url: string, userId: string, path = '/') {
  const page = await context.newPage();
  await page.goto(`${url}${path}`);
  await page.waitForURL(/\/login/);
  await page.getByLabel('账号').fill(userId);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(`${url}${path}`);
  return page;
}

/** Waits until this device has nothing left to push. */
async function synced(page: Page) {
  await page.getByTestId('record-state').getByText('已同步').waitFor({ timeout: 20_000 });
}

async function act(page: Page, type: string) {
  await page.locator(`[data-action="${type}"]`).click({ timeout: 20_000 });
}

describeE2E('work screens', () => {
  let app: E2EApp;
  let main: Seeded;
  let conflict: Seeded;
  let conflictReason: keyof typeof CONFLICT_REASONS;

  beforeAll(async () => {
    app = await startE2EApp();
    main = dispatchedTicket(3, {
      category: 'complaint',
      topic: 'water-supply',
      location: '城关街道幸福路12号院3号楼',
      description:
        '幸福路12号院3号楼自前天起每天晚上8点后停水，已持续三天，家中有老人，生活很不方便，物业称是二次供水泵房故障但一直未修。',
      urgency: 'urgent',
    });
    const others = [
      dispatchedTicket(30, {
        category: 'help',
        topic: 'street-lights',
        location: '城关街道建设路与人民路交叉口',
        description: '建设路与人民路交叉口路灯已坏一周，夜间行人过马路很危险。',
      }),
      dispatchedTicket(20, {
        category: 'report',
        topic: 'illegal-building',
        confidential: true,
        location: '城关街道东关村二组',
        description: '东关村二组有人在耕地上违法搭建彩钢房，村委会制止无效。',
      }),
      dispatchedTicket(1, {
        category: 'consult',
        topic: 'social-insurance',
        description: '咨询灵活就业人员如何在乡镇办理城乡居民养老保险缴费。',
      }),
      dispatchedTicket(2, {
        category: 'suggestion',
        topic: 'landscaping',
        description: '建议在滨河公园增设健身器材和儿童游乐设施。',
      }),
    ];
    // Two devices of the township acted on the same ticket while offline: one
    // returned it, the other signed for it afterwards. The fold applies the
    // return and keeps the late signature in the timeline as a conflict.
    conflict = dispatchedTicket(5, {
      category: 'complaint',
      topic: 'noise',
      description: '夜间KTV噪音扰民，多次反映未解决。',
    });
    const t = Date.now() - 4 * HOUR;
    conflict.events.push(
      event(
        conflict.id,
        'returned',
        handler,
        { unitId: TOWN, reason: 'not_our_duty', note: '属文化执法范围' },
        t,
      ),
      event(conflict.id, 'signed', handler, { unitId: TOWN }, t + 10 * 60_000),
    );
    const folded = foldTicket(conflict.events, { calendar: createCalendar() });
    const flagged = folded.timeline.find((e) => e.conflict !== null);
    if (!flagged?.conflict) throw new Error('the conflict ticket has no conflict');
    conflictReason = flagged.conflict;

    const { accessToken } = await login(app.url, `${COUNTY}-disp`);
    await push(
      app.url,
      accessToken,
      'tickets',
      [main, ...others, conflict].map((x) => ({ id: x.id, events: x.events.slice(0, 2) })),
    );
    // The caller of the main ticket, as the county centre recorded them.
    const stamp = main.events[0]?.at ?? '';
    await push(app.url, accessToken, 'contacts', [
      {
        id: main.id,
        name: '张秀兰',
        phone: '13912345678',
        address: '城关街道幸福路12号院3号楼2单元501',
        employer: '',
        stamps: { name: stamp, phone: stamp, address: stamp, employer: stamp },
        updatedAt: stamp,
      },
    ]);
    // The township's two late events, pushed by the township's handler.
    const town = await login(app.url, `${TOWN}-h`);
    await push(app.url, town.accessToken, 'tickets', [
      { id: conflict.id, events: conflict.events },
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('handler signs and replies, unit reviewer passes it up, dispatcher accepts it', async () => {
    // --- the township handler's tablet
    const hCtx = await app.newContext();
    const h = await signIn(hCtx, app.url, `${TOWN}-h`);
    await h.getByRole('heading', { name: '工单队列 · 待签收' }).waitFor();
    const row = h.getByTestId('queue-row').filter({ hasText: main.number });
    await row.waitFor({ timeout: 20_000 });
    expect(await h.getByTestId('queue-row').count()).toBeGreaterThanOrEqual(4);
    const nav = h.getByRole('navigation', { name: '主导航' });
    const signBadge = nav.getByRole('link', { name: /待签收/ }).getByTestId('queue-count-badge');
    expect(Number(await signBadge.textContent())).toBeGreaterThanOrEqual(4);
    await h.mouse.move(0, 0);
    await saveScreenshot(h, 'queue-light');
    await h.getByTestId('theme-switch').click();
    await saveScreenshot(h, 'queue-dark');
    await h.getByTestId('theme-switch').click();

    await row.click();
    await h.waitForURL(`${app.url}/tickets/${main.id}`);
    const status = h.getByTestId('ticket-status');
    expect(await status.textContent()).toBe('待签收');
    await h.getByRole('heading', { name: main.number }).waitFor();
    // S signs: one key, no form.
    await h.keyboard.press('s');
    await h.locator('[data-testid="timeline-entry"][data-event-type="signed"]').waitFor();
    await h.getByTestId('ticket-status').getByText('办理中').waitFor();

    await act(h, 'replied');
    const form = h.getByTestId('action-form-replied');
    await form
      .getByLabel('回复内容')
      .fill(
        '经现场核查，系二次供水泵房控制柜故障，已于今日更换，恢复正常供水。已告知物业加强巡检。',
      );
    await form.getByText('已电话联系来电人').click();
    await saveScreenshot(h, 'ticket-reply');
    await form.getByTestId('action-submit').click();
    await form.waitFor({ state: 'hidden' });
    await h.locator('[data-testid="timeline-entry"][data-event-type="replied"]').waitFor();
    const assignment = h.getByTestId('assignment').first();
    await assignment.getByText('待本单位审核').waitFor();
    await synced(h);

    // --- the township's unit reviewer, another device: the reply arrives by sync
    const rCtx = await app.newContext();
    const r = await signIn(rCtx, app.url, `${TOWN}-r`, `/tickets/${main.id}`);
    await act(r, 'unit_reviewed');
    const review = r.getByTestId('action-form-unit_reviewed');
    await review.getByTestId('action-submit').click();
    await review.waitFor({ state: 'hidden' });
    await r.getByTestId('assignment').first().getByText('已回复，待审核').waitFor();
    await synced(r);

    // --- the county dispatcher finds it in 待审核 and accepts it
    const dCtx = await app.newContext();
    const d = await signIn(dCtx, app.url, `${COUNTY}-disp`, '/?queue=pending_centre_review');
    await d.getByRole('heading', { name: '工单队列 · 待审核' }).waitFor();
    const dRow = d.getByTestId('queue-row').filter({ hasText: main.number });
    await dRow.waitFor({ timeout: 20_000 });
    // The search box takes the number as a caller reads it out.
    await d.keyboard.press('/');
    await d.keyboard.type(main.number.replaceAll('-', ' '));
    await d.keyboard.press('Enter');
    await d.waitForURL(`${app.url}/tickets/${main.id}`);
    await act(d, 'reviewed');
    const accept = d.getByTestId('action-form-reviewed');
    await accept.getByText('通过', { exact: true }).click();
    await accept.getByTestId('action-submit').click();
    await accept.waitFor({ state: 'hidden' });
    await d.getByTestId('ticket-status').getByText('待回访').waitFor();
    const types = await d
      .getByTestId('timeline-entry')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
    expect(types).toEqual([
      'created',
      'dispatched',
      'signed',
      'replied',
      'unit_reviewed',
      'reviewed',
    ]);
    await synced(d);
    await d.mouse.move(0, 0);
    await saveScreenshot(d, 'ticket-light');
    await d.getByTestId('theme-switch').click();
    await d.mouse.move(0, 0);
    await saveScreenshot(d, 'ticket-dark');
    await d.getByTestId('theme-switch').click();
  });

  it('shows the conflict a collision left in a ticket, in the current language', async () => {
    const ctx = await app.newContext();
    const page = await signIn(ctx, app.url, `${TOWN}-h`, `/tickets/${conflict.id}`);
    const flagged = page.getByTestId('timeline-conflict');
    await flagged.waitFor({ timeout: 20_000 });
    expect(await flagged.textContent()).toContain(CONFLICT_REASONS[conflictReason].zh);
    const entry = page.locator('.lx-tl__item--conflict');
    expect(await entry.getAttribute('data-event-type')).toBe('signed');
    await page.evaluate(() =>
      document.querySelector('.lx-tl__item--conflict')?.scrollIntoView({ block: 'center' }),
    );
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'ticket-conflict');
    await page.getByTestId('locale-switch').click();
    await page.getByText(CONFLICT_REASONS[conflictReason].en).waitFor();
    await page.getByTestId('locale-switch').click();
  });
});
