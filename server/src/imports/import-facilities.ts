import { inScope } from '../auth/user.ts';
import { sqlFile } from '../db/sql-file.ts';
import { facilityChanges, type StoredFacility } from './facility-import-report.ts';
import type { FacilityImportRow, ImportAction } from './import-types.ts';
import { locationProblem, problemList, saveInBatches, type ImportContext, type ImportPlan } from './run-import.ts';

const SQL = {
  check: sqlFile(import.meta.url, 'check-facility-rows.sql'),
  save: sqlFile(import.meta.url, 'save-facility-rows.sql'),
};


interface CheckedRow {
  row_no: number;
  community_code: string | null;
  target_id: number | null;
  target_community: string | null;
  target: StoredFacility | null;
  near: { id: number; name: string; distance: number }[];
}

/**
 * Stations from a table: each must lie in a community of the importer's scope; a row with our
 * facility id (as exported) updates it, any other row creates one unless a facility of the same
 * name already stands within 10 m (a duplicate).
 */
export async function planFacilityImport(ctx: ImportContext, rows: FacilityImportRow[]): Promise<ImportPlan> {
  const { tx, actor } = ctx;
  const { problems, problem } = problemList();
  const checked = await tx.query<CheckedRow>(SQL.check, [JSON.stringify(rows.map(({ row, id, name, lng, lat }) => ({ row, id, name, lng, lat })))]);
  const byRow = new Map(rows.map((r) => [r.row, r]));

  const writes: { row: FacilityImportRow; changes: ImportAction['changes'] }[] = [];
  const seenIds = new Map<number, number>();
  const acceptedByName = new Map<string, FacilityImportRow[]>();
  for (const check of checked) {
    const row = byRow.get(check.row_no)!;
    const n = row.row;
    const located = locationProblem(actor, check.community_code);
    if (located) {
      problem(n, located.field, located.code, located.message);
      continue;
    }
    if (row.id !== null) {
      const first = seenIds.get(row.id);
      if (first !== undefined) {
        problem(n, 'id', 'DUPLICATE', `编号 ${row.id} 与第 ${first} 行重复 (id ${row.id} repeats row ${first})`);
        continue;
      }
      seenIds.set(row.id, n);
      if (check.target_id === null) {
        problem(n, 'id', 'UNKNOWN_ID', `没有编号为 ${row.id} 的服务站点 (no facility with id ${row.id}): leave 编号 empty to add a new one`);
        continue;
      }
      if (check.target_community === null || !inScope(actor, check.target_community)) {
        problem(n, 'id', 'OUTSIDE_SCOPE', `编号 ${row.id} 的站点不在您的管辖范围内 (facility ${row.id} is outside your region)`);
        continue;
      }
    }
    const twin = acceptedByName.get(row.name)?.find((a) => metresBetween(a, row) <= 10);
    if (twin) {
      problem(n, 'name', 'DUPLICATE', `与第 ${twin.row} 行是同一站点（同名且相距不到 10 米） (same name within 10 m as row ${twin.row})`);
      continue;
    }
    if (check.near.length > 0) {
      const d = check.near[0]!;
      problem(n, 'name', 'DUPLICATE', `已有同名站点 ${d.name}（编号 ${d.id}，相距 ${d.distance} 米） (a facility of that name stands ${d.distance} m away): fill in 编号 ${d.id} to update it instead`);
      continue;
    }
    acceptedByName.set(row.name, [...(acceptedByName.get(row.name) ?? []), row]);
    // An update keeps what the file has no column for (a file of names and places does not
    // clear phones or make a private station public).
    const merged = check.target === null ? row : keepAbsent(row, check.target, ctx.present);
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

function keepAbsent(row: FacilityImportRow, current: NonNullable<CheckedRow['target']>, present: ReadonlySet<string>): FacilityImportRow {
  const keep = (field: keyof FacilityImportRow) => !present.has(field);
  return {
    ...row,
    address: keep('address') ? current.address : row.address,
    phone: keep('phone') ? current.phone : row.phone,
    openingHours: keep('openingHours') ? current.openingHours : row.openingHours,
    services: keep('services') ? current.services : row.services,
    public: keep('public') ? current.public : row.public,
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
