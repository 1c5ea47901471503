import crypto from 'node:crypto';
import { addWorkingDays } from '../../server/src/cases/deadlines.ts';
import type { Queryable } from '../../server/src/db/database.ts';

export interface TestGrid {
  id: number;
  code: string;
  /** A point inside the grid. */
  lng: number;
  lat: number;
}

/** The first `n` current grids of a street of the demo district, each with a point inside it. */
export async function gridsOf(db: Queryable, street: string, n: number): Promise<TestGrid[]> {
  return db.query<TestGrid>(
    `select g.id, g.code, ST_X(p) as lng, ST_Y(p) as lat
     from (select id, code, geom from grid where valid_to is null and code like $1 || '%' order by code limit $2) g,
          ST_PointOnSurface(g.geom) p
     order by g.code`,
    [street, n],
  );
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomTrackingCode(): string {
  const chars = Array.from({ length: 12 }, () => CROCKFORD[crypto.randomInt(CROCKFORD.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export interface NewTestCase {
  grid: TestGrid;
  createdAt: Date;
  category?: string;
  lng?: number;
  lat?: number;
  phone?: string;
  description?: string;
}

/** A case as a resident's report leaves it (pending, with its 'created' event), written in SQL. */
export async function insertCase(db: Queryable, c: NewTestCase): Promise<{ id: number; code: string }> {
  const category = c.category ?? 'sanitation';
  const [k] = await db.query<{ acceptDays: number; closeDays: number }>(
    'select accept_days as "acceptDays", close_days as "closeDays" from case_category where id = $1',
    [category],
  );
  const code = randomTrackingCode();
  const [row] = await db.query<{ id: number }>(
    `insert into civic_case (code, category_id, description, geom, grid_id, reporter_phone, created_at, accept_deadline, close_deadline, updated_at)
     values ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, $9, $10, $8)
     returning id`,
    [
      code, category, c.description ?? '路灯不亮，晚上很黑', c.lng ?? c.grid.lng, c.lat ?? c.grid.lat, c.grid.id, c.phone ?? null,
      c.createdAt, addWorkingDays(c.createdAt, k!.acceptDays), addWorkingDays(c.createdAt, k!.closeDays),
    ],
  );
  await db.query(`insert into case_event (case_id, at, kind, status, grid_id) values ($1, $2, 'created', 'pending', $3)`, [row!.id, c.createdAt, c.grid.id]);
  return { id: row!.id, code };
}
