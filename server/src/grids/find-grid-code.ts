import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';

const FIND_GRID_CODE = sqlFile(import.meta.url, 'find-grid-code.sql');

/** The code of a current grid (its prefix is its community, street and district), or 404. */
export async function findGridCode(db: Queryable, id: number): Promise<string> {
  const [row] = await db.query<{ code: string }>(FIND_GRID_CODE, [id]);
  if (!row) throw new HttpError(404, 'GRID_NOT_FOUND', `No current grid with id ${id}`);
  return row.code;
}
