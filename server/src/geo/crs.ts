import gcoord from 'gcoord';
import { z } from 'zod';

import { CRS, type Crs } from '../contract/crs.ts';
import { numberParam } from '../http/query-params.ts';

export { CRS, type Crs };

const SYSTEMS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

export type LngLat = [number, number];

/** The stored system is WGS84; convert at the edge. gcoord mutates its input, so it gets a copy. */
export function toWgs84(point: LngLat, from: Crs): LngLat {
  if (from === 'wgs84') return [point[0], point[1]];
  return gcoord.transform([point[0], point[1]], SYSTEMS[from], gcoord.WGS84) as LngLat;
}

export function fromWgs84(point: LngLat, to: Crs): LngLat {
  if (to === 'wgs84') return [point[0], point[1]];
  const [lng, lat] = gcoord.transform([point[0], point[1]], gcoord.WGS84, SYSTEMS[to]) as LngLat;
  return [round7(lng), round7(lat)];
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** `lng`, `lat` and `crs` query parameters, checked at the HTTP edge. */
export const pointQuery = {
  lng: numberParam('lng', { min: -180, max: 180, message: 'lng must be within ±180' }),
  lat: numberParam('lat', { min: -90, max: 90, message: 'lat must be within ±90' }),
  crs: z.enum(CRS).default('wgs84'),
};
