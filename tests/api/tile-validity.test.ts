import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { encodeTile, type Encoder } from '../../server/src/tiles/routes.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// Every polygon a tile carries must be a valid polygon in the tile's own integer coordinates,
// at every zoom, whichever encoder made it: checked by GEOS (PostGIS ST_IsValid) on the decoded
// rings, as a GIS client would read them.

let platform: TestPlatform;
let encoders: Encoder[];
beforeAll(async () => {
  platform = await startTestPlatform();
  encoders = (await platform.db.hasMvtSupport()) ? ['postgis', 'node'] : ['node'];
});
afterAll(() => platform.close());

type Tile = [number, number, number];

function tileOf(lng: number, lat: number, z: number): Tile {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [z, Math.floor(((lng + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

/** Tiles over the district at one zoom: all of them, or about `sample` spread evenly across it. */
async function districtTiles(z: number, sample = Infinity): Promise<Tile[]> {
  const [b] = await platform.db.query<{ w: number; s: number; e: number; n: number }>(
    `select ST_XMin(e) as w, ST_YMin(e) as s, ST_XMax(e) as e, ST_YMax(e) as n
     from (select ST_Extent(geom) as e from region where level = 'district') d`,
  );
  const [, x0, y0] = tileOf(b!.w, b!.n, z);
  const [, x1, y1] = tileOf(b!.e, b!.s, z);
  const all: Tile[] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) all.push([z, x, y]);
  if (all.length <= sample) return all;
  const stride = all.length / sample;
  return Array.from({ length: sample }, (_, i) => all[Math.floor(i * stride)]!);
}

/** Twice the signed area of a ring in tile coordinates (y down): positive for an MVT outer ring. */
function signedArea(ring: { x: number; y: number }[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]!.x - ring[i]!.x) * (ring[i]!.y + ring[j]!.y);
  return sum;
}

/**
 * The problems of every polygon feature in the tile: rings that collapsed (no area, too few
 * points) or a hole before any outer ring, found here; the rest as GEOS's reason for the decoded
 * multipolygon.
 */
async function polygonProblems(bytes: Buffer, layer: string): Promise<string[]> {
  const problems: string[] = [];
  const l = new VectorTile(new PbfReader(bytes)).layers[layer];
  if (!l) return problems;
  const wkts: { id: string; wkt: string }[] = [];
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i);
    const id = String(f.properties['id']);
    expect(f.type, `feature ${id} is a polygon`).toBe(3);
    const polygons: string[][] = [];
    for (const ring of f.loadGeometry()) {
      const area = signedArea(ring);
      if (ring.length < 4 || area === 0) {
        problems.push(`${id}: collapsed ring of ${ring.length} points`);
        continue;
      }
      const text = `(${ring.map((p) => `${p.x} ${p.y}`).join(',')})`;
      if (area > 0) polygons.push([text]);
      else if (polygons.length === 0) problems.push(`${id}: hole before any outer ring`);
      else polygons.at(-1)!.push(text);
    }
    if (polygons.length === 0) problems.push(`${id}: no outer ring`);
    else wkts.push({ id, wkt: `MULTIPOLYGON(${polygons.map((p) => `(${p.join(',')})`).join(',')})` });
  }
  const invalid = await platform.db.query<{ i: number; reason: string }>(
    `select i::int, ST_IsValidReason(g) as reason
     from unnest($1::text[]) with ordinality as t(wkt, i), ST_GeomFromText(wkt) as g
     where not ST_IsValid(g)`,
    [wkts.map((w) => w.wkt)],
  );
  for (const r of invalid) problems.push(`${wkts[r.i - 1]!.id}: ${r.reason}`);
  return problems;
}

async function problemsIn(tiles: Tile[]): Promise<string[]> {
  const found: string[] = [];
  for (const encoder of encoders) {
    for (const layer of ['grids', 'regions'] as const) {
      for (const tile of tiles) {
        const bytes = await encodeTile(platform.db, encoder, layer, ...tile);
        for (const p of await polygonProblems(bytes, layer)) found.push(`${encoder} ${layer} ${tile.join('/')} ${p}`);
      }
    }
  }
  return found;
}

describe('tile polygons are valid at every zoom', () => {
  // Including 8/213/104 (grids 46 and 124 crossing themselves) and 12/3417/1668 (a ring of grid
  // 534 collapsed to a line).
  it('at z8–z12: every tile over the district', async () => {
    const tiles: Tile[] = [];
    for (let z = 8; z <= 12; z++) tiles.push(...(await districtTiles(z)));
    expect(await problemsIn(tiles)).toEqual([]);
  });

  it('at z13–z16: tiles spread across the district, and where shapes used to cross the tile buffer\'s edge', async () => {
    // Where grid 932 and the district's, streets' and communities' outlines ran back and forth
    // along the buffer's edge (a ring touching itself) when cut by the tile.
    const tiles: Tile[] = [[13, 6833, 3336], [14, 13667, 6673], [15, 27335, 13347], [14, 13664, 6674]];
    for (let z = 13; z <= 16; z++) tiles.push(...(await districtTiles(z, 40)));
    expect(await problemsIn(tiles)).toEqual([]);
  });
});
