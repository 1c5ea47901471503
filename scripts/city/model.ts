// The whole dataset before loading: the city (or, at province scale, the city and its synthetic
// copies), each with its districts' plans and what lives on their grids. Members are not kept:
// they are generated grid by grid while they are written.
import type { GeoDb } from '../demo/db.ts';
import { round7, type MultiPolygon, type Position } from '../demo/geometry.ts';
import type { Grid, Member, Region } from '../demo/model.ts';
import { PhoneBook } from '../demo/naming.ts';
import { Rng } from '../demo/prng.ts';
import { CITY_CODE, CITY_DISTRICTS, CITY_NAME } from './districts.ts';
import { CITY_MEMBER_TOTAL, districtPeople, gridMembers, populationOf, splitTotal, type DistrictPeople } from './people.ts';
import { cityDistrictOutlines, cityOutline, planDistrict, type DistrictPlan, type PlanOptions } from './plan.ts';

export const CITY_SEED = 'wangge-dangjian/3202/v1';

export type Scale = 'city' | 'province';

/**
 * Province scale: the city and nine synthetic copies of it (codes 3291–3299, which no real
 * prefecture of 江苏 has), shifted on a 0.7° × 0.6° lattice east and north of 无锡. Every code
 * is rewritten to the copy's prefix, and the copies' organisations, places and members are
 * generated anew from their own codes; only the shapes and grid attributes repeat.
 */
export const PROVINCE_COPIES = 10;

export interface CityRegion {
  code: string;
  name: string;
  level: 'city';
  geom: MultiPolygon;
}

export interface CityCopy {
  index: number;
  city: CityRegion;
  districts: { plan: DistrictPlan; people: DistrictPeople }[];
}

export interface CityModel {
  copies: CityCopy[];
  seed: string;
}

export interface CityOptions {
  scale?: Scale;
  seed?: string;
  /** Only these districts (codes); all five when absent. */
  districts?: readonly string[];
  /** Cut grids in these streets only (see PlanOptions.streets). */
  streets?: PlanOptions['streets'];
  /** Members in the city; CITY_MEMBER_TOTAL when absent (a sample passes its own). */
  memberTotal?: number;
  log?: (message: string) => void;
}

export interface CityRun {
  model: CityModel;
  rng: Rng;
  phones: PhoneBook;
}

export async function planCity(db: GeoDb, options: CityOptions = {}): Promise<CityRun> {
  const seed = options.seed ?? CITY_SEED;
  const rng = new Rng(seed);
  const phones = new PhoneBook(rng.fork('phones'));
  const sources = CITY_DISTRICTS.filter((d) => !options.districts || options.districts.includes(d.code));
  const outlines = await cityDistrictOutlines(db, sources);
  const plans: DistrictPlan[] = [];
  for (const source of sources) {
    const outline = outlines.get(source.code);
    plans.push(await planDistrict(db, source, rng.fork(`district/${source.code}`), phones, { streets: options.streets, outline, log: options.log }));
  }
  const outline = await cityOutline(db, plans.map((p) => p.district));
  const city: CityRegion = { code: CITY_CODE, name: CITY_NAME, level: 'city', geom: outline.geom };
  const totals = splitTotal(options.memberTotal ?? CITY_MEMBER_TOTAL, plans.map(populationOf));
  const copies: CityCopy[] = [];
  const count = options.scale === 'province' ? PROVINCE_COPIES : 1;
  for (let index = 0; index < count; index++) {
    const copyCity = index === 0 ? city : cloneCity(city, index);
    const copyPlans = index === 0 ? plans : plans.map((p) => cloneDistrict(p, index));
    copies.push({
      index,
      city: copyCity,
      districts: copyPlans.map((plan, i) => ({
        plan,
        people: districtPeople(plan, totals[i] ?? 0, rng.fork(`people/${plan.district.code}`), phones),
      })),
    });
  }
  return { model: { copies, seed }, rng, phones };
}

/** Members of a grid, as the loader writes them (deterministic: seeded by the grid's code). */
export function membersOfGrid(run: CityRun, people: DistrictPeople, grid: Grid): Member[] {
  const count = people.membersPerGrid.get(grid.code) ?? 0;
  const orgKey = people.memberOrgOfGrid.get(grid.code);
  if (!orgKey) throw new Error(`grid ${grid.code} has no org for its members`);
  return gridMembers(grid, count, orgKey, run.rng.fork('members'), run.phones);
}

// ---- province copies ------------------------------------------------------------------------

function copyCode(index: number): string {
  return `32${90 + index}`;
}

function offsetOf(index: number): Position {
  return [0.7 * (index % 5), 0.6 * Math.floor(index / 5)];
}

function shift(geom: MultiPolygon, [dx, dy]: Position): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: geom.coordinates.map((p) => p.map((r) => r.map(([x, y]) => [round7(x + dx), round7(y + dy)] as Position))),
  };
}

function shiftPoint([x, y]: Position, [dx, dy]: Position): Position {
  return [round7(x + dx), round7(y + dy)];
}

function cloneCity(city: CityRegion, index: number): CityRegion {
  return { code: copyCode(index), name: `${CITY_NAME}（合成副本${index}）`, level: 'city', geom: shift(city.geom, offsetOf(index)) };
}

const GENERIC_ROADS = ['中山路', '人民路', '解放路', '建设路', '学府路', '新华路', '健康路', '和平路'];

function cloneDistrict(plan: DistrictPlan, index: number): DistrictPlan {
  const prefix = copyCode(index);
  const offset = offsetOf(index);
  const recode = (code: string): string => prefix + code.slice(4);
  const region = (r: Region, name = r.name): Region => ({
    ...r,
    code: recode(r.code),
    name,
    parentCode: r.parentCode === null ? null : recode(r.parentCode),
    geom: shift(r.geom, offset),
    pointOnSurface: shiftPoint(r.pointOnSurface, offset),
  });
  const name = `${plan.source.name}（合成副本${index}）`;
  return {
    source: { ...plan.source, code: recode(plan.source.code), name, roads: plan.source.roads.length > 0 ? plan.source.roads : GENERIC_ROADS },
    district: region(plan.district, name),
    streets: plan.streets.map((s) => region(s)),
    communities: plan.communities.map((c) => region(c)),
    grids: plan.grids.map((g) => ({
      ...g,
      code: recode(g.code),
      communityCode: recode(g.communityCode),
      geom: shift(g.geom, offset),
      pointOnSurface: shiftPoint(g.pointOnSurface, offset),
    })),
    parkCommunities: new Set([...plan.parkCommunities].map(recode)),
    villageCommunities: new Set([...plan.villageCommunities].map(recode)),
    outlineDiffM2: plan.outlineDiffM2,
  };
}

export interface CitySizes {
  regions: number;
  grids: number;
  facilities: number;
  stations: number;
  partyOrgs: number;
  members: number;
}

export function sizesOf(model: CityModel): CitySizes {
  const sizes: CitySizes = { regions: 0, grids: 0, facilities: 0, stations: 0, partyOrgs: 0, members: 0 };
  for (const copy of model.copies) {
    sizes.regions += 1;
    for (const { plan, people } of copy.districts) {
      sizes.regions += 1 + plan.streets.length + plan.communities.length;
      sizes.grids += plan.grids.length;
      sizes.facilities += people.facilities.length;
      sizes.stations += people.facilities.filter((f) => f.kind === 'center' || f.kind === 'station').length;
      sizes.partyOrgs += people.orgs.length;
      for (const n of people.membersPerGrid.values()) sizes.members += n;
    }
  }
  return sizes;
}
