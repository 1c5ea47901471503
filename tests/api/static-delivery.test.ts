import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeApp, createApp } from '../../server/src/app.ts';
import { readConfig } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/database.ts';
import { openTestDatabase, serveApp, type TestPlatform } from '../support/test-platform.ts';

// A client build in miniature, laid out as vite.config.ts writes one: hashed assets with their
// .br and .gz copies beside them (a small file has none), and index.html.
const SCRIPT = `export const stations = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: i, name: `服务站 ${i}` })))};\n`;
const WORKER = `self.onmessage = (e) => self.postMessage(e.data); // ${'x'.repeat(2000)}\n`;
const INDEX = '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/app-3f2a9c1d.js"></script></head><body><div id="root"></div></body></html>';

let dist: string;
let db: Database;
let dispose: () => Promise<void>;
let app: Express;
let platform: TestPlatform;

function writeAsset(name: string, content: string, precompressed: boolean): void {
  const file = path.join(dist, 'assets', name);
  fs.writeFileSync(file, content);
  if (!precompressed) return;
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content));
}

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-client-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeAsset('app-3f2a9c1d.js', SCRIPT, true);
  writeAsset('maplibre-gl-worker-9b8c7d6e.mjs', WORKER, true);
  writeAsset('tiny-1a2b3c4d.js', 'export {};\n', false);
  ({ db, dispose } = await openTestDatabase());
  app = createApp({ db, config: { ...readConfig(), rateLimitPerMinute: 1_000_000 }, clientDist: dist });
  platform = await serveApp(app, db);
});

afterAll(async () => {
  await platform?.close();
  if (app) await closeApp(app);
  await dispose?.();
  fs.rmSync(dist, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request whose headers are exactly these (fetch would add Accept-Encoding and decode the body). */
function rawGet(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${platform.url}${pathname}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the built client’s assets', () => {
  it('sends the brotli copy of a hashed asset to a browser that accepts it, cached for a year', async () => {
    const res = await rawGet('/assets/app-3f2a9c1d.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    // Compressed once, by the build: the compressor must not wrap it a second time.
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy when brotli is not accepted', async () => {
    const res = await rawGet('/assets/app-3f2a9c1d.js', { 'Accept-Encoding': 'gzip, deflate, br;q=0' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends the file as it is without Accept-Encoding, with the same caching', async () => {
    const res = await rawGet('/assets/app-3f2a9c1d.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.body.toString()).toBe(SCRIPT);
  });

  it('serves the map worker (.mjs) as JavaScript, compressed too', async () => {
    const res = await rawGet('/assets/maplibre-gl-worker-9b8c7d6e.mjs', { 'Accept-Encoding': 'br' });
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(WORKER);
  });

  it('sends a small asset without a compressed copy as it is', async () => {
    const res = await rawGet('/assets/tiny-1a2b3c4d.js', { 'Accept-Encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe('export {};\n');
  });

  it('answers HEAD with the encoded response’s headers and no body', async () => {
    const res = await rawGet('/assets/app-3f2a9c1d.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.length).toBe(0);
  });

  it('answers a missing asset with 404, not the app', async () => {
    const res = await rawGet('/assets/gone-00000000.js', { 'Accept-Encoding': 'br' });
    expect(res.status).toBe(404);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).not.toContain('<div id="root">');
  });
});

describe('the app’s pages', () => {
  it.each(['/', '/coverage', '/planner/', '/data/export', '/admin/audit', '/station/1'])('serves index.html for %s', async (route) => {
    const res = await rawGet(route);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.toString()).toBe(INDEX);
  });

  it.each(['/no-such-page', '/station', '/station/1/extra', '/coveragex'])('answers %s with 404 and the app, which shows its not-found page', async (route) => {
    const res = await rawGet(route);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['etag']).toBeUndefined();
    expect(res.body.toString()).toBe(INDEX);
  });

  it('keeps the JSON 404 for unknown API paths', async () => {
    const res = await rawGet('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect((JSON.parse(res.body.toString()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
