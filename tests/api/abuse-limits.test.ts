import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { readConfig } from '../../server/src/config.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

describe('abuse limits', () => {
  it('refuses a 3 MB JSON body with 413', async () => {
    const res = await platform.get('/api/facilities', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a cross-origin state change even with a valid session, and changes nothing', async () => {
    const planner = await makeAccount(platform, 'planner', '320213');
    const cookie = await signIn(platform, planner);
    const [before] = await platform.db.query<{ n: number }>('select count(*)::int as n from facility');
    const body = JSON.stringify({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [120.3, 31.57] },
      properties: { name: '跨站测试', kind: 'station' },
    });
    const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of foreign) {
      const res = await platform.get('/api/facilities', {
        method: 'POST',
        headers: { ...headers, cookie, 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CROSS_ORIGIN');
    }
    const [after] = await platform.db.query<{ n: number }>('select count(*)::int as n from facility');
    expect(after!.n).toBe(before!.n);

    const sameOrigin = await platform.get('/api/facilities', {
      method: 'POST',
      headers: { origin: platform.url, 'sec-fetch-site': 'same-origin', cookie, 'content-type': 'application/json' },
      body,
    });
    expect(sameOrigin.status).toBe(201);
  });

  it('caps list limits instead of serving unbounded pages, and refuses a limit below 1', async () => {
    const admin = await makeAccount(platform, 'admin', '320213');
    const cookie = await signIn(platform, admin);
    const big = (await (await send(platform, 'GET', '/api/audit?limit=1000000', cookie)).json()) as { limit: number };
    expect(big.limit).toBe(1000);
    expect((await send(platform, 'GET', '/api/audit?limit=0', cookie)).status).toBe(400);
    expect((await send(platform, 'GET', '/api/audit?limit=many', cookie)).status).toBe(400);
  });

  it('sends a Content-Security-Policy that allows MapLibre workers and no outside host', async () => {
    const res = await platform.get('/api/health');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).not.toMatch(/https?:/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("marks the public finder's JSON answers and refusals nosniff", async () => {
    for (const path of ['/api/nearest?lng=120.30&lat=31.57', '/api/nearest?lng=east&lat=31.57', '/api/locate?lng=120.30&lat=31.57', '/api/search?q=社区']) {
      const res = await platform.get(path);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

describe('the anonymous request budget', () => {
  it('answers 429 with Retry-After once an address exceeds it, and never for a signed-in user', async () => {
    const limited = await startTestPlatform({ rateLimitPerMinute: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await limited.get('/api/health')).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const res = await limited.get('/api/health');
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('the anonymous request budget', () => {
  it('is shared by two API processes on one database', async () => {
    // Fixed minutes: start early in one, so the budget does not roll over mid-test.
    const second = new Date().getSeconds();
    if (second > 40) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const strict = await startTestPlatform({ rateLimitPerMinute: 20 });
    const other = createApp({ db: strict.db, config: { ...readConfig(), rateLimitPerMinute: 20 }, clientDist: os.tmpdir() });
    const server = await new Promise<Server>((resolve) => {
      const s = other.listen(0, '127.0.0.1', () => resolve(s));
    });
    const otherUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ask = async (base: string) => (await fetch(`${base}/api/regions?level=district`)).status;
      const first: number[] = [];
      for (let i = 0; i < 15; i++) first.push(await ask(strict.url));
      expect(first.every((s) => s === 200)).toBe(true);
      // The first process adds its count to the shared one within a second or so.
      await new Promise((r) => setTimeout(r, 2_000));
      const later: number[] = [];
      for (let i = 0; i < 15; i++) later.push(await ask(otherUrl));
      expect(later).toContain(429);
      // 20 in all, give or take what the second process let through before it heard the total.
      expect([...first, ...later].filter((s) => s === 200).length).toBeLessThanOrEqual(21);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await strict.close();
    }
  });
});
