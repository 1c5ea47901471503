import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPlannerCommunity, screenshot, waitForMapIdle } from './browser';

// The planner's building tools in Chromium against the real server and the demo district: a
// planner opens 胜利门社区, sees two grids over 500 households, clicks 平衡, reviews the proposed
// building moves with the households before and after, accepts, and the history of every changed
// grid shows the edit with its exact households; then lassoes a building on the map and moves it
// to the neighbouring grid, and both grids' households change by that building's.

const baseUrl = inject('baseUrl');
/** Software WebGL draws a few frames a second on a busy machine; every map step is slow. */
const SLOW = 240_000;
const COMMUNITY = '320213021001';
const planner = inject('demoAccounts').find((a) => a.role === 'planner' && a.regionCode.length === 6);

type Ring = [number, number][];
interface Grid {
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
  properties: { id: number; code: string; name: string; version: number; households: number | null };
}
interface Building {
  geometry: { type: 'Polygon'; coordinates: Ring[] };
  properties: { id: number; gridId: number | null; households: number; name: string };
}
interface HistoryVersion {
  version: number;
  changeKind: string;
  note: string | null;
  households: number | null;
}

let browser: Browser;
let page: Page;

/** GET with the page's session cookie (buildings are staff-only). */
function pageJson<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(p);
    if (!response.ok) throw new Error(`${p}: ${response.status}`);
    return (await response.json()) as unknown;
  }, path) as Promise<T>;
}

/** POST with the page's session cookie; answers the status and the body. */
function pagePost<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ([p, b]) => {
      const response = await fetch(p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    [path, body] as const,
  ) as Promise<{ status: number; body: T }>;
}

async function communityGrids(): Promise<Grid[]> {
  return (await pageJson<{ features: Grid[] }>(`/api/grids?community=${COMMUNITY}`)).features;
}

async function communityBuildings(): Promise<Building[]> {
  return (await pageJson<{ features: Building[] }>(`/api/buildings?community=${COMMUNITY}`)).features;
}

function centre(b: Building): [number, number] {
  const ring = b.geometry.coordinates[0]!.slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

function distanceToSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function distanceToGrid(p: [number, number], grid: Grid): number {
  let best = Infinity;
  for (const polygon of grid.geometry.coordinates)
    for (const ring of polygon) for (let i = 1; i < ring.length; i += 1) best = Math.min(best, distanceToSegment(p, ring[i - 1]!, ring[i]!));
  return best;
}

/** Screen points (page coordinates) of lng/lat positions on the map. */
async function toScreen(positions: [number, number][]): Promise<[number, number][]> {
  const box = await page.locator('.map-container canvas').boundingBox();
  expect(box).not.toBeNull();
  const local = await page.evaluate((ps) => ps.map((p) => window.__map!.project(p)).map((q) => [q.x, q.y] as [number, number]), positions);
  return local.map(([x, y]) => [box!.x + x, box!.y + y]);
}

/** Selects the grid from the list and opens its history; answers the versions shown. */
async function openHistory(grid: Grid): Promise<void> {
  await page.locator('.planner-grid-list').getByRole('button', { name: new RegExp(grid.properties.code) }).click();
  await page.waitForSelector(`.planner-selected[data-grid-code="${grid.properties.code}"]`);
  const button = page.locator('.planner-selected').getByRole('button', { name: '历史版本' });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await page.locator('.planner-history .planner-versions li').first().waitFor({ timeout: 20_000 });
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

describe('planner building tools (楼栋, 平衡, 按楼栋调整)', () => {
  it('signs in as the demo planner, opens 胜利门社区 and shows its buildings coloured by grid', async () => {
    await openPlannerCommunity(page, baseUrl, planner!, COMMUNITY);
    await page.locator('.planner-grid-item').first().waitFor();
    expect(await page.locator('.planner-grid-item').count()).toBe(8);
    await waitForMapIdle(page);
    await page.waitForFunction(() => window.__map!.queryRenderedFeatures({ layers: ['planner-buildings-fill'] }).length > 0, null, { timeout: 30_000 });
    // The demo has exactly two grids over 500 households here.
    const over = (await communityGrids()).filter((g) => (g.properties.households ?? 0) > 500);
    expect(over).toHaveLength(2);
    // The legend says what the buildings' colours mean.
    expect(await page.locator('.planner-legend').textContent()).toContain('楼栋（颜色同所属网格，放大后标注户数）');
    await screenshot(page, 'planner-buildings');
  }, SLOW);

  it('rebalances: reviews the proposed moves with households before and after, accepts, and every changed grid has one edit in its history', async () => {
    const before = await communityGrids();
    await page.locator('.buildings-tools').getByRole('button', { name: '平衡', exact: true }).click();
    const panel = page.locator('.buildings-rebalance');
    // The proposal, or what stopped it (no buildings, already balanced, an error).
    await panel.locator('.buildings-moves tbody tr, [role="alert"], .buildings-balanced').first().waitFor({ timeout: 120_000 });
    await screenshot(page, 'planner-rebalance-answer');
    expect(await panel.locator('.buildings-moves tbody tr').count(), (await panel.textContent()) ?? '').toBeGreaterThan(0);

    // Two grids over the range before, every grid within it after.
    const rows = await panel.locator('.buildings-grids tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ id: Number(tr.getAttribute('data-grid-id')), before: Number(tr.getAttribute('data-before')), after: Number(tr.getAttribute('data-after')), text: tr.textContent ?? '' })),
    );
    expect(rows.filter((r) => r.before > 500)).toHaveLength(2);
    expect(rows.filter((r) => r.before > 500).every((r) => r.text.includes('偏多'))).toBe(true);
    expect(rows.every((r) => r.after >= 300 && r.after <= 500)).toBe(true);
    // Moving households keeps the community's total.
    expect(rows.reduce((s, r) => s + r.after, 0)).toBe(rows.reduce((s, r) => s + r.before, 0));
    const moves = await panel.locator('.buildings-moves tbody tr').count();
    expect(moves).toBeGreaterThan(0);
    await waitForMapIdle(page);
    expect(await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['planner-buildings-outlines-line'] }).length)).toBeGreaterThan(0);
    await screenshot(page, 'planner-rebalance-review');

    // The note is prefilled; accept.
    expect(await panel.getByLabel('修改原因').inputValue()).toBe('网格规模平衡');
    await panel.getByRole('button', { name: '接受方案' }).click();
    await page.locator('.planner-notice-success').waitFor({ timeout: 60_000 });
    expect(await page.locator('.planner-notice').textContent()).toContain('已平衡网格规模');

    const after = await communityGrids();
    const changed = rows.filter((r) => r.after !== r.before);
    expect(changed.length).toBeGreaterThanOrEqual(2);
    for (const row of changed) {
      const grid = after.find((g) => g.properties.id === row.id)!;
      // The grid's households are the proposal's figure after, exactly.
      expect(grid.properties.households).toBe(row.after);
      expect(grid.properties.version).toBe(before.find((g) => g.properties.id === row.id)!.properties.version + 1);
      // One edit in its history, with the note and the exact households.
      const history = await pageJson<{ versions: HistoryVersion[] }>(`/api/grids/${row.id}/history`);
      const edits = history.versions.filter((v) => v.note === '网格规模平衡');
      expect(edits).toHaveLength(1);
      expect(edits[0]!.households).toBe(row.after);
      await openHistory(grid);
      const newest = (await page.locator('.planner-history .planner-versions li').first().textContent()) ?? '';
      expect(newest).toContain('网格规模平衡');
      expect(newest).toContain('按楼栋调整');
      expect(newest).toContain(`${row.after} 户`);
    }
    expect(after.every((g) => (g.properties.households ?? 0) >= 300 && (g.properties.households ?? 0) <= 500)).toBe(true);
    await screenshot(page, 'planner-rebalance-history');
  }, SLOW);

  it('lassoes a building and moves it to the neighbouring grid: both grids change by its households and the history shows the edit', async () => {
    const grids = await communityGrids();
    const buildings = await communityBuildings();
    const versions = Object.fromEntries(grids.map((g) => [String(g.properties.id), g.properties.version]));
    // A building by a border whose move to the grid across it the server accepts.
    const candidates = buildings
      .filter((b) => b.properties.gridId !== null)
      .flatMap((b) =>
        grids
          .filter((g) => g.properties.id !== b.properties.gridId)
          .map((g) => ({ building: b, to: g, distance: distanceToGrid(centre(b), g) })),
      )
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 20);
    let chosen: (typeof candidates)[number] | null = null;
    const refusals: string[] = [];
    for (const c of candidates) {
      const preview = await pagePost<{ valid?: boolean }>(`/api/communities/${COMMUNITY}/building-moves/preview`, {
        moves: [{ buildingId: c.building.properties.id, toGridId: c.to.properties.id }],
        gridVersions: versions,
      });
      if (preview.status === 200 && preview.body.valid) {
        chosen = c;
        break;
      }
      refusals.push(`${preview.status} ${JSON.stringify(preview.body).slice(0, 160)}`);
    }
    expect(chosen, `a building that can move to the grid next to it (${refusals.join('; ')})`).not.toBeNull();
    const { building, to } = chosen!;
    const from = grids.find((g) => g.properties.id === building.properties.gridId)!;
    const point = centre(building);

    // Esc leaves whatever building tool is still open.
    await page.keyboard.press('Escape');
    await page.locator('.buildings-tools').getByRole('button', { name: '按楼栋调整' }).click();
    const panel = page.locator('.buildings-assign');
    await panel.waitFor();
    await page.evaluate((p) => window.__map!.jumpTo({ center: p, zoom: 18.5 }), point);
    await waitForMapIdle(page);
    // At high zoom each building carries its households.
    const labels = await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['planner-buildings-label'] }).map((f) => String(f.properties['label'])));
    expect(labels.some((l) => /^\d+户$/.test(l))).toBe(true);

    // A small loop around the building, drawn with the mouse held down.
    await panel.getByRole('button', { name: '圈选' }).click();
    const [[cx, cy]] = (await toScreen([point])) as [[number, number]];
    const r = 9;
    await page.mouse.move(cx + r, cy);
    await page.mouse.down();
    for (let step = 1; step <= 16; step += 1) {
      const a = (step / 16) * 2 * Math.PI;
      await page.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(a));
    }
    await page.mouse.up();
    const selection = panel.locator('.buildings-selection');
    await page.waitForFunction(() => Number(document.querySelector('.buildings-selection')?.getAttribute('data-count')) > 0, null, { timeout: 20_000 });
    expect(await selection.getAttribute('data-count')).toBe('1');
    expect(Number(await selection.getAttribute('data-households'))).toBe(building.properties.households);
    expect(await selection.textContent()).toContain(`${building.properties.households} 户`);

    // The neighbouring grid is offered first, among the grids sharing a border.
    const neighbours = await panel.locator('optgroup[label="相邻网格"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(neighbours).toContain(String(to.properties.id));
    await panel.getByLabel('移入网格').selectOption(String(to.properties.id));
    await panel.locator('.planner-impact').waitFor({ timeout: 30_000 });
    expect(await panel.locator('.planner-impact').textContent()).toContain(from.properties.name);
    await panel.getByLabel('修改原因').fill('按居民意愿调整楼栋归属');
    await screenshot(page, 'planner-assign-preview');
    // Enter in the note saves.
    await panel.getByLabel('修改原因').press('Enter');
    // The rebalance's notice may still be up: wait for this save's.
    await page.locator('.planner-notice-success', { hasText: '已按楼栋调整' }).waitFor({ timeout: 60_000 });

    const after = await communityGrids();
    const households = (id: number, list: Grid[]) => list.find((g) => g.properties.id === id)!.properties.households ?? 0;
    expect(households(from.properties.id, after)).toBe(households(from.properties.id, grids) - building.properties.households);
    expect(households(to.properties.id, after)).toBe(households(to.properties.id, grids) + building.properties.households);
    const moved = (await communityBuildings()).find((b) => b.properties.id === building.properties.id)!;
    expect(moved.properties.gridId).toBe(to.properties.id);

    await openHistory(to);
    const newest = (await page.locator('.planner-history .planner-versions li').first().textContent()) ?? '';
    expect(newest).toContain('按居民意愿调整楼栋归属');
    expect(newest).toContain(`${households(to.properties.id, after)} 户`);
    const history = await pageJson<{ versions: HistoryVersion[] }>(`/api/grids/${to.properties.id}/history`);
    expect(history.versions[0]!.note).toBe('按居民意愿调整楼栋归属');
    expect(history.versions[0]!.households).toBe(households(to.properties.id, after));
    await screenshot(page, 'planner-assign-history');
  }, SLOW);
});
