import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// The demo district's buildings as loaded: each stands in exactly one grid, every grid's
// households and population are its buildings' sums (so the map shows exact figures, not
// estimates), and 胜利门社区 shows the two oversized grids a planner is meant to rebalance.

type Grids = FeatureCollection<
  MultiPolygon,
  { id: number; code: string; communityCode: string; households: number; population: number; householdsSource: string }
>;

const BUILDINGS_FILE = new URL('../../data/demo/buildings.geojson', import.meta.url);
const SHENGLIMEN = '320213021001';

let platform: TestPlatform;
let grids: Grids;

beforeAll(async () => {
  platform = await startTestPlatform();
  grids = (await (await platform.get('/api/grids')).json()) as Grids;
});
afterAll(() => platform.close());

describe('the demo buildings', () => {
  it('are all loaded, keyed by the file', async () => {
    const file = JSON.parse(fs.readFileSync(BUILDINGS_FILE, 'utf8')) as { features: { properties: { key: string } }[] };
    const [row] = await platform.db.query<{ n: number; keys: number; demo: number }>(
      `select count(*)::int n, count(distinct ext_key)::int keys, count(*) filter (where source = 'demo')::int demo from building`,
    );
    expect(row).toEqual({ n: file.features.length, keys: file.features.length, demo: file.features.length });
    expect(file.features.length).toBeGreaterThan(8000);
  });

  it('each lie in exactly one current grid, the one they are assigned to', async () => {
    const [row] = await platform.db.query<{ bad: number; unassigned: number }>(
      `with hits as (
         select b.id, b.grid_id, count(g.id) n, min(g.id) hit
         from building b
         left join grid g on g.valid_to is null and g.geom && b.anchor and ST_Intersects(g.geom, b.anchor)
         group by b.id, b.grid_id)
       select count(*) filter (where n <> 1 or hit is distinct from grid_id)::int bad,
              count(*) filter (where grid_id is null)::int unassigned
       from hits`,
    );
    expect(row).toEqual({ bad: 0, unassigned: 0 });
  });

  it("give every grid its households and population, shown as exact on the map's grids", async () => {
    const sums = await platform.db.query<{ id: number; households: number; population: number }>(
      `select grid_id id, sum(households)::int households, sum(population)::int population from building group by grid_id`,
    );
    const byId = new Map(sums.map((s) => [s.id, s]));
    expect(grids.features.length).toBeGreaterThan(900);
    for (const g of grids.features) {
      const sum = byId.get(g.properties.id);
      expect({ code: g.properties.code, households: g.properties.households, population: g.properties.population }).toEqual({
        code: g.properties.code,
        households: sum?.households ?? 0,
        population: sum?.population ?? 0,
      });
      expect(g.properties.householdsSource).toBe('buildings');
    }
    // The grids' first versions carry the same figures, so the history starts exact.
    const [row] = await platform.db.query<{ n: number }>(
      `select count(*)::int n from grid g join grid_version v on v.grid_id = g.id and v.version = g.version
       where g.valid_to is null and (v.households, v.population) is distinct from (g.households, g.population)`,
    );
    expect(row?.n).toBe(0);
  });

  it('make most grids 300–500 households, with some on either side', () => {
    const ordinary = grids.features.filter((g) => g.properties.communityCode !== '320213027400');
    const below = ordinary.filter((g) => g.properties.households < 300).length;
    const above = ordinary.filter((g) => g.properties.households > 500).length;
    expect(below).toBeGreaterThan(0);
    expect(above).toBeGreaterThan(0);
    expect((below + above) / ordinary.length).toBeLessThan(0.13);
  });

  it('leave 胜利门社区 with exactly two grids over 500 households and none below 300', () => {
    const mine = grids.features.filter((g) => g.properties.communityCode === SHENGLIMEN).map((g) => g.properties.households);
    expect(mine).toHaveLength(8);
    expect(mine.filter((h) => h > 500)).toHaveLength(2);
    expect(mine.filter((h) => h < 300)).toHaveLength(0);
  });
});
