import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GridScore } from '../../server/src/contract/case-stats.ts';
import { launchBrowser, screenshot, waitForMapIdle, waitForPath } from './browser';

// 民情反馈 from end to end on a fresh start, with the demo accounts only: a resident on a phone
// reports a broken street lamp in 胜利门社区 and gets a code; the demo grid worker of that grid
// (wanggeyuan), already on 我的网格, sees it appear without a reload, accepts, starts and closes it;
// the resident rates it on the status page; the street's leader sees the grid's scorecard row
// change in 覆盖分析 › 民情 (one more case, one more closed on time).

const accounts = inject('demoAccounts');
const baseUrl = inject('baseUrl');
const worker = accounts.find((a) => a.username === 'wanggeyuan');
const leader = accounts.find((a) => a.username === 'leader_street');
/** In 胜利门社区第1网格 (320213021001001), one of wanggeyuan's grids. WGS-84. */
const LAMP = { longitude: 120.2972, latitude: 31.58 };
const GRID_CODE = '320213021001001';
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };

let browser: Browser;

beforeAll(async () => {
  expect(worker, 'the demo grid worker is in demo-accounts.txt').toBeDefined();
  expect(leader, 'the demo street leader is in demo-accounts.txt').toBeDefined();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('.app-header').getByRole('button', { name: '登录', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '登录' });
  await dialog.getByLabel('用户名').fill(account.username);
  await dialog.getByLabel('密码', { exact: true }).fill(account.password);
  await dialog.getByLabel('密码', { exact: true }).press('Enter');
  await page.locator('.app-header .account-button').waitFor();
}

/** The grid's scorecard row as the leader's page reads it (the last 90 days), and the row's text in the table. */
async function gridScore(page: Page): Promise<{ score: GridScore; row: string }> {
  const card = await page.evaluate(async () => (await (await fetch('/api/case-stats/scorecard')).json()) as { grids: GridScore[] });
  const score = card.grids.find((g) => g.gridCode === GRID_CODE)!;
  const row = page.locator('[data-testid="cases-table"] tbody tr').filter({ hasText: GRID_CODE });
  await row.waitFor();
  return { score, row: (await row.textContent()) ?? '' };
}

async function openCasesTab(page: Page): Promise<void> {
  await page.getByRole('link', { name: '覆盖分析' }).click();
  await page.getByRole('tab', { name: '民情' }).click();
  await page.locator('[data-testid="cases-table"]').waitFor({ timeout: 60_000 });
}

describe('民情反馈 from a report to a rated answer', () => {
  it('reaches the grid worker live, is closed and rated, and moves the grid on the leader’s scorecard', async () => {
    // The leader's scorecard row before.
    const leaderPage = await (await browser.newContext(DESKTOP)).newPage();
    await signIn(leaderPage, leader!);
    await openCasesTab(leaderPage);
    const before = await gridScore(leaderPage);

    // The grid worker is on 我的网格, following the live feed.
    const workerPage = await (await browser.newContext(PHONE)).newPage();
    await signIn(workerPage, worker!);
    await waitForPath(workerPage, '/my-grid');
    await expect.poll(() => workerPage.locator('.mygrid-live').textContent(), { timeout: 20_000 }).toBe('实时更新中');
    await workerPage.evaluate(() => Object.assign(window, { __sameDocument: true }));

    // The resident reports from where they stand.
    const resident = await (await browser.newContext({ ...PHONE, geolocation: LAMP, permissions: ['geolocation'] })).newPage();
    await resident.goto(`${baseUrl}/report`);
    await resident.waitForSelector('.map-container[data-ready="true"]', { timeout: 60_000 });
    await waitForMapIdle(resident);
    await resident.locator('.report-category', { hasText: '设施维修' }).click();
    const description = `胜利门社区路灯不亮 ${Date.now().toString(36)}`;
    await resident.getByLabel('2. 问题描述').fill(description);
    await resident.getByRole('button', { name: '使用我的位置' }).click();
    await resident.locator(`[data-testid="report-grid"][data-grid-code="${GRID_CODE}"]`).waitFor();
    await resident.getByRole('button', { name: '提交', exact: true }).click();
    const shown = resident.getByTestId('report-code');
    await shown.waitFor({ timeout: 30_000 });
    const code = (await shown.textContent()) ?? '';
    await screenshot(resident, 'loop-1-reported', { fullPage: true });

    // It appears in the worker's inbox without a reload; the worker handles and closes it.
    const card = workerPage.locator(`.mygrid-card[data-case-code="${code}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain(description);
    expect(await workerPage.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await card.click();
    const detail = workerPage.locator(`.mygrid-case[data-case-code="${code}"]`);
    await detail.waitFor();
    const status = detail.locator('.mygrid-case-title .mygrid-status');
    await detail.getByRole('button', { name: '受理', exact: true }).click();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('已受理');
    await detail.getByRole('button', { name: '开始处置', exact: true }).click();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('处置中');
    await detail.getByRole('button', { name: '办结', exact: true }).click();
    const form = detail.locator('form[data-form="close"]');
    await form.getByLabel('处置结果（必填）').fill('已联系物业更换灯泡，路灯恢复照明');
    await form.getByRole('button', { name: '确认办结' }).click();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('已办结');
    await screenshot(workerPage, 'loop-2-closed', { fullPage: true });

    // The resident rates it on the status page.
    await resident.getByRole('link', { name: '查看办理进度' }).click();
    await waitForPath(resident, `/report/${code}`);
    await expect.poll(() => resident.getByTestId('status-now').textContent(), { timeout: 10_000 }).toBe('已办结');
    await resident.locator('.report-rating-choice', { hasText: /^满意$/ }).click();
    await resident.getByRole('button', { name: '提交评价' }).click();
    await resident.getByTestId('status-rating').waitFor();
    expect(await resident.getByTestId('status-now').textContent()).toBe('已回访');
    await screenshot(resident, 'loop-3-rated', { fullPage: true });

    // The leader's page, opened again, shows the grid's row changed.
    await leaderPage.reload();
    await leaderPage.getByRole('tab', { name: '民情' }).click();
    await leaderPage.locator('[data-testid="cases-table"]').waitFor({ timeout: 60_000 });
    const after = await gridScore(leaderPage);
    expect(after.score.cases).toBe(before.score.cases + 1);
    expect(after.score.closedOnTime).toBe(before.score.closedOnTime + 1);
    expect(after.score.satisfied).toBe(before.score.satisfied + 1);
    expect(after.row).not.toBe(before.row);
    await screenshot(leaderPage, 'loop-4-scorecard');
  });
});
