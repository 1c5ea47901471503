import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// The demo district as the API serves it must tile exactly: communities cover the district and
// grids cover each community, with no overlaps. Areas are geodesic, computed by PostGIS.

type Regions = FeatureCollection<MultiPolygon, { code: string; name: string; level: string; parentCode: string | null }>;
type Grids = FeatureCollection<MultiPolygon, { id: number; code: string; communityCode: string; version: number }>;

let platform: TestPlatform;
let regions: Regions;
let grids: Grids;

beforeAll(async () => {
  platform = await startTestPlatform();
  regions = (await (await platform.get('/api/regions')).json()) as Regions;
  grids = (await (await platform.get('/api/grids')).json()) as Grids;
});
afterAll(() => platform.close());

// Parts as (key, group, geometry) rows from a FeatureCollection passed as JSON text.
const PARTS = `parts as (
  select f -> 'properties' ->> $2 as key, f -> 'properties' ->> $3 as grp,
         ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326) as geom
  from json_array_elements($1::json -> 'features') f)`;

interface TilingReport {
  wholeArea: number;
  unionArea: number;
  symDiffArea: number;
  maxOverlap: number;
}

/** How well `parts` (grouped by `groupKey`) tile `wholes` (keyed by code): worst group wins. */
async function tiling(parts: FeatureCollection, keyProp: string, groupProp: string, wholes: Regions): Promise<TilingReport[]> {
  return platform.db.query<TilingReport>(
    `with ${PARTS},
     wholes as (
       select f -> 'properties' ->> 'code' as code, ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326) as geom
       from json_array_elements($4::json -> 'features') f),
     unions as (select grp, ST_Union(geom) as geom from parts group by grp),
     overlapping as (
       select a.grp, max(ST_Area(ST_Intersection(a.geom, b.geom)::geography)) as area
       from parts a join parts b on a.grp = b.grp and a.key < b.key and a.geom && b.geom
       group by a.grp)
     select ST_Area(w.geom::geography) as "wholeArea",
            ST_Area(u.geom::geography) as "unionArea",
            ST_Area(ST_SymDifference(u.geom, w.geom)::geography) as "symDiffArea",
            coalesce(o.area, 0) as "maxOverlap"
     from wholes w
     join unions u on u.grp = w.code
     left join overlapping o on o.grp = w.code`,
    [JSON.stringify(parts), keyProp, groupProp, JSON.stringify(wholes)],
  );
}

function byLevel(level: string): Regions {
  return { type: 'FeatureCollection', features: regions.features.filter((f) => f.properties.level === level) };
}

describe('the demo district 无锡市梁溪区', () => {
  it('has one district, 9 streets and 159 community-level units with official codes', () => {
    const count = (level: string) => byLevel(level).features.length;
    expect([count('district'), count('street'), count('community')]).toEqual([1, 9, 159]);
    const district = byLevel('district').features[0];
    expect(district?.properties).toMatchObject({ code: '320213', name: '梁溪区' });
    for (const s of byLevel('street').features) {
      expect(s.properties.code).toMatch(/^320213\d{3}$/);
      expect(s.properties.parentCode).toBe('320213');
    }
    for (const c of byLevel('community').features) {
      expect(c.properties.code).toMatch(/^\d{12}$/);
      expect(c.properties.code.startsWith(c.properties.parentCode ?? 'x')).toBe(true);
    }
  });

  it('streets tile the district: union within 0.1 % of its area, no overlap over 1 m²', async () => {
    const streets = byLevel('street');
    for (const f of streets.features) f.properties.parentCode = '320213';
    const [report] = await tiling(streets, 'code', 'parentCode', byLevel('district'));
    expect(report).toBeDefined();
    expect(report!.wholeArea).toBeGreaterThan(60e6);
    expect(report!.symDiffArea / report!.wholeArea).toBeLessThan(0.001);
    expect(report!.maxOverlap).toBeLessThanOrEqual(1);
  });

  it('communities tile the district: union within 0.1 % of its area, no overlap over 1 m²', async () => {
    const communities = byLevel('community');
    const asDistrict: Regions = {
      type: 'FeatureCollection',
      features: communities.features.map((f) => ({ ...f, properties: { ...f.properties, parentCode: '320213' } })),
    };
    const [report] = await tiling(asDistrict, 'code', 'parentCode', byLevel('district'));
    expect(report!.symDiffArea / report!.wholeArea).toBeLessThan(0.001);
    expect(report!.maxOverlap).toBeLessThanOrEqual(1);
  });

  it('grids tile every community: union within 0.1 % of its area, no overlap over 1 m²', async () => {
    const reports = await tiling(grids, 'code', 'communityCode', byLevel('community'));
    expect(reports).toHaveLength(159);
    for (const r of reports) {
      expect(r.symDiffArea / r.wholeArea).toBeLessThan(0.001);
      expect(r.maxOverlap).toBeLessThanOrEqual(1);
    }
  });

  it('gives every grid a unique 15-digit code that starts with its community code', () => {
    const communityCodes = new Set(byLevel('community').features.map((f) => f.properties.code));
    const codes = grids.features.map((g) => g.properties.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const g of grids.features) {
      expect(g.properties.code).toMatch(/^\d{15}$/);
      expect(g.properties.code.slice(0, 12)).toBe(g.properties.communityCode);
      expect(communityCodes.has(g.properties.communityCode)).toBe(true);
      expect(g.id).toBe(g.properties.id);
      expect(g.properties.version).toBe(1);
    }
  });
});
