// Acceptance checks on the files as written (re-read from disk, so rounding is included):
// validity, exact tiling within tolerance, containment, members strictly inside one grid.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeoDb } from './db.ts';

export interface CheckReport {
  districtAreaM2: number;
  communityUnionDiffM2: number;
  communityUnionDiffShare: number;
  streetUnionDiffM2: number;
  maxStreetOverlapM2: number;
  maxCommunityOverlapM2: number;
  maxGridOverlapM2: number;
  communitiesOutsideStreet: number;
  maxCommunityOutsideStreetM2: number;
  gridsOutsideCommunity: number;
  maxGridOutsideCommunityM2: number;
  maxGridUnionVsCommunityDiffM2: number;
  invalidOrNonMulti: number;
  membersNotInExactlyOneGrid: number;
  facilitiesOutsideDistrict: number;
  stationsOutsideTheirCommunity: number;
  failures: string[];
}

interface FeatureIn {
  properties: Record<string, unknown>;
  geometry: unknown;
}

function features(file: string): FeatureIn[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { features: FeatureIn[] }).features;
}

export async function runChecks(db: GeoDb, dir: string): Promise<CheckReport> {
  await db.exec(`create table chk_region (code text, name text, level text, parent text, geom geometry);
    create table chk_grid (code text, community text, geom geometry);
    create table chk_facility (key text, name text, kind text, geom geometry);
    create table chk_member (id int, geom geometry);`);
  const regions = features(join(dir, 'regions.geojson')).map((f) => [
    f.properties.code, f.properties.name, f.properties.level, f.properties.parentCode, f.geometry,
  ]);
  await db.all(
    `insert into chk_region select e->>0, e->>1, e->>2, e->>3, ST_SetSRID(ST_GeomFromGeoJSON((e->4)::text), 4326)
     from json_array_elements($1::json) e`,
    [JSON.stringify(regions)],
  );
  const grids = features(join(dir, 'grids.geojson')).map((f) => [f.properties.code, f.properties.communityCode, f.geometry]);
  await db.all(
    `insert into chk_grid select e->>0, e->>1, ST_SetSRID(ST_GeomFromGeoJSON((e->2)::text), 4326)
     from json_array_elements($1::json) e`,
    [JSON.stringify(grids)],
  );
  const facilities = features(join(dir, 'facilities.geojson')).map((f) => [f.properties.key, f.properties.name, f.properties.kind, f.geometry]);
  await db.all(
    `insert into chk_facility select e->>0, e->>1, e->>2, ST_SetSRID(ST_GeomFromGeoJSON((e->3)::text), 4326)
     from json_array_elements($1::json) e`,
    [JSON.stringify(facilities)],
  );
  const memberLines = readFileSync(join(dir, 'members.csv'), 'utf8').trim().split('\n').slice(1);
  const points = memberLines.map((line, i) => {
    const cells = line.split(',');
    return [i, Number(cells[4]), Number(cells[5])];
  });
  await db.all(
    `insert into chk_member select (e->>0)::int, ST_SetSRID(ST_MakePoint((e->>1)::float8, (e->>2)::float8), 4326)
     from json_array_elements($1::json) e`,
    [JSON.stringify(points)],
  );
  await db.exec(`create index on chk_grid using gist (geom); create index on chk_member using gist (geom);
    create index on chk_region using gist (geom);`);

  // Overlay functions on invalid input can wedge the embedded database: validate first.
  const invalid = await db.one<{ n: number }>(
    `select count(*)::int n from (
       select geom from chk_region union all select geom from chk_grid) g
     where not ST_IsValid(geom) or ST_IsEmpty(geom) or GeometryType(geom) <> 'MULTIPOLYGON'`,
  );
  const failures: string[] = [];
  if (invalid.n > 0) {
    return { ...emptyReport(), invalidOrNonMulti: invalid.n, failures: [`${invalid.n} invalid, empty or non-MultiPolygon geometries`] };
  }

  const num = async (sql: string): Promise<number> => Number((await db.one<{ v: number | null }>(sql)).v ?? 0);
  const districtAreaM2 = await num(`select ST_Area(geom::geography) v from chk_region where level = 'district'`);
  const communityUnionDiffM2 = await num(
    `select ST_Area(ST_SymDifference((select ST_Union(geom) from chk_region where level = 'community'),
                                     (select geom from chk_region where level = 'district'))::geography) v`,
  );
  const streetUnionDiffM2 = await num(
    `select ST_Area(ST_SymDifference((select ST_Union(geom) from chk_region where level = 'street'),
                                     (select geom from chk_region where level = 'district'))::geography) v`,
  );
  const maxOverlap = (table: string, where: string): Promise<number> =>
    num(`select max(ST_Area(ST_Intersection(a.geom, b.geom)::geography)) v
         from ${table} a join ${table} b on a.code < b.code and ST_Intersects(a.geom, b.geom) ${where}`);
  const maxStreetOverlapM2 = await maxOverlap('chk_region', `where a.level = 'street' and b.level = 'street'`);
  const maxCommunityOverlapM2 = await maxOverlap('chk_region', `where a.level = 'community' and b.level = 'community'`);
  const maxGridOverlapM2 = await maxOverlap('chk_grid', '');
  const outsideStreet = await db.one<{ n: number; worst: number | null }>(
    `select count(*) filter (where not ST_CoveredBy(c.geom, s.geom))::int n,
            max(ST_Area(ST_Difference(c.geom, s.geom)::geography)) worst
     from chk_region c join chk_region s on s.code = c.parent
     where c.level = 'community'`,
  );
  const outsideCommunity = await db.one<{ n: number; worst: number | null }>(
    `select count(*) filter (where not ST_CoveredBy(g.geom, c.geom))::int n,
            max(ST_Area(ST_Difference(g.geom, c.geom)::geography)) worst
     from chk_grid g join chk_region c on c.code = g.community and c.level = 'community'`,
  );
  const gridUnionDiff = await num(
    `select max(ST_Area(ST_SymDifference(u.geom, c.geom)::geography)) v
     from (select community, ST_Union(geom) geom from chk_grid group by community) u
     join chk_region c on c.code = u.community and c.level = 'community'`,
  );
  const membersBad = await num(
    `select count(*) v from (
       select m.id, count(g.code) filter (where ST_Intersects(g.geom, m.geom)) touching,
                    count(g.code) filter (where ST_Contains(g.geom, m.geom)) containing
       from chk_member m left join chk_grid g on g.geom && m.geom
       group by m.id) x
     where touching <> 1 or containing <> 1`,
  );
  const facilitiesOutside = await num(
    `select count(*) v from chk_facility f
     where not ST_Contains((select geom from chk_region where level = 'district'), f.geom)`,
  );
  const stationsOutside = await num(
    `select count(*) v from chk_facility f
     where f.kind = 'station' and not exists (
       select 1 from chk_region c where c.level = 'community'
         and (f.name = c.name || '党群服务站' or f.name like c.name || '第%网格党群服务站')
         and ST_Contains(c.geom, f.geom))`,
  );

  const report: CheckReport = {
    districtAreaM2,
    communityUnionDiffM2,
    communityUnionDiffShare: communityUnionDiffM2 / districtAreaM2,
    streetUnionDiffM2,
    maxStreetOverlapM2,
    maxCommunityOverlapM2,
    maxGridOverlapM2,
    communitiesOutsideStreet: outsideStreet.n,
    maxCommunityOutsideStreetM2: Number(outsideStreet.worst ?? 0),
    gridsOutsideCommunity: outsideCommunity.n,
    maxGridOutsideCommunityM2: Number(outsideCommunity.worst ?? 0),
    maxGridUnionVsCommunityDiffM2: gridUnionDiff,
    invalidOrNonMulti: 0,
    membersNotInExactlyOneGrid: membersBad,
    facilitiesOutsideDistrict: facilitiesOutside,
    stationsOutsideTheirCommunity: stationsOutside,
    failures,
  };
  if (report.communityUnionDiffShare > 0.001) failures.push('communities do not cover the district within 0.1 %');
  if (report.streetUnionDiffM2 / districtAreaM2 > 0.001) failures.push('streets do not cover the district within 0.1 %');
  if (report.maxStreetOverlapM2 > 1) failures.push('streets overlap by more than 1 m²');
  if (report.maxCommunityOverlapM2 > 1) failures.push('communities overlap by more than 1 m²');
  if (report.maxGridOverlapM2 > 1) failures.push('grids overlap by more than 1 m²');
  if (report.maxCommunityOutsideStreetM2 > 1) failures.push('a community reaches outside its street');
  if (report.maxGridOutsideCommunityM2 > 1) failures.push('a grid reaches outside its community');
  if (report.membersNotInExactlyOneGrid > 0) failures.push('members not strictly inside exactly one grid');
  if (report.facilitiesOutsideDistrict > 0) failures.push('facilities outside the district');
  if (report.stationsOutsideTheirCommunity > 0) failures.push('stations outside their community');
  return report;
}

function emptyReport(): CheckReport {
  return {
    districtAreaM2: 0,
    communityUnionDiffM2: 0,
    communityUnionDiffShare: 0,
    streetUnionDiffM2: 0,
    maxStreetOverlapM2: 0,
    maxCommunityOverlapM2: 0,
    maxGridOverlapM2: 0,
    communitiesOutsideStreet: 0,
    maxCommunityOutsideStreetM2: 0,
    gridsOutsideCommunity: 0,
    maxGridOutsideCommunityM2: 0,
    maxGridUnionVsCommunityDiffM2: 0,
    invalidOrNonMulti: 0,
    membersNotInExactlyOneGrid: 0,
    facilitiesOutsideDistrict: 0,
    stationsOutsideTheirCommunity: 0,
    failures: [],
  };
}
