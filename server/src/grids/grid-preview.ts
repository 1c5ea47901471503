import type { GridFeature, Violation } from '../contract/grids.ts';
import type { Database, Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { parseJsonText, type JsonText } from '../http/json.ts';
import { editShape, lockGrid, RuleViolation, type EditContext, type EditOutcome, type ShapeEdit } from './grid-edits.ts';

const GET_GRID = sqlFile(import.meta.url, 'get-grid.sql');

/** A create (gridId null) or an update to preview; the note may be left out. */
export type PreviewEdit = Omit<ShapeEdit, 'kind' | 'note'> & { note?: string | undefined };

export type PreviewOutcome =
  | { valid: false; violations: Violation[] }
  | { valid: true; outcome: EditOutcome; /** The shapes as they would be saved: the edited grid first, then every neighbour it changes. */ features: GridFeature[] };

/**
 * What saving the edit would do, without saving it: the save itself (every rule, neighbours moved,
 * members reassigned) in a transaction that is rolled back, so a preview cannot disagree with a
 * save. A broken rule is an answer here (every broken rule at once, so the planner sees all of
 * them while drawing), not an error.
 */
export async function previewEdit(db: Database, ctx: Omit<EditContext, 'tx'>, edit: PreviewEdit): Promise<PreviewOutcome> {
  return previewOperation(db, async (tx) => {
    const communityCode = edit.gridId === null ? edit.communityCode : (await lockGrid(tx, edit.gridId)).communityCode;
    if (!communityCode) throw new HttpError(400, 'BAD_REQUEST', 'properties.communityCode is required for a new grid');
    return editShape({ ...ctx, tx }, {
      ...edit,
      kind: edit.gridId === null ? 'create' : 'update',
      communityCode,
      // A new grid needs a name to be saved; an update keeps the current one.
      attributes: edit.gridId === null ? { name: '（新网格）', ...edit.attributes } : edit.attributes,
      note: edit.note ?? 'preview',
    });
  });
}

/**
 * What an edit (a shape edit, a split, a merge) would do, without saving it: `run` makes the
 * change in a transaction that is rolled back.
 */
export async function previewOperation(db: Database, run: (tx: Queryable) => Promise<EditOutcome>): Promise<PreviewOutcome> {
  const preview = await dryRun(db, async (tx) => {
    const outcome = await run(tx);
    return { outcome, features: await gridFeatures(tx, [outcome.id, ...outcome.neighbours.map((n) => n.id)]) };
  });
  return preview.valid ? { valid: true, ...preview.result } : preview;
}

/** `run`'s answer in a transaction that is rolled back; a broken rule is an answer here (every one at once), not an error. */
export async function dryRun<T>(db: Database, run: (tx: Queryable) => Promise<T>): Promise<{ valid: true; result: T } | { valid: false; violations: Violation[] }> {
  try {
    return { valid: true, result: await rolledBack(db, run) };
  } catch (err) {
    if (err instanceof RuleViolation) return { valid: false, violations: err.violations };
    throw err;
  }
}

/** Runs fn in a transaction that is always rolled back, and answers what fn returned. */
async function rolledBack<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new DryRunDone(await fn(tx));
    });
  } catch (err) {
    if (err instanceof DryRunDone) return err.result as T;
    throw err;
  }
  throw new Error('the dry run ended without an outcome');
}

/** Thrown inside a dry run's transaction to roll it back with what fn returned. */
class DryRunDone extends Error {
  constructor(readonly result: unknown) {
    super('dry run');
  }
}

/** The current grids' GeoJSON features, in the order of ids (a retired or unknown id is left out). */
export async function gridFeatures(db: Queryable, ids: number[]): Promise<GridFeature[]> {
  const out: GridFeature[] = [];
  for (const id of ids) {
    const [row] = await db.query<{ feature: JsonText<GridFeature> }>(GET_GRID, [id]);
    if (row) out.push(parseJsonText(row.feature));
  }
  return out;
}
