import { Router } from 'express';
import type { Database } from '../db/database.ts';

/**
 * Grid size balance (staff): a community's balance, size targets, building moves (assign by
 * building, an accepted rebalance), rebalance proposals and the first-draft division.
 */
export function balanceRoutes(db: Database, minCellCount: number): Router {
  const router = Router();
  void db;
  void minCellCount;
  return router;
}
