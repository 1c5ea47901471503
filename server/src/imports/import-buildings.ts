import type { Polygon } from 'geojson';
import { inScope } from '../auth/user.ts';
import { placeBuildings } from '../buildings/place-buildings.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { BuildingImportRow, ImportAction, ImportChange } from './import-types.ts';
import { problemList, saveInBatches, type ImportContext, type ImportPlan } from './run-import.ts';

const SQL = {
  check: sqlFile(import.meta.url, 'check-building-rows.sql'),
  save: sqlFile(import.meta.url, 'save-building-rows.sql'),
};

/** A larger outline is not one building (a block or a whole estate was drawn): 10 hectares. */
const MAX_BUILDING_AREA_M2 = 100_000;

interface StoredBuilding {
  id: number;
  name: string;
  households: number;
  population: number;
  area: number;
  sameShape: boolean;
  holdsPoint: boolean;
}

interface CheckedRow {
  row_no: number;
  valid: boolean;
  reason: string | null;
  area: number | null;
  anchor_community: string | null;
  given_exists: boolean;
  anchor_in_given: boolean;
  target: StoredBuilding | null;
}

interface BuildingWrite {
  id: number | null;
  key: string;
  name: string;
  communityCode: string;
  households: number;
  population: number | null;
  /** Null: the stored outline stays (a point row inside the building it updates). */
  geometry: Polygon | null;
  source: BuildingImportRow['source'];
}

/**
 * Buildings with their households: each must be a valid polygon whose anchor (a point on its
 * surface) lies in a community of the importer's scope, the row's own community when it names
 * one. A row updates the building of that community with its key, else creates one. A commit
 * then puts every building of the communities touched in the grid holding its anchor and sets
 * those grids' households and population to their buildings' sums (placeBuildings).
 */
export async function planBuildingImport(ctx: ImportContext, rows: BuildingImportRow[]): Promise<ImportPlan> {
  const { tx, actor } = ctx;
  const { problems, problem } = problemList();
  const checked = await tx.query<CheckedRow>(SQL.check, [
    JSON.stringify(rows.map(({ row, key, communityCode, geometry }) => ({ row, key, communityCode, geometry }))),
  ]);
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const seen = new Map<string, number>();
  const writes: { row: BuildingImportRow; write: BuildingWrite; changes: ImportChange[] | undefined }[] = [];

  for (const check of checked) {
    const row = byRow.get(check.row_no)!;
    const n = row.row;
    if (!check.valid) {
      problem(n, 'geometry', 'INVALID_GEOMETRY', `楼栋轮廓无效（${check.reason ?? '自相交或退化'}）：请在 GIS 软件中修复后重新导出 (the outline is not a valid polygon: ${check.reason ?? 'self-intersecting or degenerate'})`);
      continue;
    }
    if ((check.area ?? 0) > MAX_BUILDING_AREA_M2) {
      problem(n, 'geometry', 'BAD_VALUE', `楼栋面积 ${Math.round(check.area!)} 平方米，超过 ${MAX_BUILDING_AREA_M2} 平方米：一行应是一栋楼，请检查是否画成了整个小区或坐标系有误 (the outline covers ${Math.round(check.area!)} m², more than one building: check the shape and the coordinate system)`);
      continue;
    }
    if (!check.given_exists) {
      problem(n, 'communityCode', 'UNKNOWN_COMMUNITY', `没有社区编码为 ${row.communityCode} 的社区：请核对编码，或留空按位置判断 (no community has the code ${row.communityCode}: check it, or leave it empty)`);
      continue;
    }
    if (!check.anchor_in_given) {
      problem(n, 'communityCode', 'OUTSIDE_COMMUNITY', `楼栋不在社区 ${row.communityCode} 内：请核对社区编码或坐标 (the building does not stand in community ${row.communityCode}: check the code or the coordinates)`);
      continue;
    }
    const community = row.communityCode ?? check.anchor_community;
    if (community === null) {
      problem(n, 'geometry', 'OUTSIDE_DISTRICT', '楼栋不在本区任何社区内：请检查坐标和坐标系（WGS-84、GCJ-02 或 BD-09） (the building lies outside every community: check the coordinates and the coordinate system)');
      continue;
    }
    if (!inScope(actor, community)) {
      problem(n, 'geometry', 'OUTSIDE_SCOPE', `楼栋位于社区 ${community}，不在您的管辖范围 ${actor.regionCode} 内 (outside your region)`);
      continue;
    }
    const seenKey = `${community}/${row.key}`;
    const first = seen.get(seenKey);
    if (first !== undefined) {
      problem(n, 'key', 'DUPLICATE', `与第 ${first} 行是同一社区的同一楼栋（编号或名称“${row.key}”） (the same building, ${row.key}, as row ${first})`);
      continue;
    }
    seen.set(seenKey, n);
    const target = check.target;
    // A point for a building already drawn, inside its outline, updates the figures and keeps the outline.
    const keepShape = target !== null && (target.sameShape || (row.source === 'point' && target.holdsPoint));
    const write: BuildingWrite = {
      id: target?.id ?? null,
      key: row.key,
      name: row.name,
      communityCode: community,
      households: row.households,
      population: row.population,
      geometry: keepShape ? null : row.geometry,
      source: row.source,
    };
    writes.push({ row, write, changes: target === null ? undefined : buildingChanges(write, target, check.area ?? 0) });
  }

  const unchanged = (w: (typeof writes)[number]) => w.changes !== undefined && w.changes.length === 0;
  const label = (r: BuildingImportRow) => (r.name === '' ? r.key : r.name);
  const actions: ImportAction[] = writes.map((w) => {
    if (w.changes === undefined) return { row: w.row.row, action: 'create', label: label(w.row) };
    return unchanged(w) ? { row: w.row.row, action: 'unchanged', label: label(w.row) } : { row: w.row.row, action: 'update', label: label(w.row), changes: w.changes };
  });
  const shapes = new Map(writes.map((w) => [w.row.row, w.row.geometry]));
  return {
    problems,
    actions,
    preview: async (shown) =>
      shown.map((a) => ({ type: 'Feature', geometry: shapes.get(a.row)!, properties: { row: a.row, action: a.action, label: a.label } })),
    async apply() {
      const changed = writes.filter((w) => !unchanged(w));
      const ids = await saveInBatches(tx, SQL.save, changed.map((w) => w.write));
      if (changed.length > 0) await placeBuildings(tx, changed.map((w) => w.write.communityCode));
      return ids;
    },
  };
}

/** What the row changes in the building it updates: name, households, population, the outline (area in m²). */
function buildingChanges(write: BuildingWrite, stored: StoredBuilding, area: number): ImportChange[] {
  const changes: ImportChange[] = [];
  if (write.name !== stored.name) changes.push({ field: 'name', before: stored.name || null, after: write.name || null });
  if (write.households !== stored.households) changes.push({ field: 'households', before: stored.households, after: write.households });
  if (write.population !== null && write.population !== stored.population) changes.push({ field: 'population', before: stored.population, after: write.population });
  if (write.geometry !== null) changes.push({ field: 'geometry', before: Math.round(stored.area), after: Math.round(area) });
  return changes;
}
