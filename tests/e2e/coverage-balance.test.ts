import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, waitForMapIdle } from './browser';

// 网格规模 in 覆盖分析: the district leader turns the layer on, the grids are coloured by their
// households against the target (偏少 / 适中 / 偏多 in the legend, with the target's numbers), the
// grids out of range are listed, and a row brings its grid into view.

const baseUrl = inject('baseUrl');
const leader = inject('demoAccounts').find((a) => a.role === 'leader' && a.regionCode.length === 6);

let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  expect(leader, 'the test server wrote a district leader account').toBeDefined();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
});

interface BalanceGrid {
  id: number;
  name: string;
  households: number;
  min: number;
  max: number;
  range: 'below' | 'within' | 'above';
}

describe('网格规模 for the district leader', () => {
  it('turns on the layer and sees the grids coloured against the target, with the legend', async () => {
    await page.goto(`${baseUrl}/`);
    await page.locator('.app-header').getByRole('button', { name: '登录', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '登录' });
    await dialog.getByLabel('用户名').fill(leader!.username);
    await dialog.getByLabel('密码', { exact: true }).fill(leader!.password);
    await dialog.getByLabel('密码', { exact: true }).press('Enter');
    await page.locator('.app-header .account-button').waitFor();
    await page.getByRole('link', { name: '覆盖分析' }).click();
    await page.locator('[data-testid="coverage-kpis"]').waitFor({ timeout: 30_000 });

    await page.getByLabel('网格规模（每格户数对照目标）').check();
    const legend = page.locator('[data-testid="coverage-balance-legend"]');
    await legend.waitFor({ timeout: 20_000 });
    const text = (await legend.textContent()) ?? '';
    for (const word of ['网格规模（户）', '偏少', '适中', '偏多', '300', '500']) expect(text, word).toContain(word);
    // The metric's legend gives way while the grids show their size.
    expect(await page.locator('[data-testid="coverage-legend"]').count()).toBe(0);

    // Every grid on the map takes its class from its households against its target.
    const grids = await page.evaluate(async () => ((await (await fetch('/api/coverage/balance')).json()) as { grids: BalanceGrid[] }).grids);
    expect(grids.some((g) => g.range === 'above')).toBe(true);
    await waitForMapIdle(page);
    const drawn = await page.evaluate(() =>
      window.__map!.queryRenderedFeatures({ layers: ['coverage-grids-fill'] }).map((f) => ({ id: Number(f.properties['id']), cls: f.state['cls'] as number | undefined })),
    );
    expect(drawn.length).toBeGreaterThan(50);
    const byId = new Map(grids.map((g) => [g.id, g]));
    for (const d of drawn) {
      const g = byId.get(d.id);
      if (!g) continue;
      if (g.range === 'within') expect(d.cls, g.name).toBe(3);
      else if (g.range === 'above') expect(d.cls, g.name).toBeGreaterThan(3);
      else expect(d.cls, g.name).toBeLessThan(3);
    }
    await screenshot(page, 'coverage-balance-layer');
  });

  it('lists the grids out of range, and a click on one zooms the map to it', async () => {
    const table = page.locator('[data-testid="coverage-balance-table"]');
    await table.waitFor({ timeout: 20_000 });
    const heading = (await page.locator('#coverage-balance-heading').textContent()) ?? '';
    expect(heading).toMatch(/规模不在目标内的网格（\d+ 个）/);
    const first = table.locator('tbody tr').first();
    // Furthest over the target first.
    expect(await first.textContent()).toContain('偏多');
    const name = (await first.locator('.coverage-row-link').textContent()) ?? '';
    const zoomBefore = await page.evaluate(() => window.__map!.getZoom());
    await first.locator('.coverage-row-link').click();
    await expect.poll(() => page.evaluate(() => window.__map!.getZoom()), { timeout: 10_000 }).toBeGreaterThan(zoomBefore + 1);
    await waitForMapIdle(page);
    const inView = await page.evaluate(
      (gridName) => window.__map!.queryRenderedFeatures({ layers: ['coverage-grids-fill'] }).some((f) => f.properties['name'] === gridName),
      name,
    );
    expect(inView).toBe(true);
    expect(await first.getAttribute('class')).toContain('is-selected');
    // Its popup leads with its size against the target.
    await expect.poll(async () => (await page.locator('.coverage-popup').textContent()) ?? '', { timeout: 10_000 }).toMatch(/网格规模[\d,]+ 户(，估算)?（目标 \d+–\d+，偏多）/);

    // Sorting by households: smallest first on a second click.
    const householdsHeader = table.getByRole('button', { name: /户数/ });
    await householdsHeader.click();
    await householdsHeader.click();
    const figures = await table.locator('tbody tr td:nth-of-type(1)').allTextContents();
    const numbers = figures.map((f) => Number(f.replace(/估算|estimate|[^\d]/g, '')));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    await screenshot(page, 'coverage-balance-table');
    expect(pageErrors).toEqual([]);
  });
});
