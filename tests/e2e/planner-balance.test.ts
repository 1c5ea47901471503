import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPlannerCommunity, screenshot, waitForMapIdle } from './browser';

// Grid size while drawing, in Chromium against the real server and the demo district: a planner
// drags a corner of a grid and sees the households of the grid and its neighbours change while
// the mouse button is still down; the side panel lists the community's grids out of the target
// range; a save that leaves a grid out of range waits for the planner's confirmation.

const baseUrl = inject('baseUrl');
/** Software WebGL draws a few frames a second on a busy machine; every map step is slow. */
const SLOW = 240_000;
const planner = inject('demoAccounts').find((a) => a.role === 'planner' && a.regionCode.length === 6);

type Ring = [number, number][];
interface Grid {
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
  properties: { id: number; code: string; name: string; version: number; households: number | null; householdsSource: 'buildings' | 'estimate' };
}
interface Region {
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
  properties: { code: string; name: string };
}

let browser: Browser;
let page: Page;
let community: Region;
/** An interior grid above the default target (over 500 households): growing it keeps it out of range. */
let target: Grid;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.ok, path).toBe(true);
  return (await response.json()) as T;
}

function distanceToSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** One polygon none of whose corners lies on the community's boundary: every edge is shared with a neighbour. */
function isInterior(grid: Grid, region: Region): boolean {
  if (grid.geometry.coordinates.length !== 1 || grid.geometry.coordinates[0]!.length !== 1) return false;
  const rings = region.geometry.coordinates.flatMap((p) => p);
  return grid.geometry.coordinates[0]![0]!.every((v) => rings.every((ring) => ring.every((a, i) => i === 0 || distanceToSegment(v, ring[i - 1]!, a) > 2e-6)));
}

async function toScreen(positions: [number, number][]): Promise<[number, number][]> {
  const box = await page.locator('.map-container canvas').boundingBox();
  expect(box).not.toBeNull();
  const local = await page.evaluate((ps) => ps.map((p) => window.__map!.project(p)).map((q) => [q.x, q.y] as [number, number]), positions);
  return local.map(([x, y]) => [box!.x + x, box!.y + y]);
}

/** The households the live panel shows for a grid (null: not shown). */
function liveHouseholds(id: number): Promise<number | null> {
  return page.evaluate((gid) => {
    const row = document.querySelector(`.planner-live li[data-grid-id="${gid}"]`);
    return row ? Number(row.getAttribute('data-households')) : null;
  }, id);
}

beforeAll(async () => {
  expect(planner, 'the server made a district planner demo account').toBeDefined();
  const regions = await getJson<{ features: Region[] }>('/api/regions?level=community');
  const communities = regions.features.filter((r) => r.properties.code.startsWith(planner!.regionCode)).sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  for (const region of communities) {
    const grids = await getJson<{ features: Grid[] }>(`/api/grids?community=${region.properties.code}`);
    const found = grids.features.find((g) => isInterior(g, region) && (g.properties.households ?? 0) > 520);
    if (found) {
      community = region;
      target = found;
      break;
    }
  }
  expect(target, 'a community with an interior grid over 500 households').toBeDefined();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe('grid size while drawing (网格规模)', () => {
  it('signs in as the demo planner and opens the community and the grid', async () => {
    await openPlannerCommunity(page, baseUrl, planner!, community.properties.code);
    await page.locator('.planner-grid-list').getByRole('button', { name: new RegExp(target.properties.code) }).click();
    await page.waitForSelector(`.planner-selected[data-grid-code="${target.properties.code}"]`);
    await waitForMapIdle(page);
    // Households counted from buildings are shown, not typed; typed ones are marked as estimates.
    const byBuildings = target.properties.householdsSource === 'buildings';
    const households = page.locator('.planner-selected').getByLabel(byBuildings ? '户数（按楼栋统计）' : '户数（估算）');
    expect(await households.inputValue()).toBe(String(target.properties.households));
    expect(await households.getAttribute('readonly')).toBe(byBuildings ? '' : null);
  }, SLOW);

  it('shows the households of the grid and its neighbours change while a corner is dragged, before the mouse is released', async () => {
    await page.getByRole('button', { name: '调整形状' }).click();
    await page.locator('.planner-live').waitFor();
    expect(await page.locator('.planner-live').textContent()).toContain('拖动顶点时');
    const id = target.properties.id;
    const ring = target.geometry.coordinates[0]![0]!;
    const screen = await toScreen(ring.slice(0, -1));
    const cx = screen.reduce((sum, p) => sum + p[0], 0) / screen.length;
    const cy = screen.reduce((sum, p) => sum + p[1], 0) / screen.length;
    const [x, y] = screen[1]!;
    const length = Math.hypot(x - cx, y - cy);

    const [ux, uy] = [(x - cx) / length, (y - cy) / length];

    // Small steps like a hand, holding the button, until the grid's figure moves (where households
    // come from buildings, it moves once a building's point is crossed).
    await page.mouse.move(x, y);
    await page.mouse.down();
    let moved = 0;
    let changed = false;
    while (!changed && moved < 120) {
      moved += 8;
      await page.mouse.move(x + ux * moved, y + uy * moved, { steps: 2 });
      changed = await page
        .waitForFunction(
          ({ gid, before }) => {
            const row = document.querySelector(`.planner-live li[data-grid-id="${gid}"]`);
            return row !== null && row.closest('.planner-live')?.getAttribute('data-pending') === 'false' && Number(row.getAttribute('data-households')) !== before;
          },
          { gid: id, before: target.properties.households },
          { timeout: moved < 40 ? 1_500 : 8_000 },
        )
        .then(() => true)
        .catch(() => false);
    }
    expect(changed, 'the live figure changed while the button was held').toBe(true);
    const during = await liveHouseholds(id);
    expect(during).toBeGreaterThan(target.properties.households!);
    const rows = page.locator('.planner-live li[data-grid-id]');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    const neighbours = await page.evaluate((gid) =>
      [...document.querySelectorAll(`.planner-live li[data-grid-id]:not([data-grid-id="${gid}"])`)].map((li) => Number(li.getAttribute('data-households')) - Number(li.getAttribute('data-before'))),
    (id));
    expect(Math.min(...neighbours), 'a neighbour gives up households').toBeLessThan(0);
    expect(await page.locator('.planner-live').textContent()).toMatch(/目标每格 300–500 户/);
    expect(await page.locator(`.planner-live li[data-grid-id="${id}"]`).getAttribute('data-range')).toBe('above');
    await screenshot(page, 'planner-balance-live');

    await page.mouse.up();
    await page.waitForSelector('.planner-check[data-check="valid"]', { timeout: 20_000 });
  }, SLOW);

  it('lists the grids out of range in the side panel, including the change being drawn', async () => {
    const panel = page.locator('.planner-balance');
    await panel.locator('[data-testid="balance-target"]').waitFor({ timeout: 20_000 });
    expect(await panel.locator('[data-testid="balance-target"]').getAttribute('data-max')).toBe('500');
    const row = panel.locator(`[data-testid="balance-out"] li[data-grid-id="${target.properties.id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-range')).toBe('above');
    // The drawn change is shown before it is saved.
    expect(Number(await row.getAttribute('data-households'))).toBe(await liveHouseholds(target.properties.id));
    expect(await panel.textContent()).toContain('含正在绘制');
    expect(await panel.textContent()).toMatch(/偏多/);
  }, SLOW);

  it('asks for confirmation before saving a grid out of range, then saves with the note', async () => {
    const warning = page.locator('[data-testid="out-of-range-warning"]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(target.properties.name);
    expect(await warning.textContent()).toContain('300–500');
    await page.locator('.planner-editor').getByLabel('修改原因').fill('新小区并入，暂超规模');
    const save = page.getByRole('button', { name: '保存', exact: true });
    expect(await save.isDisabled()).toBe(true);
    expect(await page.locator('.planner-blocker').textContent()).toContain('超出目标范围');
    await screenshot(page, 'planner-balance-warning');
    await warning.getByLabel(/仍要保存/).check();
    expect(await save.isDisabled()).toBe(false);
    await save.click();
    await page.locator('.planner-notice-success').waitFor({ timeout: 20_000 });
    expect(await page.locator('.planner-notice').textContent()).toContain(`第 ${target.properties.version + 1} 版`);
  }, SLOW);

  it('reads the side panel again after the save', async () => {
    const panel = page.locator('.planner-balance');
    await page.waitForFunction(() => !document.querySelector('.planner-balance-live'), null, { timeout: 20_000 });
    expect(await panel.locator(`[data-testid="balance-out"] li[data-grid-id="${target.properties.id}"]`).count()).toBe(1);
  }, SLOW);

  it('lets the planner change the community’s target, with a message for a range that makes no sense', async () => {
    const panel = page.locator('.planner-balance');
    await panel.getByRole('button', { name: '修改目标' }).click();
    const form = panel.getByRole('form', { name: '修改目标' });
    await form.getByLabel('每格最少户数').fill('400');
    await form.getByLabel('每格最多户数').fill('350');
    await form.getByRole('button', { name: '保存目标' }).click();
    expect(await form.locator('.planner-field-error').textContent()).toContain('不小于最少户数');
    // A range wide enough for the grid: it leaves the list of grids out of range.
    const households = Number(await panel.locator(`[data-testid="balance-out"] li[data-grid-id="${target.properties.id}"]`).getAttribute('data-households'));
    await form.getByLabel('每格最少户数').fill('250');
    await form.getByLabel('每格最多户数').fill(String(households + 50));
    await form.getByRole('button', { name: '保存目标' }).click();
    await page.waitForSelector(`.planner-balance [data-testid="balance-target"][data-max="${households + 50}"]`, { timeout: 20_000 });
    expect(await panel.locator(`[data-testid="balance-out"] li[data-grid-id="${target.properties.id}"]`).count()).toBe(0);
    await screenshot(page, 'planner-balance-target');
  }, SLOW);
});
