import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { encodeTile, type TileLayer } from '../../server/src/tiles/routes.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
});
afterAll(() => platform.close());

// Tiles over the old city at three zooms (x/y from the usual slippy-map formula).
function tileOf(lng: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [z, x, y];
}
const TILES = [tileOf(120.3, 31.575, 12), tileOf(120.3, 31.575, 14), tileOf(120.3, 31.575, 16)];

/** The features' `id` properties, each checked to be the feature's MVT id as well (all ids here are numeric). */
function decode(bytes: Uint8Array, layer: string): { ids: string[]; extent: number } {
  const tile = new VectorTile(new PbfReader(bytes));
  const l = tile.layers[layer];
  if (!l) return { ids: [], extent: 4096 };
  const ids: string[] = [];
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i);
    const id = String(f.properties['id']);
    expect(f.id, `MVT id of ${layer} ${id}`).toBe(Number(id));
    ids.push(id);
  }
  return { ids: ids.sort(), extent: l.extent };
}

async function fetchTile(path: string, etag?: string): Promise<{ status: number; etag: string; body: Buffer; type: string }> {
  // node:http, since fetch turns a conditional request into a no-cache one.
  return new Promise((resolve, reject) => {
    http
      .get(`${platform.url}${path}`, { headers: etag ? { 'if-none-match': etag } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, etag: String(res.headers.etag), body: Buffer.concat(chunks), type: String(res.headers['content-type']) }),
        );
      })
      .on('error', reject);
  });
}

async function idsInTile(layer: TileLayer, [z, x, y]: [number, number, number]): Promise<string[]> {
  // What should be in the tile: every feature whose shape meets the tile (with its 1/64 buffer).
  const table = layer === 'grids' ? "grid where valid_to is null" : layer === 'facilities' ? 'facility where public' : 'region where true';
  const key = layer === 'regions' ? 'code' : 'id';
  const rows = await platform.db.query<{ id: string }>(
    `with b as (select ST_TileEnvelope($1, $2, $3) as e),
          env as (select ST_Transform(ST_Expand(e, (ST_XMax(e) - ST_XMin(e)) / 64), 4326) as env from b)
     select ${key}::text as id from ${table} and ST_Intersects(geom, (select env from env)) order by 1`,
    [z, x, y],
  );
  return rows.map((r) => r.id).sort();
}

describe('vector tiles', () => {
  it.each(['grids', 'facilities', 'regions'] as const)('serves %s tiles with the features that meet each tile', async (layer) => {
    for (const [z, x, y] of TILES) {
      const res = await fetchTile(`/tiles/${layer}/${z}/${x}/${y}.mvt`);
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/application\/vnd\.mapbox-vector-tile/);
      const { ids, extent } = decode(res.body, layer);
      expect(extent).toBe(4096);
      expect(ids).toEqual(await idsInTile(layer, [z, x, y]));
    }
  });

  it('gives the same features from the PostGIS and the Node encoder where PostGIS can encode', async () => {
    const encoders = (await platform.db.hasMvtSupport()) ? (['postgis', 'node'] as const) : (['node'] as const);
    for (const tile of TILES) {
      const results = await Promise.all(encoders.map(async (e) => decode(await encodeTile(platform.db, e, 'grids', ...tile), 'grids').ids));
      for (const ids of results) expect(ids).toEqual(results[0]);
    }
  });

  it('changes the ETag of exactly the tiles a grid edit touches', async () => {
    const [z, x, y] = TILES[2]!;
    const here = await fetchTile(`/tiles/grids/${z}/${x}/${y}.mvt`);
    const far = tileOf(120.25, 31.62, 16);
    const there = await fetchTile(`/tiles/grids/${far.join('/')}.mvt`);
    expect((await fetchTile(`/tiles/grids/${z}/${x}/${y}.mvt`, here.etag)).status).toBe(304);

    const gridId = Number(decode(here.body, 'grids').ids[0]);
    const planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
    const [g] = await platform.db.query<{ version: number }>('select version from grid where id = $1', [gridId]);
    const edit = await send(platform, 'PUT', `/api/grids/${gridId}`, planner, {
      type: 'Feature', geometry: null, properties: { name: '瓦片测试网格', version: g!.version }, note: '改名',
    });
    expect(edit.status).toBe(200);

    expect((await fetchTile(`/tiles/grids/${z}/${x}/${y}.mvt`, here.etag)).status).toBe(200);
    expect((await fetchTile(`/tiles/grids/${far.join('/')}.mvt`, there.etag)).status).toBe(304);
  });

  it.each(['grids', 'facilities', 'regions'] as const)('describes the %s layer in a TileJSON 3.0.0 document', async (layer) => {
    const res = await platform.get(`/tiles/${layer}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as {
      tilejson: string; tiles: string[]; minzoom: number; maxzoom: number; bounds: number[];
      vector_layers: { id: string; fields: Record<string, string> }[];
    };
    expect(doc.tilejson).toBe('3.0.0');
    expect(doc.tiles).toEqual([`${platform.url}/tiles/${layer}/{z}/{x}/{y}.mvt`]);
    expect([doc.minzoom, doc.maxzoom]).toEqual([0, 16]);
    // The data's own extent, which the demo district's grids, stations and regions all lie in.
    const [w, s, e, n] = doc.bounds as [number, number, number, number];
    expect(w).toBeGreaterThan(120.1);
    expect(s).toBeGreaterThan(31.4);
    expect(e).toBeLessThan(120.5);
    expect(n).toBeLessThan(31.8);
    expect(w < e && s < n).toBe(true);
    // Every property the tiles carry is declared, and nothing else.
    const tile = await fetchTile(doc.tiles[0]!.replace(platform.url, '').replace('{z}/{x}/{y}', TILES[0]!.join('/')));
    const l = new VectorTile(new PbfReader(tile.body)).layers[layer]!;
    const keys = new Set<string>();
    for (let i = 0; i < l.length; i++) for (const k of Object.keys(l.feature(i).properties)) keys.add(k);
    expect(doc.vector_layers.map((v) => v.id)).toEqual([layer]);
    expect(Object.keys(doc.vector_layers[0]!.fields).sort()).toEqual([...keys].sort());
  });

  it('refuses the TileJSON of a layer that does not exist', async () => {
    expect((await platform.get('/tiles/members.json')).status).toBe(400);
  });

  it.each(['/tiles/members/14/13707/6685.mvt', '/tiles/grids/3/9/1.mvt', '/tiles/grids/x/1/1.mvt', '/tiles/grids/23/1/1.mvt'])('refuses %s', async (path) => {
    const res = await fetchTile(path);
    expect([400, 404]).toContain(res.status);
  });
});
