import { placeBuildings } from '../../server/src/buildings/place-buildings.ts';
import type { TestCommunity } from './test-community.ts';
import type { TestPlatform } from './test-platform.ts';

export interface TestBuilding {
  /** Where it stands, by fractions of the community's width and height. */
  at: [number, number];
  households: number;
  population?: number;
  name?: string;
}

/**
 * Buildings in a test community: each a square of about sideM metres centred on its point, put
 * in the grid holding it as a load would (the community's grids then take their households from
 * them). Returns the ids in the order given.
 */
export async function addBuildings(platform: TestPlatform, community: TestCommunity, buildings: TestBuilding[], sideM = 12): Promise<number[]> {
  const half = sideM / 2 / 111_000;
  const ids: number[] = [];
  for (const [i, b] of buildings.entries()) {
    const [lng, lat] = community.at(b.at[0], b.at[1]);
    const [row] = await platform.db.query<{ id: number }>(
      `insert into building (community_code, name, households, population, geom, source)
       values ($1, $2, $3, $4, ST_MakeEnvelope($5::float8, $6::float8, $7::float8, $8::float8, 4326), 'test')
       returning id`,
      [community.code, b.name ?? `${i + 1}幢`, b.households, b.population ?? Math.round(b.households * 2.5), lng - half, lat - half, lng + half, lat + half],
    );
    ids.push(row!.id);
  }
  await placeBuildings(platform.db, [community.code]);
  return ids;
}

/** The grid a building is in now (null: none). */
export async function buildingGrid(platform: TestPlatform, id: number): Promise<number | null> {
  const [row] = await platform.db.query<{ grid_id: number | null }>('select grid_id from building where id = $1', [id]);
  return row!.grid_id;
}
