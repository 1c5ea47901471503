import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';

// A web map on another site (a street's WeChat H5 page, a city portal) uses the public finder and
// tiles straight from the platform; nothing behind sign-in answers it, even when the browser
// holds a staff session. The other site here is a page on a second port of this machine: same
// host, so the browser does send the platform's (SameSite=Lax) session cookie when asked to.

const baseUrl = inject('baseUrl');
const demo = inject('demoAccounts');

/** 崇安寺街道, in the middle of the district, and its z14 tile. */
const HOME = { lng: 120.3012, lat: 31.5733 };
function tileAt(lng: number, lat: number, z = 14): string {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  const x = Math.floor(((lng + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

let browser: Browser;
let context: BrowserContext;
let otherSite: http.Server;
let otherOrigin: string;
let mapPage: Page;

/** What a fetch from the other site's page gave: the status and body size, or the error it threw. */
interface Outcome {
  status?: number;
  bytes?: number;
  text?: string;
  error?: string;
}

function fetchFromOtherSite(url: string, init: RequestInit = {}): Promise<Outcome> {
  return mapPage.evaluate(
    async ({ url, init }) => {
      try {
        const res = await fetch(url, init);
        const body = res.type === 'opaque' ? new ArrayBuffer(0) : await res.arrayBuffer();
        return { status: res.status, bytes: body.byteLength, text: new TextDecoder().decode(body.slice(0, 2000)) };
      } catch (err) {
        return { error: String(err) };
      }
    },
    { url, init },
  );
}

beforeAll(async () => {
  otherSite = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>街道微信页</title><p>附近的党群服务站</p>');
  });
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
  expect(otherOrigin).not.toBe(baseUrl);
  browser = await launchBrowser();
  context = await browser.newContext();
  mapPage = await context.newPage();
  await mapPage.goto(otherOrigin);
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (otherSite ? otherSite.close(() => resolve()) : resolve()));
});

describe('a page on another origin', () => {
  it('reads the nearest stations and a vector tile from the platform', async () => {
    const nearest = await fetchFromOtherSite(`${baseUrl}/api/nearest?lng=${HOME.lng}&lat=${HOME.lat}&k=3`);
    expect(nearest.error).toBeUndefined();
    expect(nearest.status).toBe(200);
    const body = JSON.parse(nearest.text!) as { results: { facility: { name: string } }[] };
    expect(body.results).toHaveLength(3);
    expect(body.results[0]!.facility.name).toMatch(/党群服务|党员之家/);

    const tileUrl = `${baseUrl}/tiles/grids/${tileAt(HOME.lng, HOME.lat)}.mvt`;
    for (const round of ['encoded', 'from the cache']) {
      const tile = await fetchFromOtherSite(tileUrl);
      expect(tile.error, round).toBeUndefined();
      expect(tile.status, round).toBe(200);
      expect(tile.bytes, round).toBeGreaterThan(100);
    }
    // As an image or a no-cors load would fetch it: Cross-Origin-Resource-Policy lets it through.
    expect((await fetchFromOtherSite(tileUrl, { mode: 'no-cors' })).error).toBeUndefined();
  });

  it('reads the public OGC layers', async () => {
    const items = await fetchFromOtherSite(`${baseUrl}/ogc/collections/facilities/items?limit=2`);
    expect(items.status).toBe(200);
    expect((JSON.parse(items.text!) as { features: unknown[] }).features).toHaveLength(2);
  });

  it('cannot read anything behind sign-in, even with a staff session in the browser', async () => {
    const admin = demo.find((a) => a.role === 'admin');
    expect(admin, 'the demo admin account').toBeDefined();
    // Sign in on the platform's own origin, as staff do; the session works there.
    const platformPage = await context.newPage();
    await platformPage.goto(`${baseUrl}/api/health`);
    const own = await platformPage.evaluate(async ({ username, password }) => {
      const login = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      const summary = await fetch('/api/coverage/summary');
      return { login: login.status, summary: summary.status };
    }, admin!);
    expect(own).toEqual({ login: 200, summary: 200 });
    expect((await context.cookies(baseUrl)).length).toBeGreaterThan(0);

    for (const credentials of ['include', 'same-origin', 'omit'] as const) {
      const summary = await fetchFromOtherSite(`${baseUrl}/api/coverage/summary`, { credentials });
      expect(summary.error, `credentials: ${credentials}`).toMatch(/Failed to fetch/);
      expect(summary.text).toBeUndefined();
    }
    const members = await fetchFromOtherSite(`${baseUrl}/api/members`, { credentials: 'include' });
    expect(members.error).toMatch(/Failed to fetch/);
    // Nor with the cookie on a public endpoint: public answers allow no credentials.
    expect((await fetchFromOtherSite(`${baseUrl}/api/facilities?limit=1`, { credentials: 'include' })).error).toMatch(/Failed to fetch/);
    // Nor by a no-cors load (as an image or script tag would): Cross-Origin-Resource-Policy blocks it.
    expect((await fetchFromOtherSite(`${baseUrl}/api/coverage/summary`, { mode: 'no-cors', credentials: 'include' })).error).toMatch(/Failed to fetch/);
    await platformPage.close();
  });
});
