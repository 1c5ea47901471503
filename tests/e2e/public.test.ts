import gcoord from 'gcoord';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import * as QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isLocalUrl, launchBrowser, recordRequests, screenshot, waitForMapIdle, waitForPath } from './browser';

// 找服务站 in Chromium against the real server and the demo district: a resident on a phone
// shares their location (Playwright's fixed geolocation) and gets the nearest stations with
// distance, walking time, opening status, phone and navigation links, plus their grid; without
// permission they get the fallback and can tap the map or search instead; every station has
// a shareable page with a QR code that prints as a poster. Nothing leaves localhost.

const baseUrl = inject('baseUrl');
/** 崇安寺街道, in the middle of the district. */
const HOME = { longitude: 120.3012, latitude: 31.5733 };
const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
};

interface NearestBody {
  walking: { speedMetersPerMinute: number; detourFactor: number };
  results: {
    facility: { id: number; name: string; kind: string; phone: string | null; locationWgs84: { lng: number; lat: number } };
    distanceMeters: number;
    walkMinutes: number;
    openState: 'open' | 'closingSoon' | 'closed' | null;
    closesAt: string | null;
  }[];
}

interface LocateBody {
  grid: { id: number; code: string; name: string; leaderName: string | null; leaderPhone: string | null };
  branch: { name: string } | null;
  community: { name: string };
  street: { name: string };
}

let browser: Browser;
const contexts: BrowserContext[] = [];
const requestLogs: string[][] = [];

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The distance as the page writes it: "就在附近" within 15 m, "850 米" below a kilometre, "1.2 公里" above. */
function distanceText(meters: number): string {
  if (meters < 15) return '就在附近';
  return meters < 1000 ? `${Math.round(meters)} 米` : `${(meters / 1000).toFixed(1)} 公里`;
}

function openText({ openState, closesAt }: NearestBody['results'][number]): string {
  if (openState === 'closingSoon') return `即将关闭（${closesAt}）`;
  return openState === 'open' ? '开放中' : openState === 'closed' ? '已关闭' : '开放时间未知';
}

/** A station card's navigation links carry the coordinates each app expects (gcoord-verified). */
async function expectNavigationLinks(card: Locator, wgs84: { lng: number; lat: number }): Promise<void> {
  const { lng, lat } = wgs84;
  const [gLng, gLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const [bLng, bLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09) as [number, number];
  const amap = new URL((await card.locator('a[data-nav="amap"]').getAttribute('href'))!);
  expect(amap.origin + amap.pathname).toBe('https://uri.amap.com/marker');
  expect(amap.searchParams.get('coordinate')).toBe('gaode');
  const [aLng, aLat] = amap.searchParams.get('position')!.split(',').map(Number);
  expect(Math.abs(aLng! - gLng)).toBeLessThan(1e-5);
  expect(Math.abs(aLat! - gLat)).toBeLessThan(1e-5);
  // GCJ-02 really differs from WGS84 here (hundreds of metres), so the conversion is not a no-op.
  expect(Math.abs(aLng! - lng)).toBeGreaterThan(1e-3);
  const baidu = new URL((await card.locator('a[data-nav="baidu"]').getAttribute('href'))!);
  expect(baidu.origin + baidu.pathname).toBe('https://api.map.baidu.com/marker');
  expect(baidu.searchParams.get('coord_type')).toBe('bd09ll');
  expect(baidu.searchParams.get('output')).toBe('html');
  const [baLat, baLng] = baidu.searchParams.get('location')!.split(',').map(Number);
  expect(Math.abs(baLng! - bLng)).toBeLessThan(1e-5);
  expect(Math.abs(baLat! - bLat)).toBeLessThan(1e-5);
  const tencent = new URL((await card.locator('a[data-nav="tencent"]').getAttribute('href'))!);
  expect(tencent.origin + tencent.pathname).toBe('https://apis.map.qq.com/uri/v1/marker');
  const coord = /(?:^|;)coord:([\d.]+),([\d.]+)/.exec(tencent.searchParams.get('marker')!)!;
  expect(Math.abs(Number(coord[1]) - gLat)).toBeLessThan(1e-5);
  expect(Math.abs(Number(coord[2]) - gLng)).toBeLessThan(1e-5);
  const geo = (await card.locator('a[data-nav="geo"]').getAttribute('href'))!;
  expect(geo).toMatch(/^geo:/);
  const [geoLat, geoLng] = geo.slice(4).split('?')[0]!.split(',').map(Number);
  expect(Math.abs(geoLat! - lat)).toBeLessThan(1e-6);
  expect(Math.abs(geoLng! - lng)).toBeLessThan(1e-6);
}

/**
 * A point of the map, in canvas pixels, whose nearest station dot is `min`…`max` px away (at the
 * current view, inside the middle of the canvas, on a grid): between the dots, yet close to one.
 */
async function spotBetweenDots(page: Page, min: number, max: number): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ({ min, max }) => {
      const map = window.__map!;
      const { width, height } = map.getCanvas().getBoundingClientRect();
      const dots = map
        .queryRenderedFeatures({ layers: ['facilities-circle'] })
        .flatMap((f) => (f.geometry.type === 'Point' ? [map.project(f.geometry.coordinates as [number, number])] : []));
      for (let y = height * 0.3; y < height * 0.7; y += 2)
        for (let x = width * 0.2; x < width * 0.8; x += 2) {
          const nearest = Math.min(...dots.map((d) => Math.hypot(d.x - x, d.y - y)));
          if (nearest >= min && nearest <= max && map.queryRenderedFeatures([x, y], { layers: ['grids-fill'] }).length > 0) return { x, y };
        }
      return null;
    },
    { min, max },
  );
}

async function newPage(options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  requestLogs.push(recordRequests(context));
  return context.newPage();
}

async function open(page: Page, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('.map-container[data-ready="true"]', { timeout: 60_000 });
  await waitForMapIdle(page);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

describe('找服务站 (public finder)', () => {
  let phone: Page;

  it('finds the nearest stations from the phone’s location, with distance, walking time, hours, phone and navigation', async () => {
    phone = await newPage({ ...PHONE, geolocation: HOME, permissions: ['geolocation'] });
    await open(phone);
    expect(await phone.locator('h1').first().textContent()).toBe('找服务站');
    // The empty state says what to do.
    expect(await phone.locator('.finder-empty').textContent()).toContain('使用我的位置');

    // On a 360 px phone the big button is on the first screen: the first of two taps.
    const button = phone.getByRole('button', { name: '使用我的位置' });
    const box = await button.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(740);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await button.click();

    const expected = await api<NearestBody>(`/api/nearest?lng=${HOME.longitude}&lat=${HOME.latitude}`);
    expect(expected.results.length).toBe(5);
    const items = phone.locator('.nearest-item');
    await items.first().waitFor();
    expect(await items.count()).toBe(5);
    expect(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-facility-id')))).toEqual(
      expected.results.map((r) => String(r.facility.id)),
    );

    const nearest = expected.results[0]!;
    const first = items.first();
    expect(await first.locator('.nearest-name').textContent()).toBe(nearest.facility.name);
    expect(await first.locator('.nearest-distance').textContent()).toBe(distanceText(nearest.distanceMeters));
    expect(await first.locator('.nearest-walk').textContent()).toBe(`步行约 ${nearest.walkMinutes} 分钟`);
    expect(await first.locator('.open-badge').textContent()).toBe(openText(nearest));
    expect(await first.textContent()).toContain('开放时间');
    // The walking time is labelled as an estimate with its assumptions.
    expect(await phone.locator('.finder-results').textContent()).toContain(`每分钟 ${expected.walking.speedMetersPerMinute} 米`);
    // The live summary names the nearest station for screen readers.
    expect(await phone.locator('.finder-summary').textContent()).toContain(nearest.facility.name);

    if (nearest.facility.phone) {
      const tel = await first.locator('a[href^="tel:"]').getAttribute('href');
      expect(tel).toBe(`tel:${nearest.facility.phone.replace(/[^\d+]/g, '')}`);
    }

    // Navigation links carry the coordinates in the system each app expects.
    await expectNavigationLinks(first, nearest.facility.locationWgs84);
    expect(decodeURIComponent((await first.locator('a[data-nav="geo"]').getAttribute('href'))!)).toContain(`(${nearest.facility.name})`);

    // The place is marked on the map.
    await waitForMapIdle(phone);
    expect(await phone.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['public-origin-dot'] }).length)).toBe(1);
  });

  it('names the grid the resident lives in, with its leader and Party branch', async () => {
    const located = await api<LocateBody>(`/api/locate?lng=${HOME.longitude}&lat=${HOME.latitude}`);
    const card = phone.locator('.my-grid[data-status="ready"]');
    await card.waitFor();
    expect(await card.locator('h2').textContent()).toBe('我的网格');
    expect(await card.locator('.my-grid-name').textContent()).toBe(located.grid.name);
    expect(await card.locator('.my-grid-code').textContent()).toBe(located.grid.code);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain(located.community.name);
    expect(text).toContain(located.street.name);
    if (located.grid.leaderName) expect(text).toContain(located.grid.leaderName);
    if (located.branch) expect(text).toContain(located.branch.name);
    if (located.grid.leaderPhone) {
      expect(await card.locator('a[href^="tel:"]').getAttribute('href')).toBe(`tel:${located.grid.leaderPhone.replace(/[^\d+]/g, '')}`);
    }
    expect(await phone.locator('.finder-summary').textContent()).toContain(located.grid.name);

    // 查看我的网格 moves the map to the grid and outlines it.
    await phone.evaluate(() => window.__map!.jumpTo({ center: [120.25, 31.52], zoom: 12 }));
    await phone.getByRole('button', { name: '查看我的网格' }).click();
    await phone.waitForFunction(
      (id) => JSON.stringify(window.__map!.getFilter('grids-selected')).includes(`"${id}"`),
      String(located.grid.id),
      { timeout: 10_000 },
    );
    await phone.waitForFunction(
      (home) => window.__map!.getBounds().contains([home.longitude, home.latitude]) && window.__map!.getZoom() > 13.5,
      HOME,
      { timeout: 10_000 },
    );
  });

  it('fits a 360 px screen without sideways scrolling, and shows more results on request', async () => {
    await noHorizontalScroll(phone);
    await screenshot(phone, 'public-360', { fullPage: true });
    await phone.getByRole('button', { name: '显示更多' }).click();
    await phone.waitForFunction(() => document.querySelectorAll('.nearest-item').length === 10);
    await noHorizontalScroll(phone);
  });

  it('opens a station’s page from the list and comes back to the same results', async () => {
    const first = phone.locator('.nearest-item').first();
    const id = await first.getAttribute('data-facility-id');
    const name = await first.locator('.nearest-name').textContent();
    await first.getByRole('link', { name: `${name}的详情页与二维码` }).click();
    await waitForPath(phone, `/station/${id}`);
    const heading = phone.locator('h1.station-name');
    await heading.waitFor();
    expect(await heading.textContent()).toBe(name);
    expect(await heading.isVisible()).toBe(true);
    const box = (await heading.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(740);
    await phone.goBack();
    await waitForPath(phone, '/');
    await phone.locator('.nearest-item').first().waitFor();
    expect(await phone.locator('.nearest-item').first().getAttribute('data-facility-id')).toBe(id);
    expect(await phone.locator('.finder-origin').textContent()).toContain('我的位置');
  });

  it('shows the fallback when location is not allowed, and a tap on the map sets the location', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await open(page);
    await page.getByRole('button', { name: '使用我的位置' }).click();
    const message = page.locator('.finder-geo-message');
    await message.waitFor({ timeout: 20_000 });
    const text = (await message.textContent()) ?? '';
    expect(text).toContain('点击地图选择位置');
    expect(text).toContain('搜索');
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await message.getAttribute('data-reason')).toBe('denied');

    // Tap the map where no station dot is, in the middle of the district.
    const spot = await page.evaluate(() => {
      const map = window.__map!;
      map.jumpTo({ center: [120.3012, 31.5733], zoom: 14 });
      const { width, height } = map.getCanvas().getBoundingClientRect();
      for (let dy = 0; dy < height / 3; dy += 15)
        for (let dx = 0; dx < width / 3; dx += 15) {
          const x = width / 2 + dx;
          const y = height / 2 + dy;
          const dots = map.queryRenderedFeatures(
            [
              [x - 12, y - 12],
              [x + 12, y + 12],
            ],
            { layers: ['facilities-circle'] },
          );
          if (dots.length === 0) return { x, y };
        }
      return null;
    });
    expect(spot).not.toBeNull();
    await waitForMapIdle(page);
    const canvas = (await page.locator('.map-container canvas').boundingBox())!;
    const lngLat = await page.evaluate((p) => window.__map!.unproject([p.x, p.y]).toArray(), spot!);
    await page.mouse.click(canvas.x + spot!.x, canvas.y + spot!.y);

    const items = page.locator('.nearest-item');
    await items.first().waitFor();
    expect(await page.locator('.finder-origin').textContent()).toContain('地图上选择的位置');
    const expected = await api<NearestBody>(`/api/nearest?lng=${lngLat[0]!.toFixed(6)}&lat=${lngLat[1]!.toFixed(6)}`);
    expect(await items.first().getAttribute('data-facility-id')).toBe(String(expected.results[0]!.facility.id));
    const shown = Number(await items.first().getAttribute('data-distance-meters'));
    expect(Math.abs(shown - expected.results[0]!.distanceMeters)).toBeLessThan(2);
    await page.locator('.my-grid:not([data-status="loading"])').waitFor();
    await screenshot(page, 'public-desktop');
  });

  it('on a 360 px phone at district zoom, a tap between stations sets the location, a tap on one opens its card', async () => {
    const page = await newPage({ ...PHONE });
    await open(page);
    // The district overview, as the page opens: the dots are a few pixels wide and close together.
    // Tap 11–13 px from the nearest dot's centre: outside even a centre's drawn symbol (about
    // 7 px at this zoom) and its 3 px margin, yet where a finger-sized box around the tap (as
    // before) would often have caught it.
    const spot = await spotBetweenDots(page, 11, 13);
    expect(spot).not.toBeNull();
    const canvas = (await page.locator('.map-container canvas').boundingBox())!;
    const lngLat = await page.evaluate((p) => window.__map!.unproject([p.x, p.y]).toArray(), spot!);
    await page.touchscreen.tap(canvas.x + spot!.x, canvas.y + spot!.y);

    const items = page.locator('.nearest-item');
    await items.first().waitFor();
    expect(await page.locator('.finder-origin').textContent()).toContain('地图上选择的位置');
    const expected = await api<NearestBody>(`/api/nearest?lng=${lngLat[0]!.toFixed(6)}&lat=${lngLat[1]!.toFixed(6)}`);
    expect(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-facility-id')))).toEqual(
      expected.results.map((r) => String(r.facility.id)),
    );
    expect(await page.locator('.details[data-selection="facility"]').count()).toBe(0);
    // The tapped grid's card names its community, not its code.
    const located = await api<LocateBody>(`/api/locate?lng=${lngLat[0]!.toFixed(6)}&lat=${lngLat[1]!.toFixed(6)}`);
    const gridCard = page.locator('.details[data-selection="grid"]');
    await gridCard.waitFor();
    await expect.poll(() => gridCard.textContent()).toContain(located.community.name);
    await page.keyboard.press('Escape');
    await gridCard.waitFor({ state: 'detached' });

    // A tap right on a station's dot opens its card: open state, the three navigation apps with
    // their own coordinates, and the station's page.
    const station = expected.results[0]!;
    await page.evaluate((c) => window.__map!.jumpTo({ center: [c.lng, c.lat], zoom: 16 }), station.facility.locationWgs84);
    await waitForMapIdle(page);
    const dot = await page.evaluate((c) => window.__map!.project([c.lng, c.lat]), station.facility.locationWgs84);
    const mapBox = (await page.locator('.map-container canvas').boundingBox())!;
    await page.touchscreen.tap(mapBox.x + dot.x, mapBox.y + dot.y);
    const card = page.locator('.details[data-selection="facility"]');
    await card.waitFor();
    expect(await card.locator('h2').textContent()).toBe(station.facility.name);
    await expect.poll(() => card.locator('.open-badge').textContent()).toBe(openText(station));
    for (const app of ['amap', 'baidu', 'tencent']) expect(await card.locator(`a[data-nav="${app}"]`).isVisible()).toBe(true);
    await expectNavigationLinks(card, station.facility.locationWgs84);
    expect(await card.locator('a[data-link="station-page"]').getAttribute('href')).toBe(`/station/${station.facility.id}`);
    await noHorizontalScroll(page);
    await screenshot(page, 'public-360-station-card');

    // A long press on the station offers 在这里查找, which searches from there even over a dot.
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    const cdp = await page.context().newCDPSession(page);
    const touch = { x: mapBox.x + dot.x, y: mapBox.y + dot.y };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [touch] });
    await page.waitForTimeout(700);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.getByRole('button', { name: '在这里查找' }).click();
    await expect.poll(() => items.first().getAttribute('data-facility-id')).toBe(String(station.facility.id));
    expect(await items.first().locator('.nearest-distance').textContent()).toBe('就在附近');
    expect(await items.first().locator('.nearest-walk').count()).toBe(0);
  });

  it('keeps the view, the place and the chosen station in the address: the link reopens them on another phone', async () => {
    const page = await newPage({ ...PHONE });
    await open(page);
    const spot = (await spotBetweenDots(page, 11, 13))!;
    const canvas = (await page.locator('.map-container canvas').boundingBox())!;
    await page.touchscreen.tap(canvas.x + spot.x, canvas.y + spot.y);
    const items = page.locator('.nearest-item');
    await items.first().waitFor();
    const firstId = await items.first().getAttribute('data-facility-id');
    const station = (await api<NearestBody>(`/api/nearest?lng=${new URL(page.url()).searchParams.get('from')!.replace(',', '&lat=')}`)).results[0]!;
    expect(String(station.facility.id)).toBe(firstId);
    // The tapped grid's card opens over the map; closed, a tap on the station's dot selects it.
    const gridCard = page.locator('.details[data-selection="grid"]');
    await gridCard.waitFor();
    await page.keyboard.press('Escape');
    await gridCard.waitFor({ state: 'detached' });
    await page.evaluate((c) => window.__map!.jumpTo({ center: [c.lng + 0.001, c.lat], zoom: 16.5 }), station.facility.locationWgs84);
    await waitForMapIdle(page);
    const dot = await page.evaluate((c) => window.__map!.project([c.lng, c.lat]), station.facility.locationWgs84);
    const mapBox = (await page.locator('.map-container canvas').boundingBox())!;
    await page.touchscreen.tap(mapBox.x + dot.x, mapBox.y + dot.y);
    await page.locator('.details[data-selection="facility"]').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('station')).toBe(String(station.facility.id));
    const link = page.url();
    const view = await page.evaluate(() => ({ center: window.__map!.getCenter().toArray(), zoom: window.__map!.getZoom() }));

    const other = await newPage({ ...PHONE });
    await open(other, new URL(link).pathname + new URL(link).search);
    const reopened = await other.evaluate(() => ({ center: window.__map!.getCenter().toArray(), zoom: window.__map!.getZoom() }));
    expect(Math.abs(reopened.zoom - view.zoom)).toBeLessThan(0.01);
    expect(Math.abs(reopened.center[0]! - view.center[0]!)).toBeLessThan(1e-5);
    expect(Math.abs(reopened.center[1]! - view.center[1]!)).toBeLessThan(1e-5);
    const card = other.locator('.details[data-selection="facility"]');
    await card.waitFor();
    expect(await card.locator('h2').textContent()).toBe(station.facility.name);
    await other.locator('.nearest-item').first().waitFor();
    expect(await other.locator('.finder-origin').textContent()).toContain('地图上选择的位置');
    expect(await other.locator('.nearest-item').first().getAttribute('data-facility-id')).toBe(firstId);
    await screenshot(other, 'public-360-deep-link');
  });

  it('offers 在这里查找 on a right-click', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await open(page);
    await page.evaluate(() => window.__map!.jumpTo({ center: [120.3012, 31.5733], zoom: 15 }));
    await waitForMapIdle(page);
    const canvas = (await page.locator('.map-container canvas').boundingBox())!;
    const lngLat = await page.evaluate(() => window.__map!.unproject([300, 300]).toArray());
    await page.mouse.click(canvas.x + 300, canvas.y + 300, { button: 'right' });
    await page.getByRole('button', { name: '在这里查找' }).click();
    await page.locator('.nearest-item').first().waitFor();
    expect(await page.locator('.finder-origin').textContent()).toContain('地图上选择的位置');
    const expected = await api<NearestBody>(`/api/nearest?lng=${lngLat[0]!.toFixed(6)}&lat=${lngLat[1]!.toFixed(6)}`);
    expect(await page.locator('.nearest-item').first().getAttribute('data-facility-id')).toBe(String(expected.results[0]!.facility.id));
    expect(await page.getByRole('button', { name: '在这里查找' }).count()).toBe(0);
  });

  it('finds a station by typing its name, with the keyboard only', async () => {
    const page = await newPage({ ...PHONE });
    await open(page);
    const search = page.getByRole('combobox', { name: '搜索社区、网格或服务站' });
    await search.focus();
    await page.keyboard.type('崇安寺街道党群');
    const option = page.getByRole('option').first();
    await option.waitFor();
    expect(await option.textContent()).toContain('崇安寺街道党群服务中心');
    await page.keyboard.press('ArrowDown');
    expect(await search.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await page.keyboard.press('Enter');

    const found = await api<{ results: { type: string; id: string; name: string }[] }>(
      `/api/search?q=${encodeURIComponent('崇安寺街道党群')}`,
    );
    const station = found.results.find((r) => r.type === 'facility')!;
    await page.locator('.nearest-item').first().waitFor();
    expect(await page.locator('.finder-origin').textContent()).toContain(`搜索：${station.name}`);
    // The chosen station is the nearest to its own location, and it is selected on the map.
    expect(await page.locator('.nearest-item').first().getAttribute('data-facility-id')).toBe(station.id);
    await page.locator('.details h2', { hasText: station.name }).waitFor();
    await noHorizontalScroll(page);
  });

  it('gives every station a shareable page with a QR code of its address, shown on the map', async () => {
    const expected = await api<NearestBody>(`/api/nearest?lng=${HOME.longitude}&lat=${HOME.latitude}&k=1`);
    const station = expected.results[0]!.facility;
    const page = await newPage({ ...PHONE });
    await open(page, `/station/${station.id}`);
    const heading = page.locator('h1.station-name');
    await heading.waitFor();
    expect(await heading.textContent()).toBe(station.name);
    expect(await page.title()).toContain(station.name);

    const qr = page.locator('svg.station-qr-code');
    const url = `${baseUrl}/station/${station.id}`;
    expect(await qr.getAttribute('data-qr-text')).toBe(url);
    expect(await qr.getAttribute('aria-label')).toContain(url);
    const qrBox = (await qr.boundingBox())!;
    expect(qrBox.width).toBeGreaterThan(120);
    // The drawn modules are those of a QR code of this page's address.
    const symbol = QRCode.create(url, { errorCorrectionLevel: 'M' });
    let dark = 0;
    for (let r = 0; r < symbol.modules.size; r++) for (let c = 0; c < symbol.modules.size; c++) if (symbol.modules.get(r, c)) dark++;
    const drawn = await qr.evaluate((svg) => ({
      viewBox: svg.getAttribute('viewBox'),
      modules: (svg.querySelector('path')?.getAttribute('d') ?? '').split('M').length - 1,
    }));
    expect(drawn.viewBox).toBe(`0 0 ${symbol.modules.size + 8} ${symbol.modules.size + 8}`);
    expect(drawn.modules).toBe(dark);
    expect(await page.locator('.station-qr').textContent()).toContain('扫码导航');
    expect(await page.getByRole('button', { name: '打印海报' }).isVisible()).toBe(true);

    // Selected on the map (the red halo), which flies to it. The page itself is the station's
    // details, so the map's details panel stays out of the way.
    await page.waitForFunction(
      (id) =>
        window.__map!.queryRenderedFeatures({ layers: ['facilities-selected'] }).some((f) => String(f.properties['id']) === id),
      String(station.id),
      { timeout: 10_000 },
    );
    expect(await page.locator('.details').isVisible()).toBe(false);
    await page.waitForFunction(
      (s) => {
        const c = window.__map!.getCenter();
        return Math.abs(c.lng - s.lng) < 1e-4 && Math.abs(c.lat - s.lat) < 1e-4;
      },
      station.locationWgs84,
      { timeout: 10_000 },
    );
    await waitForMapIdle(page);
    await noHorizontalScroll(page);
    await screenshot(page, 'station', { fullPage: true });

    // Printed, only the poster remains: no header, no map, no buttons.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.app-header')!).display,
      map: getComputedStyle(document.querySelector('.map-area')!).display,
      actions: getComputedStyle(document.querySelector('.station-actions')!).display,
      qr: getComputedStyle(document.querySelector('.station-qr-code')!).display,
    }));
    expect(printed).toEqual({ header: 'none', map: 'none', actions: 'none', qr: 'block' });
    await screenshot(page, 'station-print', { fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Back to the finder inside the app.
    await page.getByRole('link', { name: '返回找服务站' }).click();
    await waitForPath(page, '/');
    expect(await page.locator('h1').first().textContent()).toBe('找服务站');
  });

  it('says so when a station does not exist', async () => {
    const page = await newPage({ ...PHONE });
    await open(page, '/station/999999');
    const alert = page.locator('.station-page [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('没有找到编号为 999999 的服务站');
  });

  it('speaks English when asked', async () => {
    const page = await newPage({ ...PHONE, geolocation: HOME, permissions: ['geolocation'] });
    await open(page);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Use my location' }).click();
    await page.locator('.nearest-item').first().waitFor();
    expect(await page.locator('.nearest-walk').first().textContent()).toMatch(/^about \d+ min walk$/);
    await page.locator('.my-grid[data-status="ready"]').waitFor();
    expect(await page.locator('.my-grid h2').textContent()).toBe('My grid');
  });

  it('draws the stations from vector tiles and lists those in view, never downloading the whole list', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const seen = requestLogs.at(-1)!;
    await open(page);

    // The map fitted the district at once: its whole extent is in view.
    const district = await api<{ features: { geometry: { coordinates: number[][][][] } }[] }>('/api/regions?level=district');
    const points = district.features.flatMap((f) => f.geometry.coordinates.flat(2));
    const bounds = await page.evaluate(() => window.__map!.getBounds().toArray());
    const slack = 1e-4;
    expect(Math.min(...points.map((p) => p[0]!))).toBeGreaterThanOrEqual(bounds[0][0] - slack);
    expect(Math.max(...points.map((p) => p[0]!))).toBeLessThanOrEqual(bounds[1][0] + slack);
    expect(Math.min(...points.map((p) => p[1]!))).toBeGreaterThanOrEqual(bounds[0][1] - slack);
    expect(Math.max(...points.map((p) => p[1]!))).toBeLessThanOrEqual(bounds[1][1] + slack);

    // Station dots are drawn, from the facility tiles.
    const dots = await page.evaluate(() =>
      window.__map!.queryRenderedFeatures({ layers: ['facilities-circle'] }).map((f) => ({ source: f.source, sourceLayer: f.sourceLayer })),
    );
    expect(dots.length).toBeGreaterThan(0);
    expect(dots.every((d) => d.source === 'facility-tiles' && d.sourceLayer === 'facilities')).toBe(true);
    expect(seen.some((url) => /\/tiles\/facilities\/\d+\/\d+\/\d+\.mvt/.test(url))).toBe(true);

    // The list under the finder shows the stations in view, asked for by box with a limit.
    await page.locator('.facility-item').first().waitFor();
    const listRequests = seen.map((url) => new URL(url)).filter((url) => url.pathname === '/api/facilities');
    expect(listRequests.length).toBeGreaterThan(0);
    for (const url of listRequests) {
      expect(url.searchParams.get('bbox'), url.href).toMatch(/^[\d.]+,[\d.]+,[\d.]+,[\d.]+$/);
      expect(Number(url.searchParams.get('limit'))).toBeGreaterThan(0);
      expect(Number(url.searchParams.get('limit'))).toBeLessThanOrEqual(200);
    }
    const last = listRequests.at(-1)!;
    const listed = await api<{ total: number; features: { properties: { name: string } }[] }>(last.pathname + last.search);
    expect(await page.locator('.facility-list h2').textContent()).toContain(`（${listed.total}）`);
    const names = await page.locator('.facility-item .facility-name').allTextContents();
    expect(names.length).toBe(Math.min(listed.features.length, 100));
    expect(new Set(names)).toEqual(new Set(listed.features.map((f) => f.properties.name)));

    // A tap on a tile dot selects the station with its full record (fetched by id).
    const first = await api<{ features: { properties: { id: number; name: string }; geometry: { coordinates: [number, number] } }[] }>(
      `${last.pathname}?bbox=${last.searchParams.get('bbox')}&limit=1`,
    );
    const station = first.features[0]!;
    await page.evaluate((c) => window.__map!.jumpTo({ center: c, zoom: 18 }), station.geometry.coordinates);
    await waitForMapIdle(page);
    const spot = await page.evaluate((id) => {
      const map = window.__map!;
      const dot = map.queryRenderedFeatures({ layers: ['facilities-circle'] }).find((f) => String(f.properties['id']) === String(id));
      if (!dot || dot.geometry.type !== 'Point') return null;
      const p = map.project(dot.geometry.coordinates as [number, number]);
      return { x: p.x, y: p.y };
    }, station.properties.id);
    expect(spot).not.toBeNull();
    const canvas = (await page.locator('.map-container canvas').boundingBox())!;
    await page.mouse.click(canvas.x + spot!.x, canvas.y + spot!.y);
    const details = page.locator('.details[data-selection="facility"]');
    await details.waitFor();
    expect(await details.locator('h2').textContent()).toBe(station.properties.name);
    await expect.poll(() => details.textContent()).toContain('地址');

    // Nothing on this page asked for the whole facility list.
    const whole = seen.map((url) => new URL(url)).filter((url) => url.pathname === '/api/facilities' && !url.searchParams.has('bbox'));
    expect(whole.map((url) => url.href)).toEqual([]);
  });

  it('made no request to any host but this server, and none for the whole facility list', () => {
    const all = requestLogs.flat();
    const wholeList = all.filter((url) => {
      const parsed = new URL(url);
      return parsed.pathname === '/api/facilities' && !parsed.searchParams.has('bbox');
    });
    expect(wholeList).toEqual([]);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((url) => !isLocalUrl(url))).toEqual([]);
  });
});
