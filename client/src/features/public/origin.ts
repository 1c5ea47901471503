/** Where the resident is, or says they are: WGS84, like the map and the API's default. */
export interface Origin {
  lng: number;
  lat: number;
  source: 'gps' | 'map' | 'search';
  /** What was searched for, when the origin came from the search box. */
  label?: string;
  /** The browser's accuracy radius in metres, for a GPS origin. */
  accuracy?: number;
  /** The facility chosen in the search box, selected on the map instead of fitting the results. */
  facilityId?: string;
}

const STATION_PATH = /^\/station\/([^/]+)$/;

/** The station id of a `/station/:id` path, or null for the finder itself. */
export function stationIdFromPath(pathname: string): string | null {
  const match = STATION_PATH.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
