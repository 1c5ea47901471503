import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate.ts';
import type { GridFeature, RevertPreview, RevertResponse } from '../contract/grids.ts';
import type { Database } from '../db/database.ts';
import { sendJsonText } from '../http/json.ts';
import { idParam } from '../http/query-params.ts';
import { parseBodyOr400, parseOr400 } from '../http/validate.ts';
import { listChangesets, revertChangeset, type RevertOutcome } from './changesets.ts';
import { revertBody, revertPreviewBody } from './grid-input.ts';
import { dryRun, gridFeatures } from './grid-preview.ts';
import { shownImpact } from './impact-privacy.ts';

const listQuery = z.strictObject({ grid: idParam });
const itemParams = z.object({ id: idParam });

/**
 * Changesets: each save that changed grids (an edit with the neighbours it moved, a split, a merge,
 * an import) listed with every grid it touched, and undone as a whole.
 */
export function changesetRoutes(db: Database, minCellCount: number): Router {
  const router = Router();

  router.get('/api/changesets', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin', 'leader');
    const { grid } = parseOr400(listQuery, req.query);
    sendJsonText(res, await listChangesets(db, actor, grid));
  });

  router.post('/api/changesets/:id/revert', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    const { note } = parseBodyOr400(revertBody, req.body);
    const outcome = await db.transaction((tx) => revertChangeset({ tx, actor, ip: req.ip }, id, note));
    const { features, ...rest } = await answer(outcome);
    res.json({ changesetId: outcome.changesetId, features, ...rest } satisfies RevertResponse);
  });

  // The revert as it would be, rolled back: what the restore dialog draws before the planner confirms.
  router.post('/api/changesets/:id/revert/preview', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    const { id } = parseOr400(itemParams, req.params);
    const { note } = parseBodyOr400(revertPreviewBody, req.body ?? {});
    const preview = await dryRun(db, async (tx) => answer(await revertChangeset({ tx, actor, ip: req.ip }, id, note ?? 'preview'), tx));
    res.json((preview.valid ? { valid: true, violations: [], ...preview.result } : preview) satisfies RevertPreview);
  });

  async function answer(outcome: RevertOutcome, tx: Parameters<typeof gridFeatures>[0] = db): Promise<Omit<RevertResponse, 'changesetId'>> {
    const features: GridFeature[] = await gridFeatures(tx, outcome.restored);
    return { reverted: outcome.reverted, features, retired: outcome.retired, impact: shownImpact(outcome.impact, minCellCount) };
  }

  return router;
}
