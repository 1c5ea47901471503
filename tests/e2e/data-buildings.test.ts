import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

// 楼栋户数 import in Chromium against the real server: the demo district planner picks the
// buildings kind, reads the column help, runs 预检 on a small CSV of points with 户数 in
// 万融社区 (320213029008), imports it, and the grid holding the buildings shows their households.

const baseUrl = inject('baseUrl');
const demo = inject('demoAccounts');
const planner = demo.find((a) => a.role === 'planner' && a.regionCode.length === 6) ?? demo.find((a) => a.role === 'planner');

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const CSV = Buffer.from(
  ['编号,楼栋,户数,人口,经度,纬度', `E2E-${suffix}-1,测试1幢,40,100,120.341385,31.611289`, `E2E-${suffix}-2,测试2幢,36,90,120.341385,31.611489`].join('\r\n') + '\r\n',
  'utf8',
);

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  expect(planner, 'the test server wrote a planner account').toBeDefined();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe('楼栋户数 import for the demo planner', () => {
  it('imports a CSV of buildings with 户数 through the data workspace', async () => {
    await page.goto(`${baseUrl}/`);
    await page.locator('.app-header').getByRole('button', { name: '登录', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '登录' });
    await dialog.getByLabel('用户名').fill(planner!.username);
    await dialog.getByLabel('密码', { exact: true }).fill(planner!.password);
    await dialog.getByLabel('密码', { exact: true }).press('Enter');
    await page.locator('.app-header .account-button').waitFor();
    await page.locator('.app-header').getByRole('link', { name: '数据导入导出' }).click();

    const panel = page.locator('.import-panel');
    await panel.waitFor();
    await panel.getByRole('radio', { name: /楼栋户数/ }).check();
    await panel.getByText('文件应包含的列').click();
    const columns = (await panel.locator('.import-columns').textContent()) ?? '';
    for (const column of ['编号', '楼栋', '户数', '人口', '社区编码', '经度', '纬度']) expect(columns).toContain(column);

    await panel.locator('input[type="file"]').setInputFiles({ name: '楼栋.csv', mimeType: 'text/csv', buffer: CSV });
    await panel.locator('.drop-chosen').getByText('楼栋.csv').waitFor();
    await panel.getByRole('button', { name: '预检', exact: true }).click();
    const report = panel.locator('.import-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.locator('[data-kind="problems"] .report-count-value').textContent()).toBe('0');
    expect(await report.locator('[data-kind="create"] .report-count-value').textContent()).toBe('2');
    expect(await report.locator('.actions-table').textContent()).toContain('测试2幢');
    await panel.locator('.import-preview').waitFor();
    await screenshot(page, 'data-buildings-dry-run');

    await panel.getByRole('button', { name: '确认导入' }).click();
    const done = panel.locator('.import-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain('导入完成：新建 2，更新 0');

    // The buildings are there for staff, each in a grid; the grid's households include theirs.
    const listed = await page.evaluate(async () => {
      const res = await fetch('/api/buildings?community=320213029008');
      return (await res.json()) as { features: { properties: { name: string; gridId: number | null; households: number } }[] };
    });
    const ours = listed.features.filter((f) => f.properties.name.startsWith('测试'));
    expect(ours.map((f) => f.properties.households).sort()).toEqual([36, 40]);
    const gridId = ours[0]!.properties.gridId;
    expect(gridId).not.toBeNull();
    const grid = await page.evaluate(async (id) => ((await (await fetch(`/api/grids/${id}`)).json()) as { properties: { households: number; householdsSource: string } }).properties, gridId);
    expect(grid.householdsSource).toBe('buildings');
    expect(grid.households).toBeGreaterThanOrEqual(76);
  });
});
