import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseSummary, CreatedReport } from '../../server/src/contract/cases.ts';
import type { LocateResponse, SearchResult } from '../../server/src/contract/finder.ts';
import type { GridCollection } from '../../server/src/contract/grids.ts';
import { isLocalUrl, launchBrowser, recordRequests, screenshot, waitForPath } from './browser';

// 我的网格 in Chromium against the real server: a grid worker (made by the demo admin for one grid)
// signs in on the landing page and lands on their inbox; a resident's report at a point of that
// grid appears in it without a reload (the case feed), with a "新反映" badge; the worker accepts,
// starts and closes it with a note (the note is required), and the timeline shows every step.
// Once on a phone (360 × 740) and once on a desktop screen (1280 × 800).

const baseUrl = inject('baseUrl');
const demo = inject('demoAccounts');
const admin = demo.find((a) => a.role === 'admin');
/** 崇安寺街道, in the middle of the district. */
const PLACE = { lng: 120.3012, lat: 31.5733 };

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };

let browser: Browser;
const worker = { username: `e2e_gw_${Date.now().toString(36)}`, password: '' };
let gridCode = '';
let gridName = '';
let adminCookie = '';

async function signInApi(username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** A resident's report (at the worker's grid unless told), as the public page sends it. */
async function report(description: string, at: { lng: number; lat: number } = PLACE): Promise<CreatedReport> {
  const res = await fetch(`${baseUrl}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'repair', description, lng: at.lng, lat: at.lat, phone: '13912345678' }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const made = (await res.json()) as CreatedReport;
  if (at === PLACE) expect(made.gridCode).toBe(gridCode);
  return made;
}

beforeAll(async () => {
  expect(admin, 'the test server wrote demo accounts').toBeDefined();
  const located = (await (await fetch(`${baseUrl}/api/locate?lng=${PLACE.lng}&lat=${PLACE.lat}`)).json()) as LocateResponse;
  gridCode = located.grid.code;
  gridName = located.grid.name;
  adminCookie = await signInApi(admin!.username, admin!.password);
  const res = await fetch(`${baseUrl}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: adminCookie },
    body: JSON.stringify({ username: worker.username, displayName: '测试网格员', role: 'gridworker', regionCode: located.community.code, gridCodes: [gridCode] }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  worker.password = ((await res.json()) as { password: string }).password;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signInFromLanding(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('.app-header').getByRole('button', { name: '登录', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '登录' });
  await dialog.getByLabel('用户名').fill(worker.username);
  await dialog.getByLabel('密码', { exact: true }).fill(worker.password);
  await dialog.getByLabel('密码', { exact: true }).press('Enter');
  // A grid worker opening the app at / lands on their cases.
  await waitForPath(page, '/my-grid');
}

/** The step button, then the case's status as the detail shows it. */
async function step(page: Page, button: string, status: string): Promise<void> {
  const detail = page.locator('.mygrid-case');
  await detail.getByRole('button', { name: button, exact: true }).click();
  await expect.poll(() => detail.locator('.mygrid-case-title .mygrid-status').textContent(), { timeout: 10_000 }).toBe(status);
}

describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)('我的网格 on a %s', (name, options) => {
  it('shows a new report without reload; the worker accepts, starts and closes it; the timeline shows the steps', async () => {
    const context = await browser.newContext(options);
    const requests = recordRequests(context);
    const page = await context.newPage();
    await signInFromLanding(page);
    await expect.poll(() => page.locator('.mygrid-live').textContent(), { timeout: 20_000 }).toBe('实时更新中');
    await page.locator('.mygrid-count').waitFor();
    await screenshot(page, `mygrid-${name}-1-inbox`);
    expect(await page.getByRole('navigation').getByRole('link', { name: '我的网格' }).getAttribute('aria-current')).toBe('page');

    // Marks this document: a reload would lose the mark.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const description = `${name} 路灯不亮 ${Date.now().toString(36)}`;
    const made = await report(description);
    const card = page.locator(`.mygrid-card[data-case-code="${made.code}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain(description);
    expect(await card.textContent()).toContain('待受理');
    await expect.poll(() => page.locator('.mygrid-toast').textContent(), { timeout: 10_000 }).toMatch(/新反映/);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await screenshot(page, `mygrid-${name}-2-new-case`);

    await card.click();
    await page.waitForURL((url) => /^\/my-grid\/\d+$/.test(url.pathname));
    const detail = page.locator(`.mygrid-case[data-case-code="${made.code}"]`);
    await detail.waitFor();
    expect(await detail.textContent()).toContain(description);
    expect(await detail.textContent()).toContain(gridName);
    expect(await detail.locator('.mygrid-status').first().textContent()).toBe('待受理');

    // The phone: asked for on a tap, then a tel: link.
    await detail.getByRole('button', { name: '显示电话' }).click();
    const call = detail.getByRole('link', { name: /拨打/ });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:13912345678');

    await step(page, '受理', '已受理');
    await step(page, '开始处置', '处置中');
    await screenshot(page, `mygrid-${name}-3-in-progress`, { fullPage: true });

    // 办结 needs what was done.
    await detail.getByRole('button', { name: '办结', exact: true }).click();
    const form = detail.locator('form[data-form="close"]');
    await form.getByRole('button', { name: '确认办结' }).click();
    await form.getByText('请填写这一项。').waitFor();
    expect(await detail.locator('.mygrid-case-title .mygrid-status').textContent()).toBe('处置中');
    await form.getByLabel('处置结果（必填）').fill('已更换灯泡，路灯恢复照明');
    await form.getByRole('button', { name: '确认办结' }).click();
    await expect.poll(() => detail.locator('.mygrid-case-title .mygrid-status').textContent(), { timeout: 10_000 }).toBe('已办结');

    const steps = await detail.locator('.mygrid-timeline li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(steps).toEqual(['created', 'accepted', 'started', 'closed']);
    expect(await detail.locator('.mygrid-timeline li[data-kind="closed"]').textContent()).toContain('已更换灯泡，路灯恢复照明');
    expect(await detail.locator('.mygrid-timeline li[data-kind="accepted"]').textContent()).toContain('测试网格员');
    await screenshot(page, `mygrid-${name}-4-closed`, { fullPage: true });

    // Back in the inbox, the closed case has left 待办 and is under 已办结.
    await page.getByRole('link', { name: /返回列表/ }).click();
    await waitForPath(page, '/my-grid');
    await card.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '已办结', exact: true }).click();
    await card.waitFor();
    expect(await card.textContent()).toContain('已办结');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await screenshot(page, `mygrid-${name}-5-closed-list`);

    expect(requests.filter((url) => !isLocalUrl(url))).toEqual([]);
    await context.close();
  });
});

describe('我的网格: a case handed over (转派) to my grid', () => {
  it('is at the top of the inbox with 接收, and taking it makes it mine, accepted', async () => {
    // A report in another grid of the same community, handed to the worker's grid by the admin.
    const grids = (await (await fetch(`${baseUrl}/api/grids?community=${gridCode.slice(0, 12)}`)).json()) as GridCollection;
    const other = grids.features.map((f) => f.properties).find((p) => p.code !== gridCode)!;
    const found = (await (await fetch(`${baseUrl}/api/search?q=${other.code}`)).json()) as { results: SearchResult[] };
    const point = found.results.find((r) => r.type === 'grid' && r.code === other.code)!.location;
    const made = await report(`转派测试 ${Date.now().toString(36)}`, point);
    expect(made.gridCode).toBe(other.code);
    const list = (await (await fetch(`${baseUrl}/api/cases?status=open&limit=500`, { headers: { cookie: adminCookie } })).json()) as { cases: CaseSummary[] };
    const summary = list.cases.find((c) => c.code === made.code)!;
    const handed = await fetch(`${baseUrl}/api/cases/${summary.id}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: adminCookie },
      body: JSON.stringify({ action: 'transfer', version: summary.version, toGridCode: gridCode, note: '位置在相邻网格' }),
    });
    expect(handed.status, await handed.clone().text()).toBe(200);

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInFromLanding(page);
    const transfers = page.locator('.mygrid-transfers');
    const card = transfers.locator(`.mygrid-transfer[data-case-code="${made.code}"]`);
    await card.waitFor();
    expect(await transfers.getByRole('heading').textContent()).toMatch(/^转派给我的/);
    expect(await card.textContent()).toContain(`由 ${other.name} 转派至 ${gridName}`);
    await screenshot(page, 'mygrid-phone-6-transfer');
    await card.getByRole('button', { name: '接收', exact: true }).click();
    // It joins the worker's own list, accepted, in their grid.
    await card.waitFor({ state: 'detached' });
    const mine = page.getByRole('list', { name: '待办' }).locator(`.mygrid-card[data-case-code="${made.code}"]`);
    await mine.waitFor();
    expect(await mine.textContent()).toContain('已受理');
    expect(await mine.textContent()).toContain(gridName);
    await context.close();
  });
});
