import { Router } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import type { BuildingMovesPreview, BuildingMovesResponse, CommunityBalance, SizeTarget } from '../contract/buildings.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { dryRun } from '../grids/grid-preview.ts';
import { shownImpact } from '../grids/impact-privacy.ts';
import { HttpError } from '../http/errors.ts';
import { communityCodeParam, regionCode } from '../http/query-params.ts';
import { parseBodyOr400, parseOr400 } from '../http/validate.ts';
import { buildingMovesBody, buildingMovesPreviewBody, sizeTargetBody } from './balance-input.ts';
import { applyBuildingMoves } from './building-moves.ts';
import { communityBalance } from './community-balance.ts';
import { proposalRoutes } from './proposal-routes.ts';
import { checkSizeTarget } from './size-target-input.ts';
import { sizeTarget } from './size-target.ts';

const REGION_LEVEL = sqlFile(import.meta.url, 'region-level.sql');
const SET_SIZE_TARGET = sqlFile(import.meta.url, 'set-size-target.sql');

const communityParams = z.object({ code: communityCodeParam });
const regionParams = z.object({ code: regionCode('code') });

/** Levels a size target may be set on: the ones a community's target is looked up through. */
const TARGET_LEVELS = ['district', 'street', 'community'];

/**
 * Grid size balance (staff): a community's balance, size targets, building moves (assign by
 * building, an accepted rebalance), rebalance proposals and the first-draft division.
 */
export function balanceRoutes(db: Database, minCellCount: number): Router {
  const router = Router();

  router.get('/api/communities/:code/balance', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'leader', 'admin');
    const { code } = parseOr400(communityParams, req.params);
    requireScope(actor, code);
    res.json((await communityBalance(db, code)) satisfies CommunityBalance);
  });

  router.get('/api/regions/:code/size-target', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'leader', 'admin');
    const { code } = parseOr400(regionParams, req.params);
    await requireTargetRegion(code);
    if (!code.startsWith(actor.regionCode) && !actor.regionCode.startsWith(code)) requireScope(actor, code);
    res.json((await sizeTarget(db, code)) satisfies SizeTarget);
  });

  router.put('/api/regions/:code/size-target', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    const { code } = parseOr400(regionParams, req.params);
    requireScope(actor, code);
    const body = checkSizeTarget(parseBodyOr400(sizeTargetBody, req.body));
    await requireTargetRegion(code);
    const target = await db.transaction(async (tx) => {
      const before = await sizeTarget(tx, code);
      await tx.query(SET_SIZE_TARGET, [code, body.min, body.max, body.maxDeviation, actor.username]);
      await recordAudit(tx, {
        actor, action: 'size-target.update', entity: 'region', entityIds: [code],
        details: { before, after: body }, ip: req.ip,
      });
      return sizeTarget(tx, code);
    });
    res.json(target satisfies SizeTarget);
  });

  router.post('/api/communities/:code/building-moves/preview', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    const { code } = parseOr400(communityParams, req.params);
    requireScope(actor, code);
    const body = parseBodyOr400(buildingMovesPreviewBody, req.body);
    const preview = await dryRun(db, (tx) => applyBuildingMoves({ tx, actor, ip: req.ip }, code, { ...body, note: body.note ?? 'preview' }));
    if (!preview.valid) {
      res.json({ valid: false, violations: preview.violations } satisfies BuildingMovesPreview);
      return;
    }
    await recordAudit(db, { actor, action: 'grid.preview', entity: 'grid', entityIds: preview.result.changed, details: { buildingMoves: true }, ip: req.ip });
    res.json({
      valid: true, violations: [], features: preview.result.features, impact: shownImpact(preview.result.impact, minCellCount),
    } satisfies BuildingMovesPreview);
  });

  router.post('/api/communities/:code/building-moves', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    const { code } = parseOr400(communityParams, req.params);
    requireScope(actor, code);
    const body = parseBodyOr400(buildingMovesBody, req.body);
    const outcome = await db.transaction((tx) => applyBuildingMoves({ tx, actor, ip: req.ip }, code, body));
    res.status(201).json({
      changesetId: outcome.changesetId, features: outcome.features, impact: shownImpact(outcome.impact, minCellCount),
    } satisfies BuildingMovesResponse);
  });

  router.use(proposalRoutes(db));

  async function requireTargetRegion(code: string): Promise<void> {
    const [row] = await db.query<{ level: string }>(REGION_LEVEL, [code]);
    if (!row) throw new HttpError(404, 'REGION_NOT_FOUND', `没有这个区域 (no region with code ${code})`);
    if (!TARGET_LEVELS.includes(row.level)) {
      throw new HttpError(422, 'BAD_TARGET', '网格规模目标只能设在区、街道或社区 (a target is set on a district, street or community)');
    }
  }

  return router;
}

