import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isLocalUrl, launchBrowser, recordRequests, screenshot, waitForMapIdle } from './browser';

// 覆盖分析 in Chromium against the real server: the demo district leader signs in through the
// header, sees the KPIs, the grid choropleth and the deck.gl hexagon heatmap, switches the
// metric (the legend follows), and exports the per-grid table as an Excel-readable CSV.

const baseUrl = inject('baseUrl');
const leader = inject('demoAccounts').find((a) => a.role === 'leader' && a.regionCode.length === 6);
const streetLeader = inject('demoAccounts').find((a) => a.role === 'leader' && a.regionCode.length === 9);
const communityPlanner = inject('demoAccounts').find((a) => a.role === 'planner' && a.regionCode.length === 12);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let requests: string[];

/** Uncaught errors of the leader's page: the deck.gl overlay once failed to start ("t is not a constructor"). */
const pageErrors: string[] = [];

beforeAll(async () => {
  expect(leader, 'the test server wrote a district leader account').toBeDefined();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  requests = recordRequests(context);
});

afterAll(async () => {
  await browser?.close();
});


async function signInThroughHeader(target: Page, account: { username: string; password: string }): Promise<void> {
  await target.goto(`${baseUrl}/`);
  await target.locator('.app-header .account-sign-in').waitFor();
  await target.locator('.app-header').getByRole('button', { name: '登录', exact: true }).click();
  const dialog = target.getByRole('dialog', { name: '登录' });
  await dialog.getByLabel('用户名').fill(account.username);
  await dialog.getByLabel('密码', { exact: true }).fill(account.password);
  await dialog.getByLabel('密码', { exact: true }).press('Enter');
  await target.locator('.app-header .account-button').waitFor();
}

describe('覆盖分析 opens on the account\'s own region', () => {
  it.each([
    ['a street leader', 'street', () => streetLeader],
    ['a community planner', 'community', () => communityPlanner],
  ])('%s lands on their %s, not the whole district', async (_who, level, account) => {
    const scoped = account();
    expect(scoped, 'the test server wrote the account').toBeDefined();
    const scopedContext = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    try {
      const scopedPage = await scopedContext.newPage();
      await signInThroughHeader(scopedPage, scoped!);
      await scopedPage.getByRole('link', { name: '覆盖分析' }).click();
      await scopedPage.locator('[data-testid="coverage-kpis"]').waitFor({ timeout: 30_000 });
      const [own, district] = await scopedPage.evaluate(async (code) => {
        const one = async (q: string) => ((await (await fetch(`/api/regions?${q}`)).json()) as { features: { bbox: number[] }[] }).features[0]!.bbox;
        return [await one(`code=${code}`), await one('level=district')];
      }, scoped!.regionCode);
      const bounds = () =>
        scopedPage.evaluate(() => {
          const b = window.__map!.getBounds();
          return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
        });
      const [w, s, e, n] = own as [number, number, number, number];
      // The region fills the view: all of it is in sight, and one side fits it closely.
      await expect
        .poll(async () => {
          const [bw, bs, be, bn] = await bounds();
          const holds = bw! <= w + 1e-6 && bs! <= s + 1e-6 && be! >= e - 1e-6 && bn! >= n - 1e-6;
          const snug = (be! - bw!) / (e - w) < 1.5 || (bn! - bs!) / (n - s) < 1.5;
          return holds && snug;
        }, { timeout: 20_000 })
        .toBe(true);
      const [bw, , be] = await bounds();
      const [dw, , de] = district as [number, number, number, number];
      expect(be! - bw!).toBeLessThan((de - dw) * 0.8);
      await screenshot(scopedPage, `coverage-${level}`);
    } finally {
      await scopedContext.close();
    }
  });
});

describe('覆盖分析 for the district leader', () => {
  it('signs in and opens 覆盖分析 with the KPIs in Chinese with units', async () => {
    await signInThroughHeader(page, leader!);

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
    expect(pageErrors).toEqual([]);
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
    // The popup on the map gives the indicator the map is coloured by (党员数 now), not households or the grid leader.
    const popup = page.locator('.coverage-popup');
    await popup.waitFor({ timeout: 10_000 });
    const popupText = (await popup.textContent()) ?? '';
    expect(popupText).toMatch(/党员数\s*[\d,]+ 人/);
    expect(popupText).not.toContain('户数');
    expect(popupText).not.toContain('网格长');
    // The shell's grid record (households, leader) stays closed on this page.
    expect(await page.locator('.map-area .details').count()).toBe(0);
  });

  it('shows the legend over the map, and a grid chosen in the table brings the map to it', async () => {
    const legend = page.getByTestId('coverage-map-legend');
    await legend.waitFor();
    const box = (await legend.boundingBox())!;
    const mapBox = (await page.locator('.map-area').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(mapBox.x);
    expect(box.y + box.height).toBeLessThanOrEqual(mapBox.y + mapBox.height);
    expect(await legend.textContent()).toContain('党员数（人）');

    await page.locator('.coverage-table-wrap summary').click();
    const row = page.locator('[data-testid="coverage-table"] tbody tr').nth(3);
    const name = (await row.locator('.coverage-row-link').textContent()) ?? '';
    const zoomBefore = await page.evaluate(() => window.__map!.getZoom());
    await row.locator('.coverage-row-link').click();
    await expect.poll(() => page.evaluate(() => window.__map!.getZoom()), { timeout: 10_000 }).toBeGreaterThan(zoomBefore + 1);
    await expect.poll(async () => (await page.locator('.coverage-popup').textContent()) ?? '', { timeout: 10_000 }).toContain(name);
    await waitForMapIdle(page);
    // The chosen grid is drawn in the view it zoomed to.
    const inView = await page.evaluate(
      (gridName) => window.__map!.queryRenderedFeatures({ layers: ['coverage-grids-fill'] }).some((f) => f.properties['name'] === gridName),
      name,
    );
    expect(inView).toBe(true);
  });

  it('exports the per-grid table as CSV with a BOM, the street and community by name and one row per grid', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出网格表（CSV）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\d{6}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(
      '网格编码,网格名称,街道编码,街道,社区编码,社区,户数,人口,党员数,正式党员,预备党员,流动党员,党组织数,有党支部,每百户党员数,服务站数,最近服务站距离(米)',
    );
    expect(lines[1]!.split(',')[3]).not.toBe('');
    expect(lines[1]!.split(',')[5]).not.toBe('');
    const grids = Number(
      (await page.locator('[data-kpi="grids"] .coverage-kpi-value').textContent())?.replace(/,/g, ''),
    );
    expect(lines.length - 1).toBe(grids);
  });

  it('exports the map as a sheet: title, region, legend and notes around the map, at print resolution, recorded first', async () => {
    await page.keyboard.press('Escape');
    await waitForMapIdle(page);
    const legendColours = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="coverage-legend"] li .coverage-swatch')]
        .map((el) => getComputedStyle(el).backgroundColor)
        .filter((c) => c.startsWith('rgb(')),
    );
    expect(legendColours.length).toBeGreaterThan(1);
    const mapWidth = await page.evaluate(() => window.__map!.getCanvas().getBoundingClientRect().width);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: '导出地图（PNG）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^覆盖分析-\d{6}-\d{8}\.png$/);
    expect(requests.some((u) => u.endsWith('/api/exports/audit'))).toBe(true);
    const bytes = await readFile((await download.path())!);
    const png = bytes.toString('base64');
    // The sheet itself next to the screenshots, for a person to look at.
    await writeFile(path.join(path.dirname(await screenshot(page, 'coverage-export')), 'coverage-sheet.png'), bytes);
    const sheet = await page.evaluate(
      async ({ data, colours }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const px = ctx.getImageData(0, 0, img.width, img.height).data;
        const at = (x: number, y: number) => [px[(y * img.width + x) * 4]!, px[(y * img.width + x) * 4 + 1]!, px[(y * img.width + x) * 4 + 2]!];
        // Dark title text in the band above the map (the sheet starts white).
        let titleInk = 0;
        for (let y = 40; y < 120; y++) for (let x = 0; x < img.width / 2; x++) if (at(x, y).every((v) => v < 90)) titleInk++;
        // Each legend colour as a solid swatch (a block of exactly that colour; the map's fills are translucent).
        const wanted = colours.map((c) => c.match(/\d+/g)!.slice(0, 3).map(Number));
        const swatches = wanted.map((rgb) => {
          for (let y = 0; y + 24 < img.height; y += 2)
            for (let x = 0; x + 24 < img.width; x += 2) {
              const same = (xx: number, yy: number) => at(xx, yy).every((v, i) => v === rgb[i]);
              if (same(x, y) && same(x + 24, y) && same(x, y + 24) && same(x + 24, y + 24) && same(x + 12, y + 12)) return y;
            }
          return -1;
        });
        return { width: img.width, height: img.height, topLeft: at(4, 4), titleInk, swatches };
      },
      { data: png, colours: legendColours },
    );
    expect(sheet.width).toBeGreaterThanOrEqual(2 * mapWidth);
    expect(sheet.topLeft).toEqual([255, 255, 255]);
    expect(sheet.titleInk).toBeGreaterThan(200);
    for (const y of sheet.swatches) expect(y).toBeGreaterThan(0);
  });

  it('never asked any host but the local server', () => {
    expect(requests.filter((u) => !isLocalUrl(u))).toEqual([]);
  });
});
