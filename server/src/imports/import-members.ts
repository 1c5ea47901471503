import { inScope } from '../auth/user.ts';
import { sqlFile } from '../db/sql-file.ts';
import { SAME_PLACE_M } from './same-place.ts';
import type { ImportAction, ImportChange, MemberImportRow } from './import-types.ts';
import { locationProblem, problemList, saveInBatches, type ImportContext, type ImportPlan } from './run-import.ts';

const SQL = {
  check: sqlFile(import.meta.url, 'check-member-rows.sql'),
  save: sqlFile(import.meta.url, 'save-member-rows.sql'),
};


interface CheckedRow {
  row_no: number;
  community_code: string | null;
  orgs: { id: number; gridCode: string | null }[];
  existing_id: number | null;
  existing: { status: string; orgId: number | null; floating: boolean; distance: number | null; communityCode: string | null } | null;
}

interface MemberWrite {
  id: number | null;
  name: string;
  status: string;
  orgId: number | null;
  floating: boolean;
  phone: string | null;
  /** Null: an update keeps the stored home. */
  lng: number | null;
  lat: number | null;
}

/**
 * Members from a roster (admins only): each home must lie in a community of the importer's
 * scope and a named organisation must exist. A member on record with the same name and phone is
 * updated (a row without coordinates keeps the stored home, as does one less than SAME_PLACE_M
 * from it); the same person twice in the file is a duplicate.
 */
export async function planMemberImport(ctx: ImportContext, rows: MemberImportRow[]): Promise<ImportPlan> {
  const { tx, actor } = ctx;
  const { problems, problem } = problemList();
  const checked = await tx.query<CheckedRow>(SQL.check, [
    JSON.stringify(rows.map(({ row, name, phone, orgName, lng, lat }) => ({ row, name, phone, orgName, lng, lat }))),
  ]);
  const byRow = new Map(rows.map((r) => [r.row, r]));

  const writes: { row: MemberImportRow; write: MemberWrite; changes: ImportChange[]; unchanged: boolean }[] = [];
  const firstRowOfPerson = new Map<string, number>();
  for (const check of checked) {
    const row = byRow.get(check.row_no)!;
    const n = row.row;
    const e = check.existing;
    if (e === null && !newMemberComplete(row, problem)) continue;
    const located = locationProblem(actor, check.community_code);
    if (located) {
      problem(n, located.field, located.code, located.message);
      continue;
    }
    if (e && (e.communityCode === null || !inScope(actor, e.communityCode))) {
      problem(n, 'name', 'OUTSIDE_SCOPE', `同名同电话的党员已登记在您的管辖范围 ${actor.regionCode} 之外 (a member with this name and phone is on record outside your region): ask the administrator of that region`);
      continue;
    }
    // Only organisations of the importer's region (or, for a district account, those without a grid).
    const org = check.orgs.find((o) => (o.gridCode === null ? actor.regionCode.length <= 6 : inScope(actor, o.gridCode)));
    if (row.orgName !== null && !org) {
      problem(n, 'orgName', 'UNKNOWN_ORG', `您的管辖范围内没有名为“${row.orgName}”的党组织 (no Party organisation of that name in your region): use the name as it appears in the system, or leave it empty`);
      continue;
    }
    const person = row.phone !== null ? `${row.name}\u0000${row.phone}` : `${row.name}\u0000${row.lng?.toFixed(6)},${row.lat?.toFixed(6)}`;
    const first = firstRowOfPerson.get(person);
    if (first !== undefined) {
      problem(n, 'name', 'DUPLICATE', `与第 ${first} 行是同一名党员（姓名和电话相同） (the same member as row ${first}): keep one of the rows`);
      continue;
    }
    firstRowOfPerson.set(person, n);
    // An update keeps the status, the organisation and the floating mark when the file has no
    // column for them, and the home when the row has no coordinates or nearly the stored ones.
    const samePlace = e !== null && (e.distance === null || e.distance < SAME_PLACE_M);
    const write: MemberWrite = {
      id: check.existing_id,
      name: row.name,
      status: row.status ?? e!.status,
      orgId: e && !ctx.present.has('orgName') ? e.orgId : (org?.id ?? null),
      floating: e && !ctx.present.has('floating') ? e.floating : row.floating,
      phone: row.phone,
      lng: samePlace ? null : row.lng,
      lat: samePlace ? null : row.lat,
    };
    const changes = e === null ? [] : memberChanges(e, write);
    writes.push({ row, write, changes, unchanged: e !== null && changes.length === 0 });
  }

  const actions: ImportAction[] = writes.map(({ row, write, changes, unchanged }) => {
    const label = maskName(row.name);
    if (write.id === null) return { row: row.row, action: 'create', label };
    return unchanged ? { row: row.row, action: 'unchanged', label } : { row: row.row, action: 'update', label, changes };
  });
  return {
    problems,
    actions,
    async apply() {
      return saveInBatches(tx, SQL.save, writes.filter((w) => !w.unchanged).map((w) => w.write));
    },
  };
}

/**
 * Which fields of a member on record the row changes, by name only: a report never carries a
 * member's values, old or new (a home's place least of all).
 */
function memberChanges(e: NonNullable<CheckedRow['existing']>, write: MemberWrite): ImportChange[] {
  const changed: [string, boolean][] = [
    ['status', e.status !== write.status],
    ['orgName', e.orgId !== write.orgId],
    ['floating', e.floating !== write.floating],
    ['location', write.lng !== null],
  ];
  return changed.filter(([, differs]) => differs).map(([field]) => ({ field, before: null, after: null }));
}

/** A member not on record needs a status and a home: says which is missing. */
function newMemberComplete(row: MemberImportRow, problem: ReturnType<typeof problemList>['problem']): boolean {
  if (row.status === null) {
    problem(row.row, 'status', 'MISSING_FIELD', '系统里没有这名党员（按姓名和电话查找），新增党员需要“状态”列 (no member on record with this name and phone; a new member needs a status column)');
  }
  if (row.lng === null) {
    const [zh, en] = row.addressOnly
      ? ['只有地址没有坐标：系统不做地址解析，请补充经度和纬度（可在地图上取点）', 'an address but no coordinates: addresses are not geocoded; add longitude and latitude (pick the point on the map)']
      : ['系统里没有这名党员（按姓名和电话查找），新增党员需要住址的经度和纬度', 'no member on record with this name and phone; a new member needs the longitude and latitude of the home'];
    problem(row.row, 'lng', 'MISSING_COORDINATE', `${zh} (${en})`);
  }
  return row.status !== null && row.lng !== null;
}

/** Reports show 张**: enough to find the row, not a list of names. */
function maskName(name: string): string {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
