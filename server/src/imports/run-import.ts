import { inScope, type SessionUser } from '../auth/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { ErrorCode } from '../contract/error-codes.ts';
import { HttpError } from '../http/errors.ts';
import {
  MAX_ACTIONS_IN_REPORT,
  MAX_PREVIEW_FEATURES,
  type ImportAction,
  type ImportKind,
  type ImportMode,
  type ImportPreview,
  type ImportProblem,
  type ImportReport,
  type ImportRowsByKind,
  type ParsedImport,
} from './import-types.ts';

/** Who imports: their scope limits every row; `id` 0 is the command line. */
export type ImportActor = Pick<SessionUser, 'id' | 'username' | 'regionCode'>;

export interface ImportContext {
  tx: Queryable;
  actor: ImportActor;
  /** Fields the file has a column for (see ParsedImport.present). */
  present: ReadonlySet<string>;
  /** Kept in each grid's history as the reason of the change. */
  note: string;
}

/** What a checked import would do; `apply` writes it in the caller's transaction. */
export interface ImportPlan {
  problems: ImportProblem[];
  actions: ImportAction[];
  /** Writes every create and update; returns the ids written, for the audit log. */
  apply(): Promise<number[]>;
  /** The map preview's features of these actions (the first rows); absent for members. */
  preview?: (actions: ImportAction[]) => Promise<ImportPreview['features']['features']>;
}

export type ImportPlanner<K extends ImportKind> = (ctx: ImportContext, rows: ImportRowsByKind[K][]) => Promise<ImportPlan>;

class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Checks a parsed file against the database and, in commit mode with no problem at all, applies
 * it in one transaction with its audit entry. A dry run does the same checks and rolls back.
 */
export async function runImport<K extends ImportKind>(
  db: Database,
  kind: K,
  parsed: ParsedImport<K>,
  planner: ImportPlanner<K>,
  options: { actor: ImportActor; mode: ImportMode; ip?: string | undefined },
): Promise<ImportReport> {
  if (parsed.total === 0) {
    throw new HttpError(422, 'NO_ROWS', '文件里没有数据 (the file has no rows or features): check that the first row holds the column names and data follows');
  }
  const note = `导入 ${parsed.source.name}`;
  try {
    return await db.transaction(async (tx) => {
      const plan = await planner({ tx, actor: options.actor, note, present: new Set(parsed.present) }, parsed.rows);
      const inFileTerms = plan.problems.map((p) => ({ ...p, field: p.field === null ? null : (parsed.fields[p.field] ?? p.field) }));
      const actions = plan.actions.slice(0, MAX_ACTIONS_IN_REPORT).map((a) => inFileWords(a, parsed.fields));
      const problems = [...parsed.problems, ...inFileTerms].sort((a, b) => a.row - b.row || (a.field ?? '').localeCompare(b.field ?? ''));
      const count = (action: ImportAction['action']) => plan.actions.filter((a) => a.action === action).length;
      const report: ImportReport = {
        kind,
        mode: options.mode,
        source: parsed.source,
        total: parsed.total,
        create: count('create'),
        update: count('update'),
        unchanged: count('unchanged'),
        problems,
        notes: parsed.notes,
        actions,
        preview: null,
        committed: false,
      };
      if (options.mode === 'dry-run') throw new DryRunDone({ ...report, preview: await previewOf(plan) });
      if (problems.length > 0) {
        throw new HttpError(
          422,
          'IMPORT_HAS_PROBLEMS',
          `文件有 ${problems.length} 处问题，未导入任何数据；请按预检报告修改后重新预检 (the file has ${problems.length} problems; nothing was imported: fix them and run the dry run again)`,
          report,
        );
      }
      const ids = await plan.apply();
      // A file that changes nothing (an export imported back) leaves no trace: nothing was written.
      if (ids.length === 0) return { ...report, committed: true };
      await recordAudit(tx, {
        actor: options.actor,
        action: `import.${kind}`,
        entity: ENTITY[kind],
        entityIds: ids,
        details: {
          file: parsed.source.name,
          format: parsed.source.format,
          crs: parsed.source.crs,
          total: report.total,
          create: report.create,
          update: report.update,
          unchanged: report.unchanged,
        },
        ...(options.ip ? { ip: options.ip } : {}),
      });
      return { ...report, committed: true };
    });
  } catch (err) {
    if (err instanceof DryRunDone) return err.report;
    throw err;
  }
}

/** An action's changed fields under the names the file gives them (a place under its two coordinate columns). */
function inFileWords(action: ImportAction, fields: Record<string, string>): ImportAction {
  if (!action.changes) return action;
  const named = (field: string) =>
    field === 'location' && fields.lng && fields.lat ? `${fields.lng}/${fields.lat}` : (fields[field] ?? field);
  return { ...action, changes: action.changes.map((c) => ({ ...c, field: named(c.field) })) };
}

async function previewOf(plan: ImportPlan): Promise<ImportPreview | null> {
  if (!plan.preview) return null;
  const features = await plan.preview(plan.actions.slice(0, MAX_PREVIEW_FEATURES));
  return { features: { type: 'FeatureCollection', features }, truncated: plan.actions.length > MAX_PREVIEW_FEATURES };
}

const ENTITY: Record<ImportKind, string> = { grids: 'grid', facilities: 'facility', members: 'member', buildings: 'building' };

/**
 * A planner's problems, and the one way it adds one: where (row, field as the row types name it;
 * runImport puts it in the file's terms), which code, and the message saying how to fix it.
 */
export function problemList(): {
  problems: ImportProblem[];
  problem: (row: number, field: string | null, code: ErrorCode, message: string) => void;
} {
  const problems: ImportProblem[] = [];
  return {
    problems,
    problem: (row, field, code, message) => {
      problems.push({ row, field, code, message });
    },
  };
}

/** A point-row's place: inside some community of the district, and of the importer's scope. */
export function locationProblem(actor: ImportActor, communityCode: string | null): Omit<ImportProblem, 'row'> | null {
  if (communityCode === null) {
    return {
      field: 'lng',
      code: 'OUTSIDE_DISTRICT',
      message: '坐标不在本区任何社区内 (the point lies outside every community of the district): check 经度/纬度 and the coordinate system (WGS-84, GCJ-02 or BD-09)',
    };
  }
  if (!inScope(actor, communityCode)) {
    return { field: 'lng', code: 'OUTSIDE_SCOPE', message: `坐标位于社区 ${communityCode}，不在您的管辖范围 ${actor.regionCode} 内 (outside your region)` };
  }
  return null;
}

/** Rows per statement when saving, so a 50,000-row file stays within parameter and memory limits. */
const SAVE_BATCH = 2000;

/** Runs a save statement taking a JSON array of rows over all rows, a batch at a time; returns the ids written. */
export async function saveInBatches(tx: Queryable, sql: string, rows: readonly object[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += SAVE_BATCH) {
    const saved = await tx.query<{ id: number }>(sql, [JSON.stringify(rows.slice(i, i + SAVE_BATCH))]);
    ids.push(...saved.map((r) => r.id));
  }
  return ids;
}
