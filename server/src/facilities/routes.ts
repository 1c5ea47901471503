import { Router, type Request } from 'express';
import { z } from 'zod';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import type { SessionUser } from '../auth/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { FacilityFeature, FacilityPage } from '../contract/places.ts';
import type { Database, Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { sendCollection, sendJsonText, type JsonText } from '../http/json.ts';
import { offsetParam } from '../http/paging.ts';
import { bboxArgs, bboxParam, idParam, listParam, regionCode, wholeNumberParam } from '../http/query-params.ts';
import { parseBodyOr400, parseOr400 } from '../http/validate.ts';
import { FACILITY_KINDS, facilityFeature, type FacilityInput } from './facility-input.ts';

const LIST_FACILITIES = sqlFile(import.meta.url, 'list-facilities.sql');
const GET_FACILITY = sqlFile(import.meta.url, 'get-facility.sql');
const COMMUNITY_AT_POINT = sqlFile(import.meta.url, 'community-at-point.sql');
const FACILITY_COMMUNITY = sqlFile(import.meta.url, 'facility-community.sql');
const SAVE_FACILITY = sqlFile(import.meta.url, 'save-facility.sql');
const DELETE_FACILITY = sqlFile(import.meta.url, 'delete-facility.sql');

/** The most facilities one anonymous request gets: a page of the list or of a map view, never the whole table. */
export const PUBLIC_LIST_LIMIT = 200;
/** What a page may ask for at most (signed-in staff may omit `limit` for every facility of a region). */
const MAX_LIST_LIMIT = 1000;

const listQuery = z.object({
  bbox: bboxParam.optional(),
  kind: listParam(FACILITY_KINDS).optional(),
  limit: wholeNumberParam('limit', { min: 1 }).optional(),
  offset: offsetParam,
  region: regionCode('region').optional(),
});
const itemParams = z.object({ id: idParam });

export function facilityRoutes(db: Database): Router {
  const router = Router();

  // Signed-in staff also see non-public facilities; the public never does. A page at a time:
  // with a box, those nearest its centre; without, by id. `total` says how many match in all
  // and `truncated` whether this page left some out. The public gets at most
  // PUBLIC_LIST_LIMIT a request; staff get every one of a region when they ask for no limit.
  router.get('/api/facilities', async (req, res) => {
    const { bbox, kind, limit, offset, region } = parseOr400(listQuery, req.query);
    const staff = req.user !== undefined;
    const pageSize = staff
      ? limit === undefined ? null : Math.min(limit, MAX_LIST_LIMIT)
      : Math.min(limit ?? PUBLIC_LIST_LIMIT, PUBLIC_LIST_LIMIT);
    sendCollection(
      res,
      await db.query<{ fc: JsonText<FacilityPage> }>(LIST_FACILITIES, [...bboxArgs(bbox), kind ?? null, staff, pageSize, offset, region ?? null]),
    );
  });

  router.get('/api/facilities/:id', async (req, res) => {
    const { id } = parseOr400(itemParams, req.params);
    const [row] = await db.query<{ feature: JsonText<FacilityFeature> }>(GET_FACILITY, [id, req.user !== undefined]);
    if (!row) throw new HttpError(404, 'FACILITY_NOT_FOUND', `No facility with id ${id}`);
    sendJsonText(res, row.feature);
  });

  router.post('/api/facilities', async (req, res) => {
    const user = requireRole(req.user, 'planner', 'admin');
    const input = parseBodyOr400(facilityFeature, req.body);
    await requirePointInScope(db, user, input);
    const id = await db.transaction(async (tx) => {
      const newId = await save(tx, null, input);
      await audit(tx, req, user, 'facility.create', newId, { name: input.properties.name, kind: input.properties.kind });
      return newId;
    });
    const [row] = await db.query<{ feature: JsonText<FacilityFeature> }>(GET_FACILITY, [id, true]);
    sendJsonText(res, row!.feature, 201);
  });

  router.put('/api/facilities/:id', async (req, res) => {
    const user = requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    const input = parseBodyOr400(facilityFeature, req.body);
    await requireFacilityInScope(db, user, id);
    await requirePointInScope(db, user, input);
    await db.transaction(async (tx) => {
      await save(tx, id, input);
      await audit(tx, req, user, 'facility.update', id, { name: input.properties.name, kind: input.properties.kind });
    });
    const [row] = await db.query<{ feature: JsonText<FacilityFeature> }>(GET_FACILITY, [id, true]);
    sendJsonText(res, row!.feature);
  });

  router.delete('/api/facilities/:id', async (req, res) => {
    const user = requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    await requireFacilityInScope(db, user, id);
    await db.transaction(async (tx) => {
      const [gone] = await tx.query<{ name: string }>(DELETE_FACILITY, [id]);
      await audit(tx, req, user, 'facility.delete', id, { name: gone?.name });
    });
    res.status(204).end();
  });

  return router;
}

async function save(tx: Queryable, id: number | null, f: FacilityInput): Promise<number> {
  const p = f.properties;
  const [lng, lat] = f.geometry.coordinates;
  const [row] = await tx.query<{ id: number }>(SAVE_FACILITY, [
    id, p.name, p.kind, p.address, p.phone, p.openingHours, p.services, lng, lat, p.public,
  ]);
  return row!.id;
}

function audit(tx: Queryable, req: Request, user: SessionUser, action: `facility.${'create' | 'update' | 'delete'}`, id: number, details: Record<string, unknown>) {
  return recordAudit(tx, { actor: user, action, entity: 'facility', entityIds: [id], details, ip: req.ip });
}

async function requirePointInScope(db: Queryable, user: SessionUser, f: FacilityInput): Promise<void> {
  const [lng, lat] = f.geometry.coordinates;
  const [row] = await db.query<{ code: string }>(COMMUNITY_AT_POINT, [lng, lat]);
  if (!row) {
    throw new HttpError(422, 'OUTSIDE_SERVICE_AREA', '位置不在任何社区内 (the location is outside every community of the service area)', {
      location: f.geometry,
    });
  }
  requireScope(user, row.code);
}

async function requireFacilityInScope(db: Queryable, user: SessionUser, id: number): Promise<void> {
  const [row] = await db.query<{ code: string }>(FACILITY_COMMUNITY, [id]);
  if (!row) throw new HttpError(404, 'FACILITY_NOT_FOUND', `No facility with id ${id}`);
  requireScope(user, row.code);
}
