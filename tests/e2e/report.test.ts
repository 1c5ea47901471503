import type { APIRequestContext, Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseDetail, CaseSummary, ReportStatus } from '../../server/src/contract/cases.ts';
import { isLocalUrl, launchBrowser, recordRequests, screenshot, waitForMapIdle, waitForPath } from './browser';

// 反映问题 in Chromium against the real server and the demo district: a resident on a phone
// reports a broken street lamp from where they stand (Playwright's fixed geolocation) with a
// photo, sees which grid will handle it before sending, gets a tracking code, follows it on the
// status page (which never shows their phone), and rates it once the grid has closed it.

const baseUrl = inject('baseUrl');
const admin = inject('demoAccounts').find((a) => a.role === 'admin');
/** In 胜利门社区第1网格 (320213021001001), 胜利门社区 (320213021001). WGS-84. */
const LAMP = { longitude: 120.2972, latitude: 31.58 };
const GRID_CODE = '320213021001001';
/** In the next grid east, 胜利门社区第2网格 (320213021001002). */
const NEXT_DOOR = { longitude: 120.2993, latitude: 31.5802 };
/** Far outside the district (Beijing). */
const ELSEWHERE = { longitude: 116.397, latitude: 39.909 };
const PHONE_NUMBER = '13912345678';
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
};
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };

let browser: Browser;
const contexts: BrowserContext[] = [];
const requestLogs: string[][] = [];

async function newPage(options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  requestLogs.push(recordRequests(context));
  return context.newPage();
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('.map-container[data-ready="true"]', { timeout: 60_000 });
  await waitForMapIdle(page);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

/** A small real photo, as a phone camera would give. */
function photo(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();
}

/** A staff session (the demo admin) through the API, to act on the case as the grid would. */
async function staff(): Promise<APIRequestContext> {
  expect(admin, 'the demo admin account').toBeDefined();
  const context = await browser.newContext();
  contexts.push(context);
  const login = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username: admin!.username, password: admin!.password } });
  expect(login.status()).toBe(200);
  return context.request;
}

/** Accepts and closes the case with this tracking code, as its grid's staff would. */
async function closeCase(request: APIRequestContext, code: string): Promise<void> {
  const list = await request.get(`${baseUrl}/api/cases?status=open&grid=${GRID_CODE}&limit=500`);
  expect(list.status()).toBe(200);
  const found = ((await list.json()) as { cases: CaseSummary[] }).cases.find((c) => c.code === code);
  expect(found, `case ${code} in the grid's list`).toBeDefined();
  let version = found!.version;
  for (const body of [{ action: 'accept' }, { action: 'close', note: '已更换路灯灯泡，恢复照明。' }]) {
    const acted = await request.post(`${baseUrl}/api/cases/${found!.id}/actions`, { data: { ...body, version } });
    expect(acted.status(), body.action).toBe(200);
    version = ((await acted.json()) as CaseDetail).version;
  }
}

async function publicStatus(code: string): Promise<ReportStatus> {
  const response = await fetch(`${baseUrl}/api/reports/${code}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ReportStatus;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

describe('反映问题 (report a problem)', () => {
  let phone: Page;
  let code = '';

  it('reports from a 360 px phone with its location and a photo, showing the grid before sending, and gives a tracking code', async () => {
    phone = await newPage({ ...PHONE, geolocation: LAMP, permissions: ['geolocation'] });
    // The finder links to the report page.
    await open(phone, '/');
    await phone.getByRole('link', { name: /反映问题/ }).first().click();
    await waitForPath(phone, '/report');
    expect(await phone.locator('h1').first().textContent()).toBe('反映问题');

    // Categories are large tiles.
    const lamp = phone.locator('.report-category', { hasText: '设施维修' });
    await lamp.waitFor();
    expect(await phone.locator('.report-categories .report-category').count()).toBe(6);
    const tile = await lamp.boundingBox();
    expect(tile!.height).toBeGreaterThanOrEqual(48);
    await lamp.click();
    expect(await lamp.locator('input').isChecked()).toBe(true);

    // The description counts its characters.
    const description = '胜利门社区东门口路灯不亮三天了，晚上很黑。';
    await phone.getByLabel('2. 问题描述').fill(description);
    expect(await phone.getByTestId('description-count').textContent()).toBe(`${description.length}/500 字`);

    // Sending without a place says what to do.
    await phone.getByRole('button', { name: '提交', exact: true }).click();
    expect(await phone.getByTestId('report-error').textContent()).toContain('请选择问题地点');

    // My location: the place, and the grid and community it falls in, before sending.
    await phone.getByRole('button', { name: '使用我的位置' }).click();
    const grid = phone.getByTestId('report-grid');
    await grid.waitFor();
    expect(await grid.getAttribute('data-grid-code')).toBe(GRID_CODE);
    expect(await grid.textContent()).toContain('胜利门社区');
    expect(await grid.textContent()).toContain('胜利门社区第1网格');
    expect(await phone.getByTestId('report-place').textContent()).toContain('我的位置');
    // The marker stands on the map.
    expect(await phone.locator('.maplibregl-marker').count()).toBe(1);

    // A photo over 5 MB is refused before any upload, saying why; a small one is previewed with its size.
    const input = phone.locator('input[type="file"]');
    await input.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
    expect(await phone.getByTestId('photo-refused').textContent()).toContain('超过 5 MB');
    expect(await phone.locator('.report-photo').count()).toBe(0);
    const jpeg = await photo();
    await input.setInputFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await phone.locator('.report-photo img').waitFor();
    expect(await phone.locator('.report-photo-size').textContent()).toMatch(/^\d+ KB$/);

    // The optional phone, with its privacy note.
    await phone.getByLabel(/联系电话/).fill(PHONE_NUMBER);
    expect(await phone.locator('.report-privacy').textContent()).toContain('180 天');
    await noHorizontalScroll(phone);
    await screenshot(phone, 'report-phone-form', { fullPage: true });

    await phone.getByRole('button', { name: '提交', exact: true }).click();
    const shown = phone.getByTestId('report-code');
    await shown.waitFor({ timeout: 30_000 });
    code = (await shown.textContent()) ?? '';
    expect(code).toMatch(CODE);
    expect(await phone.locator('.report-sent').textContent()).toContain('1 张照片已上传');
    await noHorizontalScroll(phone);
    await screenshot(phone, 'report-phone-sent', { fullPage: true });

    const status = await publicStatus(code);
    expect(status.gridCode).toBe(GRID_CODE);
    expect(status.status).toBe('pending');
    expect(status.photoCount).toBe(1);
  });

  it('shows the status page with its steps, grid, leader and deadline, and never the phone', async () => {
    await phone.getByRole('link', { name: '查看办理进度' }).click();
    await waitForPath(phone, `/report/${code}`);
    const now = phone.getByTestId('status-now');
    await now.waitFor();
    expect(await now.textContent()).toBe('待受理');
    expect(await phone.locator('.report-step[aria-current="step"]').textContent()).toContain('待受理');
    const facts = (await phone.locator('.report-facts').textContent()) ?? '';
    expect(facts).toContain('设施维修');
    expect(facts).toContain('胜利门社区第1网格');
    expect(facts).toContain('胜利门社区');
    expect(facts).toContain('办结期限');
    const html = await phone.content();
    expect(html).not.toContain(PHONE_NUMBER);
    expect(html).not.toContain('路灯不亮三天了');
    await noHorizontalScroll(phone);
    await screenshot(phone, 'report-phone-status-pending', { fullPage: true });
  });

  it('lets the resident rate the report once the grid has closed it', async () => {
    await closeCase(await staff(), code);
    await phone.reload();
    const now = phone.getByTestId('status-now');
    await now.waitFor();
    expect(await now.textContent()).toBe('已办结');
    const timeline = (await phone.locator('.report-timeline').textContent()) ?? '';
    expect(timeline).toContain('已受理');
    expect(timeline).toContain('已办结');

    // Sending without a choice says what to choose.
    await phone.getByRole('button', { name: '提交评价' }).click();
    expect(await phone.locator('.report-rating .report-error').textContent()).toContain('请选择');
    await phone.locator('.report-rating-choice', { hasText: /^满意$/ }).click();
    await phone.getByLabel('补充意见（可选）').fill('修得很快，谢谢！');
    await screenshot(phone, 'report-phone-rating', { fullPage: true });
    await phone.getByRole('button', { name: '提交评价' }).click();
    await phone.getByTestId('status-rating').waitFor();
    expect(await phone.getByTestId('status-rating').textContent()).toContain('满意');
    expect(await now.textContent()).toBe('已回访');
    expect(await phone.locator('.report-rating').count()).toBe(0);
    expect(await phone.content()).not.toContain(PHONE_NUMBER);
    await screenshot(phone, 'report-phone-rated', { fullPage: true });

    const status = await publicStatus(code);
    expect(status.status).toBe('rated');
    expect(status.rating).toBe('satisfied');
    expect(JSON.stringify(status)).not.toContain(PHONE_NUMBER);
  });

  it('finds a report by its code typed in lower case without dashes', async () => {
    await open(phone, '/report');
    await phone.getByLabel('查询码').fill('not-a-code');
    await phone.getByRole('button', { name: '查询', exact: true }).click();
    expect(await phone.locator('.report-lookup .report-error').textContent()).toContain('12 位');
    await phone.getByLabel('查询码').fill(code.replace(/-/g, '').toLowerCase());
    await phone.getByRole('button', { name: '查询', exact: true }).click();
    await waitForPath(phone, `/report/${code}`);
    await phone.getByTestId('status-now').waitFor();
    expect(await phone.getByTestId('status-now').textContent()).toBe('已回访');
    expect(await phone.getByTestId('status-code').textContent()).toBe(code);
  });

  it('says a place outside every grid cannot be reported and asks for another', async () => {
    const away = await newPage({ ...PHONE, geolocation: ELSEWHERE, permissions: ['geolocation'] });
    await open(away, '/report');
    await away.getByRole('button', { name: '使用我的位置' }).click();
    await away.getByTestId('report-outside').waitFor();
    expect(await away.getByTestId('report-outside').textContent()).toBe('该位置不在任何网格内，请在地图上重新选择。');
  });

  it('reports at 1280 × 800 with a search, a tap on the map and the marker dragged into the next grid', async () => {
    const desk = await newPage(DESKTOP);
    await open(desk, '/report');
    await desk.locator('.report-category', { hasText: '环境卫生' }).click();
    await desk.getByLabel('2. 问题描述').fill('垃圾桶满了没人清运。');
    // A place found by search names its grid.
    await desk.getByRole('combobox', { name: '搜索社区、网格或服务站' }).fill('胜利门社区第3网格');
    await desk.getByRole('option').filter({ hasText: '胜利门社区第3网格' }).first().click();
    await desk.locator('[data-testid="report-grid"][data-grid-code="320213021001003"]').waitFor();
    expect(await desk.getByTestId('report-place').textContent()).toContain('搜索：胜利门社区第3网格');

    // Tap the map where the lamp is.
    const spot = await desk.evaluate(([lng, lat]) => {
      const map = window.__map!;
      const point = map.project([lng!, lat!]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    }, [LAMP.longitude, LAMP.latitude]);
    await desk.mouse.click(spot.x, spot.y);
    const grid = desk.getByTestId('report-grid');
    await grid.waitFor();
    expect(await grid.getAttribute('data-grid-code')).toBe(GRID_CODE);
    expect(await desk.getByTestId('report-place').textContent()).toContain('地图上选择的位置');
    // The tap chose the place only: no details panel opened over the map.
    expect(await desk.locator('.details').count()).toBe(0);

    // The marker can be dragged: into the next grid, which is then the one named.
    await desk.evaluate(([lng, lat]) => window.__map!.jumpTo({ center: [lng!, lat!], zoom: 17 }), [LAMP.longitude, LAMP.latitude]);
    await waitForMapIdle(desk);
    const marker = desk.locator('.maplibregl-marker');
    const from = (await marker.boundingBox())!;
    const shift = await desk.evaluate(([a, b]) => {
      const map = window.__map!;
      const p = map.project(a as [number, number]);
      const q = map.project(b as [number, number]);
      return { x: q.x - p.x, y: q.y - p.y };
    }, [[LAMP.longitude, LAMP.latitude], [NEXT_DOOR.longitude, NEXT_DOOR.latitude]]);
    const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
    await desk.mouse.move(start.x, start.y);
    await desk.mouse.down();
    await desk.mouse.move(start.x + shift.x / 2, start.y + shift.y / 2, { steps: 5 });
    await desk.mouse.move(start.x + shift.x, start.y + shift.y, { steps: 5 });
    await desk.mouse.up();
    await desk.locator('[data-testid="report-grid"][data-grid-code="320213021001002"]').waitFor();
    expect(await grid.textContent()).toContain('胜利门社区第2网格');
    await screenshot(desk, 'report-desktop-form');
    await desk.getByRole('button', { name: '提交', exact: true }).click();
    await desk.getByTestId('report-code').waitFor({ timeout: 30_000 });
    expect(await desk.getByTestId('report-code').textContent()).toMatch(CODE);
    await screenshot(desk, 'report-desktop-sent');
    await desk.getByRole('link', { name: '查看办理进度' }).click();
    await desk.getByTestId('status-now').waitFor();
    await screenshot(desk, 'report-desktop-status');
  });

  it('loads nothing from outside the machine', () => {
    for (const log of requestLogs) expect(log.filter((url) => !isLocalUrl(url))).toEqual([]);
  });
});
