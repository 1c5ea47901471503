import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, recordRequests, screenshot, waitForMapIdle } from './browser';

// 覆盖分析 › 民情 in Chromium against the real server: the district leader opens the tab, sees
// the KPIs, the per-grid table and the cases on the map, sorts the table from the keyboard and
// downloads the scorecard as CSV; a visitor who is not signed in sees only the public density.
// The cases are the demo load's; when it has none, residents' reports are made through the
// public API first (POST /api/reports), as a phone would.

const baseUrl = inject('baseUrl');
const leader = inject('demoAccounts').find((a) => a.role === 'leader' && a.regionCode.length === 6);
/** Software WebGL draws a few frames a second on a busy machine. */
const SLOW = 180_000;

interface Scorecard {
  grids: { gridCode: string; cases: number }[];
  totals: { cases: number };
}

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  expect(leader, 'the test server wrote a district leader account').toBeDefined();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
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

/** The last 90 days' scorecard as the signed-in page would read it. */
function scorecard(target: Page): Promise<Scorecard> {
  return target.evaluate(async () => (await (await fetch('/api/case-stats/scorecard')).json()) as Scorecard);
}

/**
 * Reports a few problems at grid points, twice in one grid so the grids' counts differ; only when
 * the district has no cases yet (the demo load brings a few hundred).
 */
async function ensureCases(target: Page): Promise<void> {
  if ((await scorecard(target)).totals.cases >= 3) return;
  const made = await target.evaluate(async () => {
    const categories = ((await (await fetch('/api/report-categories')).json()) as { categories: { id: string }[] }).categories;
    const grids = ((await (await fetch('/api/coverage/grids')).json()) as { grids: { bbox: number[] }[] }).grids;
    // Four reports at most: the reports quota (10 an hour per address) is shared with other tests.
    let n = 0;
    for (const [i, g] of grids.slice(0, 12).entries()) {
      const [w, s, e, north] = g.bbox as [number, number, number, number];
      const body = { category: categories[i % categories.length]!.id, description: '路灯不亮，晚上看不清路', lng: (w + e) / 2, lat: (s + north) / 2 };
      for (let k = 0; k < (n === 0 ? 2 : 1) && n < 4; k++) {
        const res = await fetch('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (res.status === 429) return n;
        if (res.status === 201) n++;
      }
      if (n >= 4) break;
    }
    return n;
  });
  expect(made, 'cases reported through POST /api/reports').toBeGreaterThanOrEqual(3);
}

describe('民情 oversight', () => {
  it('a leader opens 覆盖分析 › 民情 and sees the KPIs, the table and the cases on the map', { timeout: SLOW }, async () => {
    await signInThroughHeader(page, leader!);
    await ensureCases(page);
    await page.getByRole('link', { name: '覆盖分析' }).click();
    const tab = page.getByRole('tab', { name: '民情' });
    await tab.waitFor();
    // The tabs answer the keyboard: focus the selected one, then the arrow key moves.
    await page.getByRole('tab', { name: '党员覆盖' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await page.locator('[data-testid="cases-table"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('[data-testid="cases-kpis"]').isVisible()).toBe(true);

    const card = await scorecard(page);
    expect(card.totals.cases).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('[data-testid="cases-table"] tbody tr').count()).toBe(Math.min(card.grids.length, 200));

    // The cases layer is on the map and draws points in the district view.
    await waitForMapIdle(page);
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const map = window.__map!;
            return map.getLayer('cases-points-circle') ? map.queryRenderedFeatures({ layers: ['cases-points-circle'] }).length : -1;
          }),
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    const shown = await page.evaluate(() =>
      window.__map!.queryRenderedFeatures({ layers: ['cases-points-circle'] }).map((f) => Object.keys(f.properties).sort().join(',')),
    );
    // Status for the map, nothing personal.
    expect(shown[0]).not.toMatch(/phone|description/);
    await screenshot(page, 'case-oversight-1280');
  });

  it('sorts the table by a column from the keyboard', { timeout: SLOW }, async () => {
    const header = page.locator('[data-testid="cases-table"] thead th').filter({ has: page.locator('[data-sort="cases"]') });
    await page.locator('[data-sort="cases"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const counts = async () =>
      (await page.locator('[data-testid="cases-table"] tbody tr td:nth-child(2)').allTextContents()).map((s) => Number(s.replace(/,/g, '')));
    const down = await counts();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    expect(down[0]).toBeGreaterThan(down.at(-1)!);
    await page.keyboard.press('Space');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const up = await counts();
    expect(up).toEqual([...up].sort((a, b) => a - b));
  });

  it('downloads the scorecard as a CSV with a row for each grid of the table', { timeout: SLOW }, async () => {
    const card = await scorecard(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载考核表（CSV）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((l) => l !== '');
    expect(lines[0]!.startsWith('网格编码,网格名称,社区,件数,')).toBe(true);
    expect(lines.length - 1).toBe(card.grids.length);
    const total = lines.slice(1).reduce((n, l) => n + Number(l.split(',')[3]), 0);
    expect(total).toBe(card.totals.cases);
  });

  it('fits a phone screen (360 × 740)', { timeout: SLOW }, async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.locator('[data-testid="cases-table"]').scrollIntoViewIfNeeded();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await screenshot(page, 'case-oversight-360');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows a visitor who is not signed in only the public density, never a case', { timeout: SLOW }, async () => {
    const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    try {
      const requests = recordRequests(visitor);
      const anon = await visitor.newPage();
      await anon.goto(`${baseUrl}/coverage`);
      const section = anon.locator('[data-testid="cases-public-density"]');
      await section.waitFor();
      await expect.poll(() => section.textContent()).toMatch(/少于 \d+ 件的格子不显示/);
      await waitForMapIdle(anon);
      expect(await anon.evaluate(() => window.__map!.getLayer('cases-points-circle') === undefined)).toBe(true);
      expect(requests.some((u) => u.includes('/api/case-stats/public-density'))).toBe(true);
      expect(requests.some((u) => /\/api\/case-stats\/(cases|scorecard|trend)/.test(u))).toBe(false);
      await screenshot(anon, 'case-density-public-360');
    } finally {
      await visitor.close();
    }
  });
});
