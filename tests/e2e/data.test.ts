import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isLocalUrl, launchBrowser, recordRequests, screenshot } from './browser';

// 数据导入导出 in Chromium against the real server: the demo district planner imports stations
// from a UTF-8 CSV with Chinese headers (预检 finds a row without 纬度, the fixed file passes and
// is imported), the export links point at the right region, and a leader sees only exports.

const baseUrl = inject('baseUrl');
const demo = inject('demoAccounts');
const planner = demo.find((a) => a.role === 'planner' && a.regionCode.length === 6) ?? demo.find((a) => a.role === 'planner');
const leader = demo.find((a) => a.role === 'leader' && a.regionCode.length === 6);
const admin = demo.find((a) => a.role === 'admin');

// Fresh names, so the test can run again against a server that already holds earlier imports
// (the importer treats a same-named station within 10 m as a duplicate).
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const stationA = `E2E党群服务站${suffix}`;
const stationB = `E2E党员之家${suffix}`;

// Both points lie in 胜利门社区 (320213021001), the first community of the first street of
// 梁溪区, so they are inside every demo planner's region. WGS-84.
const HEADER = '名称,类型,地址,电话,开放时间,经度,纬度';
const rowA = `${stationA},党群服务站,无锡市梁溪区测试路1号,0510-0000001,Mo-Fr 08:30-17:30,120.2972,31.5804`;
const rowB = (lat: string) => `${stationB},党员之家,无锡市梁溪区测试路2号,0510-0000002,,120.2968,${lat}`;
const csv = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let requests: string[];

async function open(target: Page, path: string): Promise<void> {
  await target.goto(`${baseUrl}${path}`);
  await target.locator('.app-header .account-sign-in, .app-header .account-button').first().waitFor();
}

async function signIn(target: Page, username: string, password: string): Promise<void> {
  await target.locator('.app-header').getByRole('button', { name: '登录', exact: true }).click();
  const dialog = target.getByRole('dialog', { name: '登录' });
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('密码', { exact: true }).fill(password);
  await dialog.getByLabel('密码', { exact: true }).press('Enter');
  await target.locator('.app-header .account-button').waitFor();
}

async function chooseFile(target: Page, name: string, buffer: Buffer): Promise<void> {
  await target.locator('.import-panel input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await target.locator('.drop-chosen').getByText(name).waitFor();
}

beforeAll(async () => {
  expect(planner, 'the test server wrote a planner account').toBeDefined();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  requests = recordRequests(context);
});

afterAll(async () => {
  await browser?.close();
});

describe('导入 for the demo planner', () => {
  it('opens 数据导入导出 from the header, with the import steps in Chinese', async () => {
    await open(page, '/');
    await signIn(page, planner!.username, planner!.password);
    await page.locator('.app-header').getByRole('link', { name: '数据导入导出' }).click();
    expect(new URL(page.url()).pathname).toBe('/data');
    expect(await page.locator('h1').first().textContent()).toBe('数据导入导出');
    const panel = page.locator('.import-panel');
    await panel.waitFor();
    // Planners import grids, stations and buildings; the member roll is for administrators.
    expect(await panel.getByRole('radio').count()).toBe(3);
    await panel.getByRole('radio', { name: /服务站点/ }).check();
    await panel.getByText('文件应包含的列').click();
    const columns = (await panel.locator('.import-columns').textContent()) ?? '';
    for (const column of ['名称', '类型', '地址', '电话', '开放时间', '经度', '纬度']) expect(columns).toContain(column);
    expect(await panel.locator('.field-hint').filter({ hasText: '20 MB' }).textContent()).toContain('50,000');
    expect(await panel.getByRole('button', { name: '下载 CSV 模板' }).count()).toBe(1);
    expect(await panel.getByLabel('2. 文件中坐标的来源').inputValue()).toBe('wgs84');
  });

  it('downloads a template that Excel reads as UTF-8', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.import-panel').getByRole('button', { name: '下载 CSV 模板' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('服务站点导入模板.csv');
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toContain('名称,类型,地址,电话,开放时间');
  });

  it('opens the file chooser from the drop zone with the keyboard', async () => {
    // The zone opens the file input (whose dialog a real user then sees); the click on the input
    // is recorded and its dialog suppressed, so the check does not race the browser's dialog.
    const input = page.locator('.import-panel input[type="file"]');
    expect(await input.getAttribute('multiple')).toBeNull();
    await input.evaluate((el) => {
      const record = (event: Event) => {
        event.preventDefault();
        el.dataset.opened = String(Number(el.dataset.opened ?? '0') + 1);
        if (el.dataset.opened === '2') el.removeEventListener('click', record);
      };
      el.addEventListener('click', record);
    });
    const zone = page.locator('.drop-zone');
    await zone.focus();
    await page.keyboard.press('Enter');
    await zone.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => input.getAttribute('data-opened')).toBe('2');
  });

  it('预检 reports the row without 纬度 and keeps 确认导入 disabled', async () => {
    const panel = page.locator('.import-panel');
    await chooseFile(page, '服务站点.csv', csv(HEADER, rowA, rowB('')));
    // Held a moment so the upload progress can be seen (an intercepted request reports no
    // upload progress until it is let through).
    await page.route('**/api/imports/**', async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await panel.getByRole('button', { name: '预检', exact: true }).click();
    const progress = panel.locator('.import-progress');
    await progress.waitFor();
    expect(await progress.locator('progress').getAttribute('max')).toBe('100');
    expect(await progress.locator('label').textContent()).toMatch(/^正在上传文件… \d+%$/);
    expect(await panel.getByRole('button', { name: '取消' }).count()).toBe(1);

    const report = panel.locator('.import-report');
    await report.waitFor({ timeout: 30_000 });
    await page.unroute('**/api/imports/**');
    expect(await report.getByRole('heading', { name: '预检结果' }).count()).toBe(1);
    // The report heading takes the focus.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-report-title');
    expect(await report.locator('[data-kind="problems"] .report-count-value').textContent()).toBe('1');
    expect(await report.locator('[data-kind="create"] .report-count-value').textContent()).toBe('1');
    expect(await report.locator('.report-source summary').textContent()).toMatch(/CSV.*UTF-8.*WGS-84/);

    const problems = report.locator('.problems-table');
    expect(await problems.locator('thead').textContent()).toContain('行号');
    const problem = problems.locator('tbody tr');
    expect(await problem.count()).toBe(1);
    expect(await problem.locator('.cell-row').textContent()).toBe('3');
    expect(await problem.locator('.cell-field').textContent()).toContain('纬度');

    const commit = panel.getByRole('button', { name: '确认导入' });
    expect(await commit.isDisabled()).toBe(true);
    expect(await panel.locator('[data-gate="blocked"]').textContent()).toContain('重新预检');

    await screenshot(page, 'data-report', { fullPage: false });
    await page.setViewportSize({ width: 360, height: 740 });
    await panel.locator('.import-report').scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'data-report-360', { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('downloads the problem list as an Excel-readable CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.import-report').getByRole('button', { name: '下载问题清单（CSV）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('预检问题-服务站点.csv');
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('行号,字段,问题,说明');
    expect(lines[1]).toMatch(/^3,纬度,/);
  });

  it('the fixed file passes 预检, and 确认导入 creates both stations', async () => {
    const panel = page.locator('.import-panel');
    await chooseFile(page, '服务站点.csv', csv(HEADER, rowA, rowB('31.5801')));
    // A new file discards the old report.
    await expect.poll(() => panel.locator('.import-report').count()).toBe(0);
    await panel.getByRole('button', { name: '预检', exact: true }).click();
    const report = panel.locator('.import-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.locator('[data-kind="problems"] .report-count-value').textContent()).toBe('0');
    expect(await report.locator('[data-kind="create"] .report-count-value').textContent()).toBe('2');
    expect(await report.locator('.actions-table tbody tr').count()).toBe(2);
    expect(await report.locator('.actions-table').textContent()).toContain(stationB);
    // Before 确认导入, a small map shows where the two stations would go.
    const preview = panel.locator('.import-preview');
    await preview.waitFor();
    expect(await preview.getAttribute('data-features')).toBe('2');
    await preview.locator('.import-preview-map canvas').waitFor();
    expect(await preview.locator('.import-preview-legend').textContent()).toContain('新建');
    const previewFirst = await page.evaluate(() => {
      const map = document.querySelector('.import-preview');
      const button = document.querySelector('.import-commit .primary-button');
      return map !== null && button !== null && (map.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(previewFirst).toBe(true);

    const commit = panel.getByRole('button', { name: '确认导入' });
    expect(await commit.isEnabled()).toBe(true);
    await commit.click();
    const done = panel.locator('.import-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain('导入完成：新建 2，更新 0');
    expect(await done.textContent()).toContain('操作日志');

    const names = await page.evaluate(async () => {
      const body = (await (await fetch('/api/facilities')).json()) as { features: { properties: { name: string } }[] };
      return body.features.map((f) => f.properties.name);
    });
    expect(names).toContain(stationA);
    expect(names).toContain(stationB);
    // The map shows them without a reload.
    const onMap = () =>
      page.evaluate(async () => {
        const source = window.__map!.getSource('facilities') as unknown as { getData(): Promise<{ features: { properties: { name: string } }[] }> };
        return (await source.getData()).features.map((f) => f.properties.name);
      });
    await expect.poll(onMap, { timeout: 10_000 }).toEqual(expect.arrayContaining([stationA, stationB]));
  });

  it('the same station imported again is reported as a duplicate', async () => {
    const panel = page.locator('.import-panel');
    await panel.getByRole('button', { name: '再导入一个文件' }).click();
    await panel.getByRole('radio', { name: /服务站点/ }).check();
    // A station of the same name within 10 m of a stored one is a duplicate, not a second station.
    await chooseFile(page, '服务站点.csv', csv(HEADER, rowA));
    await panel.getByRole('button', { name: '预检', exact: true }).click();
    await panel.locator('.import-report').waitFor({ timeout: 30_000 });
    expect(await panel.locator('.problems-table tbody tr[data-code="DUPLICATE"]').count()).toBe(1);
    expect(await panel.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
  });
  it('an update of a station says what changes, as 字段：旧 → 新', async () => {
    const panel = page.locator('.import-panel');
    const id = await page.evaluate(async (name) => {
      const body = (await (await fetch('/api/facilities')).json()) as { features: { id: number; properties: { name: string } }[] };
      return body.features.find((f) => f.properties.name === name)!.id;
    }, stationA);
    await chooseFile(page, '站点更新.csv', csv(`编号,${HEADER}`, `${id},${rowA.replace('测试路1号', '测试路9号')}`));
    await panel.getByRole('button', { name: '预检', exact: true }).click();
    const report = panel.locator('.import-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.locator('[data-kind="update"] .report-count-value').textContent()).toBe('1');
    const changes = report.locator('.actions-table tr[data-action="update"] .import-changes');
    expect(await changes.textContent()).toBe('地址：无锡市梁溪区测试路1号 → 无锡市梁溪区测试路9号');
  });

  it('explains a refused upload in Chinese: too large, signed out', async () => {
    const panel = page.locator('.import-panel');
    await chooseFile(page, '服务站点.csv', csv(HEADER, rowA));
    const refuse = (status: number, code: string, message: string) =>
      page.route('**/api/imports/**', (route) =>
        route.fulfill({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: { code, message } }) }),
      );
    await refuse(413, 'TOO_MANY_ROWS', '文件超过 50000 行，请分批导入');
    await panel.getByRole('button', { name: '预检', exact: true }).click();
    const alert = panel.locator('.import-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('文件太大或行数太多：文件超过 50000 行，请分批导入');
    await page.unroute('**/api/imports/**');

    await refuse(401, 'UNAUTHENTICATED', 'sign in first');
    await panel.getByRole('button', { name: '预检', exact: true }).click();
    await expect.poll(() => alert.getAttribute('data-status')).toBe('401');
    expect(await alert.textContent()).toContain('登录已过期');
    await alert.getByRole('button', { name: '重新登录' }).click();
    await page.getByRole('dialog', { name: '登录' }).waitFor();
    await page.keyboard.press('Escape');
    await page.unroute('**/api/imports/**');
    // The chosen file stays for the next try.
    expect(await panel.locator('.drop-chosen').textContent()).toContain('服务站点.csv');
  });
});

describe('导出 for the demo planner', () => {
  it('links every dataset of the chosen region', async () => {
    await page.getByRole('link', { name: '导出数据' }).click();
    expect(new URL(page.url()).pathname).toBe('/data/export');
    const panel = page.locator('.export-panel');
    await panel.waitFor();
    const region = planner!.regionCode;
    const href = (dataset: string, format: string) =>
      panel.locator(`[data-dataset="${dataset}"] a[data-format="${format}"]`).getAttribute('href');
    for (const dataset of ['grids', 'facilities', 'regions']) {
      expect(await href(dataset, 'GeoJSON')).toBe(`/api/exports/${dataset}?region=${region}&format=geojson`);
      expect(await href(dataset, 'Shapefile')).toBe(`/api/exports/${dataset}?region=${region}&format=shp`);
      expect(await href(dataset, 'CSV')).toBe(`/api/exports/${dataset}?region=${region}&format=csv`);
    }
    expect(await href('coverage', 'CSV')).toBe(`/api/exports/coverage?region=${region}`);
    expect(await panel.locator('[data-dataset="members"]').count()).toBe(0);
    expect(await panel.locator('a[download]').first().getAttribute('aria-label')).toBe('下载网格（GeoJSON）');

    // Narrowing to a street and a community changes every link.
    await panel.getByLabel('街道').selectOption('320213021');
    await panel.getByLabel('社区').selectOption('320213021001');
    expect(await href('grids', 'CSV')).toBe('/api/exports/grids?region=320213021001&format=csv');
    expect(await href('coverage', 'CSV')).toBe('/api/exports/coverage?region=320213021001');
    expect(await panel.locator('.region-chosen').textContent()).toContain('胜利门社区');

    const response = await page.request.get(`${baseUrl}/api/exports/grids?region=320213021001&format=csv`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition'] ?? '').toContain('attachment');
  });

  it('names the OGC API – Features, vector tile and TileJSON addresses for GIS software and web maps', async () => {
    const gis = page.locator('.gis-connect');
    await gis.locator('summary').click();
    const text = (await gis.textContent()) ?? '';
    expect(text).toContain(`${baseUrl}/ogc`);
    expect(text).toContain('/tiles/{layer}/{z}/{x}/{y}.mvt');
    expect(text).toContain('添加 WFS/OGC API 图层');
    expect(text).toContain('添加矢量切片图层');
    expect(text).toContain(`${baseUrl}/tiles/grids.json`);
    const tileJson = await page.request.get(`${baseUrl}/tiles/grids.json`);
    expect(tileJson.status()).toBe(200);
    expect(((await tileJson.json()) as { tiles: string[] }).tiles[0]).toBe(`${baseUrl}/tiles/grids/{z}/{x}/{y}.mvt`);
  });

  it('asked nothing of another machine', () => {
    expect(requests.filter((url) => !isLocalUrl(url))).toEqual([]);
  });
});

describe('other roles', () => {
  it('a leader sees only the export part, without the member roll', async () => {
    expect(leader).toBeDefined();
    const other = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    const leaderPage = await other.newPage();
    await open(leaderPage, '/data');
    await signIn(leaderPage, leader!.username, leader!.password);
    await leaderPage.locator('.export-panel').waitFor();
    expect(await leaderPage.locator('.import-panel').count()).toBe(0);
    expect(await leaderPage.locator('input[type="file"]').count()).toBe(0);
    expect(await leaderPage.locator('.data-leader-note').textContent()).toContain('导出');
    expect(await leaderPage.locator('.export-panel [data-dataset="coverage"] a').count()).toBe(1);
    expect(await leaderPage.locator('.export-panel [data-dataset="members"]').count()).toBe(0);
    // Even the import URL shows exports to a leader.
    await open(leaderPage, '/data');
    await leaderPage.locator('.export-panel').waitFor();
    expect(await leaderPage.locator('.import-panel').count()).toBe(0);
    await other.close();
  });

  it('an admin may import the member roll and export it, with the audit note', async () => {
    expect(admin).toBeDefined();
    const other = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    const adminPage = await other.newPage();
    await open(adminPage, '/data');
    await signIn(adminPage, admin!.username, admin!.password);
    const panel = adminPage.locator('.import-panel');
    await panel.waitFor();
    // Grids, stations, buildings and, for an admin, the member roll.
    expect(await panel.getByRole('radio').count()).toBe(4);
    await panel.getByRole('radio', { name: /党员名册/ }).check();
    await panel.getByText('文件应包含的列').click();
    for (const column of ['姓名', '状态', '所属党组织', '流动党员', '经度', '纬度']) {
      expect(await panel.locator('.import-columns').textContent()).toContain(column);
    }
    await adminPage.getByRole('link', { name: '导出数据' }).click();
    const members = adminPage.locator('.export-panel [data-dataset="members"]');
    await members.waitFor();
    expect(await members.locator('a').getAttribute('href')).toBe(`/api/exports/members?region=${admin!.regionCode}`);
    const note = (await members.textContent()) ?? '';
    expect(note).toContain('不含家庭住址坐标');
    expect(note).toContain('操作日志');
    await other.close();
  });
});

it('a Beijing 1954 Shapefile without TOWGS84: 预检 asks for the 七参数 in Chinese, and with them the dry run is clean', async () => {
  const other = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const plannerPage = await other.newPage();
  await open(plannerPage, '/data');
  await signIn(plannerPage, planner!.username, planner!.password);
  const panel = plannerPage.locator('.import-panel');
  await panel.getByRole('radio', { name: /网格边界/ }).check();
  const name = 'grids-beijing1954-gk3.zip';
  const buffer = await readFile(new URL(`../fixtures/survey/${name}`, import.meta.url));
  await panel.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/zip', buffer });
  await panel.locator('.drop-chosen').getByText(name).waitFor();
  const field = panel.getByLabel('七参数（向 WGS 84 转换）');
  expect(await field.count()).toBe(0);

  await panel.getByRole('button', { name: '预检', exact: true }).click();
  const error = panel.locator('.import-error[data-code="DATUM_SHIFT_UNKNOWN"]');
  await error.waitFor({ timeout: 30_000 });
  expect(await error.textContent()).toContain('Beijing 1954 / 3-degree Gauss-Kruger CM 120E');
  expect(await error.textContent()).toContain('七参数');
  expect(await panel.locator('.import-report').count()).toBe(0);

  await field.waitFor();
  await screenshot(plannerPage, 'data-datum-asked', { fullPage: false });
  await field.fill('-15.2, 150.6, 94.8, 0.11, -0.32, -0.45, 1.8');
  await panel.getByRole('button', { name: '预检', exact: true }).click();
  const report = panel.locator('.import-report');
  await report.waitFor({ timeout: 30_000 });
  expect(await panel.locator('.import-error').count()).toBe(0);
  expect(await report.locator('[data-kind="problems"] .report-count-value').textContent()).toBe('0');
  expect(await report.locator('[data-kind="create"] .report-count-value').textContent()).toBe('0');
  expect(await report.locator('.report-source summary').textContent()).toContain('Beijing 1954');
  await screenshot(plannerPage, 'data-datum-shift', { fullPage: false });
  await other.close();
});

describe('GeoPackage for QGIS', () => {
  it('the export panel offers GeoPackage and a click downloads a .gpkg of the chosen community', async () => {
    await open(page, '/data/export');
    const panel = page.locator('.export-panel');
    await panel.waitFor();
    await panel.getByLabel('街道').selectOption('320213021');
    await panel.getByLabel('社区').selectOption('320213021001');
    const link = panel.locator('[data-dataset="grids"] a[data-format="GeoPackage"]');
    expect(await link.textContent()).toBe('GeoPackage（QGIS 默认格式）');
    expect(await link.getAttribute('aria-label')).toBe('下载网格（GeoPackage）');
    expect(await link.getAttribute('href')).toBe('/api/exports/grids?region=320213021001&format=gpkg');
    await screenshot(page, 'data-export-geopackage', { fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^网格_胜利门社区_320213021001\.gpkg$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  });
});

describe('an Excel workbook with its data on the second sheet', () => {
  it('预检 reads the sheet that holds the stations and says which; 工作表 1 is refused naming the sheets', async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const cells = (values: (string | number)[]) => values.map((value) => ({ value }));
    const workbook = await writeXlsxFile([
      { sheet: '说明', data: [cells(['站点在第二个工作表'])] },
      { sheet: '站点', data: [cells(['名称', '类型', '经度', '纬度']), cells([`E2E工作表站${suffix}`, '党群服务站', 120.2975, 31.5806])] },
    ]).toBuffer();
    const other = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    const sheetPage = await other.newPage();
    await open(sheetPage, '/data');
    await signIn(sheetPage, planner!.username, planner!.password);
    const panel = sheetPage.locator('.import-panel');
    await panel.getByRole('radio', { name: /服务站点/ }).check();
    await panel.locator('input[type="file"]').setInputFiles({
      name: '站点表.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(workbook),
    });
    const sheetField = panel.getByLabel('Excel 工作表（可选）');
    await sheetField.waitFor();

    await panel.getByRole('button', { name: '预检', exact: true }).click();
    const report = panel.locator('.import-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.locator('.report-source summary').textContent()).toContain('读取的工作表：站点');
    expect(await report.locator('[data-kind="create"] .report-count-value').textContent()).toBe('1');
    await screenshot(sheetPage, 'data-report-sheet', { fullPage: false });

    await sheetField.fill('1');
    await panel.getByRole('button', { name: '预检', exact: true }).click();
    const error = panel.locator('.import-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-code')).toBe('NO_ROWS');
    expect(await error.textContent()).toMatch(/工作表“说明”里没有数据.*1\. 说明、2\. 站点/);
    await other.close();
  });
});
