import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isLocalUrl, launchBrowser, recordRequests, renderedNames, screenshot, waitForMapIdle, waitForPath } from './browser';

// The client shell against the real server and the demo district: the map draws regions and
// grids and the public stations from the server's vector tiles with local fonts only (the list
// of stations in view comes by box, never the whole list), and the workspaces, language switch,
// list view and error state work for mouse and keyboard users.

const baseUrl = inject('baseUrl');
const admin = inject('demoAccounts').find((a) => a.role === 'admin');
let browser: Browser;
let page: Page;
let requests: string[];

interface GridFeature {
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: { id: number | string; name: string };
}

async function firstGridCenter(): Promise<[number, number]> {
  const response = await fetch(`${baseUrl}/api/grids`);
  expect(response.ok).toBe(true);
  const body = (await response.json()) as { features: GridFeature[] };
  expect(body.features.length).toBeGreaterThan(0);
  // The middle of a grid near the median of all grids: in the district, away from its edge.
  const centers = body.features.map((f) => {
    const ring = f.geometry.coordinates[0]![0]!;
    const lngs = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    return [(Math.min(...lngs) + Math.max(...lngs)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2] as [number, number];
  });
  centers.sort((a, b) => a[0] - b[0]);
  return centers[Math.floor(centers.length / 2)]!;
}

async function openLanding(target: Page, path = '/'): Promise<void> {
  await target.goto(`${baseUrl}${path}`);
  await target.waitForSelector('.map-container[data-ready="true"]', { timeout: 60_000 });
  await waitForMapIdle(target);
}

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  page = await context.newPage();
  requests = recordRequests(context);
});

afterAll(async () => {
  await browser?.close();
});

describe('client shell', () => {
  it('serves the landing page in Chinese with the basics of a good document', async () => {
    await openLanding(page);
    expect(await page.title()).toBe('网格党建地图');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('meta[charset]').getAttribute('charset')).toMatch(/utf-8/i);
    expect(await page.locator('h1').first().textContent()).toBe('找服务站');
    expect(await page.locator('.how-to li').count()).toBeGreaterThan(0);
    const navTexts = await page.locator('nav a').allTextContents();
    expect(navTexts).toEqual(['找服务站', '反映问题', '覆盖分析', '网格规划']);
  });

  it('draws the district map filling the viewport', async () => {
    const size = await page.evaluate(() => {
      const canvas = window.__map!.getCanvas();
      return { width: canvas.clientWidth, height: canvas.clientHeight };
    });
    expect(size.width).toBeGreaterThan(600);
    expect(size.height).toBeGreaterThan(600);
    const outline = await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['district-line'] }).length);
    expect(outline).toBeGreaterThan(0);
    const streets = await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['street-line'] }).length);
    expect(streets).toBeGreaterThan(0);
  });

  it('shows facilities, a legend naming every kind, and the facilities in view as a list', async () => {
    const sources = await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['facilities-circle'] }).map((f) => f.source));
    expect(sources.length).toBeGreaterThan(0);
    expect(new Set(sources)).toEqual(new Set(['facility-tiles']));
    const legend = await page.locator('.legend').textContent();
    for (const kind of ['党群服务中心', '党群服务站', '党员之家', '党代表工作室', '志愿服务点']) expect(legend).toContain(kind);
    expect(await page.locator('.facility-item').count()).toBeGreaterThan(0);
  });

  it('selects a facility from the list and shows its details', async () => {
    const first = page.locator('.facility-item').first();
    const name = (await first.locator('.facility-name').textContent()) ?? '';
    await first.focus();
    await page.keyboard.press('Enter');
    const details = page.locator('.details');
    await details.waitFor();
    expect(await details.locator('h2').textContent()).toBe(name);
    expect(await details.textContent()).toContain('地址');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
  });

  it('draws the grids of the whole district from vector tiles, and selects a grid after zooming in', async () => {
    // The whole district in view: its grids come as tiles, not as GeoJSON.
    await page.evaluate(() => window.__mapController!.fitDistrict({ animate: false }));
    await waitForMapIdle(page);
    expect(requests.some((url) => /\/tiles\/grids\/\d+\/\d+\/\d+\.mvt/.test(url))).toBe(true);
    expect(requests.some((url) => url.includes('/api/grids'))).toBe(false);
    const district = await page.evaluate(() => {
      const map = window.__map!;
      const layer = map.getLayer('grids-fill')!;
      const codes = map.queryRenderedFeatures({ layers: ['grids-fill'] }).map((f) => String(f.properties['code']));
      return { zoom: map.getZoom(), source: layer.source, sourceType: map.getSource(layer.source)!.type, sourceLayer: layer.sourceLayer, codes: [...new Set(codes)] };
    });
    expect(district.zoom).toBeLessThan(13);
    expect(district).toMatchObject({ source: 'grids', sourceType: 'vector', sourceLayer: 'grids' });
    expect(district.codes.length).toBeGreaterThan(500);
    for (const code of district.codes) expect(code).toMatch(/^\d{15}$/);

    // Zoomed in, a click on a grid (away from any dot) selects it with its full record.
    await page.evaluate(() => window.__map!.jumpTo({ zoom: 16 }));
    await waitForMapIdle(page);
    const target = await page.evaluate(() => {
      const map = window.__map!;
      const { width, height } = map.getCanvas().getBoundingClientRect();
      for (let y = height * 0.3; y < height * 0.7; y += 20)
        for (let x = width * 0.3; x < width * 0.7; x += 20) {
          const grid = map.queryRenderedFeatures([x, y], { layers: ['grids-fill'] })[0];
          const dot = map.queryRenderedFeatures([[x - 12, y - 12], [x + 12, y + 12]], { layers: ['facilities-circle'] });
          if (grid && dot.length === 0) return { x, y, code: String(grid.properties['code']) };
        }
      return null;
    });
    expect(target).not.toBeNull();
    const canvas = (await page.locator('.map-container canvas').boundingBox())!;
    await page.mouse.click(canvas.x + target!.x, canvas.y + target!.y);
    const details = page.locator('.details[data-selection="grid"]');
    await details.waitFor();
    expect(await details.textContent()).toContain(target!.code);
    await waitForMapIdle(page);
    const outlined = await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['grids-selected'] }).map((f) => String(f.properties['code'])));
    expect(outlined).toContain(target!.code);
    await page.getByRole('button', { name: '关闭详情' }).click();

    // After an edit the planner reloads the grid tiles under a new URL, so no cached tile shows the old shape.
    await page.evaluate(() => window.__mapController!.refreshGrids());
    await waitForMapIdle(page);
    expect(requests.some((url) => /\/tiles\/grids\/\d+\/\d+\/\d+\.mvt\?v=1$/.test(url))).toBe(true);
    expect(await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['grids-fill'] }).length)).toBeGreaterThan(0);
  });

  it('draws grids with Chinese labels when zoomed in, and shows a grid on click', async () => {
    const center = await firstGridCenter();
    await page.evaluate((c) => window.__map!.jumpTo({ center: c, zoom: 15.5 }), center);
    await page.waitForFunction(() => window.__map!.queryRenderedFeatures({ layers: ['grids-fill'] }).length > 0, null, {
      timeout: 30_000,
    });
    await waitForMapIdle(page);
    const labels = await renderedNames(page, 'grids-label');
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.some((name) => name.includes('网格'))).toBe(true);

    // Click a point in the middle of the map where a grid is drawn and no facility dot is near,
    // and expect the grid's properties.
    const canvas = await page.locator('.map-container canvas').boundingBox();
    expect(canvas).not.toBeNull();
    const hit = await page.evaluate(() => {
      const map = window.__map!;
      const { width, height } = map.getCanvas().getBoundingClientRect();
      for (let y = height * 0.3; y < height * 0.7; y += 20)
        for (let x = width * 0.3; x < width * 0.7; x += 20) {
          const here = map.queryRenderedFeatures([x, y], { layers: ['grids-fill', 'facilities-circle'] });
          const dot = map.queryRenderedFeatures(
            [
              [x - 10, y - 10],
              [x + 10, y + 10],
            ],
            { layers: ['facilities-circle'] },
          );
          if (here.length > 0 && dot.length === 0 && here[0]!.layer.id === 'grids-fill') return { x, y };
        }
      return null;
    });
    expect(hit).not.toBeNull();
    await page.mouse.click(canvas!.x + hit!.x, canvas!.y + hit!.y);
    const details = page.locator('.details[data-selection="grid"]');
    await details.waitFor();
    const text = (await details.textContent()) ?? '';
    for (const label of ['网格编码', '户数', '常住人口', '网格长']) expect(text).toContain(label);
    await screenshot(page, 'shell-grids');
    await page.getByRole('button', { name: '关闭详情' }).click();
  });

  it('fits the whole district on the landing page: its outline and its streets drawn', async () => {
    await page.evaluate(() => window.__mapController!.fitDistrict({ animate: false }));
    await waitForMapIdle(page);
    expect(await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['district-line'] }).length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['street-line'] }).length)).toBeGreaterThan(0);
    await screenshot(page, 'shell');
  });

  it('loads a workspace’s code only when it is opened, saying what is loading meanwhile', async () => {
    const fetched = (chunk: string) => requests.some((url) => new URL(url).pathname.startsWith(`/assets/${chunk}-`));
    // The landing page downloads neither the coverage workspace nor deck.gl nor terra-draw.
    expect(fetched('CoveragePage')).toBe(false);
    expect(fetched('deckgl')).toBe(false);
    expect(fetched('PlannerWorkspace')).toBe(false);

    // Held back until the loading line has been seen, so the test does not race the download.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const chunk = '**/assets/CoveragePage-*.js';
    await page.route(chunk, async (route) => {
      await released;
      await route.continue();
    });
    await page.getByRole('link', { name: '覆盖分析' }).click();
    await page.getByRole('status').filter({ hasText: '正在加载“覆盖分析”…' }).waitFor();
    release();
    await page.getByRole('heading', { level: 1, name: '覆盖分析' }).waitFor();
    await page.unroute(chunk);
    expect(fetched('CoveragePage')).toBe(true);
    await page.getByRole('link', { name: '找服务站' }).click();
    await waitForPath(page, '/');
  });

  it('navigates between workspaces by keyboard, by click and with the back button', async () => {
    await page.getByRole('link', { name: '覆盖分析' }).focus();
    await page.keyboard.press('Enter');
    await waitForPath(page, '/coverage');
    expect(await page.locator('h1').first().textContent()).toBe('覆盖分析');
    expect(await page.locator('.empty-state').textContent()).toContain('登录');
    expect(await page.getByRole('link', { name: '覆盖分析' }).getAttribute('aria-current')).toBe('page');

    await page.getByRole('link', { name: '网格规划' }).click();
    await waitForPath(page, '/planner');
    // The planner's code loads on first use: wait for its page rather than read the one before.
    await page.getByRole('heading', { level: 1, name: '网格规划' }).waitFor();
    expect(await page.locator('.empty-state').textContent()).toContain('登录');

    // The map is shared by the workspaces and survives navigation.
    expect(await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['district-line'] }).length)).toBeGreaterThan(0);

    await page.goBack();
    await waitForPath(page, '/coverage');
    expect(await page.locator('h1').first().textContent()).toBe('覆盖分析');

    // A deep link works too (the server falls back to index.html).
    await openLanding(page, '/planner');
    await page.getByRole('heading', { level: 1, name: '网格规划' }).waitFor();
    await page.getByRole('link', { name: '找服务站' }).click();
    await waitForPath(page, '/');
  });

  it('answers an unknown path with 404 and a Chinese page-not-found page that leads home', async () => {
    const response = await page.goto(`${baseUrl}/no-such-page`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
    expect(await page.locator('.not-found').textContent()).toContain('/no-such-page');
    await screenshot(page, 'not-found');
    await page.getByRole('link', { name: '返回首页：找服务站' }).click();
    await waitForPath(page, '/');
    await page.waitForSelector('.map-container[data-ready="true"]', { timeout: 60_000 });
    expect(await page.locator('h1').first().textContent()).toBe('找服务站');
  });

  it('switches to English and remembers the choice', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('nav a').allTextContents()).toEqual(['Find a station', 'Report', 'Coverage', 'Planning']);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await openLanding(page);
    expect(await page.locator('nav a').first().textContent()).toBe('Find a station');
    expect(await page.locator('.legend').textContent()).toContain('Party–public service station');
    await page.getByRole('button', { name: '切换到中文' }).click();
    expect(await page.locator('nav a').first().textContent()).toBe('找服务站');
  });

  it('shows a Chinese error with a retry button when the API fails', async () => {
    await page.route('**/api/regions?level=district', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ error: { code: 'DB_UNAVAILABLE', message: '数据库暂时不可用' } }),
      }),
    );
    await page.goto(`${baseUrl}/`);
    const alert = page.locator('.error-card');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('数据加载失败');
    expect(text).toContain('DB_UNAVAILABLE');
    await page.unroute('**/api/regions?level=district');
    await page.getByRole('button', { name: '重试' }).click();
    await page.waitForSelector('.map-container[data-ready="true"]');
    expect(await alert.count()).toBe(0);
  });

  it('works on a 360 px wide phone screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const phoneRequests = recordRequests(phone);
    const small = await phone.newPage();
    await openLanding(small);
    const layout = await small.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      mapHeight: window.__map!.getCanvas().clientHeight,
      mapWidth: window.__map!.getCanvas().clientWidth,
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(360);
    expect(layout.mapWidth).toBe(360);
    expect(layout.mapHeight).toBeGreaterThan(300);
    for (const link of await small.locator('nav a').all()) expect(await link.isVisible()).toBe(true);
    expect(await small.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['facilities-circle'] }).length)).toBeGreaterThan(0);
    await screenshot(small, 'shell-360', { fullPage: true });
    requests.push(...phoneRequests);
    await phone.close();
  });

  it('made no request to any host but this server, and none for the whole facility list', () => {
    expect(requests.length).toBeGreaterThan(0);
    const wholeList = requests.filter((url) => {
      const parsed = new URL(url);
      return parsed.pathname === '/api/facilities' && !parsed.searchParams.has('bbox');
    });
    expect(wholeList).toEqual([]);
    expect(requests.filter((url) => !isLocalUrl(url))).toEqual([]);
  });
});

describe('English at 1280 × 800', () => {
  const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
  let english: Page;

  /** The header's height, and whether every item in it sits on its first row. */
  const headerLayout = (target: Page) =>
    target.evaluate(() => {
      const header = document.querySelector('.app-header')!;
      const items = [...header.children].filter((e) => e.matches('.brand, .app-nav, .lang-switch, .account'));
      const rects = items.map((e) => e.getBoundingClientRect());
      const firstRowBottom = Math.min(...rects.map((r) => r.bottom));
      return {
        height: header.getBoundingClientRect().height,
        oneRow: rects.every((r) => r.top < firstRowBottom),
        // A text broken over two lines has line boxes at two heights: every text in the header keeps one line.
        wrapped: (() => {
          const broken: string[] = [];
          const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement!;
            if (!node.textContent?.trim() || parent.closest('.skip-link') || parent.offsetParent === null) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) broken.push(node.textContent);
          }
          return broken;
        })(),
        scrollWidth: document.documentElement.scrollWidth,
      };
    });

  beforeAll(async () => {
    expect(admin, 'the test server wrote demo accounts').toBeDefined();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    english = await context.newPage();
  });

  it('keeps the header on one line, signed in with every workspace', async () => {
    await openLanding(english);
    const chinese = await headerLayout(english);
    expect(chinese.oneRow).toBe(true);
    await english.getByRole('button', { name: 'Switch to English' }).click();
    await english.locator('.app-header').getByRole('button', { name: 'Sign in', exact: true }).click();
    const dialog = english.getByRole('dialog', { name: 'Sign in' });
    await dialog.getByLabel('Username').fill(admin!.username);
    await dialog.getByLabel('Password', { exact: true }).fill(admin!.password);
    await dialog.getByLabel('Password', { exact: true }).press('Enter');
    await english.locator('.app-header .account-button').waitFor();
    expect(await english.locator('nav a').count()).toBe(7);
    const layout = await headerLayout(english);
    expect(layout.oneRow).toBe(true);
    expect(layout.wrapped).toEqual([]);
    expect(layout.height).toBe(chinese.height);
    expect(layout.scrollWidth).toBe(1280);
    await screenshot(english, 'shell-english-1280');
    await english.locator('.app-header .account-button').click();
    await english.getByRole('button', { name: 'Sign out' }).click();
    await english.locator('.app-header .account-sign-in').waitFor();
  });

  it('says why a sign-in failed in English only', async () => {
    await english.locator('.app-header').getByRole('button', { name: 'Sign in', exact: true }).click();
    const dialog = english.getByRole('dialog', { name: 'Sign in' });
    await dialog.getByLabel('Username').fill('nobody_here');
    await dialog.getByLabel('Password', { exact: true }).fill('not-the-password');
    await dialog.getByLabel('Password', { exact: true }).press('Enter');
    const alert = dialog.locator('.form-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(CHINESE);
    await english.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('finds a community by pinyin initials and answers in sentences spaced as English', async () => {
    await openLanding(english);
    const search = english.getByRole('combobox', { name: 'Search communities, grids or stations' });
    await search.fill('slm');
    const option = english.getByRole('option').filter({ hasText: '胜利门社区' }).first();
    await option.waitFor();
    await option.click();
    const summary = english.locator('.finder-summary');
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toContain('You are in');
    const text = (await summary.textContent()) ?? '';
    // Each sentence ends before the next begins: 'Open now. You are in …', never 'Open now.You are in'.
    expect(text).toMatch(/^Nearest: .+\. You are in /);
    expect(text).not.toMatch(/[.;:,][A-Za-z]/);
  });

  it("shows the server's bilingual message in the UI language only", async () => {
    // The message exactly as the server words an unavailable database (server/src/http/errors.ts).
    const message = '数据库暂时不可用，请稍后重试 (database unavailable, retry shortly)';
    await english.route('**/api/regions?level=district', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ error: { code: 'DATABASE_UNAVAILABLE', message } }),
      }),
    );
    await english.goto(`${baseUrl}/`);
    const alert = english.locator('.error-card');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Database unavailable, retry shortly');
    expect(text).not.toMatch(CHINESE);
    await english.getByRole('button', { name: '切换到中文' }).click();
    const chinese = (await alert.textContent()) ?? '';
    expect(chinese).toContain('数据库暂时不可用，请稍后重试');
    expect(chinese).not.toContain('database unavailable');
    await english.unroute('**/api/regions?level=district');
  });
});
