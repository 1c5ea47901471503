import { expect } from 'vitest';
import { send } from './accounts.ts';
import { addBuildings, type TestBuilding } from './test-buildings.ts';
import { makeCommunity, type TestCommunity } from './test-community.ts';
import type { TestPlatform } from './test-platform.ts';

export interface BalanceFixture {
  community: TestCommunity;
  /** Grid ids, west to east (empty without grids). */
  grids: number[];
  /** Building ids, row by row (south to north), west to east in a row. */
  buildings: number[];
  /** Where each building stands, by fractions of the community. */
  at: [number, number][];
}

/**
 * A test community with `columns` grids as vertical strips (drawn by the planner through the API)
 * and a lattice of buildings, `perRow` across and `rows` up; households(i, x, y) gives each
 * building's households (x, y its fractions). columns 0: buildings and no grids.
 */
export async function balanceFixture(
  platform: TestPlatform,
  planner: string,
  options: { columns: number; perRow: number; rows: number; households: (i: number, x: number, y: number) => number; name?: (i: number) => string },
): Promise<BalanceFixture> {
  const community = await makeCommunity(platform);
  const grids: number[] = [];
  for (let c = 0; c < options.columns; c++) {
    const res = await send(platform, 'POST', '/api/grids', planner, {
      type: 'Feature',
      geometry: community.rect(c / options.columns, 0, (c + 1) / options.columns, 1),
      properties: { name: `测试网格${c + 1}`, communityCode: community.code, households: 0, population: 0 },
      note: '测试网格',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    grids.push(((await res.json()) as { feature: { properties: { id: number } } }).feature.properties.id);
  }
  const at: [number, number][] = [];
  const list: TestBuilding[] = [];
  for (let r = 0; r < options.rows; r++) {
    for (let c = 0; c < options.perRow; c++) {
      // A little seeded unevenness so no anchor lies on a grid border or in a perfect lattice.
      const x = (c + 0.5 + 0.13 * Math.sin(7 * r + 3 * c)) / options.perRow;
      const y = (r + 0.5 + 0.13 * Math.cos(5 * r + 11 * c)) / options.rows;
      const i = list.length;
      at.push([x, y]);
      list.push({ at: [x, y], households: options.households(i, x, y), ...(options.name ? { name: options.name(i) } : {}) });
    }
  }
  const buildings = await addBuildings(platform, community, list);
  return { community, grids, buildings, at };
}

/** The community's tiling: its area, the union of its current grids, their overlaps, validity and parts. */
export async function tiling(platform: TestPlatform, communityCode: string) {
  const [row] = await platform.db.query<{ community: number; covered: number; overlap: number; invalid: number; multipart: number }>(
    `with g as (select id, geom from grid where community_code = $1 and valid_to is null)
     select (select ST_Area(geom::geography) from region where code = $1) as community,
            (select ST_Area(ST_Intersection(ST_Union(g.geom), (select geom from region where code = $1))::geography) from g) as covered,
            coalesce((select sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)) from g a join g b on a.id < b.id and a.geom && b.geom), 0) as overlap,
            (select count(*)::integer from g where not ST_IsValid(geom)) as invalid,
            (select count(*)::integer from g where ST_NumGeometries(geom) <> 1) as multipart`,
    [communityCode],
  );
  return row!;
}
