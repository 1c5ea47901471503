// What lives on the grids of one district: Party organisations (the demo's rules), service places
// (a centre per street, a station in most communities and in about half the grids, a scattering
// of the demo's other kinds) and members, generated grid by grid so a loader can stream them.
import { HOURS_BY_KIND, MARGIN_DEG, ORDER, services } from '../demo/facilities.ts';
import { pointInMultiPolygon, type Position } from '../demo/geometry.ts';
import { allocateMembers, generateMembers, pointNear } from '../demo/members.ts';
import type { Facility, FacilityKind, Grid, Member, PartyOrg, Region } from '../demo/model.ts';
import { address, type PhoneBook } from '../demo/naming.ts';
import { buildOrgs } from '../demo/orgs.ts';
import type { Rng } from '../demo/prng.ts';
import { CITY_NAME } from './districts.ts';
import type { DistrictPlan } from './plan.ts';

/** Members in the city: about 12 % of the generated population (an old, urban population). */
export const CITY_MEMBER_TOTAL = 520_000;
/** Share of grids with a 党群服务站 of their own (网格党群服务站), chosen by population. */
export const GRID_STATION_SHARE = 0.46;
const COMMUNITY_STATION_SHARE = 0.85;
/** Per community, from the demo's 20/10/6 for 159 communities. */
const EXTRAS: readonly [FacilityKind, number, string, number][] = [
  ['party_home', 20 / 159, '党员之家', 0.2],
  ['rep_studio', 10 / 159, '党代表工作室', 0.2],
  ['volunteer_point', 6 / 159, '志愿服务点', 0],
];

export interface CityFacility extends Facility {
  gridCode: string;
}

export interface DistrictPeople {
  orgs: PartyOrg[];
  memberOrgOfGrid: Map<string, string>;
  membersPerGrid: Map<string, number>;
  facilities: CityFacility[];
}

/** Splits a total over parts in proportion to their weights (largest remainder, ties by index). */
export function splitTotal(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((t, w) => t + w, 0);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * total : 0));
  const out = exact.map(Math.floor);
  let left = total - out.reduce((t, n) => t + n, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

export function populationOf(plan: DistrictPlan): number {
  return plan.grids.reduce((t, g) => t + g.population, 0);
}

export function districtPeople(plan: DistrictPlan, memberTotal: number, rng: Rng, phones: PhoneBook): DistrictPeople {
  const membersPerGrid = allocateMembers(plan.grids, memberTotal, rng.fork('member-allocation'));
  const { orgs, memberOrgOfGrid } = buildOrgs(plan.streets, plan.communities, plan.grids, membersPerGrid, rng.fork('orgs'));
  // A town's Party body is a committee (镇党委), a sub-district's a working committee (街道党工委).
  for (const org of orgs) {
    if (org.parentKey === null && org.name.endsWith('镇党工委')) org.name = `${org.name.slice(0, -'党工委'.length)}党委`;
  }
  const facilities = districtFacilities(plan, rng.fork('facilities'), phones);
  return { orgs, memberOrgOfGrid, membersPerGrid, facilities };
}

/** Members of one grid (the demo's generator: estates inside the grid, homes strictly inside it). */
export function gridMembers(grid: Grid, count: number, orgKey: string, rng: Rng, phones: PhoneBook): Member[] {
  return generateMembers([grid], new Map([[grid.code, count]]), new Map([[grid.code, orgKey]]), rng, phones);
}

function distance2([ax, ay]: Position, [bx, by]: Position): number {
  return (ax - bx) ** 2 + (ay - by) ** 2;
}

/** Weighted sample of k items without replacement (Efraimidis–Spirakis keys), in input order. */
function weightedSample<T>(items: readonly T[], weight: (t: T) => number, k: number, rng: Rng): T[] {
  const keyed = items.map((item, i) => ({ i, key: Math.log(1 - rng.next()) / Math.max(weight(item), 1e-9) }));
  const chosen = new Set(keyed.sort((a, b) => b.key - a.key || a.i - b.i).slice(0, k).map((x) => x.i));
  return items.filter((_, i) => chosen.has(i));
}

function cityAddress(rng: Rng, plan: DistrictPlan, streetCode: string, communityName: string): string {
  if (plan.source.roads.length === 0) return address(rng, streetCode, communityName);
  const ownRoad = /^(.+?[路街巷弄])社区$/.exec(communityName)?.[1];
  const road = ownRoad && rng.chance(0.7) ? ownRoad : rng.pick(plan.source.roads);
  return `${CITY_NAME}${plan.source.name}${road}${rng.int(1, 388)}号`;
}

export function districtFacilities(plan: DistrictPlan, rng: Rng, phones: PhoneBook): CityFacility[] {
  const gridsOf = new Map<string, Grid[]>();
  for (const g of plan.grids) gridsOf.set(g.communityCode, [...(gridsOf.get(g.communityCode) ?? []), g]);
  /** The grid at the community's inner point: where its own places go. */
  const mainGrid = (community: Region): Grid => {
    const mine = gridsOf.get(community.code) ?? [];
    const found = mine.find((g) => pointInMultiPolygon(community.pointOnSurface, g.geom.coordinates)) ?? mine[0];
    if (!found) throw new Error(`community ${community.code} has no grids`);
    return found;
  };
  const streetOf = (community: Region): string => community.parentCode ?? '';
  const drafts: Omit<CityFacility, 'key'>[] = [];
  const make = (kind: FacilityKind, name: string, community: Region, grid: Grid, spreadM: number, r: Rng): Omit<CityFacility, 'key'> => ({
    name,
    kind,
    address: cityAddress(r, plan, streetOf(community), community.name),
    phone: phones.landline(),
    openingHours: r.pick(HOURS_BY_KIND[kind]),
    services: services(kind, r),
    public: true,
    at: pointNear(grid.pointOnSurface, spreadM, grid.geom, r, MARGIN_DEG),
    gridCode: grid.code,
  });

  for (const street of plan.streets) {
    const host = plan.communities
      .filter((c) => c.parentCode === street.code)
      .reduce((best, c) => (distance2(c.pointOnSurface, street.pointOnSurface) < distance2(best.pointOnSurface, street.pointOnSurface) ? c : best));
    drafts.push(make('center', `${street.name}党群服务中心`, host, mainGrid(host), 80, rng.fork(`center/${street.code}`)));
  }

  const stationRng = rng.fork('stations');
  const communityCodes = plan.communities.map((c) => c.code);
  const withoutStation = new Set(stationRng.sample(communityCodes, Math.round(communityCodes.length * (1 - COMMUNITY_STATION_SHARE))));
  for (const community of plan.communities) {
    if (withoutStation.has(community.code)) continue;
    drafts.push(make('station', `${community.name}党群服务站`, community, mainGrid(community), 120, rng.fork(`station/${community.code}`)));
  }

  const communityByCode = new Map(plan.communities.map((c) => [c.code, c]));
  const gridStations = weightedSample(plan.grids, (g) => g.population, Math.round(plan.grids.length * GRID_STATION_SHARE), rng.fork('grid-stations'));
  for (const grid of gridStations) {
    const community = communityByCode.get(grid.communityCode);
    if (!community) throw new Error(`grid ${grid.code} has no community`);
    const sequence = Number(grid.code.slice(12));
    drafts.push(make('station', `${community.name}第${sequence}网格党群服务站`, community, grid, 60, rng.fork(`grid-station/${grid.code}`)));
  }

  for (const [kind, perCommunity, suffix, hiddenShare] of EXTRAS) {
    const kindRng = rng.fork(kind);
    const hosts = kindRng.sample(plan.communities, Math.max(1, Math.round(plan.communities.length * perCommunity)));
    const hidden = new Set(kindRng.sample(hosts.map((h) => h.code), Math.round(hosts.length * hiddenShare)));
    for (const host of hosts) {
      const draft = make(kind, `${host.name}${suffix}`, host, mainGrid(host), 250, rng.fork(`${kind}/${host.code}`));
      draft.public = !hidden.has(host.code);
      drafts.push(draft);
    }
  }

  return drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => ORDER.indexOf(a.d.kind) - ORDER.indexOf(b.d.kind) || a.i - b.i)
    .map(({ d }, i) => ({ key: `F${plan.district.code}${String(i + 1).padStart(5, '0')}`, ...d }));
}
