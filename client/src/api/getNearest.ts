import { getJson, withQuery } from './http';
import type { FacilityKind } from './types';

/** Coordinate systems the public finder API accepts and answers in (GCJ-02 from Amap and Tencent, BD-09 from Baidu, stored as WGS84). */
export type Crs = 'wgs84' | 'gcj02' | 'bd09';

export interface NearestFacility {
  id: number | string;
  name: string;
  kind: FacilityKind;
  address: string | null;
  phone: string | null;
  openingHours: string | null;
  services: string[];
  /** In the system the request asked for. */
  location: { lng: number; lat: number; crs: Crs };
  locationWgs84: { lng: number; lat: number };
}

export interface NearestResult {
  facility: NearestFacility;
  /** Geodesic straight-line distance. */
  distanceMeters: number;
  /** An estimate: distance × detour factor ÷ walking speed, both stated in `walking`. */
  walkMinutes: number;
  /** Open at this minute (Asia/Shanghai); null when the opening hours are unknown or unreadable. */
  openNow: boolean | null;
}

export interface NearestResponse {
  origin: { lng: number; lat: number; crs: Crs; wgs84: { lng: number; lat: number } };
  walking: { speedMetersPerMinute: number; detourFactor: number };
  results: NearestResult[];
}

export interface NearestQuery {
  lng: number;
  lat: number;
  /** How many (the server clamps to 1…20; 5 when absent). */
  k?: number;
  kind?: readonly FacilityKind[];
  crs?: Crs;
}

/** The k nearest public facilities to a point, sorted by geodesic distance. */
export function getNearest(query: NearestQuery, signal?: AbortSignal): Promise<NearestResponse> {
  const url = withQuery('/api/nearest', {
    lng: query.lng.toFixed(6),
    lat: query.lat.toFixed(6),
    k: query.k,
    kind: query.kind,
    crs: query.crs,
  });
  return getJson<NearestResponse>(url, signal);
}
