import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

const run = promisify(execFile);
const hasGdal = fs.existsSync('/usr/bin/ogrinfo');

interface Page {
  type: string;
  numberMatched: number;
  numberReturned: number;
  links: { rel: string; href: string; type: string }[];
  features: Feature[];
}

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
});
afterAll(() => platform.close());

async function json<T>(url: string): Promise<{ body: T; type: string | null }> {
  const res = await fetch(url.startsWith('http') ? url : platform.url + url);
  expect(res.status, url).toBe(200);
  return { body: (await res.json()) as T, type: res.headers.get('content-type') };
}

describe('OGC API – Features', () => {
  it('has a landing page, conformance classes and three collections with extents', async () => {
    const landing = await json<{ links: { rel: string }[] }>('/ogc');
    expect(landing.body.links.map((l) => l.rel)).toEqual(expect.arrayContaining(['self', 'conformance', 'data']));
    const conformance = await json<{ conformsTo: string[] }>('/ogc/conformance');
    expect(conformance.body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      ]),
    );
    const collections = await json<{ collections: { id: string; extent: { spatial: { bbox: number[][] } } }[] }>('/ogc/collections');
    expect(collections.body.collections.map((c) => c.id)).toEqual(['regions', 'grids', 'facilities']);
    const [minx, miny, maxx, maxy] = collections.body.collections[1]!.extent.spatial.bbox[0]!;
    expect(minx! < 120.3 && maxx! > 120.3 && miny! < 31.58 && maxy! > 31.58).toBe(true);
  });

  it('pages through every feature exactly once, as GeoJSON', async () => {
    const seen: (string | number)[] = [];
    let url: string | undefined = '/ogc/collections/grids/items?limit=250';
    let pages = 0;
    while (url) {
      const { body, type }: { body: Page; type: string | null } = await json<Page>(url);
      expect(type).toMatch(/^application\/geo\+json/);
      expect(body.numberReturned).toBe(body.features.length);
      expect(body.numberMatched).toBe(943);
      seen.push(...body.features.map((f) => f.id!));
      url = body.links.find((l) => l.rel === 'next')?.href;
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(943);
    expect(new Set(seen).size).toBe(943);
  });

  it('filters by bbox, clamps limit and serves single items', async () => {
    const { body } = await json<Page>('/ogc/collections/facilities/items?bbox=120.28,31.56,120.30,31.58&limit=5000');
    expect(body.numberMatched).toBeGreaterThan(0);
    expect(body.numberMatched).toBeLessThan(180);
    expect(body.features.length).toBe(body.numberMatched);
    const all = await json<Page>('/ogc/collections/regions/items?limit=5000');
    expect(all.body.features).toHaveLength(169);
    const item = await json<Feature>(`/ogc/collections/regions/items/320213021`);
    expect(item.body.properties).toMatchObject({ name: '崇安寺街道', level: 'street' });
  });

  it('never serves a non-public facility', async () => {
    const [row] = await platform.db.query<{ id: number }>(
      `insert into facility (name, kind, geom, public) values ('OGC内部站', 'station', ST_SetSRID(ST_MakePoint(120.3, 31.57), 4326), false) returning id`,
    );
    expect((await platform.get(`/ogc/collections/facilities/items/${row!.id}`)).status).toBe(404);
    const { body } = await json<Page>('/ogc/collections/facilities/items?limit=1000');
    expect(body.features.some((f) => f.properties?.name === 'OGC内部站')).toBe(false);
  });

  it.each(['/ogc/collections/members', '/ogc/collections/members/items', '/ogc/collections/grids/items/999999', '/ogc/collections/grids/items/abc'])(
    'answers %s with 404',
    async (url) => {
      expect((await platform.get(url)).status).toBe(404);
    },
  );

  it('answers a malformed bbox or limit with 400', async () => {
    expect((await platform.get('/ogc/collections/grids/items?bbox=1,2,3')).status).toBe(400);
    expect((await platform.get('/ogc/collections/grids/items?limit=x')).status).toBe(400);
  });

  it.skipIf(!hasGdal)('is readable by GDAL: ogrinfo lists the collections and ogr2ogr copies all grids', async () => {
    const source = `OAPIF:${platform.url}/ogc`;
    const { stdout } = await run('ogrinfo', ['-ro', '-q', source]);
    for (const id of ['regions', 'grids', 'facilities']) expect(stdout).toContain(id);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-ogr-')), 'grids.geojson');
    await run('ogr2ogr', ['-f', 'GeoJSON', out, source, 'grids']);
    const copied = JSON.parse(fs.readFileSync(out, 'utf8')) as { features: unknown[] };
    expect(copied.features).toHaveLength(943);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});
