import type { Polygon } from 'geojson';
import { inScope } from '../auth/user.ts';
import { placeBuildings } from '../buildings/place-buildings.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { BuildingImportRow, ImportAction, ImportChange } from './import-types.ts';
import { problemList, saveInBatches, type ImportContext, type ImportPlan } from './run-import.ts';

const SQL = {
  check: sqlFile(import.meta.url, 'check-building-rows.sql'),
  match: sqlFile(import.meta.url, 'match-building-keys.sql'),
  outlines: sqlFile(import.meta.url, 'building-outlines.sql'),
  save: sqlFile(import.meta.url, 'save-building-rows.sql'),
};

/** A larger outline is not one building (a block or a whole estate was drawn): 10 hectares. */
const MAX_BUILDING_AREA_M2 = 100_000;

/** Communities named in the problem of a key found in several: the first few. */
const PLACES_NAMED = 3;

type PlacedRow = Extract<BuildingImportRow, { geometry: Polygon }>;
type FiguresRow = Extract<BuildingImportRow, { geometry: null }>;

interface StoredFigures {
  id: number;
  name: string;
  households: number;
  population: number;
}

interface StoredBuilding extends StoredFigures {
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

interface MatchedRow {
  row_no: number;
  given_exists: boolean;
  matches: number;
  places: { code: string; name: string | null }[];
  target: (StoredFigures & { communityCode: string }) | null;
}

interface BuildingWrite {
  id: number | null;
  key: string;
  /** Null: the stored name stays (a new building has none). */
  name: string | null;
  communityCode: string;
  households: number;
  population: number | null;
  /** Null: the stored outline stays (a point row inside the building it updates, a row without a place). */
  geometry: Polygon | null;
  source: BuildingImportRow['source'];
}

/** A row that passed its checks: what it writes, and what it changes in the building it updates (undefined: a new building). */
interface PlannedWrite {
  row: number;
  label: string;
  write: BuildingWrite;
  changes: ImportChange[] | undefined;
  /** The preview's shape: the row's own outline, or the id of the stored building whose outline stays. */
  outline: Polygon | number;
}

type Problem = ReturnType<typeof problemList>['problem'];

/**
 * Buildings with their households. A row with a place must be a valid polygon whose anchor (a
 * point on its surface) lies in a community of the importer's scope, the row's own community
 * when it names one; it updates the building of that community with its key, else creates one.
 * A row without a place (a table of 楼栋编号 + 户数) updates the one building of its key in the
 * importer's scope (in its community when it names one) and keeps its outline; it never creates
 * one. A commit then puts every building of the communities touched in the grid holding its
 * anchor and sets those grids' households and population to their buildings' sums
 * (placeBuildings).
 */
export async function planBuildingImport(ctx: ImportContext, rows: BuildingImportRow[]): Promise<ImportPlan> {
  const { tx, actor } = ctx;
  const { problems, problem } = problemList();
  const placed = rows.filter((r): r is PlacedRow => r.geometry !== null);
  const figures = rows.filter((r): r is FiguresRow => r.geometry === null);
  const checked = placed.length === 0 ? [] : await tx.query<CheckedRow>(SQL.check, [
    JSON.stringify(placed.map(({ row, key, communityCode, geometry }) => ({ row, key, communityCode, geometry }))),
  ]);
  const matched = figures.length === 0 ? [] : await tx.query<MatchedRow>(SQL.match, [
    JSON.stringify(figures.map(({ row, key, communityCode }) => ({ row, key, communityCode }))),
    actor.regionCode,
  ]);
  const checkOf = new Map(checked.map((c) => [c.row_no, c]));
  const matchOf = new Map(matched.map((m) => [m.row_no, m]));
  const seen = new Map<string, number>();
  const writes: PlannedWrite[] = [];

  for (const row of rows) {
    const planned = row.geometry === null
      ? planFigures(row, matchOf.get(row.row)!, actor, problem)
      : planPlaced(row, checkOf.get(row.row)!, actor, problem);
    if (planned === null) continue;
    const seenKey = `${planned.write.communityCode}/${row.key}`;
    const first = seen.get(seenKey);
    if (first !== undefined) {
      problem(row.row, 'key', 'DUPLICATE', `与第 ${first} 行是同一社区的同一楼栋（编号或名称“${row.key}”） (the same building, ${row.key}, as row ${first})`);
      continue;
    }
    seen.set(seenKey, row.row);
    writes.push(planned);
  }

  const unchanged = (w: PlannedWrite) => w.changes !== undefined && w.changes.length === 0;
  const actions: ImportAction[] = writes.map((w) => {
    if (w.changes === undefined) return { row: w.row, action: 'create', label: w.label };
    return unchanged(w) ? { row: w.row, action: 'unchanged', label: w.label } : { row: w.row, action: 'update', label: w.label, changes: w.changes };
  });
  const outlines = new Map(writes.map((w) => [w.row, w.outline]));
  return {
    problems,
    actions,
    preview: async (shown) => {
      const kept = shown.map((a) => outlines.get(a.row)!).filter((o): o is number => typeof o === 'number');
      const stored = kept.length === 0 ? [] : await tx.query<{ id: number; geometry: Polygon }>(SQL.outlines, [kept]);
      const storedOf = new Map(stored.map((b) => [b.id, b.geometry]));
      return shown.map((a) => {
        const outline = outlines.get(a.row)!;
        const geometry = typeof outline === 'number' ? storedOf.get(outline)! : outline;
        return { type: 'Feature', geometry, properties: { row: a.row, action: a.action, label: a.label } };
      });
    },
    async apply() {
      const changed = writes.filter((w) => !unchanged(w));
      const ids = await saveInBatches(tx, SQL.save, changed.map((w) => w.write));
      if (changed.length > 0) await placeBuildings(tx, changed.map((w) => w.write.communityCode));
      return ids;
    },
  };
}

/** A row with a place: where it stands decides its community and the building it updates. */
function planPlaced(row: PlacedRow, check: CheckedRow, actor: ImportContext['actor'], problem: Problem): PlannedWrite | null {
  const n = row.row;
  if (!check.valid) {
    problem(n, 'geometry', 'INVALID_GEOMETRY', `楼栋轮廓无效（${check.reason ?? '自相交或退化'}）：请在 GIS 软件中修复后重新导出 (the outline is not a valid polygon: ${check.reason ?? 'self-intersecting or degenerate'})`);
    return null;
  }
  if ((check.area ?? 0) > MAX_BUILDING_AREA_M2) {
    problem(n, 'geometry', 'BAD_VALUE', `楼栋面积 ${Math.round(check.area!)} 平方米，超过 ${MAX_BUILDING_AREA_M2} 平方米：一行应是一栋楼，请检查是否画成了整个小区或坐标系有误 (the outline covers ${Math.round(check.area!)} m², more than one building: check the shape and the coordinate system)`);
    return null;
  }
  if (!check.given_exists) {
    problem(n, 'communityCode', 'UNKNOWN_COMMUNITY', `没有社区编码为 ${row.communityCode} 的社区：请核对编码，或留空按位置判断 (no community has the code ${row.communityCode}: check it, or leave it empty)`);
    return null;
  }
  if (!check.anchor_in_given) {
    problem(n, 'communityCode', 'OUTSIDE_COMMUNITY', `楼栋不在社区 ${row.communityCode} 内：请核对社区编码或坐标 (the building does not stand in community ${row.communityCode}: check the code or the coordinates)`);
    return null;
  }
  const community = row.communityCode ?? check.anchor_community;
  if (community === null) {
    problem(n, 'geometry', 'OUTSIDE_DISTRICT', '楼栋不在本区任何社区内：请检查坐标和坐标系（WGS-84、GCJ-02 或 BD-09） (the building lies outside every community: check the coordinates and the coordinate system)');
    return null;
  }
  if (!inScope(actor, community)) {
    problem(n, 'geometry', 'OUTSIDE_SCOPE', `楼栋位于社区 ${community}，不在您的管辖范围 ${actor.regionCode} 内 (outside your region)`);
    return null;
  }
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
  const outline = write.geometry === null ? null : { before: target?.area ?? 0, after: check.area ?? 0 };
  return {
    row: n,
    label: row.name || target?.name || row.key,
    write,
    changes: target === null ? undefined : buildingChanges(write, target, outline),
    outline: row.geometry,
  };
}

/** A row without a place: its key (within its community when it names one) must name exactly one building in scope. */
function planFigures(row: FiguresRow, match: MatchedRow, actor: ImportContext['actor'], problem: Problem): PlannedWrite | null {
  const n = row.row;
  const given = row.communityCode;
  if (given !== null && !match.given_exists) {
    problem(n, 'communityCode', 'UNKNOWN_COMMUNITY', `没有社区编码为 ${given} 的社区：请核对编码，或留空按楼栋编号查找 (no community has the code ${given}: check it, or leave it empty)`);
    return null;
  }
  if (given !== null && !inScope(actor, given)) {
    problem(n, 'communityCode', 'OUTSIDE_SCOPE', `社区 ${given} 不在您的管辖范围 ${actor.regionCode} 内 (community ${given} is outside your region)`);
    return null;
  }
  if (match.matches === 0) {
    const where = given === null ? '' : `（社区 ${given}）`;
    problem(
      n,
      'key',
      'UNKNOWN_ID',
      `没有找到编号为“${row.key}”的楼栋${where}：没有坐标的表格只能更新已有楼栋，请核对编号（与导出的楼栋表一致）；新楼栋请填写经纬度 ` +
        `(no building${given === null ? '' : ` of community ${given}`} has the id ${row.key}: a table without coordinates only updates existing buildings; check the id against the buildings export, or give longitude and latitude for a new building)`,
    );
    return null;
  }
  const target = match.target;
  if (match.matches > 1 || target === null) {
    const named = match.places.slice(0, PLACES_NAMED).map((p) => `${p.name ?? ''} ${p.code}`.trim());
    const more = match.matches > PLACES_NAMED ? ' 等' : '';
    problem(
      n,
      'communityCode',
      'MISSING_FIELD',
      `编号“${row.key}”在 ${match.matches} 个社区都有楼栋（${named.join('、')}${more}）：请填写这栋楼所在社区的社区编码（12 位；表格中没有这一列时请增加“社区编码”列） ` +
        `(${match.matches} communities have a building with the id ${row.key}: fill in the community code to say which one)`,
    );
    return null;
  }
  const write: BuildingWrite = {
    id: target.id,
    key: row.key,
    name: row.name,
    communityCode: target.communityCode,
    households: row.households,
    population: row.population,
    geometry: null,
    source: null,
  };
  return { row: n, label: row.name || target.name || row.key, write, changes: buildingChanges(write, target, null), outline: target.id };
}

/** What the row changes in the building it updates: name, households, population, the outline (area in m²; null: kept). */
function buildingChanges(write: BuildingWrite, stored: StoredFigures, area: { before: number; after: number } | null): ImportChange[] {
  const changes: ImportChange[] = [];
  if (write.name !== null && write.name !== stored.name) changes.push({ field: 'name', before: stored.name || null, after: write.name || null });
  if (write.households !== stored.households) changes.push({ field: 'households', before: stored.households, after: write.households });
  if (write.population !== null && write.population !== stored.population) changes.push({ field: 'population', before: stored.population, after: write.population });
  if (area !== null) changes.push({ field: 'geometry', before: Math.round(area.before), after: Math.round(area.after) });
  return changes;
}
