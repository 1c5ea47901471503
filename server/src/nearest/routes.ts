import { Router } from 'express';
import { z } from 'zod';
import type { LocateResponse, NearestResponse, NearestResult, OpenStateResponse, Origin } from '../contract/finder.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { FACILITY_KINDS } from '../facilities/facility-input.ts';
import { fromWgs84, pointQuery, toWgs84, type Crs } from '../geo/crs.ts';
import { HttpError } from '../http/errors.ts';
import { sendJsonDirect } from '../http/json.ts';
import { listParam, wholeNumberParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';
import { openNow, openState } from './open-now.ts';
import type { PublicFacilityIndex } from './public-facility-index.ts';

const LOCATE = sqlFile(import.meta.url, 'locate-point.sql');

/** Straight-line distance × detour factor ÷ walking speed: an estimate, stated in every answer. */
export const WALKING = { speedMetersPerMinute: 80, detourFactor: 1.3 } as const;

/** How many stations an answer lists: from 1; above the maximum the maximum (asking for 50 gets the 20 nearest). */
export const NEAREST_K = { default: 5, max: 20 } as const;
export const clampK = (k: number): number => Math.min(Math.max(k, 1), NEAREST_K.max);

const nearestQuery = z.object({
  ...pointQuery,
  k: wholeNumberParam('k', { min: 1 }).default(NEAREST_K.default).transform(clampK),
  kind: listParam(FACILITY_KINDS).optional(),
});
const locateQuery = z.object(pointQuery);
/** The cards on screen at once: a popup, a page, the finder's list of at most 20. */
const MAX_OPEN_STATE_IDS = 50;
const openStateQuery = z.object({
  ids: z
    .string({ message: 'ids is required (ids=1,2,3)' })
    .transform((text) => text.split(',').filter((part) => part !== ''))
    .pipe(z.array(z.string().regex(/^\d{1,9}$/, 'ids must be positive whole numbers').transform(Number)).min(1, 'ids is required (ids=1,2,3)').max(MAX_OPEN_STATE_IDS, `at most ${MAX_OPEN_STATE_IDS} ids`)),
});

function origin(lng: number, lat: number, crs: Crs): Origin {
  const [wLng, wLat] = toWgs84([lng, lat], crs);
  return { lng, lat, crs, wgs84: { lng: wLng, lat: wLat } };
}

/** Answers are the same for everyone for a minute (open-now changes by the minute). */
export const NEAREST_CACHE = 'public, max-age=60';

/** The k nearest public stations of `kind` to a point given in `crs`, as /api/nearest answers. */
export async function nearestAnswer(
  facilities: PublicFacilityIndex,
  q: { lng: number; lat: number; crs: Crs; k: number; kind?: readonly string[] | undefined },
): Promise<NearestResponse> {
  const o = origin(q.lng, q.lat, q.crs);
  const rows = await facilities.nearest(o.wgs84.lng, o.wgs84.lat, q.k, q.kind ?? null);
  const now = new Date();
  const results = rows.map((r): NearestResult => {
    const [lng, lat] = fromWgs84([r.lng, r.lat], q.crs);
    const distanceMeters = Math.round(r.distanceMeters * 10) / 10;
    return {
      facility: {
        id: r.id, name: r.name, kind: r.kind, address: r.address, phone: r.phone,
        openingHours: r.openingHours, services: r.services,
        location: { lng, lat, crs: q.crs },
        locationWgs84: { lng: r.lng, lat: r.lat },
      },
      distanceMeters,
      walkMinutes: Math.max(1, Math.ceil((distanceMeters * WALKING.detourFactor) / WALKING.speedMetersPerMinute)),
      openNow: openNow(r.openingHours, now),
      ...(openState(r.openingHours, now) ?? { openState: null, closesAt: null }),
    };
  });
  return { origin: o, walking: WALKING, results };
}

/** 找服务站: public, cacheable for a minute. */
export function nearestRoutes(db: Database, facilities: PublicFacilityIndex): Router {
  const router = Router();

  router.get('/api/nearest', async (req, res) => {
    const q = parseOr400(nearestQuery, req.query);
    sendJsonDirect(res, await nearestAnswer(facilities, q), NEAREST_CACHE);
  });

  // A station's card on the map or its own page: whether it is open, without asking for the nearest.
  router.get('/api/nearest/open-state', async (req, res) => {
    const { ids } = parseOr400(openStateQuery, req.query);
    const now = new Date();
    const found = await facilities.byIds(ids);
    const answer: OpenStateResponse = {
      facilities: found.map((f) => ({ id: f.id, ...(openState(f.openingHours, now) ?? { openState: null, closesAt: null }) })),
    };
    sendJsonDirect(res, answer, NEAREST_CACHE);
  });

  router.get('/api/locate', async (req, res) => {
    const q = parseOr400(locateQuery, req.query);
    const o = origin(q.lng, q.lat, q.crs);
    const [row] = await db.query<{ located: Omit<LocateResponse, 'origin'> }>(LOCATE, [o.wgs84.lng, o.wgs84.lat]);
    if (!row) {
      throw new HttpError(404, 'OUTSIDE_SERVICE_AREA', '该位置不在本平台服务范围内（不在任何网格内）(the point is outside the service area: no grid contains it)', {
        origin: o,
      });
    }
    res.set('Cache-Control', 'public, max-age=300').json({ origin: o, ...row.located } satisfies LocateResponse);
  });

  return router;
}
