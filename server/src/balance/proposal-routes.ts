import { Router } from 'express';
import type { Database } from '../db/database.ts';

/** Rebalance proposals and the first-draft division (never saved by themselves), and accepting a draft. */
export function proposalRoutes(db: Database): Router {
  const router = Router();
  void db;
  return router;
}
