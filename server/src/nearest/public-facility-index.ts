import geographiclib from 'geographiclib-geodesic';
import { around, distance as greatCircleKm } from 'geokdbush';
import KDBush from 'kdbush';
import type { NearestFacility as FinderFacility } from '../contract/finder.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';

// A CommonJS bundle: Node's ESM loader sees only its default export.
const { Geodesic } = geographiclib;

const PUBLIC_FACILITIES = sqlFile(import.meta.url, 'public-facilities.sql');

/** A public station as the index holds it: the finder's answer (contract) before distance and the asked-for system. */
export type PublicFacility = Omit<FinderFacility, 'location' | 'locationWgs84'> & { lng: number; lat: number };

export interface NearestFacility extends PublicFacility {
  /** Geodesic distance on the WGS84 ellipsoid (as PostGIS geography's ST_Distance). */
  distanceMeters: number;
}

/** What the index needs from the tile change log: a read when one is due, and word of changes. */
export interface FacilityChanges {
  /** Resolves once a read of the change log is no longer due (after this process's own writes). */
  catchUp(): Promise<void>;
  /** Calls back whenever public facilities may have changed (and when the log was not followed). */
  onFacilitiesChanged(listener: () => void): void;
}

interface Snapshot {
  facilities: PublicFacility[];
  index: KDBush;
  byId: ReadonlyMap<number, PublicFacility>;
}

/**
 * The public facilities (a few thousand per city) in memory with a spherical KNN index, so the
 * public finder answers without a query. Candidates come by great-circle distance on a sphere of
 * 6371 km; the exact WGS84 geodesic distance ranks them. On the ellipsoid a great-circle
 * kilometre is between 0.994 and 1.005 geodesic kilometres, so once the k-th ranked candidate is
 * nearer than 0.99 × the great-circle distance of the farthest candidate, nothing left out can be
 * nearer; otherwise every facility within that bound is ranked.
 *
 * It follows the facility layer of the tile change log (migration 006, with every field shown
 * here since 009): it is dropped when facilities change, by any process, and read again on the
 * next request.
 */
export class PublicFacilityIndex {
  private snapshot: Promise<Snapshot> | undefined;
  private generation = 0;

  constructor(
    private readonly db: Database,
    private readonly changes: FacilityChanges,
  ) {
    changes.onFacilitiesChanged(() => {
      this.generation++;
      this.snapshot = undefined;
    });
  }

  /** The k nearest public facilities (of the given kinds) by geodesic distance, nearest first, ties by id. */
  async nearest(lng: number, lat: number, k: number, kinds: readonly string[] | null): Promise<NearestFacility[]> {
    await this.changes.catchUp();
    const { facilities, index } = await this.current();
    const wanted = kinds ? new Set(kinds) : null;
    const accept = wanted ? (i: number) => wanted.has(facilities[i]!.kind) : undefined;
    const m = k * 2 + 10;
    const candidates = around(index, lng, lat, m, Infinity, accept);
    const first = closest(facilities, candidates, lng, lat, k, candidates.length === m);
    if (first.certain) return first.ranked;
    // Sparse or far-off places: every facility the k-th one's distance could still miss.
    const reachKm = first.ranked.length === k ? first.ranked[k - 1]!.distanceMeters / 1000 / SPHERE_MIN : Infinity;
    return closest(facilities, around(index, lng, lat, Infinity, reachKm * 1.000001, accept), lng, lat, k, false).ranked;
  }

  /** The public facilities among `ids` (others, and ids not public, are left out), in the order asked. */
  async byIds(ids: readonly number[]): Promise<PublicFacility[]> {
    await this.changes.catchUp();
    const { byId } = await this.current();
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  private current(): Promise<Snapshot> {
    if (this.snapshot) return this.snapshot;
    const generation = this.generation;
    const loading = this.load();
    this.snapshot = loading;
    loading.catch(() => {
      // A failed read is not kept: the next request tries again.
      if (this.snapshot === loading) this.snapshot = undefined;
    });
    // A change noticed while reading drops this snapshot (callers already waiting still get it).
    void loading.then(() => {
      if (this.generation !== generation && this.snapshot === loading) this.snapshot = undefined;
    }, () => undefined);
    return loading;
  }

  private async load(): Promise<Snapshot> {
    const facilities = await this.db.query<PublicFacility>(PUBLIC_FACILITIES);
    const index = new KDBush(Math.max(1, facilities.length));
    for (const f of facilities) index.add(f.lng, f.lat);
    if (facilities.length === 0) index.add(0, 0); // kdbush needs a point; never returned (no facility 0)
    index.finish();
    return { facilities, index, byId: new Map(facilities.map((f) => [f.id, f])) };
  }
}

/** A great-circle kilometre (sphere of 6371 km) is at least this many geodesic ones on WGS84 (0.994, with margin). */
const SPHERE_MIN = 0.99;

/**
 * The k nearest of candidates given nearest first by great-circle distance: exact geodesic
 * distances are computed in that order until the next candidate cannot beat the k-th found.
 * `certain` is false when facilities beyond the candidates (`more`) could still be nearer.
 */
function closest(
  facilities: PublicFacility[],
  ids: number[],
  lng: number,
  lat: number,
  k: number,
  more: boolean,
): { ranked: NearestFacility[]; certain: boolean } {
  const ranked: NearestFacility[] = [];
  for (const i of ids) {
    const f = facilities[i];
    if (!f) continue;
    if (ranked.length >= k && greatCircleKm(lng, lat, f.lng, f.lat) * 1000 * SPHERE_MIN > ranked[k - 1]!.distanceMeters) {
      return { ranked: ranked.slice(0, k), certain: true };
    }
    const candidate = { ...f, distanceMeters: Geodesic.WGS84.Inverse(lat, lng, f.lat, f.lng, Geodesic.DISTANCE).s12! };
    let at = ranked.length;
    while (at > 0 && (ranked[at - 1]!.distanceMeters > candidate.distanceMeters || (ranked[at - 1]!.distanceMeters === candidate.distanceMeters && ranked[at - 1]!.id > candidate.id))) at--;
    ranked.splice(at, 0, candidate);
  }
  return { ranked: ranked.slice(0, k), certain: !more };
}
