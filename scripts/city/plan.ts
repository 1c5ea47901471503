// One district of the city, from the public sources to grids: the demo's pipeline (repair the
// outline, community cells, contiguous streets with the official community counts, grids cut
// inside each community, every border noded once) run per district, with the city's density and
// more grids per community. A sample run cuts grids for some streets only, through the same code.
import type { GeoDb } from '../demo/db.ts';
import { readingOrder, type RawGrid } from '../demo/grids.ts';
import type { MultiPolygon, Position } from '../demo/geometry.ts';
import { assignStreets, PROJECTION, type StreetAssignment, type StreetLayoutOptions } from '../demo/layout.ts';
import { byText, type Grid, type Region } from '../demo/model.ts';
import { personName, type PhoneBook } from '../demo/naming.ts';
import { communityAdjacency, communityCells, differenceFromRepairedDistrict, GRID_SIZE, repairDistrict, tessellateGrids, unionOf } from '../demo/partition.ts';
import type { Rng } from '../demo/prng.ts';
import { gcjToWgs, loadAreaDivisions, loadDistrictRingGcj } from '../demo/sources.ts';
import { CITY_CODE, cityCommunityName, isParkCommunity, isVillage, type CityDistrict } from './districts.ts';
import { cityCommunitySeeds, cityDensity, cityGridCounts, districtCoreKm, placeCityGridSeeds, syntheticStreetAnchors } from './layout.ts';

/** Grids per community on average: 660 communities × 16 ≈ 10,560 grids in the city. */
export const GRIDS_PER_COMMUNITY = 16;

export interface PlanOptions {
  /** Cut grids only in these streets (a sample); every street when absent. */
  streets?: (streetCodes: readonly string[]) => readonly string[];
  /** The district's outline after its neighbours took their share (see cityDistrictOutlines). */
  outline?: MultiPolygon;
  log?: (message: string) => void;
}

export interface DistrictPlan {
  source: CityDistrict;
  district: Region;
  streets: Region[];
  communities: Region[];
  /** Sorted by code. */
  grids: Grid[];
  parkCommunities: Set<string>;
  villageCommunities: Set<string>;
  outlineDiffM2: number | null;
}

/** Runs fn with its own schema first on the search path, so the demo's working tables do not collide. */
export async function withScratchSchema<T>(db: GeoDb, name: string, fn: () => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad schema name ${name}`);
  await db.exec(`drop schema if exists ${name} cascade; create schema ${name}; set search_path to ${name}, public`);
  try {
    return await fn();
  } finally {
    await db.exec(`set search_path to public; drop schema if exists ${name} cascade`);
  }
}

export async function planDistrict(db: GeoDb, source: CityDistrict, rng: Rng, phones: PhoneBook, options: PlanOptions = {}): Promise<DistrictPlan> {
  const log = options.log ?? (() => undefined);
  const { streets: streetSources, communities: communitySources } = loadAreaDivisions(source.code, cityCommunityName);
  return withScratchSchema(db, `city_work_${source.code}`, async () => {
    const repair = await repairDistrict(db, loadDistrictRingGcj(source.code, source.name), gcjToWgs);
    const outline = options.outline ?? repair.geom;
    if (options.outline) await db.all(`update district set geom = ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)`, [JSON.stringify(options.outline)]);
    const seeds = cityCommunitySeeds(outline, communitySources.length, rng.fork('community-seeds'));
    const cells = await communityCells(db, seeds.map((at, id) => ({ id, at })), PROJECTION.lngScale);
    const adjacency = await communityAdjacency(db);
    // 梁溪 starts from the demo's street anchors; the others (and 梁溪, should those not give
    // contiguous streets on the city's cells) from synthetic ones, trying a few in turn.
    const layouts: StreetLayoutOptions[] = source.centres.length === 0 ? [{}] : [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const label = attempt === 0 ? 'street-anchors' : `street-anchors/${attempt}`;
      layouts.push({ anchorsKm: syntheticStreetAnchors(outline, streetSources.length, rng.fork(label)), coreKm: districtCoreKm(source.code) });
    }
    let streetPlan: StreetAssignment | undefined;
    for (const layout of layouts) {
      try {
        streetPlan = assignStreets(cells, adjacency, streetSources, communitySources, layout);
        break;
      } catch (err) {
        log(`${source.name}: ${(err as Error).message}; trying other street anchors`);
      }
    }
    if (!streetPlan) throw new Error(`${source.name}: no contiguous street layout found`);
    log(`${source.name}: ${(cells.reduce((t, c) => t + c.areaM2, 0) / 1e6).toFixed(1)} km², ${cells.length} community cells in ${streetSources.length} streets (contiguous after ${streetPlan.iterations} rounds)`);

    const codeOf = (cellId: number): string => {
      const code = streetPlan.communityOfCell.get(cellId);
      if (!code) throw new Error(`cell ${cellId} has no community`);
      return code;
    };
    const sourceByCode = new Map(communitySources.map((c) => [c.code, c]));
    const parkCells = new Set(cells.filter((c) => isParkCommunity(codeOf(c.id), sourceByCode.get(codeOf(c.id))?.sourceName ?? '')).map((c) => c.id));
    const counts = cityGridCounts(cells, communitySources.length * GRIDS_PER_COMMUNITY, rng.fork('grid-counts'), parkCells);

    const allStreetCodes = streetSources.map((s) => s.code);
    const chosenStreets = new Set(options.streets ? options.streets(allStreetCodes) : allStreetCodes);
    const chosenCells = cells.filter((c) => chosenStreets.has(streetPlan.streetOfCell.get(c.id) ?? ''));
    if (chosenCells.length < cells.length) {
      // A sample: only the chosen cells take part, and the "district" the faces must fall in is
      // their union (so the space of the other communities never becomes a face).
      await db.all(`delete from community_cell where id <> all($1::int[])`, [chosenCells.map((c) => c.id)]);
      await db.exec(`delete from district; insert into district select ST_Multi(ST_UnaryUnion(ST_Collect(geom))) from community_cell`);
    }
    const gridSeeds = chosenCells.flatMap((c) => placeCityGridSeeds(c, counts.get(c.id) ?? 6, rng.fork(`grid-seeds/${codeOf(c.id)}`)));
    const tessellation = await tessellateGrids(db, gridSeeds, PROJECTION.lngScale);
    log(`${source.name}: ${tessellation.grids.length} grids from ${tessellation.faces} faces`);

    const communities: Region[] = tessellation.communities
      .map((unit) => {
        const c = sourceByCode.get(codeOf(Number(unit.id)));
        if (!c) throw new Error(`unknown community for cell ${unit.id}`);
        return { code: c.code, name: c.name, level: 'community' as const, parentCode: c.streetCode, geom: unit.geom, areaM2: unit.areaM2, pointOnSurface: unit.pointOnSurface };
      })
      .sort((a, b) => byText(a.code, b.code));
    const streets: Region[] = [];
    for (const s of streetSources) {
      const mine = communities.filter((c) => c.parentCode === s.code);
      if (mine.length === 0) continue;
      streets.push({ code: s.code, name: s.name, level: 'street', parentCode: source.code, ...(await unionOf(db, mine.map((c) => c.geom))) });
    }
    const district: Region = { code: source.code, name: source.name, level: 'district', parentCode: CITY_CODE, ...(await unionOf(db, streets.map((s) => s.geom))) };
    const outlineDiffM2 = chosenCells.length === cells.length ? await differenceFromRepairedDistrict(db, district.geom) : null;

    const cellOfCode = new Map(cells.map((c) => [codeOf(c.id), c.id]));
    const rawByCell = new Map<number, RawGrid[]>();
    for (const g of tessellation.grids) {
      const cellId = Number(g.id.split(':')[0]);
      rawByCell.set(cellId, [...(rawByCell.get(cellId) ?? []), g]);
    }
    const parkCommunities = new Set(communities.filter((c) => parkCells.has(cellOfCode.get(c.code) ?? -1)).map((c) => c.code));
    const villageCommunities = new Set(communities.filter((c) => isVillage(c.code)).map((c) => c.code));
    const grids: Grid[] = [];
    for (const community of communities) {
      const raw = rawByCell.get(cellOfCode.get(community.code) ?? -1) ?? [];
      grids.push(...describeCityGrids(readingOrder(community.geom, raw), community, parkCommunities.has(community.code), rng.fork(`grids/${community.code}`), phones));
    }
    grids.sort((a, b) => byText(a.code, b.code));
    return { source, district, streets, communities, grids, parkCommunities, villageCommunities, outlineDiffM2 };
  });
}

/** The old-city density, the top of cityDensity's range: households scale against it. */
const DENSITY_TOP = 1.15;

/**
 * Codes and names as in the demo (community code + 3-digit sequence in reading order).
 * Households 80–450, more where more people live (a city grid is smaller than the demo's
 * 300–600, which were sized for 4–8 grids per community); park areas 40–120; residents 2.3–2.8
 * per household.
 */
export function describeCityGrids(ordered: readonly RawGrid[], community: Region, isPark: boolean, rng: Rng, phones: PhoneBook): Grid[] {
  return ordered.map((g, i) => {
    const t = Math.min(1, cityDensity(g.pointOnSurface) / DENSITY_TOP);
    const households = isPark
      ? Math.round(rng.uniform(40, 120))
      : Math.round(Math.max(80, Math.min(450, 90 + 330 * t ** 0.7 + 30 * rng.normal())));
    const population = Math.round(households * rng.uniform(2.3, 2.8));
    return {
      code: community.code + String(i + 1).padStart(3, '0'),
      name: `${community.name}第${i + 1}网格`,
      communityCode: community.code,
      households,
      population,
      leaderName: personName(rng),
      leaderPhone: phones.mobile(),
      geom: g.geom,
      areaM2: g.areaM2,
      pointOnSurface: g.pointOnSurface,
    };
  });
}

/** Union of the districts: the city's outline. */
export async function cityOutline(db: GeoDb, districts: readonly Region[]): Promise<{ geom: MultiPolygon; areaM2: number; pointOnSurface: Position }> {
  return unionOf(db, districts.map((d) => d.geom));
}

/** About 20 m: the longest outline edge left after cityDistrictOutlines. */
const MAX_OUTLINE_EDGE_DEG = 2e-4;

/**
 * The districts' outlines as published overlap their neighbours by a few square metres here and
 * there (each is a separate ring, repaired and shifted on its own), so grids on either side of a
 * district border would overlap too. Each district gives up what an earlier one (in code order)
 * already covers: a snap-rounded difference on the 1e-7° output grid, dropping crumbs under
 * 100 m² that the cut may leave. What is left between them is a hair-thin gap, not an overlap.
 * Edges are cut to about 20 m first, so that the separate noding of each district (see
 * partition.ts) bends its border by a negligible area.
 */
export async function cityDistrictOutlines(db: GeoDb, sources: readonly CityDistrict[]): Promise<Map<string, MultiPolygon>> {
  const repaired: MultiPolygon[] = [];
  for (const source of sources) {
    const { geom } = await withScratchSchema(db, `city_work_outline_${source.code}`, () =>
      repairDistrict(db, loadDistrictRingGcj(source.code, source.name), gcjToWgs),
    );
    // Short edges: where a Voronoi border meets the outline, snap-rounding moves the new node by
    // up to 0.7e-7° and bends the edge it sits on; on an edge of 500 m that is a sliver of
    // square metres that only one side of a district border sees.
    const row = await db.one<{ json: string }>(
      `select ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_ReducePrecision(
                ST_Segmentize(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), ${MAX_OUTLINE_EDGE_DEG}), ${GRID_SIZE})), 3)), 7) json`,
      [JSON.stringify(geom)],
    );
    repaired.push(JSON.parse(row.json) as MultiPolygon);
  }
  const out = new Map<string, MultiPolygon>();
  for (const [i, source] of sources.entries()) {
    const own = repaired[i] as MultiPolygon;
    if (i === 0) {
      out.set(source.code, own);
      continue;
    }
    const row = await db.one<{ json: string | null }>(
      `with earlier as (
         select ST_UnaryUnion(ST_Collect(ST_SetSRID(ST_GeomFromGeoJSON(e::text), 4326)), ${GRID_SIZE}) g
         from json_array_elements($2::json) e),
       cut as (
         select ST_CollectionExtract(ST_MakeValid(ST_Difference(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), earlier.g, ${GRID_SIZE})), 3) g
         from earlier)
       select ST_AsGeoJSON(ST_Multi(ST_Collect(p.geom order by p.path)), 7) json
       from cut, ST_Dump(cut.g) p where ST_Area(p.geom::geography) >= 100`,
      [JSON.stringify(own), JSON.stringify(repaired.slice(0, i))],
    );
    if (!row.json) throw new Error(`${source.name}: nothing left of the outline after its neighbours`);
    out.set(source.code, JSON.parse(row.json) as MultiPolygon);
  }
  return out;
}
