// The tessellation, done in PostGIS so every overlay is valid and shared borders are identical:
// Voronoi cells of the community seeds clipped to the district, then Voronoi lines of the grid
// seeds inside each community. All borders are noded once with snap-rounding to the 1e-7° output
// grid and polygonised; grids, communities, streets and the district are unions of those faces,
// so neighbours share vertices exactly and every level tiles its parent.
import type { GeoDb } from './db.ts';
import type { MultiPolygon, Position } from './geometry.ts';

/** Output precision: 7 decimals, snapped inside PostGIS before any face is built. */
export const GRID_SIZE = 1e-7;

export interface DistrictRepair {
  sourceValid: boolean;
  sourceReason: string;
  sourcePoints: number;
  sourceAreaM2: number;
  /** Polygons and holes of ST_MakeValid's result, in source coordinates. */
  repairedParts: { areaM2: number; holes: number }[];
  repairedAreaM2: number;
  geom: MultiPolygon;
}

/**
 * Repairs the source ring with ST_MakeValid on its exact GCJ-02 lattice, then shifts every vertex
 * to WGS84 and snaps to the output grid. Repairing first matters: the ring has zero-width spikes
 * that the shift would turn into extra crossings.
 */
export async function repairDistrict(
  db: GeoDb,
  ringGcj: Position[],
  toWgs84: (p: Position) => Position,
): Promise<DistrictRepair> {
  await db.exec('create table source_outline (geom geometry); create table district (geom geometry);');
  await db.all(`insert into source_outline values (ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))`, [
    JSON.stringify({ type: 'Polygon', coordinates: [ringGcj] }),
  ]);
  const source = await db.one<{ valid: boolean; reason: string; points: number; area: number }>(
    `select ST_IsValid(geom) valid, ST_IsValidReason(geom) reason, ST_NPoints(geom) points,
            ST_Area(geom::geography) area from source_outline`,
  );
  // Keep every polygonal piece ST_MakeValid returns (pieces and holes alike); the collapsed
  // spikes it also returns as lines are dropped.
  const parts = await db.all<{ area: number; holes: number; json: string }>(
    `select ST_Area(d.geom::geography) area, ST_NumInteriorRings(d.geom) holes, ST_AsGeoJSON(d.geom) json
     from source_outline s, ST_Dump(ST_CollectionExtract(ST_MakeValid(s.geom), 3)) d order by d.path`,
  );
  const shifted: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: parts.map((p) => (JSON.parse(p.json) as { coordinates: Position[][] }).coordinates.map((ring) => ring.map(toWgs84))),
  };
  await db.all(
    `insert into district
     select ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_ReducePrecision(
       ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)), ${GRID_SIZE})), 3))`,
    [JSON.stringify(shifted)],
  );
  const repaired = await db.one<{ valid: boolean; area: number; json: string }>(
    `select ST_IsValid(geom) valid, ST_Area(geom::geography) area, ST_AsGeoJSON(geom, 7) json from district`,
  );
  if (!repaired.valid) throw new Error('district still invalid after ST_MakeValid');
  return {
    sourceValid: source.valid,
    sourceReason: source.reason,
    sourcePoints: source.points,
    sourceAreaM2: source.area,
    repairedParts: parts.map((p) => ({ areaM2: p.area, holes: p.holes })),
    repairedAreaM2: repaired.area,
    geom: JSON.parse(repaired.json) as MultiPolygon,
  };
}

function pointsJson(points: readonly { id: number; at: Position }[]): string {
  return JSON.stringify(points.map((p) => [p.id, p.at[0], p.at[1]]));
}

export interface CommunityCell {
  id: number;
  geom: MultiPolygon;
  areaM2: number;
}

/**
 * Voronoi cells of the community seeds, clipped to the district. Voronoi runs with longitudes
 * scaled by lngScale so cells are metric, not stretched east–west. A clipped cell may fall
 * apart on a ragged border; its smaller pieces go to the neighbour sharing the longest border.
 */
export async function communityCells(
  db: GeoDb,
  seeds: readonly { id: number; at: Position }[],
  lngScale: number,
): Promise<CommunityCell[]> {
  await db.exec(`create table community_seed (id int primary key, geom geometry);
    create table community_part (part serial primary key, id int, geom geometry, main boolean);
    create table community_cell (id int primary key, geom geometry);`);
  await db.all(
    `insert into community_seed
     select (e->>0)::int, ST_SetSRID(ST_MakePoint((e->>1)::float8, (e->>2)::float8), 4326)
     from json_array_elements($1::json) e`,
    [pointsJson(seeds)],
  );
  await db.all(
    `with voronoi as (
       select (ST_Dump(ST_VoronoiPolygons(ST_Collect(ST_Scale(s.geom, $1::float8, 1::float8)), 0,
               ST_Scale(ST_Expand(ST_Envelope((select geom from district)), 0.02), $1::float8, 1::float8)))).geom cell
       from community_seed s),
     cells as (
       select s.id, ST_Scale(v.cell, 1 / $1::float8, 1::float8) cell
       from voronoi v join community_seed s on ST_Contains(v.cell, ST_Scale(s.geom, $1::float8, 1::float8)))
     insert into community_part (id, geom, main)
     select id, geom, false from (
       select c.id, (ST_Dump(ST_CollectionExtract(ST_Intersection(c.cell, d.geom), 3))).geom geom
       from cells c, district d) parts
     order by id, ST_XMin(geom), ST_YMin(geom)`,
    [lngScale],
  );
  await db.exec(`update community_part p set main = true where part = (
      select q.part from community_part q where q.id = p.id order by ST_Area(q.geom) desc, q.part limit 1)`);
  await db.exec(`update community_part p set id = coalesce((
      select q.id from community_part q
      where q.main and q.id <> p.id and ST_Intersects(q.geom, p.geom)
      order by ST_Length(ST_CollectionExtract(ST_Intersection(q.geom, p.geom), 2)) desc, q.id limit 1), p.id)
    where not p.main`);
  await db.exec(`insert into community_cell
    select id, ST_Multi(ST_UnaryUnion(ST_Collect(geom order by part))) from community_part group by id`);
  const rows = await db.all<{ id: number; json: string; area: number; parts: number; valid: boolean }>(
    `select id, ST_AsGeoJSON(geom, 15) json, ST_Area(geom::geography) area,
            ST_NumGeometries(geom) parts, ST_IsValid(geom) valid
     from community_cell order by id`,
  );
  if (rows.length !== seeds.length) throw new Error(`community cells: ${rows.length} of ${seeds.length}`);
  for (const r of rows) {
    if (!r.valid) throw new Error(`community cell ${r.id} invalid`);
  }
  return rows.map((r) => ({ id: r.id, geom: JSON.parse(r.json) as MultiPolygon, areaM2: r.area }));
}

export interface Adjacency {
  a: number;
  b: number;
  sharedMeters: number;
}

/** Pairs of community cells sharing a border line (not just a corner). */
export async function communityAdjacency(db: GeoDb): Promise<Adjacency[]> {
  return db.all<Adjacency>(
    `select a, b, "sharedMeters" from (
       select a.id a, b.id b,
              ST_Length(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 2)::geography) "sharedMeters"
       from community_cell a join community_cell b on a.id < b.id and ST_Intersects(a.geom, b.geom)) x
     where "sharedMeters" > 1 order by a, b`,
  );
}

export interface GridSeed {
  communityId: number;
  index: number;
  at: Position;
}

export interface TessellatedUnit {
  id: string;
  geom: MultiPolygon;
  areaM2: number;
  pointOnSurface: Position;
}

export interface Tessellation {
  /** id = `${communityId}:${index}` */
  grids: TessellatedUnit[];
  /** id = community id */
  communities: TessellatedUnit[];
  faces: number;
}

/** Grids inside every community cell, and the communities rebuilt from the same faces. */
export async function tessellateGrids(db: GeoDb, seeds: readonly GridSeed[], lngScale: number): Promise<Tessellation> {
  await db.exec(`create table grid_seed (community int, idx int, geom geometry, primary key (community, idx));
    create table grid_line (community int primary key, geom geometry);
    create table face (id serial primary key, geom geometry, pos geometry, community int, idx int);
    create table grid_unit (community int, idx int, geom geometry, primary key (community, idx));`);
  await db.all(
    `insert into grid_seed
     select (e->>0)::int, (e->>1)::int, ST_SetSRID(ST_MakePoint((e->>2)::float8, (e->>3)::float8), 4326)
     from json_array_elements($1::json) e`,
    [JSON.stringify(seeds.map((s) => [s.communityId, s.index, s.at[0], s.at[1]]))],
  );
  await db.all(
    `insert into grid_line
     select s.community, ST_CollectionExtract(ST_Intersection(
              ST_Scale(ST_VoronoiLines(ST_Collect(ST_Scale(s.geom, $1::float8, 1::float8) order by s.idx), 0,
                ST_Scale(ST_Expand(ST_Envelope(c.geom), 0.01), $1::float8, 1::float8)), 1 / $1::float8, 1::float8),
              c.geom), 2)
     from grid_seed s join community_cell c on c.id = s.community
     group by s.community, c.geom`,
    [lngScale],
  );
  // One snap-rounded noding of every border at once: this is what makes shared edges identical.
  await db.exec(`insert into face (geom)
    select (ST_Dump(ST_Polygonize(line))).geom from (
      select (ST_Dump(ST_UnaryUnion(ST_Collect(geom), ${GRID_SIZE}))).geom line from (
        select ST_Boundary(geom) geom from community_cell
        union all select geom from grid_line) borders) lines`);
  await db.exec(`update face set pos = ST_PointOnSurface(geom)`);
  // Holes of the repaired outline are enclosed by borders too, so they come out as faces: drop them.
  await db.exec(`delete from face f where not ST_Intersects((select geom from district), f.pos)`);
  await db.exec(`update face f set community = (
      select c.id from community_cell c where ST_Intersects(c.geom, f.pos)
      order by ST_Distance(c.geom, f.pos), c.id limit 1)`);
  // Sliver faces whose inner point fell just outside every float cell take the nearest one.
  await db.exec(`update face f set community = (
      select c.id from community_cell c order by ST_Distance(c.geom, f.pos), c.id limit 1)
    where community is null`);
  await db.all(
    `update face f set idx = (
      select s.idx from grid_seed s where s.community = f.community
      order by ST_Distance(ST_Scale(s.geom, $1::float8, 1::float8), ST_Scale(f.pos, $1::float8, 1::float8)), s.idx limit 1)`,
    [lngScale],
  );
  await rebuildGridUnits(db);
  // A grid cut in two by a bend of its community border gives its smaller pieces to the grid
  // of the same community that shares the longest border with them.
  for (let round = 0; round < 4; round++) {
    const moved = await db.all<{ id: number }>(
      `with part as (
         select g.community, g.idx, d.path[1] n, d.geom,
                rank() over (partition by g.community, g.idx order by ST_Area(d.geom) desc, d.path[1]) r
         from grid_unit g, ST_Dump(g.geom) d where ST_NumGeometries(g.geom) > 1),
       target as (
         select p.community, p.idx, p.geom, (
           select o.idx from grid_unit o
           where o.community = p.community and o.idx <> p.idx and ST_Intersects(o.geom, p.geom)
           order by ST_Length(ST_CollectionExtract(ST_Intersection(o.geom, p.geom), 2)) desc, o.idx limit 1) new_idx
         from part p where p.r > 1)
       update face f set idx = t.new_idx from target t
       where t.new_idx is not null and f.community = t.community and f.idx = t.idx and ST_Within(f.pos, t.geom)
       returning f.id`,
    );
    if (moved.length === 0) break;
    await rebuildGridUnits(db);
  }
  const faces = await db.one<{ n: number }>(`select count(*)::int n from face`);
  const missing = await db.all<{ community: number; idx: number }>(
    `select s.community, s.idx from grid_seed s left join grid_unit g using (community, idx) where g.geom is null`,
  );
  if (missing.length > 0) throw new Error(`grids without any face: ${JSON.stringify(missing)}`);
  await db.exec(`create table community_unit as
    select community id, ST_Multi(ST_UnaryUnion(ST_Collect(geom order by idx), ${GRID_SIZE})) geom
    from grid_unit group by community`);
  const grids = await db.all<{ community: number; idx: number; json: string; area: number; pos: string }>(
    `select community, idx, ST_AsGeoJSON(geom, 7) json, ST_Area(geom::geography) area,
            ST_AsGeoJSON(ST_PointOnSurface(geom), 7) pos
     from grid_unit order by community, idx`,
  );
  const communities = await db.all<{ id: number; json: string; area: number; pos: string }>(
    `select id, ST_AsGeoJSON(geom, 7) json, ST_Area(geom::geography) area,
            ST_AsGeoJSON(ST_PointOnSurface(geom), 7) pos
     from community_unit order by id`,
  );
  const unit = (id: string, json: string, area: number, pos: string): TessellatedUnit => ({
    id,
    geom: JSON.parse(json) as MultiPolygon,
    areaM2: area,
    pointOnSurface: (JSON.parse(pos) as { coordinates: Position }).coordinates,
  });
  return {
    grids: grids.map((g) => unit(`${g.community}:${g.idx}`, g.json, g.area, g.pos)),
    communities: communities.map((c) => unit(String(c.id), c.json, c.area, c.pos)),
    faces: faces.n,
  };
}

async function rebuildGridUnits(db: GeoDb): Promise<void> {
  await db.exec(`delete from grid_unit;
    insert into grid_unit
    select community, idx, ST_Multi(ST_UnaryUnion(ST_Collect(geom order by id), ${GRID_SIZE}))
    from face group by community, idx`);
}

/** Union of already snapped member polygons (streets from communities, district from streets). */
export async function unionOf(
  db: GeoDb,
  parts: readonly MultiPolygon[],
): Promise<{ geom: MultiPolygon; areaM2: number; pointOnSurface: Position }> {
  const row = await db.one<{ json: string; area: number; pos: string }>(
    `with g as (select ST_SetSRID(ST_GeomFromGeoJSON(e::text), 4326) geom, ord
                from json_array_elements($1::json) with ordinality as t(e, ord))
     select ST_AsGeoJSON(u, 7) json, ST_Area(u::geography) area, ST_AsGeoJSON(ST_PointOnSurface(u), 7) pos
     from (select ST_Multi(ST_UnaryUnion(ST_Collect(geom order by ord), ${GRID_SIZE})) u from g) x`,
    [JSON.stringify(parts)],
  );
  return {
    geom: JSON.parse(row.json) as MultiPolygon,
    areaM2: row.area,
    pointOnSurface: (JSON.parse(row.pos) as { coordinates: Position }).coordinates,
  };
}

/** Area (m²) where a polygon and the repaired source district differ. */
export async function differenceFromRepairedDistrict(db: GeoDb, geom: MultiPolygon): Promise<number> {
  const row = await db.one<{ area: number }>(
    `select ST_Area(ST_SymDifference(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), d.geom)::geography) area from district d`,
    [JSON.stringify(geom)],
  );
  return row.area;
}
