import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// Grid edits from tests/fixtures/<case>/in.geojson (a community, existing grids, one edit),
// checked against out.geojson: the grids afterwards, or the rule violation with its geometry.
// REGEN=1 writes out.geojson from what the server does now (look at the diff before committing).

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const CASES = fs.readdirSync(FIXTURES).filter((d) => fs.existsSync(path.join(FIXTURES, d, 'in.geojson'))).sort();
const REGEN = process.env.REGEN === '1';

type Props = { role: 'community' | 'grid' | 'edit'; name?: string; target?: string; adjustNeighbours?: boolean; clip?: boolean; note?: string };

let platform: TestPlatform;
let planner: string;
beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  await platform.db.query(
    `insert into region (code, name, level, parent_code, geom)
     values ('320213990', '夹具街道', 'street', '320213', ST_Multi(ST_MakeEnvelope(120.9, 31.3, 121.2, 31.5, 4326)))`,
  );
});
afterAll(() => platform.close());

/** Area in m² of the part where two shapes differ. */
async function differenceArea(a: Geometry, b: Geometry): Promise<number> {
  const [row] = await platform.db.query<{ a: number }>(
    'select ST_Area(ST_SymDifference(ST_GeomFromGeoJSON($1), ST_GeomFromGeoJSON($2))::geography) as a',
    [JSON.stringify(a), JSON.stringify(b)],
  );
  return row!.a;
}

/** Moves a geometry east by dx degrees: each case gets its own place, so cases cannot overlap. */
function shift<T>(value: T, dx: number): T {
  if (Array.isArray(value)) {
    if (typeof value[0] === 'number') return [Math.round(((value[0] as number) + dx) * 1e7) / 1e7, ...value.slice(1)] as T;
    return value.map((v: unknown) => shift(v, dx)) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'properties' ? v : shift(v, dx)])) as T;
  }
  return value;
}

async function runCase(name: string, index: number): Promise<FeatureCollection> {
  const dx = index * 0.02;
  const input = shift(JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'in.geojson'), 'utf8')) as FeatureCollection<Geometry, Props>, dx);
  return shift(await applyCase(input, index), -dx);
}

async function applyCase(input: FeatureCollection<Geometry, Props>, index: number): Promise<FeatureCollection> {
  const code = `320213990${String(index + 1).padStart(3, '0')}`;
  const community = input.features.find((f) => f.properties.role === 'community')!;
  await platform.db.query(
    `insert into region (code, name, level, parent_code, geom) values ($1, $2, 'community', '320213990', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326)))`,
    [code, `夹具社区${index + 1}`, JSON.stringify(community.geometry)],
  );
  const ids = new Map<string, number>();
  for (const g of input.features.filter((f) => f.properties.role === 'grid')) {
    const res = await send(platform, 'POST', '/api/grids', planner, {
      type: 'Feature', geometry: g.geometry, properties: { name: g.properties.name, communityCode: code }, note: '夹具',
    });
    expect(res.status).toBe(201);
    ids.set(g.properties.name!, ((await res.json()) as { feature: Feature }).feature.id as number);
  }
  const edit = input.features.find((f) => f.properties.role === 'edit')!;
  const { target, adjustNeighbours = false, clip = false, note = '夹具' } = edit.properties;
  const res = target
    ? await send(platform, 'PUT', `/api/grids/${ids.get(target)}`, planner, {
        type: 'Feature', geometry: edit.geometry, properties: { version: 1 }, note, adjustNeighbours, clip,
      })
    : await send(platform, 'POST', '/api/grids', planner, {
        type: 'Feature', geometry: edit.geometry, properties: { name: '新网格', communityCode: code }, note, adjustNeighbours, clip,
      });
  if (res.status === 422) {
    const { error } = (await res.json()) as { error: { details: { violations: { code: string; details: Record<string, unknown> }[] } } };
    return {
      type: 'FeatureCollection',
      features: error.details.violations.map((v) => ({
        type: 'Feature',
        properties: { violation: v.code },
        geometry: ((v.details.location ?? v.details.outside) as Geometry | undefined) ?? null,
      })) as Feature[],
    };
  }
  expect(res.status).toBeLessThan(300);
  const grids = (await (await platform.get(`/api/grids?community=${code}`)).json()) as FeatureCollection<Geometry, { name: string }>;
  return {
    type: 'FeatureCollection',
    features: grids.features.map((g) => ({ type: 'Feature', properties: { name: g.properties.name }, geometry: g.geometry })),
  };
}

describe('geometry fixtures', () => {
  it.each(CASES.map((c, i) => [c, i] as const))('%s', async (name, index) => {
    const actual = await runCase(name, index);
    const outFile = path.join(FIXTURES, name, 'out.geojson');
    if (REGEN || !fs.existsSync(outFile)) {
      fs.writeFileSync(outFile, JSON.stringify(actual, null, 1) + '\n');
      if (!REGEN) throw new Error(`${outFile} was missing and has been written: check it and run again`);
    }
    const expected = JSON.parse(fs.readFileSync(outFile, 'utf8')) as FeatureCollection;
    expect(actual.features.map((f) => f.properties)).toEqual(expected.features.map((f) => f.properties));
    for (const [i, f] of actual.features.entries()) {
      const want = expected.features[i]!.geometry;
      if (!want || !f.geometry) {
        expect(f.geometry).toEqual(want);
      } else if (want.type === 'Point') {
        const [x1, y1] = (f.geometry as { coordinates: number[] }).coordinates as [number, number];
        const [x2, y2] = want.coordinates as [number, number];
        expect(Math.hypot((x1 - x2) * 95_000, (y1 - y2) * 111_000)).toBeLessThan(0.01);
      } else {
        // Shapes may differ in vertex order between GEOS versions, not in area.
        expect(await differenceArea(f.geometry, want)).toBeLessThan(0.5);
      }
    }
  });
});
