import { Router } from 'express';
import type { Database } from '../db/database.ts';

/** The buildings layer (staff): GET /api/buildings. */
export function buildingRoutes(db: Database): Router {
  const router = Router();
  void db;
  return router;
}
