import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import { sizeTarget } from '../balance/size-target.ts';
import type {
  CoverageReport,
  EditResponse,
  GridCollection,
  GridFeature,
  GridHistory,
  PreviewResult,
  RetireResponse,
} from '../contract/grids.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { INT4_MAX } from '../http/integers.ts';
import { parseJsonText, sendCollection, sendJsonText, type JsonText } from '../http/json.ts';
import { bboxArgs, bboxParam, communityCodeParam, idParam } from '../http/query-params.ts';
import { parseBodyOr400, parseOr400 } from '../http/validate.ts';
import { editShape, type EditContext, type EditOutcome } from './grid-edits.ts';
import {
  createGridBody,
  mergeBody,
  mergePreviewBody,
  previewGridBody,
  restoreBody,
  retireBody,
  splitBody,
  splitPreviewBody,
  updateGridBody,
} from './grid-input.ts';
import { mergeGrids, restoreGrid, retireGrid, splitGrid } from './grid-operations.ts';
import { gridFeatures, previewEdit, previewOperation, type PreviewOutcome } from './grid-preview.ts';
import { shownImpact } from './impact-privacy.ts';

const LIST_GRIDS = sqlFile(import.meta.url, 'list-grids.sql');
const GET_GRID = sqlFile(import.meta.url, 'get-grid.sql');
const GRID_HISTORY = sqlFile(import.meta.url, 'grid-history.sql');
const COVERAGE_CHECK = sqlFile(import.meta.url, 'coverage-check.sql');

const listQuery = z.object({ bbox: bboxParam.optional(), community: communityCodeParam.optional() });
const itemParams = z.object({ id: idParam });
const communityParams = z.object({ code: communityCodeParam });

export function gridRoutes(db: Database, minCellCount: number): Router {
  const router = Router();
  const previews = new RateLimiterMemory({ points: PREVIEWS_PER_MINUTE, duration: 60 });

  router.get('/api/grids', async (req, res) => {
    const { bbox, community } = parseOr400(listQuery, req.query);
    sendCollection(res, await db.query<{ fc: JsonText<GridCollection> }>(LIST_GRIDS, [...bboxArgs(bbox), community ?? null]));
  });

  router.get('/api/grids/:id', async (req, res) => {
    const { id } = parseOr400(itemParams, req.params);
    const [row] = await db.query<{ feature: JsonText<GridFeature>; version: number }>(GET_GRID, [id]);
    if (!row) throw new HttpError(404, 'GRID_NOT_FOUND', `No current grid with id ${id}`);
    res.setHeader('ETag', `"${row.version}"`);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    sendJsonText(res, row.feature);
  });

  router.post('/api/grids', async (req, res) => {
    requireRole(req.user, 'planner', 'admin');
    const body = parseBodyOr400(createGridBody, req.body);
    const { communityCode, ...attributes } = body.properties;
    const outcome = await db.transaction((tx) =>
      editShape(context(tx, req), {
        kind: 'create', gridId: null, geometry: body.geometry, communityCode, attributes,
        adjustNeighbours: body.adjustNeighbours, clip: body.clip, neighbourVersions: body.neighbourVersions, note: body.note,
      }),
    );
    await respond(res, outcome, 201);
  });

  router.put('/api/grids/:id', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    const body = parseBodyOr400(updateGridBody, req.body);
    const { communityCode, version, ...attributes } = body.properties;
    const expectedVersion = requiredVersion(req, version, 'properties.version');
    const outcome = await db.transaction((tx) =>
      editShape(context(tx, req, actor), {
        kind: 'update', gridId: id, expectedVersion, geometry: body.geometry, communityCode, attributes,
        adjustNeighbours: body.adjustNeighbours, clip: body.clip, neighbourVersions: body.neighbourVersions, note: body.note,
      }),
    );
    await respond(res, outcome, 200);
  });

  router.post('/api/grids/preview', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    await chargePreview(previews, actor.id);
    const body = parseBodyOr400(previewGridBody, req.body);
    const { communityCode, version, ...attributes } = body.properties;
    const preview = await previewEdit(db, { actor, ip: req.ip }, {
      gridId: body.id ?? null, expectedVersion: version, geometry: body.geometry, communityCode, attributes,
      adjustNeighbours: body.adjustNeighbours, clip: body.clip, neighbourVersions: body.neighbourVersions, note: body.note,
    });
    await sendPreview(res, req, preview, body.id === undefined ? [] : [body.id], { adjustNeighbours: body.adjustNeighbours });
  });

  router.post('/api/grids/:id/split/preview', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    await chargePreview(previews, actor.id);
    const { id } = parseOr400(itemParams, req.params);
    const body = parseBodyOr400(splitPreviewBody, req.body);
    const expectedVersion = requiredVersion(req, body.version, 'version');
    const preview = await previewOperation(db, (tx) => splitGrid(context(tx, req, actor), id, expectedVersion, body.line, body.note ?? 'preview', body.name));
    await sendPreview(res, req, preview, [id], { split: true });
  });

  router.post('/api/grids/merge/preview', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    await chargePreview(previews, actor.id);
    const body = parseBodyOr400(mergePreviewBody, req.body);
    const versions = body.versions;
    if (!versions) throw versionRequired('versions, one for each of ids');
    const preview = await previewOperation(db, (tx) => mergeGrids(context(tx, req, actor), body.ids, versions, body.note ?? 'preview', body.name));
    await sendPreview(res, req, preview, body.ids, { merge: true });
  });

  router.post('/api/grids/:id/split', async (req, res) => {
    requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    const body = parseBodyOr400(splitBody, req.body);
    const expectedVersion = requiredVersion(req, body.version, 'version');
    const outcome = await db.transaction((tx) => splitGrid(context(tx, req), id, expectedVersion, body.line, body.note, body.name));
    await respond(res, outcome, 201);
  });

  router.post('/api/grids/merge', async (req, res) => {
    requireRole(req.user, 'planner', 'admin');
    const body = parseBodyOr400(mergeBody, req.body);
    const versions = body.versions;
    if (!versions) throw versionRequired('versions, one for each of ids');
    const outcome = await db.transaction((tx) => mergeGrids(context(tx, req), body.ids, versions, body.note, body.name));
    await respond(res, outcome, 200);
  });

  router.delete('/api/grids/:id', async (req, res) => {
    requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    // The reason comes in the JSON body like every other edit's (a request without one has no body: {}).
    const { note, version } = parseBodyOr400(retireBody, req.body ?? {});
    const expectedVersion = requiredVersion(req, version, 'version');
    const outcome = await db.transaction((tx) => retireGrid(context(tx, req), id, expectedVersion, note));
    res.json({
      id: outcome.id, version: outcome.version, retired: true, impact: shownImpact(outcome.impact, minCellCount), changesetId: outcome.changesetId,
    } satisfies RetireResponse);
  });

  router.get('/api/grids/:id/history', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin', 'leader');
    const { id } = parseOr400(itemParams, req.params);
    const [row] = await db.query<{ history: JsonText<GridHistory> }>(GRID_HISTORY, [id]);
    if (!row) throw new HttpError(404, 'GRID_NOT_FOUND', `No grid with id ${id}`);
    requireScope(actor, parseJsonText(row.history).code);
    sendJsonText(res, row.history);
  });

  router.post('/api/grids/:id/restore', async (req, res) => {
    requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    const body = parseBodyOr400(restoreBody, req.body);
    // body.version names the version to bring back; the one it replaces comes as If-Match only.
    const expectedVersion = requiredVersion(req, undefined, undefined);
    const outcome = await db.transaction((tx) => restoreGrid(context(tx, req), id, body.version, expectedVersion, body));
    await respond(res, outcome, 200);
  });

  router.get('/api/communities/:code/coverage-check', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'leader', 'admin');
    const { code } = parseOr400(communityParams, req.params);
    requireScope(actor, code);
    const target = await sizeTarget(db, code);
    const [row] = await db.query<{ report: JsonText<CoverageReport> }>(COVERAGE_CHECK, [code, target.min, target.max, JSON.stringify(target)]);
    if (!row) throw new HttpError(404, 'COMMUNITY_NOT_FOUND', `No community with code ${code}`);
    sendJsonText(res, row.report);
  });

  /** A dry run's answer; a valid one shows member figures, so it is recorded as other reads of them are. */
  async function sendPreview(res: Response, req: Request, preview: PreviewOutcome, ids: number[], details: Record<string, boolean>): Promise<void> {
    if (!preview.valid) {
      res.json({ valid: false, violations: preview.violations } satisfies PreviewResult);
      return;
    }
    await recordAudit(db, { actor: req.user!, action: 'grid.preview', entity: 'grid', entityIds: ids, details, ip: req.ip });
    res.json({ valid: true, violations: [], features: preview.features, impact: shownImpact(preview.outcome.impact, minCellCount) } satisfies PreviewResult);
  }

  function context(tx: EditContext['tx'], req: Request, actor = req.user!): EditContext {
    return { tx, actor, ip: req.ip };
  }

  async function respond(res: Response, outcome: EditOutcome, status: number): Promise<void> {
    const [feature, ...neighbours] = await gridFeatures(db, [outcome.id, ...outcome.neighbours.map((n) => n.id)]);
    if (!feature) throw new Error(`grid ${outcome.id} was saved but is not current`);
    res.status(status).setHeader('ETag', `"${outcome.version}"`);
    res.json({ feature, neighbours, impact: shownImpact(outcome.impact, minCellCount), changesetId: outcome.changesetId } satisfies EditResponse);
  }

  return router;
}

/**
 * Live figures while a vertex is dragged ask up to about five times a second; far more is
 * somebody counting homes (member counts in the answers stay "fewer than N" below MIN_CELL_COUNT).
 */
const PREVIEWS_PER_MINUTE = 300;

async function chargePreview(limiter: RateLimiterMemory, userId: number): Promise<void> {
  try {
    await limiter.consume(String(userId));
  } catch (rejection) {
    const seconds = Math.max(1, Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000) / 1000));
    throw new HttpError(429, 'RATE_LIMITED', `预览过于频繁，请 ${seconds} 秒后再试 (too many previews)`, { retryAfterSeconds: seconds });
  }
}

/**
 * The version an edit was made to: If-Match, else the body's field. Every change to an existing
 * grid needs one, so a planner working from an old copy is told (409 VERSION_CONFLICT with the
 * current grid) instead of overwriting or splitting what somebody else saved meanwhile.
 */
function requiredVersion(req: Request, fromBody: number | undefined, bodyField: string | undefined): number {
  const version = ifMatchVersion(req) ?? fromBody;
  if (version === undefined) throw versionRequired(bodyField ? `If-Match or ${bodyField}` : 'If-Match');
  return version;
}

function versionRequired(how: string): HttpError {
  return new HttpError(428, 'VERSION_REQUIRED', `请提供版本号 (send ${how}: the version you changed, so a concurrent edit is not overwritten)`);
}

/** `If-Match: "3"` (or W/"3", or 3) → 3. */
function ifMatchVersion(req: Request): number | undefined {
  const header = req.get('if-match');
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  const version = match ? Number(match[1]) : NaN;
  if (!(version <= INT4_MAX)) throw new HttpError(400, 'BAD_REQUEST', 'If-Match must be a grid version, e.g. "3"');
  return version;
}
