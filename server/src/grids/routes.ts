import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import type { Database, Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { INT4_MAX } from '../http/integers.ts';
import { sendCollection, sendJsonText } from '../http/json.ts';
import { bboxArgs, bboxParam, communityCodeParam, idParam } from '../http/query-params.ts';
import { parseBodyOr400, parseOr400 } from '../http/validate.ts';
import { editShape, lockGrid, RuleViolation, shapeViolations, type EditContext, type EditOutcome } from './grid-edits.ts';
import {
  createGridBody,
  mergeBody,
  previewGridBody,
  restoreBody,
  retireBody,
  splitBody,
  updateGridBody,
} from './grid-input.ts';
import { mergeGrids, restoreGrid, retireGrid, splitGrid } from './grid-operations.ts';
import { shownImpact } from './impact-privacy.ts';

const LIST_GRIDS = sqlFile(import.meta.url, 'list-grids.sql');
const GET_GRID = sqlFile(import.meta.url, 'get-grid.sql');
const GRID_HISTORY = sqlFile(import.meta.url, 'grid-history.sql');
const COVERAGE_CHECK = sqlFile(import.meta.url, 'coverage-check.sql');

const listQuery = z.object({ bbox: bboxParam.optional(), community: communityCodeParam.optional() });
const itemParams = z.object({ id: idParam });
const communityParams = z.object({ code: communityCodeParam });

/** A preview runs the real change in a transaction and rolls it back, so it cannot disagree with a save. */
class PreviewDone extends Error {
  constructor(
    readonly outcome: EditOutcome,
    readonly features: unknown[],
  ) {
    super('preview');
  }
}

export function gridRoutes(db: Database, minCellCount: number): Router {
  const router = Router();
  const previews = new RateLimiterMemory({ points: PREVIEWS_PER_MINUTE, duration: 60 });

  router.get('/api/grids', async (req, res) => {
    const { bbox, community } = parseOr400(listQuery, req.query);
    sendCollection(res, await db.query<{ fc: string }>(LIST_GRIDS, [...bboxArgs(bbox), community ?? null]));
  });

  router.get('/api/grids/:id', async (req, res) => {
    const { id } = parseOr400(itemParams, req.params);
    const [row] = await db.query<{ feature: string; version: number }>(GET_GRID, [id]);
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
    const expectedVersion = ifMatchVersion(req) ?? version;
    if (expectedVersion === undefined) {
      throw new HttpError(428, 'VERSION_REQUIRED', '请提供版本号 (send If-Match or properties.version, so a concurrent edit is not overwritten)');
    }
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
    try {
      await db.transaction(async (tx) => {
        let community = communityCode;
        if (body.id !== undefined) community = (await lockGrid(tx, body.id)).communityCode;
        if (!community) throw new HttpError(400, 'BAD_REQUEST', 'properties.communityCode is required for a new grid');
        // Every broken rule at once, so the planner sees all of them while drawing.
        const { errors } = await shapeViolations(tx, body.geometry, community, body.id ? [body.id] : [], body);
        if (errors.length > 0) throw new RuleViolation(errors);
        const outcome = await editShape(context(tx, req, actor), {
          kind: body.id === undefined ? 'create' : 'update', gridId: body.id ?? null, expectedVersion: version,
          geometry: body.geometry, communityCode: community, // A new grid needs a name to be saved; an update keeps the current one.
          attributes: body.id === undefined ? { name: '（新网格）', ...attributes } : attributes,
          adjustNeighbours: body.adjustNeighbours, clip: body.clip, neighbourVersions: body.neighbourVersions, note: body.note ?? 'preview',
        });
        throw new PreviewDone(outcome, await features(tx, [outcome.id, ...outcome.neighbours.map((n) => n.id)]));
      });
    } catch (err) {
      if (err instanceof PreviewDone) {
        // Previews are read of member figures: recorded, as other reads of them are.
        await recordAudit(db, {
          actor, action: 'grid.preview', entity: 'grid', entityIds: body.id === undefined ? [] : [body.id],
          details: { adjustNeighbours: body.adjustNeighbours }, ip: req.ip,
        });
        // The shapes as they would be saved: the edited grid first, then every neighbour it changes.
        res.json({ valid: true, violations: [], features: err.features, impact: shownImpact(err.outcome.impact, minCellCount) });
        return;
      }
      if (err instanceof RuleViolation) {
        res.json({ valid: false, violations: err.violations });
        return;
      }
      throw err;
    }
  });

  router.post('/api/grids/:id/split', async (req, res) => {
    requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    const body = parseBodyOr400(splitBody, req.body);
    const outcome = await db.transaction((tx) => splitGrid(context(tx, req), id, body.line, body.note, body.name));
    await respond(res, outcome, 201);
  });

  router.post('/api/grids/merge', async (req, res) => {
    requireRole(req.user, 'planner', 'admin');
    const body = parseBodyOr400(mergeBody, req.body);
    const outcome = await db.transaction((tx) => mergeGrids(context(tx, req), body.ids, body.note, body.name));
    await respond(res, outcome, 200);
  });

  router.delete('/api/grids/:id', async (req, res) => {
    requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    // The reason comes in the JSON body like every other edit's (a request without one has no body: {}).
    const { note } = parseBodyOr400(retireBody, req.body ?? {});
    const outcome = await db.transaction((tx) => retireGrid(context(tx, req), id, note, ifMatchVersion(req)));
    res.json({ id: outcome.id, version: outcome.version, retired: true, impact: shownImpact(outcome.impact, minCellCount) });
  });

  router.get('/api/grids/:id/history', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin', 'leader');
    const { id } = parseOr400(itemParams, req.params);
    const [row] = await db.query<{ history: string }>(GRID_HISTORY, [id]);
    if (!row) throw new HttpError(404, 'GRID_NOT_FOUND', `No grid with id ${id}`);
    requireScope(actor, (JSON.parse(row.history) as { code: string }).code);
    sendJsonText(res, row.history);
  });

  router.post('/api/grids/:id/restore', async (req, res) => {
    requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    const body = parseBodyOr400(restoreBody, req.body);
    const outcome = await db.transaction((tx) => restoreGrid(context(tx, req), id, body.version, body));
    await respond(res, outcome, 200);
  });

  router.get('/api/communities/:code/coverage-check', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'leader', 'admin');
    const { code } = parseOr400(communityParams, req.params);
    requireScope(actor, code);
    const [row] = await db.query<{ report: string }>(COVERAGE_CHECK, [code]);
    if (!row) throw new HttpError(404, 'COMMUNITY_NOT_FOUND', `No community with code ${code}`);
    sendJsonText(res, row.report);
  });

  function context(tx: EditContext['tx'], req: Request, actor = req.user!): EditContext {
    return { tx, actor, ip: req.ip };
  }

  async function respond(res: Response, outcome: EditOutcome, status: number): Promise<void> {
    const [feature, ...neighbours] = await features(db, [outcome.id, ...outcome.neighbours.map((n) => n.id)]);
    res.status(status).setHeader('ETag', `"${outcome.version}"`);
    res.json({ feature, neighbours, impact: shownImpact(outcome.impact, minCellCount) });
  }

  return router;
}

/** Live checks while drawing ask about twice a second; far more is somebody counting homes. */
const PREVIEWS_PER_MINUTE = 120;

async function chargePreview(limiter: RateLimiterMemory, userId: number): Promise<void> {
  try {
    await limiter.consume(String(userId));
  } catch (rejection) {
    const seconds = Math.max(1, Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000) / 1000));
    throw new HttpError(429, 'RATE_LIMITED', `预览过于频繁，请 ${seconds} 秒后再试 (too many previews)`, { retryAfterSeconds: seconds });
  }
}

async function features(db: Queryable, ids: number[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const id of ids) {
    const [row] = await db.query<{ feature: string }>(GET_GRID, [id]);
    if (row) out.push(JSON.parse(row.feature));
  }
  return out;
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
