import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isLocalUrl, launchBrowser, recordRequests, screenshot, waitForMapIdle } from './browser';

// 覆盖分析 in Chromium against the real server: the demo district leader signs in through the
// header, sees the KPIs, the grid choropleth and the deck.gl hexagon heatmap, switches the
// metric (the legend follows), and exports the per-grid table as an Excel-readable CSV.

const baseUrl = inject('baseUrl');
const leader = inject('demoAccounts').find((a) => a.role === 'leader' && a.regionCode.length === 6);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let requests: string[];

beforeAll(async () => {
  expect(leader, 'the test server wrote a district leader account').toBeDefined();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  requests = recordRequests(context);
});

afterAll(async () => {
  await browser?.close();
});

describe('覆盖分析 for the district leader', () => {
  it('signs in and opens 覆盖分析 with the KPIs in Chinese with units', async () => {
    await page.goto(`${baseUrl}/`);
    await page.locator('.app-header .account-sign-in').waitFor();
    await page.locator('.app-header').getByRole('button', { name: '登录', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '登录' });
    await dialog.getByLabel('用户名').fill(leader!.username);
    await dialog.getByLabel('密码', { exact: true }).fill(leader!.password);
    await dialog.getByLabel('密码', { exact: true }).press('Enter');
    await page.locator('.app-header .account-button').waitFor();

    await page.getByRole('link', { name: '覆盖分析' }).click();
    expect(await page.locator('h1').first().textContent()).toBe('覆盖分析');
    const kpis = page.locator('[data-testid="coverage-kpis"]');
    await kpis.waitFor({ timeout: 30_000 });
    const value = (key: string) => kpis.locator(`[data-kpi="${key}"] .coverage-kpi-value`).textContent();
    const grids = Number((await value('grids'))?.replace(/,/g, ''));
    const members = Number((await value('members'))?.replace(/,/g, ''));
    expect(grids).toBeGreaterThan(0);
    expect(members).toBeGreaterThan(0);
    expect(await value('membersReach')).toMatch(/^\d+(\.\d)?%$/);
    const text = (await kpis.textContent()) ?? '';
    for (const label of ['网格数', '党员数', '每百户党员数', '人/百户', '距服务站平均距离', '米']) expect(text).toContain(label);
  });

  it('draws the choropleth and the deck.gl hexagon heatmap fed by the server cells', async () => {
    await waitForMapIdle(page);
    await expect
      .poll(() => page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['coverage-grids-fill'] }).length), {
        timeout: 20_000,
      })
      .toBeGreaterThan(100);
    // The choropleth colours the shell's grid tiles through feature-state: no grid is downloaded as GeoJSON.
    expect(requests.some((u) => /\/api\/grids(\?|\/|$)/.test(u))).toBe(false);
    const coloured = await page.evaluate(
      () => window.__map!.queryRenderedFeatures({ layers: ['coverage-grids-fill'] }).filter((f) => typeof f.state['cls'] === 'number').length,
    );
    expect(coloured).toBeGreaterThan(100);
    await screenshot(page, 'coverage-choropleth');

    await page.getByTestId('coverage-heatmap-toggle').check();
    const heatLegend = page.locator('[data-testid="coverage-heat-legend"]');
    await heatLegend.waitFor({ timeout: 60_000 });
    expect(Number(await heatLegend.getAttribute('data-cells'))).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="coverage-heat-note"]').textContent()).toMatch(/少于 \d+ 人的格子不显示（共隐藏 \d+ 人）/);
    expect(requests.some((u) => u.includes('/api/coverage/heatmap?') && u.includes('bbox='))).toBe(true);
    // Interleaved deck.gl overlay: one MapboxOverlay control whose hexagon layer has the cells.
    const deck = await page.evaluate(() => {
      const map = window.__map! as unknown as { _controls: { _deck?: { props: { layers: { id: string; props: { data: unknown[] } }[] } } }[] };
      const overlay = map._controls.find((c) => c._deck !== undefined);
      const layer = overlay?._deck?.props.layers.find((l) => l.id === 'coverage-heatmap');
      return { overlay: overlay !== undefined, cells: layer?.props.data.length ?? 0 };
    });
    expect(deck.overlay).toBe(true);
    expect(deck.cells).toBeGreaterThan(0);
    await waitForMapIdle(page);
    await screenshot(page, 'coverage');
  });

  it('switches the metric and the legend states the new metric and unit', async () => {
    const legendTitle = page.locator('[data-testid="coverage-legend"] .coverage-legend-title');
    expect(await legendTitle.textContent()).toBe('每百户党员数（人/百户）');
    await page.locator('[data-testid="coverage-metric"]').selectOption({ label: '距最近服务站距离' });
    await expect.poll(() => legendTitle.textContent()).toBe('距最近服务站距离（米）');
    await page.locator('[data-testid="coverage-metric"]').selectOption({ label: '党员数' });
    await expect.poll(() => legendTitle.textContent()).toBe('党员数（人）');
    expect(await page.locator('[data-testid="coverage-legend"] li').count()).toBeGreaterThan(1);
  });

  it('shows a grid\'s numbers when the grid is clicked on the map', async () => {
    await page.getByTestId('coverage-heatmap-toggle').uncheck();
    await waitForMapIdle(page);
    // The first screen point, scanning from the centre outwards, that lies on a coloured grid.
    const point = await page.evaluate(() => {
      const map = window.__map!;
      const canvas = map.getCanvas();
      const rect = canvas.getBoundingClientRect();
      const [cx, cy] = [rect.width / 2, rect.height / 2];
      for (let r = 0; r < 300; r += 10)
        for (const [dx, dy] of [[0, 0], [r, 0], [-r, 0], [0, r], [0, -r]] as const) {
          const hit = map.queryRenderedFeatures([cx + dx, cy + dy], { layers: ['coverage-grids-fill'] });
          if (hit.length > 0) return { x: rect.left + cx + dx, y: rect.top + cy + dy };
        }
      return null;
    });
    expect(point).not.toBeNull();
    await page.mouse.click(point!.x, point!.y);
    const detail = page.getByTestId('coverage-detail');
    await detail.waitFor({ timeout: 10_000 });
    expect(await detail.textContent()).toContain('每百户党员数');
  });

  it('exports the per-grid table as CSV with a BOM, Chinese headers and one row per grid', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出网格表（CSV）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^覆盖分析-\d{6}-\d{8}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(
      '网格编码,网格名称,社区编码,党员数,正式党员,预备党员,流动党员,党组织数,有党支部/党小组,户数,常住人口,每百户党员数,距最近服务站（米）',
    );
    expect(lines.length - 1).toBe(943);
    const grids = Number(
      (await page.locator('[data-kpi="grids"] .coverage-kpi-value').textContent())?.replace(/,/g, ''),
    );
    expect(lines.length - 1).toBe(grids);
  });

  it('never asked any host but the local server', () => {
    expect(requests.filter((u) => !isLocalUrl(u))).toEqual([]);
  });
});
