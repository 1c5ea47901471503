import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJsonDirect } from '../http/json.ts';
import type { SharedRateLimit } from '../http/shared-rate-limit.ts';
import type { PublicFacilityIndex } from './public-facility-index.ts';
import { clampK, NEAREST_CACHE, NEAREST_K, nearestAnswer } from './routes.ts';

// The finder's one busy request, `/api/nearest?lng=…&lat=…[&k=…]` from an anonymous visitor,
// answered by Node's request listener before Express (as cached tiles are): under load Express's
// request set-up, its router and the query check cost more than finding the nearest stations in
// memory. Anything else — another parameter, a value the quick check does not accept, a cookie,
// a visitor over the rate limit, a proxy in front, a read replica — goes to Express, whose route
// answers the same body and writes the 400 or 429.

const PATH = '/api/nearest';
const NUMBER = /^-?\d{1,3}(\.\d{1,12})?$/;
const K = /^[1-9]\d?$/;

/** The query when it is the common case and plainly valid; undefined sends the request to Express. */
function quickQuery(search: string): { lng: number; lat: number; k: number } | undefined {
  const params = new URLSearchParams(search);
  let lng: number | undefined;
  let lat: number | undefined;
  let k: number | undefined;
  // A parameter given twice is left to the route, which refuses it.
  for (const [key, value] of params) {
    if (key === 'lng' && lng === undefined && NUMBER.test(value)) lng = Number(value);
    else if (key === 'lat' && lat === undefined && NUMBER.test(value)) lat = Number(value);
    else if (key === 'k' && k === undefined && K.test(value)) k = clampK(Number(value));
    else return undefined;
  }
  if (lng === undefined || lat === undefined || Math.abs(lng) > 180 || Math.abs(lat) > 90) return undefined;
  return { lng, lat, k: k ?? NEAREST_K.default };
}

export interface NearestFastPath {
  facilities: PublicFacilityIndex;
  limit: SharedRateLimit;
  /** Express, for what the fast path leaves (also after a failure, before anything was written). */
  fallback: (req: IncomingMessage, res: ServerResponse) => void;
}

/** True when the request was taken here; false leaves it to the caller (Express). */
export function serveNearestFast({ facilities, limit, fallback }: NearestFastPath, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || !req.url?.startsWith(PATH) || req.headers.cookie) return false;
  const rest = req.url.slice(PATH.length);
  if (rest !== '' && rest[0] !== '?') return false;
  const q = quickQuery(rest.slice(1));
  if (!q || !limit.hit(req.socket.remoteAddress ?? 'unknown').ok) return false;
  nearestAnswer(facilities, { ...q, crs: 'wgs84' }).then(
    (answer) => sendJsonDirect(res, answer, NEAREST_CACHE, { 'X-Content-Type-Options': 'nosniff' }),
    () => fallback(req, res),
  );
  return true;
}
