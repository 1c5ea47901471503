import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, waitForMapIdle } from './browser';

// The 网格规划 workspace in Chromium against the real server and the demo district: a planner
// signs in, retires a grid to make a gap, draws a new grid there with mouse clicks (live rule
// check, impact, note, save, new code on the map), moves a shared border with and without
// "adjust neighbours", undoes, and restores an old version from the history.

const baseUrl = inject('baseUrl');
/** Software WebGL draws a few frames a second on a busy machine; every map step is slow. */
const SLOW = 240_000;
const planner = inject('demoAccounts').find((a) => a.role === 'planner' && a.regionCode.length === 6);

type Ring = [number, number][];
interface Grid {
  type: 'Feature';
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
  properties: { id: number; code: string; name: string; version: number; communityCode: string };
}
interface Region {
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
  properties: { code: string; name: string; level: string };
}

let browser: Browser;
let page: Page;

/** The community and the interior grid the tests work on, and the code its replacement will get. */
let community: Region;
let target: Grid;
let expectedCode: string;
let newGrid: Grid;
let targetHadMembers = false;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.ok, path).toBe(true);
  return (await response.json()) as T;
}

/** GET with the page's session cookie. */
function pageJson<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(p);
    if (!response.ok) throw new Error(`${p}: ${response.status}`);
    return (await response.json()) as unknown;
  }, path) as Promise<T>;
}

function distanceToSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** A grid none of whose corners lies on its community's boundary: every edge is shared with a neighbour. */
function isInterior(grid: Grid, region: Region): boolean {
  if (grid.geometry.coordinates.length !== 1 || grid.geometry.coordinates[0]!.length !== 1) return false;
  const rings = region.geometry.coordinates.flatMap((p) => p);
  return grid.geometry.coordinates[0]![0]!.every((v) =>
    rings.every((ring) => ring.every((a, i) => i === 0 || distanceToSegment(v, ring[i - 1]!, a) > 2e-6)),
  );
}

/** Screen points (page coordinates) of lng/lat positions on the map. */
async function toScreen(positions: [number, number][]): Promise<[number, number][]> {
  const box = await page.locator('.map-container canvas').boundingBox();
  expect(box).not.toBeNull();
  const local = await page.evaluate((ps) => ps.map((p) => window.__map!.project(p)).map((q) => [q.x, q.y] as [number, number]), positions);
  return local.map(([x, y]) => [box!.x + x, box!.y + y]);
}

/** Ticks 我已知晓，仍要保存 when the edit leaves a grid outside the households target (a warning, not a broken rule). */
async function acknowledgeOutOfRange(): Promise<void> {
  const warning = page.locator('[data-testid="out-of-range-warning"]');
  if (await warning.count() > 0) await warning.getByLabel(/仍要保存/).check();
}

async function checkState(state: string): Promise<void> {
  await page.waitForSelector(`.planner-check[data-check="${state}"]`, { timeout: 20_000 });
}

/** Drags the corner `index` of `ring` away from the ring's centre by `pixels`, in small steps like a hand would. */
async function dragCornerOutward(ring: Ring, index: number, pixels: number): Promise<void> {
  const screen = await toScreen(ring.slice(0, -1));
  const cx = screen.reduce((sum, p) => sum + p[0], 0) / screen.length;
  const cy = screen.reduce((sum, p) => sum + p[1], 0) / screen.length;
  const [x, y] = screen[index]!;
  const length = Math.hypot(x - cx, y - cy);
  const [tx, ty] = [x + ((x - cx) / length) * pixels, y + ((y - cy) / length) * pixels];
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 6; step += 1) await page.mouse.move(x + ((tx - x) * step) / 6, y + ((ty - y) * step) / 6);
  await page.mouse.up();
}

function renderedCodes(layer: string): Promise<string[]> {
  return page.evaluate(
    (id) => [...new Set(window.__map!.queryRenderedFeatures({ layers: [id] }).map((f) => String(f.properties['code'] ?? '')))],
    layer,
  );
}

function renderedCount(layer: string): Promise<number> {
  return page.evaluate((id) => window.__map!.queryRenderedFeatures({ layers: [id] }).length, layer);
}

async function coverage(): Promise<{ ratio: number; gaps: number; overlaps: number }> {
  const panel = page.locator('.planner-coverage');
  await panel.locator('[data-testid="coverage-ratio"]').waitFor({ timeout: 20_000 });
  const facts = panel.locator('dd[data-count]');
  return {
    ratio: Number(await panel.locator('[data-testid="coverage-ratio"]').getAttribute('data-ratio')),
    gaps: Number(await facts.nth(0).getAttribute('data-count')),
    overlaps: Number(await facts.nth(1).getAttribute('data-count')),
  };
}

/** Waits until the coverage panel shows a report newer than the save just made. */
async function coverageAfterSave(): Promise<{ ratio: number; gaps: number; overlaps: number }> {
  await page.waitForSelector('.planner-coverage [data-testid="coverage-ratio"]', { timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector('.planner-coverage [role="status"]'), null, { timeout: 20_000 });
  return coverage();
}

async function selectFromList(code: string): Promise<void> {
  await page.locator('.planner-grid-list').getByRole('button', { name: new RegExp(code) }).click();
  await page.waitForSelector(`.planner-selected[data-grid-code="${code}"]`);
  await waitForMapIdle(page);
}

beforeAll(async () => {
  expect(planner, 'the server made a district planner demo account').toBeDefined();
  // The first community (by code) that has an interior grid with few corners: its replacement
  // can be drawn by clicking the corners of the gap, and every border of it is shared.
  const regions = await getJson<{ features: Region[] }>('/api/regions?level=community');
  const communities = regions.features.filter((r) => r.properties.code.startsWith(planner!.regionCode)).sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  for (const region of communities) {
    const grids = await getJson<{ features: Grid[] }>(`/api/grids?community=${region.properties.code}`);
    const interior = grids.features.filter((g) => isInterior(g, region) && g.geometry.coordinates[0]![0]!.length <= 9);
    if (interior.length > 0) {
      community = region;
      target = interior[0]!;
      const highest = Math.max(...grids.features.map((g) => Number(g.properties.code.slice(12))));
      expectedCode = `${region.properties.code}${String(highest + 1).padStart(3, '0')}`;
      break;
    }
  }
  expect(target, 'a community with an interior grid').toBeDefined();

  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe('grid planning workspace (网格规划)', () => {
  it('asks a signed-out visitor to sign in', async () => {
    await page.goto(`${baseUrl}/planner`);
    await page.waitForSelector('.map-container[data-ready="true"]', { timeout: 60_000 });
    expect(await page.locator('h1').first().textContent()).toBe('网格规划');
    const empty = page.locator('.empty-state');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('请先登录');
    await screenshot(page, 'planner-signed-out');
  }, SLOW);

  it('signs in as the demo planner and opens a community', async () => {
    await page.locator('.empty-state').getByRole('button', { name: '登录' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(planner!.username);
    await dialog.getByLabel('密码', { exact: true }).fill(planner!.password);
    await dialog.getByRole('button', { name: '登录', exact: true }).click();
    const picker = page.getByLabel('社区', { exact: true });
    await picker.waitFor({ timeout: 20_000 });
    await picker.selectOption(community.properties.code);
    await page.locator('.planner-grid-item').first().waitFor();
    expect(await page.locator('.planner-grid-item').count()).toBeGreaterThan(1);
    expect(await page.locator('.planner-grid-list h2').textContent()).toContain(community.properties.name);
    await waitForMapIdle(page);
    expect(await renderedCount('planner-community-line')).toBeGreaterThan(0);
  }, SLOW);

  it('selects a grid by clicking it on the map, retires it, and the coverage check shows the gap it leaves', async () => {
    // A click on the map selects the grid in the planner's panel (not the shell's details card).
    const ring = target.geometry.coordinates[0]![0]!.slice(0, -1);
    const centre: [number, number] = [ring.reduce((a, p) => a + p[0], 0) / ring.length, ring.reduce((a, p) => a + p[1], 0) / ring.length];
    await page.waitForFunction(
      (code) => window.__map!.queryRenderedFeatures({ layers: ['grids-fill'] }).some((f) => f.properties['code'] === code),
      target.properties.code,
      { timeout: 30_000 },
    );
    const [[cx, cy]] = (await toScreen([centre])) as [[number, number]];
    await page.mouse.click(cx, cy);
    await page.waitForSelector(`.planner-selected[data-grid-code="${target.properties.code}"]`);
    expect(await page.locator('.details').count()).toBe(0);
    // From the list too (it brings the grid into view, large enough to draw on).
    await selectFromList(target.properties.code);
    const form = page.locator('.planner-selected');
    expect(await form.getByLabel('网格名称').inputValue()).toBe(target.properties.name);
    await page.getByRole('button', { name: '撤销网格' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('修改原因').fill('演示：撤销后按新边界重画');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await page.locator('.planner-notice-success').waitFor();
    const retired = (await page.locator('.planner-notice').textContent()) ?? '';
    expect(retired).toContain(`已撤销网格 ${target.properties.name}`);
    targetHadMembers = /\d+ 名党员/.test(retired);

    await page.getByRole('button', { name: '覆盖检查' }).click();
    const report = await coverage();
    expect(report.ratio).toBeLessThan(0.99);
    expect(report.gaps).toBeGreaterThan(0);
    await waitForMapIdle(page);
    expect(await renderedCount('planner-gaps-fill')).toBeGreaterThan(0);
    await screenshot(page, 'planner-gap');
  }, SLOW);

  it('draws a new grid in the gap with mouse clicks, shows the live check, saves it with a note and shows its new code', async () => {
    await page.getByRole('button', { name: /新建网格/ }).click();
    const corners = target.geometry.coordinates[0]![0]!.slice(0, -1);
    const points = await toScreen(corners);
    // A few pixels off each corner: snapping puts the corner exactly on the neighbours' vertex.
    for (const [i, [x, y]] of points.entries()) {
      await page.mouse.move(x + 3, y - 2);
      await page.mouse.click(x + 3, y - 2);
      if (i === 2) {
        // Three corners make a shape: the live check runs while drawing, and save waits for the finish.
        await checkState('valid');
        expect(await page.locator('.planner-blocker').textContent()).toContain('请先完成绘制');
      }
    }
    await screenshot(page, 'planner-drawing');
    // Close the outline by clicking its first corner.
    await page.mouse.move(points[0]![0], points[0]![1]);
    await page.mouse.click(points[0]![0], points[0]![1]);
    await checkState('valid');
    const check = (await page.locator('.planner-check').textContent()) ?? '';
    expect(check).toContain('符合规则');
    // The impact: the new grid takes in what the retired one left behind.
    expect(await page.locator('.planner-check table').textContent()).toContain('新网格');
    if (targetHadMembers) expect(check).toMatch(/名党员.*从网格空白处移入新网格/);

    const save = page.getByRole('button', { name: '保存', exact: true });
    expect(await save.isDisabled()).toBe(true);
    expect(await page.locator('.planner-blocker').textContent()).toContain('修改原因');
    await page.locator('.planner-editor').getByLabel('网格名称').fill(`${community.properties.name}新划网格`);
    await page.locator('.planner-editor').getByLabel('修改原因').fill('按新建小区范围重新划定');
    await acknowledgeOutOfRange();
    expect(await save.isDisabled()).toBe(false);
    await save.click();

    await page.locator('.planner-notice-success').waitFor({ timeout: 20_000 });
    expect(await page.locator('.planner-notice').textContent()).toContain(`编码 ${expectedCode}`);
    await page.waitForSelector(`.planner-selected[data-grid-code="${expectedCode}"]`);
    // On the map: the shared map's grids were loaded again and include the new one.
    await page.waitForFunction(
      (code) => window.__map!.queryRenderedFeatures({ layers: ['grids-fill'] }).some((f) => f.properties['code'] === code),
      expectedCode,
      { timeout: 20_000 },
    );
    await waitForMapIdle(page);
    const labels = await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['grids-label'] }).map((f) => String(f.properties['name'])));
    expect(labels).toContain(`${community.properties.name}新划网格`);
    // The gap is filled again: the coverage check (still open) ran again after the save.
    const report = await coverageAfterSave();
    expect(report.gaps).toBe(0);
    expect(report.overlaps).toBe(0);
    expect(report.ratio).toBeGreaterThan(0.9999);
    await screenshot(page, 'planner-created');

    const grids = await pageJson<{ features: Grid[] }>(`/api/grids?community=${community.properties.code}`);
    newGrid = grids.features.find((g) => g.properties.code === expectedCode)!;
    expect(newGrid.properties.version).toBe(1);
  }, SLOW);

  it('moves a shared border by dragging a corner: the preview draws both new outlines, and after saving the community is still fully covered', async () => {
    await page.getByRole('button', { name: '调整形状' }).click();
    expect(await page.getByLabel('调整相邻网格').isChecked()).toBe(true);
    await checkState('unchanged');
    await dragCornerOutward(newGrid.geometry.coordinates[0]![0]!, 1, 36);
    await checkState('valid');
    await waitForMapIdle(page);
    const outlines = await renderedCodes('planner-preview-line');
    expect(outlines).toContain(expectedCode);
    expect(outlines.filter((code) => code !== expectedCode).length).toBeGreaterThanOrEqual(1);
    // Households move only with the buildings whose point the border crosses: the impact names them, or says none move.
    expect(await page.locator('.planner-check').textContent()).toMatch(/栋楼.*移入“|没有.*改变所属网格/);
    await screenshot(page, 'planner-adjust');

    await page.locator('.planner-editor').getByLabel('修改原因').fill('边界顺延至道路中线');
    await acknowledgeOutOfRange();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('.planner-notice-success').waitFor({ timeout: 20_000 });
    expect(await page.locator('.planner-notice').textContent()).toContain('第 2 版');
    const neighbours = outlines.filter((code) => code !== expectedCode);
    const grids = await pageJson<{ features: Grid[] }>(`/api/grids?community=${community.properties.code}`);
    for (const code of neighbours) expect(grids.features.find((g) => g.properties.code === code)!.properties.version).toBeGreaterThan(1);

    const report = await coverageAfterSave();
    expect(report.gaps).toBe(0);
    expect(report.overlaps).toBe(0);
    expect(report.ratio).toBeGreaterThan(0.9999);
    newGrid = grids.features.find((g) => g.properties.code === expectedCode)!;
    expect(newGrid.properties.version).toBe(2);
  }, SLOW);

  it('with adjust neighbours off the same drag shows the overlap in red and disables save; undo takes it back', async () => {
    await page.getByRole('button', { name: '调整形状' }).click();
    await page.getByLabel('调整相邻网格').uncheck();
    await dragCornerOutward(newGrid.geometry.coordinates[0]![0]!, 1, 36);
    await checkState('invalid');
    expect(await page.locator('.planner-check').textContent()).toContain('重叠');
    await waitForMapIdle(page);
    expect(await renderedCount('planner-overlap-fill')).toBeGreaterThan(0);
    await page.locator('.planner-editor').getByLabel('修改原因').fill('再移一次');
    const save = page.getByRole('button', { name: '保存', exact: true });
    expect(await save.isDisabled()).toBe(true);
    expect(await page.locator('.planner-blocker').textContent()).toContain('违反规则');
    await screenshot(page, 'planner-overlap');

    // Ctrl+Z from the map (not from a text field) undoes the drag; the redo button brings it back.
    await page.locator('.map-container canvas').focus();
    await page.keyboard.press('Control+z');
    await checkState('unchanged');
    await waitForMapIdle(page);
    expect(await renderedCount('planner-overlap-fill')).toBe(0);
    await page.getByRole('button', { name: /重做/ }).click();
    await checkState('invalid');
    await page.getByRole('button', { name: /撤销一步/ }).click();
    await checkState('unchanged');
    await page.getByRole('button', { name: '取消', exact: true }).click();
    await page.locator('.planner-editor').waitFor({ state: 'detached' });
    await page.getByLabel('调整相邻网格').waitFor({ state: 'detached' });
  }, SLOW);

  it('lists the history with who, when and why, draws the old outline, and restores the previous version', async () => {
    await page.getByRole('button', { name: '历史版本' }).click();
    const versions = page.locator('.planner-versions li');
    await versions.first().waitFor();
    expect(await versions.count()).toBe(2);
    const text = (await page.locator('.planner-history').textContent()) ?? '';
    for (const words of ['第 2 版', '第 1 版', '边界顺延至道路中线', '按新建小区范围重新划定', planner!.username]) expect(text).toContain(words);
    await waitForMapIdle(page);
    expect(await renderedCount('planner-history-line')).toBeGreaterThan(0);
    await screenshot(page, 'planner-history');

    await page.locator('.planner-versions li[data-version="1"]').getByRole('button', { name: '恢复此版本' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('修改原因').inputValue()).toBe('恢复到第 1 版');
    // Restoring the smaller first outline hands the released strip back to the neighbour.
    expect(await dialog.getByLabel('调整相邻网格').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: '确认恢复' }).click();
    await page.locator('.planner-notice-success', { hasText: '已恢复' }).waitFor({ timeout: 20_000 });
    await page.locator('.planner-versions li[data-version="3"]').waitFor({ timeout: 20_000 });

    const history = await pageJson<{ currentVersion: number; versions: { version: number; changeKind: string; areaSqm: number }[] }>(
      `/api/grids/${newGrid.properties.id}/history`,
    );
    expect(history.currentVersion).toBe(3);
    const byVersion = new Map(history.versions.map((v) => [v.version, v]));
    expect(byVersion.get(3)!.changeKind).toBe('restore');
    expect(Math.abs(byVersion.get(3)!.areaSqm - byVersion.get(1)!.areaSqm)).toBeLessThanOrEqual(1);
    const report = await coverageAfterSave();
    expect(report.gaps).toBe(0);
    expect(report.overlaps).toBe(0);
  }, SLOW);

  it('undoes the whole restore (the grid and the neighbour it handed the strip back to) after previewing it on the map', async () => {
    const save = page.locator('.planner-versions li[data-version="3"] .planner-version-save');
    await save.waitFor({ timeout: 20_000 });
    expect(await save.textContent()).toMatch(/这次保存（修改记录 \d+）共改动 [2-9] 个网格/);
    await save.getByRole('button', { name: '整体撤销这次保存' }).click();
    const dialog = page.getByRole('dialog');
    const preview = dialog.getByTestId('revert-preview');
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.textContent()).toContain('恢复原样');
    expect(await dialog.getByLabel('修改原因').inputValue()).toBe('撤销：恢复到第 1 版');
    await waitForMapIdle(page);
    expect(await renderedCount('planner-history-line')).toBeGreaterThan(0);
    await screenshot(page, 'planner-revert-preview');

    await dialog.getByRole('button', { name: '确认整体撤销' }).click();
    await page.locator('.planner-notice-success', { hasText: '已整体撤销' }).waitFor({ timeout: 20_000 });
    await page.locator('.planner-versions li[data-version="4"]').waitFor({ timeout: 20_000 });
    const history = await pageJson<{ versions: { version: number; areaSqm: number }[] }>(`/api/grids/${newGrid.properties.id}/history`);
    const byVersion = new Map(history.versions.map((v) => [v.version, v]));
    expect(Math.abs(byVersion.get(4)!.areaSqm - byVersion.get(2)!.areaSqm)).toBeLessThanOrEqual(1);
    expect(await page.locator('.planner-versions li[data-version="3"]').textContent()).toContain('已整体撤销');
    const report = await coverageAfterSave();
    expect(report.gaps).toBe(0);
    expect(report.overlaps).toBe(0);
  }, SLOW);

  it('shows their version against mine when someone else saved first (409), and reloads theirs', async () => {
    const id = newGrid.properties.id;
    await page.locator('.planner-selected').getByLabel('网格名称').fill('我这边改的名字');
    // Someone else renames the grid meanwhile.
    const status = await page.evaluate(async (gridId) => {
      const current = (await (await fetch(`/api/grids/${gridId}`)).json()) as { properties: { version: number } };
      const response = await fetch(`/api/grids/${gridId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'Feature', geometry: null, properties: { name: '另一位规划员改的名字', version: current.properties.version }, note: '同时修改' }),
      });
      return response.status;
    }, id);
    expect(status).toBe(200);
    await page.locator('.planner-editor').getByLabel('修改原因').fill('改名');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: '网格已被他人修改' }).waitFor({ timeout: 20_000 });
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('另一位规划员改的名字');
    expect(text).toContain('我这边改的名字');
    await waitForMapIdle(page);
    expect(await renderedCount('planner-theirs-line')).toBeGreaterThan(0);
    await screenshot(page, 'planner-conflict');
    await dialog.getByRole('button', { name: '重新加载' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => (document.querySelector('.planner-selected h2')?.textContent ?? '') === '另一位规划员改的名字');
  }, SLOW);

  it('labels every control of the workspace, and speaks English on request', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('.planner input, .planner select, .planner button')]
        .filter((el) => {
          const input = el as HTMLInputElement;
          const named = (input.labels?.length ?? 0) > 0 || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && (el.textContent ?? '').trim() !== '');
          return !named;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('.planner h1').textContent()).toBe('Grid planning');
    expect(await page.getByRole('button', { name: 'Coverage check' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Reshape' }).count()).toBe(1);
    await page.getByRole('button', { name: '切换到中文' }).click();
    expect(await page.locator('.planner h1').textContent()).toBe('网格规划');
  });
});
