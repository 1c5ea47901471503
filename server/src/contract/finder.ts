// The public finder (找服务站): nearest stations, the grid at a point, and search by name or
// code (GET /api/nearest, /api/locate, /api/search). Part of the contract: no server dependencies.
import type { Crs } from './crs.ts';
import type { FacilityKind } from './places.ts';

/** The point asked about, as given and in WGS84. */
export interface Origin {
  lng: number;
  lat: number;
  crs: Crs;
  wgs84: { lng: number; lat: number };
}

export interface NearestFacility {
  id: number;
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

/** GET /api/nearest: the k nearest public facilities, by geodesic distance. */
export interface NearestResponse {
  origin: Origin;
  walking: { speedMetersPerMinute: number; detourFactor: number };
  results: NearestResult[];
}

export interface LocatedGrid {
  id: number;
  code: string;
  name: string;
  leaderName: string | null;
  leaderPhone: string | null;
  households: number | null;
  population: number | null;
}

/** GET /api/locate: the grid, community, street and district containing a point (404 OUTSIDE_SERVICE_AREA outside every grid). */
export interface LocateResponse {
  origin: Origin;
  grid: LocatedGrid;
  /** The grid's Party organisation ("党组织建在网格上"); null when none is recorded. */
  branch: { id: number; name: string; kind: string } | null;
  community: { code: string; name: string };
  street: { code: string; name: string };
  district: { code: string; name: string };
}

export type SearchResultType = 'facility' | 'street' | 'community' | 'grid';

export interface SearchResult {
  type: SearchResultType;
  /** Facility or grid id; the region code for streets and communities. */
  id: string;
  code: string | null;
  name: string;
  /** Where it is: a facility's address, a region's parent, a grid's community. */
  context: string;
  /** A point on it, in the requested system. */
  location: { lng: number; lat: number; crs: Crs };
}

/** GET /api/search: stations, streets, communities and grids by part of a name or the start of a code. */
export interface SearchResponse {
  q: string;
  results: SearchResult[];
}
