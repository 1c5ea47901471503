// Service places: a 党群服务中心 per street, a 党群服务站 in most communities, and a scattering
// of 党员之家, 党代表工作室 and 志愿服务点. Each is a point inside the community it serves.
import type { Position } from './geometry.ts';
import { pointNear } from './members.ts';
import type { Facility, FacilityKind, Region } from './model.ts';
import { address, type PhoneBook } from './naming.ts';
import type { Rng } from './prng.ts';

export const STATION_SHARE = 0.85;
const PARTY_HOMES = 20;
const REP_STUDIOS = 10;
const VOLUNTEER_POINTS = 6;
const NON_PUBLIC_PARTY_HOMES = 4;
const NON_PUBLIC_REP_STUDIOS = 2;

/** At least ~1 m from any border, so the point clearly belongs to one community. */
export const MARGIN_DEG = 1e-5;

export const SERVICES_BY_KIND: Record<FacilityKind, { always: string[]; optional: string[] }> = {
  center: { always: ['党员教育', '组织关系转接', '便民服务', '政策咨询'], optional: ['志愿服务', '老年关爱', '法律援助', '就业帮扶'] },
  station: { always: ['便民服务', '党员教育'], optional: ['志愿服务', '政策咨询', '老年关爱', '法律援助', '组织关系转接'] },
  party_home: { always: ['党员教育'], optional: ['志愿服务', '老年关爱', '组织关系转接'] },
  rep_studio: { always: ['代表接待', '政策咨询'], optional: ['法律援助', '便民服务'] },
  volunteer_point: { always: ['志愿服务'], optional: ['老年关爱', '便民服务'] },
};

/** OSM opening_hours values; centres also open at weekends. */
export const HOURS_BY_KIND: Record<FacilityKind, readonly string[]> = {
  center: ['Mo-Fr 08:30-17:30; Sa,Su 09:00-16:00', 'Mo-Su 08:30-17:30', 'Mo-Fr 08:30-17:00; Sa,Su 09:00-12:00,13:30-16:30'],
  station: ['Mo-Fr 08:30-17:00; Sa 09:00-12:00', 'Mo-Fr 08:30-11:30,13:30-17:30', 'Mo-Sa 08:30-17:00', 'Mo-Fr 08:30-17:30; Sa 09:00-12:00'],
  party_home: ['Mo-Fr 09:00-17:00', 'Tu,Th 14:00-17:00; Sa 09:00-11:30', 'Mo-Fr 08:30-11:30'],
  rep_studio: ['We 09:00-11:30,14:00-17:00', 'Mo,Th 14:00-17:00', 'Tu 09:00-11:30; Fr 14:00-17:00'],
  volunteer_point: ['Sa,Su 09:00-16:00', 'Mo-Su 08:00-20:00', 'Mo-Fr 17:00-20:00; Sa,Su 09:00-17:00'],
};

export const ORDER: readonly FacilityKind[] = ['center', 'station', 'party_home', 'rep_studio', 'volunteer_point'];

export function services(kind: FacilityKind, rng: Rng): string[] {
  const { always, optional } = SERVICES_BY_KIND[kind];
  const chosen = new Set(rng.sample(optional, rng.int(1, optional.length)));
  return [...always, ...optional.filter((s) => chosen.has(s))];
}

function distance2([ax, ay]: Position, [bx, by]: Position): number {
  return (ax - bx) ** 2 + (ay - by) ** 2;
}

export function generateFacilities(
  streets: readonly Region[],
  communities: readonly Region[],
  rng: Rng,
  phones: PhoneBook,
): Facility[] {
  const drafts: Omit<Facility, 'key'>[] = [];
  const make = (kind: FacilityKind, name: string, host: Region, streetCode: string, spreadM: number, r: Rng): Omit<Facility, 'key'> => ({
    name,
    kind,
    address: address(r, streetCode, host.level === 'community' ? host.name : undefined),
    phone: phones.landline(),
    openingHours: r.pick(HOURS_BY_KIND[kind]),
    services: services(kind, r),
    public: true,
    at: pointNear(host.pointOnSurface, spreadM, host.geom, r, MARGIN_DEG),
  });

  for (const street of streets) {
    const r = rng.fork(`center/${street.code}`);
    // The centre sits in the community nearest the middle of the street.
    const host = communities
      .filter((c) => c.parentCode === street.code)
      .reduce((best, c) => (distance2(c.pointOnSurface, street.pointOnSurface) < distance2(best.pointOnSurface, street.pointOnSurface) ? c : best));
    drafts.push(make('center', `${street.name}党群服务中心`, host, street.code, 80, r));
  }

  const stationRng = rng.fork('stations');
  const withoutStation = new Set(stationRng.sample(communities.map((c) => c.code), Math.round(communities.length * (1 - STATION_SHARE))));
  for (const community of communities) {
    if (withoutStation.has(community.code)) continue;
    const r = rng.fork(`station/${community.code}`);
    drafts.push(make('station', `${community.name}党群服务站`, community, community.parentCode ?? '', 120, r));
  }

  const extras: [FacilityKind, number, string, number][] = [
    ['party_home', PARTY_HOMES, '党员之家', NON_PUBLIC_PARTY_HOMES],
    ['rep_studio', REP_STUDIOS, '党代表工作室', NON_PUBLIC_REP_STUDIOS],
    ['volunteer_point', VOLUNTEER_POINTS, '志愿服务点', 0],
  ];
  for (const [kind, count, suffix, nonPublic] of extras) {
    const kindRng = rng.fork(kind);
    const hosts = kindRng.sample(communities, count);
    const hidden = new Set(kindRng.sample(hosts.map((h) => h.code), nonPublic));
    for (const host of hosts) {
      const r = rng.fork(`${kind}/${host.code}`);
      const draft = make(kind, `${host.name}${suffix}`, host, host.parentCode ?? '', 250, r);
      // Some members' homes and representatives' studios are for members only.
      draft.public = !hidden.has(host.code);
      drafts.push(draft);
    }
  }

  return drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => ORDER.indexOf(a.d.kind) - ORDER.indexOf(b.d.kind) || a.i - b.i)
    .map(({ d }, i) => ({ key: `F${String(i + 1).padStart(4, '0')}`, ...d }));
}
