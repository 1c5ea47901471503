import { inScope } from '../auth/user.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { FacilityAttributes, FacilityKind } from '../contract/places.ts';
import { facilityChanges, type StoredFacility } from './facility-import-report.ts';
import { SAME_PLACE_M } from './same-place.ts';
import type { FacilityImportRow, ImportAction } from './import-types.ts';
import { locationProblem, problemList, saveInBatches, type ImportContext, type ImportPlan } from './run-import.ts';

const SQL = {
  check: sqlFile(import.meta.url, 'check-facility-rows.sql'),
  save: sqlFile(import.meta.url, 'save-facility-rows.sql'),
};


interface CheckedRow {
  row_no: number;
  /** Rows without id and place: how many facilities have the row's name. */
  named: number | null;
  community_code: string | null;
  target_id: number | null;
  target_community: string | null;
  target: StoredFacility | null;
  near: { id: number; name: string; distance: number }[];
}

/** A row with every field settled: what a create or update writes. */
export type FacilityWrite = FacilityImportRow & Pick<FacilityAttributes, 'kind'> & { lng: number; lat: number };

/**
 * Stations from a table: each must lie in a community of the importer's scope; a row with our
 * facility id (as exported) updates it, and so does a row without id and without coordinate
 * columns for the one station of its name; any other row creates one unless a facility of the
 * same name already stands within 10 m (a duplicate).
 */
export async function planFacilityImport(ctx: ImportContext, rows: FacilityImportRow[]): Promise<ImportPlan> {
  const { tx, actor } = ctx;
  const { problems, problem } = problemList();
  const checked = await tx.query<CheckedRow>(SQL.check, [JSON.stringify(rows.map(({ row, id, name, lng, lat }) => ({ row, id, name, lng, lat })))]);
  const byRow = new Map(rows.map((r) => [r.row, r]));

  const writes: { row: FacilityWrite; changes: ImportAction['changes'] }[] = [];
  const seenIds = new Map<number, number>();
  const acceptedByName = new Map<string, FacilityWrite[]>();
  for (const check of checked) {
    const row = byRow.get(check.row_no)!;
    const n = row.row;
    if (row.id === null && row.lng === null && check.named !== 1) {
      const [zh, en] = check.named === 0
        ? [`没有名为“${row.name}”的站点；新增站点需要“类型”和“经度”“纬度”列`, `no facility is called ${row.name}; a new one needs kind and longitude/latitude columns`]
        : [`有 ${check.named} 个名为“${row.name}”的站点：请加“编号”列（从导出的文件复制）指明更新哪一个`, `${check.named} facilities have this name: add the 编号 (id) column from an export to say which one`];
      problem(n, 'name', check.named === 0 ? 'MISSING_COORDINATE' : 'DUPLICATE', `${zh} (${en})`);
      continue;
    }
    const located = locationProblem(actor, check.community_code);
    if (located) {
      problem(n, located.field, located.code, located.message);
      continue;
    }
    const targetId = check.target_id ?? row.id;
    if (targetId !== null) {
      const first = seenIds.get(targetId);
      if (first !== undefined) {
        problem(n, row.id === null ? 'name' : 'id', 'DUPLICATE', `与第 ${first} 行是同一站点（编号 ${targetId}） (the same facility, id ${targetId}, as row ${first})`);
        continue;
      }
      seenIds.set(targetId, n);
    }
    if (row.id !== null && check.target_id === null) {
      problem(n, 'id', 'UNKNOWN_ID', `没有编号为 ${row.id} 的服务站点 (no facility with id ${row.id}): leave 编号 empty to add a new one`);
      continue;
    }
    if (check.target_id !== null && (check.target_community === null || !inScope(actor, check.target_community))) {
      problem(n, row.id === null ? 'name' : 'id', 'OUTSIDE_SCOPE', `编号 ${check.target_id} 的站点不在您的管辖范围内 (facility ${check.target_id} is outside your region)`);
      continue;
    }
    const merged = check.target === null ? newFacility(row, problem) : keepAbsent({ ...row, id: check.target_id }, check.target, ctx.present);
    if (merged === null) continue;
    const twin = acceptedByName.get(merged.name)?.find((a) => metresBetween(a, merged) <= 10);
    if (twin) {
      problem(n, 'name', 'DUPLICATE', `与第 ${twin.row} 行是同一站点（同名且相距不到 10 米） (same name within 10 m as row ${twin.row})`);
      continue;
    }
    if (check.near.length > 0) {
      const d = check.near[0]!;
      problem(n, 'name', 'DUPLICATE', `已有同名站点 ${d.name}（编号 ${d.id}，相距 ${d.distance} 米） (a facility of that name stands ${d.distance} m away): fill in 编号 ${d.id} to update it instead`);
      continue;
    }
    acceptedByName.set(merged.name, [...(acceptedByName.get(merged.name) ?? []), merged]);
    writes.push({ row: merged, changes: check.target === null ? undefined : facilityChanges(merged, check.target) });
  }

  const unchanged = (w: (typeof writes)[number]) => w.changes !== undefined && w.changes.length === 0;
  const actions: ImportAction[] = writes.map((w) => {
    const { row, changes } = w;
    if (changes === undefined) return { row: row.row, action: 'create', label: row.name };
    return unchanged(w) ? { row: row.row, action: 'unchanged', label: row.name } : { row: row.row, action: 'update', label: row.name, changes };
  });
  const places = new Map(writes.map(({ row }) => [row.row, row]));
  return {
    problems,
    actions,
    preview: async (shown) =>
      shown.map((a) => {
        const { lng, lat } = places.get(a.row)!;
        return { type: 'Feature', geometry: { type: 'Point', coordinates: [round6(lng), round6(lat)] }, properties: { row: a.row, action: a.action, label: a.label } };
      }),
    async apply() {
      return saveInBatches(tx, SQL.save, writes.filter((w) => !unchanged(w)).map((w) => w.row));
    },
  };
}

/** A new station needs what only the file can give it: a kind and a place. */
function newFacility(row: FacilityImportRow, problem: ReturnType<typeof problemList>['problem']): FacilityWrite | null {
  const { kind, lng, lat } = row;
  if (kind === null) problem(row.row, 'kind', 'MISSING_FIELD', '新增站点需要类型：请在文件中加“类型”列并填写 (a new facility needs a kind: add a 类型 column)');
  if (lng === null || lat === null) problem(row.row, 'lng', 'MISSING_COORDINATE', '新增站点需要位置：请在文件中加“经度”“纬度”列并填写 (a new facility needs a place: add 经度 and 纬度 columns)');
  return kind === null || lng === null || lat === null ? null : { ...row, kind, lng, lat };
}

/**
 * An update keeps what the file has no column for (a file of names and phones does not clear
 * addresses or make a private station public), and the stored place when the file's is less
 * than SAME_PLACE_M from it (coordinates rounded or converted on the way back).
 */
function keepAbsent(row: FacilityImportRow, current: StoredFacility, present: ReadonlySet<string>): FacilityWrite {
  const keep = (field: keyof FacilityImportRow) => !present.has(field);
  const samePlace = row.lng === null || row.lat === null || current.distance === null || current.distance < SAME_PLACE_M;
  return {
    ...row,
    kind: row.kind ?? (current.kind as FacilityKind),
    address: keep('address') ? current.address : row.address,
    phone: keep('phone') ? current.phone : row.phone,
    openingHours: keep('openingHours') ? current.openingHours : row.openingHours,
    services: keep('services') ? current.services : row.services,
    public: keep('public') ? current.public : row.public,
    lng: samePlace ? current.lng : row.lng!,
    lat: samePlace ? current.lat : row.lat!,
  };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Metres between two nearby WGS84 points (equirectangular; only used for "within 10 m"). */
function metresBetween(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const k = (Math.PI / 180) * 6_371_000;
  const dx = (a.lng - b.lng) * k * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  const dy = (a.lat - b.lat) * k;
  return Math.hypot(dx, dy);
}
