import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { GridImportRow, ImportAction, ImportChange, ImportPreview } from './import-types.ts';

const SQL = {
  preview: sqlFile(import.meta.url, 'preview-grids.sql'),
};

/** What check-staged-grids.sql says of one staged grid. */
export interface CheckedGrid {
  row_no: number;
  community_code: string | null;
  community_given: boolean;
  community_known: boolean;
  target_id: number | null;
  target_version: number | null;
  target_retired: boolean | null;
  target_community: string | null;
  target_name: string | null;
  target_households: number | null;
  target_population: number | null;
  target_leader_name: string | null;
  target_leader_phone: string | null;
  same_shape: boolean;
  target_area: number | null;
  fitted_area: number | null;
  outside_area: number | null;
  overlaps: { code: string; name: string; areaSqm: number }[];
  fitted: string | null;
  x: number;
  y: number;
}

const ATTRIBUTES = [
  ['name', 'target_name'],
  ['households', 'target_households'],
  ['population', 'target_population'],
  ['leaderName', 'target_leader_name'],
  ['leaderPhone', 'target_leader_phone'],
] as const satisfies readonly (readonly [keyof GridImportRow, keyof CheckedGrid])[];

/**
 * What importing the row changes in the grid it updates: each attribute the file gives another
 * value (an empty cell keeps the stored one) and the boundary, as its area in m². Empty when the
 * row changes nothing.
 */
export function gridChanges(row: GridImportRow, check: CheckedGrid): ImportChange[] {
  const changes: ImportChange[] = [];
  for (const [field, stored] of ATTRIBUTES) {
    const after = row[field];
    const before = check[stored];
    if (after !== null && after !== before) changes.push({ field, before, after });
  }
  if (!check.same_shape) {
    changes.push({ field: 'geometry', before: squareMetres(check.target_area), after: squareMetres(check.fitted_area) });
  }
  return changes;
}

const squareMetres = (area: number | null) => (area === null ? null : Math.round(area * 10) / 10);

/** Simplification of the preview's outlines, in degrees (about 1 m): invisible on a small map. */
const PREVIEW_TOLERANCE_DEG = 1e-5;

/** The outlines the rows of these actions would store, simplified, each with its action. */
export async function gridPreview(
  tx: Queryable,
  actions: ImportAction[],
  fittedOf: (row: number) => string | null,
): Promise<ImportPreview['features']['features']> {
  const shapes = actions.flatMap((a) => {
    const geometry = fittedOf(a.row);
    return geometry === null ? [] : [{ row: a.row, geometry }];
  });
  if (shapes.length === 0) return [];
  const byRow = new Map(actions.map((a) => [a.row, a]));
  const rows = await tx.query<{ row_no: number; geometry: ImportPreview['features']['features'][number]['geometry'] }>(SQL.preview, [
    JSON.stringify(shapes),
    PREVIEW_TOLERANCE_DEG,
  ]);
  return rows.map((r) => {
    const a = byRow.get(r.row_no)!;
    return { type: 'Feature', geometry: r.geometry, properties: { row: a.row, action: a.action, label: a.label } };
  });
}
