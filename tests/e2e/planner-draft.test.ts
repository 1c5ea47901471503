import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPlannerCommunity, screenshot, waitForMapIdle } from './browser';

// 重新划分 in Chromium against the real server and the demo district: the district planner opens
// 会西社区 (no other browser test uses it: the files share one server), asks for a first draft,
// sees it on the map with each grid's 户数 and range, has to confirm that the current grids are
// retired, saves, and the community then has the draft's grids with the draft's households while
// the old grids are retired (gone from the list and the map, kept in their history).

const baseUrl = inject('baseUrl');
/** Software WebGL draws a few frames a second on a busy machine; every map step is slow. */
const SLOW = 240_000;
/** 会西社区, 山北街道: four grids, fourteen buildings. */
const COMMUNITY = '320213027010';
const planner = inject('demoAccounts').find((a) => a.role === 'planner' && a.regionCode.length === 6);

interface Grid {
  properties: { id: number; code: string; name: string; version: number; households: number | null };
}
interface Building {
  properties: { id: number; gridId: number | null; households: number };
}
interface DraftRow {
  households: number;
  text: string;
}

let browser: Browser;
let page: Page;
let before: Grid[] = [];
let drafted: DraftRow[] = [];

/** GET with the page's session cookie (buildings are staff-only). */
function pageJson<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(p);
    if (!response.ok) throw new Error(`${p}: ${response.status}`);
    return (await response.json()) as unknown;
  }, path) as Promise<T>;
}

async function communityGrids(): Promise<Grid[]> {
  return (await pageJson<{ features: Grid[] }>(`/api/grids?community=${COMMUNITY}`)).features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
}

/** Codes of the community's grids drawn on the map (the shared grid layer) in the current view. */
function gridCodesOnMap(): Promise<string[]> {
  return page.evaluate(
    (community) =>
      [...new Set(window.__map!.queryRenderedFeatures({ layers: ['grids-fill'] }).map((f) => String(f.properties['code'] ?? '')))]
        .filter((code) => code.startsWith(community))
        .sort(),
    COMMUNITY,
  );
}

/** The codes in the community's grid list. */
function listedCodes(): Promise<string[]> {
  return page.locator('.planner-grid-list .planner-grid-item .planner-code').allTextContents();
}

beforeAll(async () => {
  expect(planner, 'the server made a district planner demo account').toBeDefined();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe('planner first draft over existing grids (重新划分)', () => {
  it('signs in as the demo planner and opens 会西社区 with its grids and buildings', async () => {
    await openPlannerCommunity(page, baseUrl, planner!, COMMUNITY);
    await page.locator('.planner-grid-item').first().waitFor();
    before = await communityGrids();
    expect(before.length).toBeGreaterThan(1);
    expect(await listedCodes()).toEqual(before.map((g) => g.properties.code));
    expect(await page.locator('#planner-grid-list-heading').textContent()).toBe(`会西社区的网格（${before.length}）`);
    await waitForMapIdle(page);
    await page.waitForFunction(() => window.__map!.queryRenderedFeatures({ layers: ['planner-buildings-fill'] }).length > 0, null, { timeout: 30_000 });
    expect(await gridCodesOnMap()).toEqual(before.map((g) => g.properties.code));
  }, SLOW);

  it('makes a draft: the grids on the map, the summary with each grid’s 户数 and range, and the grids it would retire', async () => {
    // With grids, the tool is 重新划分, and it warns before anything else.
    await page.locator('.buildings-tools').getByRole('button', { name: '重新划分', exact: true }).click();
    const panel = page.getByRole('region', { name: '网格划分初稿' });
    await panel.waitFor();
    expect(await panel.getByRole('alert').first().textContent()).toContain(`停用本社区现有的全部 ${before.length} 个网格`);
    await panel.getByRole('button', { name: '生成初稿' }).click();
    await panel.locator('.buildings-draft-grids li, .planner-field-error').first().waitFor({ timeout: 120_000 });
    const rows = panel.locator('.buildings-draft-grids li');
    const k = await rows.count();
    expect(k, (await panel.textContent()) ?? '').toBeGreaterThan(0);
    expect(await panel.getByText(/^初稿共 \d+ 个网格$/).textContent()).toBe(`初稿共 ${k} 个网格`);
    drafted = await rows.evaluateAll((lis) => lis.map((li) => ({ households: Number(li.getAttribute('data-households')), text: li.textContent ?? '' })));
    for (const row of drafted) {
      // 户数 and its range in words, and the number of buildings.
      expect(row.text).toContain(`${row.households} 户 · `);
      expect(row.text).toMatch(/ 户 · (偏少|适中|偏多) · \d+ 栋$/);
    }
    // The draft divides the same households.
    const buildings = (await pageJson<{ features: Building[] }>(`/api/buildings?community=${COMMUNITY}`)).features;
    const total = buildings.reduce((s, b) => s + b.properties.households, 0);
    expect(drafted.reduce((s, r) => s + r.households, 0)).toBe(total);
    expect(before.reduce((s, g) => s + (g.properties.households ?? 0), 0)).toBe(total);
    // It names the grids it would retire.
    const replaces = (await panel.getByText(/^接受后将停用：/).textContent()) ?? '';
    for (const g of before) expect(replaces).toContain(g.properties.name);

    // On the map: one outline per proposed grid, labelled with its 户数.
    await waitForMapIdle(page);
    await page.waitForFunction(
      (n) => new Set(window.__map!.queryRenderedFeatures({ layers: ['planner-buildings-draft-fill'] }).map((f) => String(f.properties['code']))).size === n,
      k,
      { timeout: 30_000 },
    );
    // Each outline carries its name and 户数 as its label (where labels collide the map shows some of them).
    const outlines = await page.evaluate(() =>
      window.__map!.queryRenderedFeatures({ layers: ['planner-buildings-draft-fill'] }).map((f) => ({ households: Number(f.properties['households']), label: String(f.properties['label']) })),
    );
    expect([...new Set(outlines.map((o) => o.households))].sort((a, b) => a - b)).toEqual([...new Set(drafted.map((r) => r.households))].sort((a, b) => a - b));
    for (const o of outlines) expect(o.label).toMatch(new RegExp(`^会西社区第\\d+网格\\n${o.households} 户 · (偏少|适中|偏多)$`));
    expect(await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['planner-buildings-draft-label'] }).length)).toBeGreaterThan(0);
    await screenshot(page, 'planner-draft');
  }, SLOW);

  it('saves only after the retirement is confirmed; the community then has the draft’s grids and the old ones are retired', async () => {
    const panel = page.getByRole('region', { name: '网格划分初稿' });
    const save = panel.getByRole('button', { name: '停用现有网格并接受初稿' });
    expect(await save.isDisabled()).toBe(true);
    expect(await panel.getByLabel('修改原因').inputValue()).toBe('网格划分初稿');
    await panel.getByLabel('确认停用现有网格').check();
    expect(await save.isEnabled()).toBe(true);
    await save.click();
    await page.locator('.planner-notice-success').waitFor({ timeout: 60_000 });
    expect(await page.locator('.planner-notice').textContent()).toContain(`已按初稿新建 ${drafted.length} 个网格`);

    // The community's current grids are new ones, with the draft's households in its order.
    const after = await communityGrids();
    const oldCodes = before.map((g) => g.properties.code);
    expect(after).toHaveLength(drafted.length);
    expect(after.filter((g) => oldCodes.includes(g.properties.code))).toEqual([]);
    expect(after.map((g) => g.properties.households)).toEqual(drafted.map((r) => r.households));
    // The old grids are retired, not deleted: their history says so.
    for (const g of before) {
      const history = await pageJson<{ retired: boolean; versions: { changeKind: string; note: string | null }[] }>(`/api/grids/${g.properties.id}/history`);
      expect(history.retired).toBe(true);
      expect(history.versions[0]).toMatchObject({ changeKind: 'retire', note: '网格划分初稿' });
    }

    // The list and the map show the new grids only.
    const newCodes = after.map((g) => g.properties.code);
    await expect.poll(listedCodes, { timeout: 20_000 }).toEqual(newCodes);
    expect(await page.locator('#planner-grid-list-heading').textContent()).toBe(`会西社区的网格（${after.length}）`);
    await page.waitForFunction(
      ([community, codes]) => {
        const shown = new Set(window.__map!.queryRenderedFeatures({ layers: ['grids-fill'] }).map((f) => String(f.properties['code'] ?? '')).filter((c) => c.startsWith(community)));
        return shown.size === codes.length && codes.every((c) => shown.has(c));
      },
      [COMMUNITY, newCodes] as const,
      { timeout: 30_000 },
    );
    await waitForMapIdle(page);
    expect(await gridCodesOnMap()).toEqual(newCodes);
    // The draft itself is gone from the map.
    expect(await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['planner-buildings-draft-fill'] }).length)).toBe(0);
    await screenshot(page, 'planner-draft-saved');
  }, SLOW);
});
