import { inScope } from '../auth/user.ts';
import { sqlFile } from '../db/sql-file.ts';
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
  existing: { status: string; orgId: number | null; floating: boolean; distance: number; communityCode: string | null } | null;
}

interface MemberWrite {
  id: number | null;
  name: string;
  status: string;
  orgId: number | null;
  floating: boolean;
  phone: string | null;
  lng: number;
  lat: number;
}

/**
 * Members from a roster (admins only): each home must lie in a community of the importer's
 * scope and a named organisation must exist. A member on record with the same name and phone is
 * updated; the same person twice in the file is a duplicate.
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
    const located = locationProblem(actor, check.community_code);
    if (located) {
      problem(n, located.field, located.code, located.message);
      continue;
    }
    const e = check.existing;
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
    const person = row.phone !== null ? `${row.name}\u0000${row.phone}` : `${row.name}\u0000${row.lng.toFixed(6)},${row.lat.toFixed(6)}`;
    const first = firstRowOfPerson.get(person);
    if (first !== undefined) {
      problem(n, 'name', 'DUPLICATE', `与第 ${first} 行是同一名党员（姓名和电话相同） (the same member as row ${first}): keep one of the rows`);
      continue;
    }
    firstRowOfPerson.set(person, n);
    // An update keeps the organisation and the floating mark when the file has no column for them.
    const write: MemberWrite = {
      id: check.existing_id,
      name: row.name,
      status: row.status,
      orgId: e && !ctx.present.has('orgName') ? e.orgId : (org?.id ?? null),
      floating: e && !ctx.present.has('floating') ? e.floating : row.floating,
      phone: row.phone,
      lng: row.lng,
      lat: row.lat,
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
    ['location', e.distance >= 0.01],
  ];
  return changed.filter(([, differs]) => differs).map(([field]) => ({ field, before: null, after: null }));
}

/** Reports show 张**: enough to find the row, not a list of names. */
function maskName(name: string): string {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
