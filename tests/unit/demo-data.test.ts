// Checks the committed demo data (data/demo/, written by `npm run generate-demo`) for the
// properties the loader and the app rely on. Geometry checks (tiling, overlaps) run in the
// generator itself, with PostGIS.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../data/demo/', import.meta.url);

interface Feature<P> {
  type: 'Feature';
  properties: P;
  geometry: { type: string; coordinates: unknown };
}

interface RegionProps {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

interface GridProps {
  code: string;
  name: string;
  communityCode: string;
  households: number;
  population: number;
  leaderName: string;
  leaderPhone: string;
}

interface FacilityProps {
  key: string;
  name: string;
  kind: string;
  address: string;
  phone: string;
  openingHours: string;
  services: string[];
  public: boolean;
}

function featuresOf<P>(file: string): Feature<P>[] {
  const collection = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { type: string; features: Feature<P>[] };
  expect(collection.type).toBe('FeatureCollection');
  return collection.features;
}

/** The files never quote a cell (no commas or quotes in the data), so a plain split suffices. */
function csvRows(file: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(new URL(file, dir), 'utf8').trimEnd().split('\n');
  const [header = '', ...rest] = lines;
  return { header: header.split(','), rows: rest.map((line) => line.split(',')) };
}

const MOBILE = /^100\d{8}$/;
const LANDLINE = /^0510-0\d{7}$/;
const FACILITY_KINDS = new Set(['center', 'station', 'party_home', 'rep_studio', 'volunteer_point']);
const ORG_KINDS = new Set(['committee', 'general_branch', 'branch', 'group']);

const regions = featuresOf<RegionProps>('regions.geojson');
const grids = featuresOf<GridProps>('grids.geojson');
const facilities = featuresOf<FacilityProps>('facilities.geojson');
const orgs = csvRows('party-orgs.csv');
const members = csvRows('members.csv');

describe('demo regions', () => {
  it('has 1 district, 9 streets and 159 communities, all MultiPolygons', () => {
    const byLevel = (level: string) => regions.filter((r) => r.properties.level === level);
    expect(byLevel('district')).toHaveLength(1);
    expect(byLevel('street')).toHaveLength(9);
    expect(byLevel('community')).toHaveLength(159);
    expect(regions).toHaveLength(169);
    for (const r of regions) expect(r.geometry.type).toBe('MultiPolygon');
  });

  it('links codes: district 320213, streets 9 digits under it, communities 12 digits under their street', () => {
    const district = regions.find((r) => r.properties.level === 'district');
    expect(district?.properties).toMatchObject({ code: '320213', name: '梁溪区', parentCode: null });
    const streetCodes = new Set<string>();
    for (const r of regions.filter((x) => x.properties.level === 'street')) {
      expect(r.properties.code).toMatch(/^320213\d{3}$/);
      expect(r.properties.parentCode).toBe('320213');
      streetCodes.add(r.properties.code);
    }
    const communities = regions.filter((x) => x.properties.level === 'community');
    for (const r of communities) {
      expect(r.properties.code).toMatch(/^\d{12}$/);
      expect(streetCodes.has(r.properties.parentCode ?? '')).toBe(true);
      expect(r.properties.code.startsWith(r.properties.parentCode ?? '-')).toBe(true);
      expect(r.properties.name).not.toMatch(/居委会$/);
    }
    expect(new Set(communities.map((c) => c.properties.code)).size).toBe(159);
    expect(communities.some((c) => c.properties.code === '320213027400')).toBe(true);
  });
});

describe('demo grids', () => {
  const communityCodes = new Set(regions.filter((r) => r.properties.level === 'community').map((r) => r.properties.code));

  it('has unique 15-digit codes that start with their community code, sorted', () => {
    const codes = grids.map((g) => g.properties.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(codes.slice().sort());
    for (const g of grids) {
      expect(g.properties.code).toMatch(/^\d{15}$/);
      expect(g.properties.code.startsWith(g.properties.communityCode)).toBe(true);
      expect(communityCodes.has(g.properties.communityCode)).toBe(true);
      expect(g.geometry.type).toBe('MultiPolygon');
    }
  });

  it('has 4–8 grids per community, numbered 001… without holes in the sequence', () => {
    const byCommunity = new Map<string, string[]>();
    for (const g of grids) byCommunity.set(g.properties.communityCode, [...(byCommunity.get(g.properties.communityCode) ?? []), g.properties.code]);
    expect(byCommunity.size).toBe(159);
    for (const [community, codes] of byCommunity) {
      expect(codes.length).toBeGreaterThanOrEqual(4);
      expect(codes.length).toBeLessThanOrEqual(8);
      expect(codes).toEqual(codes.map((_, i) => community + String(i + 1).padStart(3, '0')));
    }
  });

  it('has plausible households and population and fictitious leader phones', () => {
    for (const g of grids) {
      const { households, population } = g.properties;
      expect(households).toBeGreaterThanOrEqual(100);
      expect(households).toBeLessThanOrEqual(600);
      expect(population / households).toBeGreaterThanOrEqual(2.29);
      expect(population / households).toBeLessThanOrEqual(2.81);
      expect(g.properties.leaderName.length).toBeGreaterThanOrEqual(2);
      expect(g.properties.leaderPhone).toMatch(MOBILE);
    }
  });
});

describe('demo facilities', () => {
  it('has valid kinds, unique keys, a centre per street and stations for most communities', () => {
    expect(new Set(facilities.map((f) => f.properties.key)).size).toBe(facilities.length);
    for (const f of facilities) {
      expect(FACILITY_KINDS.has(f.properties.kind)).toBe(true);
      expect(f.geometry.type).toBe('Point');
      expect(f.properties.address).toMatch(/^无锡市梁溪区.+\d+号$/);
      expect(f.properties.openingHours).toMatch(/^(Mo|Tu|We|Th|Fr|Sa|Su)/);
      expect(f.properties.services.length).toBeGreaterThan(0);
      expect(typeof f.properties.public).toBe('boolean');
    }
    const count = (kind: string) => facilities.filter((f) => f.properties.kind === kind).length;
    expect(count('center')).toBe(9);
    expect(count('station')).toBeGreaterThanOrEqual(120);
    expect(count('station')).toBeLessThan(159);
  });

  it('uses fictitious landline numbers', () => {
    for (const f of facilities) expect(f.properties.phone).toMatch(LANDLINE);
  });
});

describe('demo party organisations and members', () => {
  const orgKeys = new Set(orgs.rows.map((r) => r[0]));
  const gridCodes = new Set(grids.map((g) => g.properties.code));

  it('forms a tree from street committees down to grid branches and groups', () => {
    expect(orgs.header).toEqual(['key', 'name', 'kind', 'parentKey', 'gridCode']);
    expect(orgKeys.size).toBe(orgs.rows.length);
    for (const [key, name, kind, parentKey, gridCode] of orgs.rows) {
      expect(key).toBeTruthy();
      expect(name).toBeTruthy();
      expect(ORG_KINDS.has(kind ?? '')).toBe(true);
      if (parentKey) expect(orgKeys.has(parentKey)).toBe(true);
      if (gridCode) expect(gridCodes.has(gridCode)).toBe(true);
    }
    expect(orgs.rows.filter((r) => !r[3])).toHaveLength(9);
    const gridsWithOrg = new Set(orgs.rows.map((r) => r[4]).filter(Boolean));
    // Some grids have no organisation on purpose (coverage gaps), but most do.
    expect(gridsWithOrg.size).toBeLessThan(grids.length);
    expect(gridsWithOrg.size / grids.length).toBeGreaterThan(0.85);
  });

  it('has about 30,000 members with valid fields and fictitious phones', () => {
    expect(members.header).toEqual(['name', 'status', 'orgKey', 'floating', 'lng', 'lat', 'phone']);
    expect(members.rows.length).toBeGreaterThanOrEqual(28_000);
    expect(members.rows.length).toBeLessThanOrEqual(32_000);
    // 30,000 rows: collect the bad ones instead of calling expect per field (much faster).
    const bad = members.rows.filter(([name, status, orgKey, floating, lng, lat, phone]) => {
      const x = Number(lng);
      const y = Number(lat);
      return !(
        (name ?? '').length >= 2 &&
        (status === 'formal' || status === 'probationary') &&
        orgKeys.has(orgKey ?? '') &&
        (floating === 'true' || floating === 'false') &&
        x > 120.2 && x < 120.4 && y > 31.5 && y < 31.7 &&
        MOBILE.test(phone ?? '')
      );
    });
    expect(bad.slice(0, 5)).toEqual([]);
    const formal = members.rows.filter((r) => r[1] === 'formal').length / members.rows.length;
    expect(formal).toBeGreaterThan(0.88);
    expect(formal).toBeLessThan(0.96);
  });
});
