// The public finder (找服务站): nearest stations and whether they are open, the grid at a point,
// search by name, address or code, and the app's public settings (GET /api/nearest,
// /api/nearest/open-state, /api/locate, /api/search, /api/app-config). Part of the contract: no
// server dependencies.
import type { Crs } from './crs.ts';
import type { FacilityAttributes } from './places.ts';

/** The point asked about, as given and in WGS84. */
export interface Origin {
  lng: number;
  lat: number;
  crs: Crs;
  wgs84: { lng: number; lat: number };
}

export interface NearestFacility extends FacilityAttributes {
  id: number;
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
  /** The same, with "closing within CLOSING_SOON_MINUTES" told apart; null when unknown. */
  openState: OpenState | null;
  /** When an open facility next closes, as Shanghai wall time "HH:MM" (only while open, within a day). */
  closesAt: string | null;
}

/** 开放中, 即将关闭 (closing within CLOSING_SOON_MINUTES), 已关闭. */
export type OpenState = 'open' | 'closingSoon' | 'closed';

/** An open facility closing within this many minutes is 即将关闭. */
export const CLOSING_SOON_MINUTES = 30;

/** GET /api/nearest/open-state?ids=1,2: whether public facilities are open now (ids not public are left out). */
export interface OpenStateResponse {
  facilities: { id: number; openState: OpenState | null; closesAt: string | null }[];
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

/** GET /api/search: stations, streets, communities and grids by part of a name (or its pinyin, full or initials) or the start of a code. */
export interface SearchResponse {
  q: string;
  results: SearchResult[];
}

/** GET /api/app-config: what the browser app needs to know of the server's settings. */
export interface AppConfigResponse {
  /** PUBLIC_URL without a trailing slash: the address shared links and QR codes use; null when not set. */
  publicUrl: string | null;
}
