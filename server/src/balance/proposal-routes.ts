import { Router } from 'express';
import { z } from 'zod';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import type { AcceptDraftResponse, DraftDivision, RebalanceProposal } from '../contract/buildings.ts';
import type { Database } from '../db/database.ts';
import { communityCodeParam } from '../http/query-params.ts';
import { parseBodyOr400, parseOr400 } from '../http/validate.ts';
import { acceptDraftBody, draftDivisionBody, rebalanceBody } from './balance-input.ts';
import { acceptDraft, draftProposal, rebalanceProposal } from './proposals.ts';

const communityParams = z.object({ code: communityCodeParam });

/** Rebalance proposals and the first-draft division (never saved by themselves), and accepting a draft. */
export function proposalRoutes(db: Database): Router {
  const router = Router();

  router.post('/api/communities/:code/rebalance', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    const { code } = parseOr400(communityParams, req.params);
    requireScope(actor, code);
    parseBodyOr400(rebalanceBody, req.body ?? {});
    res.json((await rebalanceProposal(db, { actor, ip: req.ip }, code)) satisfies RebalanceProposal);
  });

  router.post('/api/communities/:code/draft-division', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    const { code } = parseOr400(communityParams, req.params);
    requireScope(actor, code);
    const { k } = parseBodyOr400(draftDivisionBody, req.body ?? {});
    res.json((await draftProposal(db, { actor, ip: req.ip }, code, k)) satisfies DraftDivision);
  });

  router.post('/api/communities/:code/draft-division/accept', async (req, res) => {
    const actor = requireRole(req.user, 'planner', 'admin');
    const { code } = parseOr400(communityParams, req.params);
    requireScope(actor, code);
    const body = parseBodyOr400(acceptDraftBody, req.body);
    const outcome = await db.transaction((tx) => acceptDraft({ tx, actor, ip: req.ip }, code, body));
    res.status(201).json(outcome satisfies AcceptDraftResponse);
  });

  return router;
}
