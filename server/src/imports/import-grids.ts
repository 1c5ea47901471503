import { inScope } from '../auth/user.ts';
import { sqlFile } from '../db/sql-file.ts';
import { lockCommunityGrids, nextCode, saveShape } from '../grids/grid-edits.ts';
import { openChangeset } from '../grids/open-changeset.ts';
import { checkPolygonal } from '../grids/grid-input.ts';
import { GRID_RULES } from '../grids/grid-rules.ts';
import { reassignBuildings, syncGridHouseholds } from '../grids/reassign-buildings.ts';
import { reassignCases } from '../grids/reassign-cases.ts';
import { reassignMembers } from '../grids/reassign-members.ts';
import { HttpError } from '../http/errors.ts';
import { gridChanges, gridPreview, type CheckedGrid } from './grid-import-report.ts';
import type { GridImportRow, ImportAction } from './import-types.ts';
import { problemList, type ImportContext, type ImportPlan } from './run-import.ts';
import { SAME_PLACE_M } from './same-place.ts';

const SQL = {
  stage: sqlFile(import.meta.url, 'stage-grids.sql'),
  communitiesWithBuildings: sqlFile(import.meta.url, 'communities-with-buildings.sql'),
  index: sqlFile(import.meta.url, 'index-staged-grids.sql'),
  resolveCommunities: sqlFile(import.meta.url, 'resolve-grid-communities.sql'),
  check: sqlFile(import.meta.url, 'check-staged-grids.sql'),
  overlaps: sqlFile(import.meta.url, 'staged-grid-overlaps.sql'),
  invalid: sqlFile(import.meta.url, 'invalid-staged-grids.sql'),
  communities: sqlFile(import.meta.url, 'staged-grid-communities.sql'),
  usedCodes: sqlFile(import.meta.url, 'used-grid-codes.sql'),
};

interface InvalidRow {
  row_no: number;
  reason: string;
  problem_lng: number | null;
  problem_lat: number | null;
}

interface Write {
  row: GridImportRow;
  check: CheckedGrid;
  communityCode: string;
}

/**
 * Grids from a file: each must be a valid polygon inside one community of the importer's scope,
 * overlap no current grid (other than the one it updates) nor another grid of the file. A code
 * of a current grid updates it; new grids get the community's next codes in reading order.
 */
export async function planGridImport(ctx: ImportContext, rows: GridImportRow[]): Promise<ImportPlan> {
  const { tx, actor } = ctx;
  const { problems, problem } = problemList();

  const staged: GridImportRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const row of rows) {
    const shape = checkPolygonal(row.geometry);
    if (!shape.valid) {
      problem(row.row, 'geometry', 'INVALID_GEOMETRY', `多边形无效：${shape.reason} (invalid polygon: ${shape.reason})`);
      continue;
    }
    if (row.code !== null) {
      const first = firstRowOfCode.get(row.code);
      if (first !== undefined) {
        problem(row.row, 'code', 'DUPLICATE', `网格编码 ${row.code} 与第 ${first} 个要素重复 (code ${row.code} repeats feature ${first}): give each grid its own code or leave it empty`);
        continue;
      }
      firstRowOfCode.set(row.code, row.row);
      if (row.communityCode !== null && !row.code.startsWith(row.communityCode)) {
        problem(row.row, 'code', 'BAD_VALUE', `网格编码 ${row.code} 的前 12 位应为社区代码 ${row.communityCode} (a grid code starts with its community code)`);
        continue;
      }
    }
    staged.push({ ...row, communityCode: row.communityCode ?? row.code?.slice(0, 12) ?? null });
  }

  await tx.query(SQL.stage, [JSON.stringify(staged)]);
  await tx.query(SQL.index);
  for (const bad of await tx.query<InvalidRow>(SQL.invalid)) {
    const where = bad.problem_lng === null ? '' : `，位于 ${bad.problem_lng.toFixed(6)}, ${bad.problem_lat!.toFixed(6)}`;
    problem(bad.row_no, 'geometry', 'INVALID_GEOMETRY', `多边形无效：${bad.reason}${where} (invalid polygon: ${bad.reason}; redraw it without crossing edges)`);
  }
  await tx.query(SQL.resolveCommunities);
  // Until this transaction ends no other save changes these communities' grids, so what is
  // checked here is what the commit applies to.
  for (const { code } of await tx.query<{ code: string }>(SQL.communities)) await lockCommunityGrids(tx, code);
  const checked = await tx.query<CheckedGrid>(SQL.check, [
    GRID_RULES.communityToleranceM, GRID_RULES.overlapAllowanceSqm, GRID_RULES.precisionDeg, GRID_RULES.sliverSqm, SAME_PLACE_M,
  ]);

  if (!ctx.present.has('code')) refuseCreationsOverStoredGrids(checked);

  const byRow = new Map(staged.map((r) => [r.row, r]));
  const writes = new Map<number, Write>();
  const counted = new Set((await tx.query<{ community_code: string }>(SQL.communitiesWithBuildings, [
    [...new Set(checked.map((c) => c.community_code).filter((c): c is string => c !== null))],
  ])).map((r) => r.community_code));
  for (const check of checked) {
    const row = byRow.get(check.row_no)!;
    const n = check.row_no;
    if (!check.community_known) {
      if (check.community_given) {
        problem(n, 'communityCode', 'UNKNOWN_COMMUNITY', `没有社区代码 ${check.community_code} (no community with code ${check.community_code}): use the 12-digit code of a community of the district`);
      } else {
        problem(n, 'geometry', 'OUTSIDE_DISTRICT', '网格不在本区任何社区内 (the grid lies outside every community of the district): check the coordinate system of the file');
      }
      continue;
    }
    const communityCode = check.community_code!;
    if (!inScope(actor, communityCode)) {
      problem(n, 'communityCode', 'OUTSIDE_SCOPE', `社区 ${communityCode} 不在您的管辖范围 ${actor.regionCode} 内 (outside your region)`);
      continue;
    }
    const before = problems.length;
    if (check.target_retired) {
      problem(n, 'code', 'CODE_RETIRED', `网格编码 ${row.code} 已撤销，编码不再使用 (code ${row.code} belongs to a retired grid and is never reused): leave the code empty to get a new one`);
    } else if (check.target_id !== null && check.target_community !== communityCode) {
      problem(n, 'code', 'BAD_VALUE', `网格编码 ${row.code} 属于社区 ${check.target_community} (the code belongs to another community)`);
    }
    const outside = check.outside_area ?? 0;
    if (check.fitted === null && outside <= GRID_RULES.outsideAllowanceSqm) {
      problem(n, 'geometry', 'INVALID_GEOMETRY', `形状为空或小于 ${GRID_RULES.outsideAllowanceSqm} 平方米 (the shape is empty or smaller than ${GRID_RULES.outsideAllowanceSqm} m²): draw the grid again`);
    } else if (outside > GRID_RULES.outsideAllowanceSqm || check.fitted === null) {
      problem(n, 'geometry', 'OUTSIDE_COMMUNITY', `网格有 ${Math.round(check.outside_area ?? 0)} 平方米超出社区 ${communityCode} 边界 (${Math.round(check.outside_area ?? 0)} m² lie outside the community): trim it to the community boundary`);
    }
    if (check.overlaps.length > 0) {
      const list = check.overlaps.map((o) => `${o.code} ${o.name}（${o.areaSqm} 平方米）`).join('、');
      problem(n, 'geometry', 'GRID_OVERLAP', `与现有网格重叠：${list} (overlaps existing grids): move the border or change those grids first`);
    }
    // Where the community has buildings, its grids' figures are their buildings' sums: the file's are not taken.
    if (problems.length === before) writes.set(n, { row: counted.has(communityCode) ? { ...row, households: null, population: null } : row, check, communityCode });
  }
  for (const pair of await tx.query<{ first_row: number; second_row: number; area_sqm: number }>(SQL.overlaps, [GRID_RULES.overlapAllowanceSqm])) {
    problem(pair.second_row, 'geometry', 'GRID_OVERLAP', `与第 ${pair.first_row} 个要素重叠 ${pair.area_sqm} 平方米 (overlaps feature ${pair.first_row} of the file)`);
    writes.delete(pair.second_row);
    writes.delete(pair.first_row);
  }

  // Codes the file gives are taken first; the others get the next codes in reading order (rows
  // of about 100 m north→south, west→east within a row), as long as the 999 last.
  const readingOrder = (w: Write) => [w.row.code === null ? 1 : 0, w.communityCode, -Math.round(w.check.y * 1000), w.check.x] as const;
  const ordered = [...writes.values()].sort((a, b) => compareTuples(readingOrder(a), readingOrder(b)));
  const used = new Map((await tx.query<{ community_code: string; used: number }>(SQL.usedCodes)).map((u) => [u.community_code, u.used]));
  for (const w of ordered) {
    if (w.check.target_id !== null) continue;
    const last = used.get(w.communityCode) ?? 0;
    const sequence = w.row.code === null ? last + 1 : Number(w.row.code.slice(12));
    if (sequence > 999) {
      problem(w.row.row, 'code', 'GRID_CODES_EXHAUSTED', `社区 ${w.communityCode} 的 999 个网格编码已用完 (the community has used all 999 grid codes): retire or merge grids first`);
      writes.delete(w.row.row);
    }
    used.set(w.communityCode, Math.max(last, sequence));
  }

  const actions: ImportAction[] = [...writes.values()].map(({ row, check }) => {
    const label = [row.code ?? '新网格', row.name].filter(Boolean).join(' ');
    if (check.target_id === null) return { row: row.row, action: 'create', label };
    const changes = gridChanges(row, check);
    return changes.length === 0 ? { row: row.row, action: 'unchanged', label } : { row: row.row, action: 'update', label, changes };
  });
  actions.sort((a, b) => a.row - b.row);
  const isUnchanged = (w: Write) => gridChanges(w.row, w.check).length === 0;

  return {
    problems,
    actions,
    preview: (shown) => gridPreview(tx, shown, (n) => writes.get(n)?.check.fitted ?? null),
    async apply() {
      const changed = ordered.filter((w) => writes.has(w.row.row) && (w.check.target_id === null || !isUnchanged(w)));
      const ids: number[] = [];
      // The whole import is one changeset, so it can be reverted as it was made.
      const changesetId = changed.length > 0 ? await openChangeset(tx, { kind: 'import', note: ctx.note, actor }) : null;
      for (const { row, check, communityCode } of changed) {
        const code = check.target_id !== null ? null : (row.code ?? (await nextCode(tx, communityCode)));
        const saved = await saveShape(tx, check.target_id, code, communityCode, check.fitted, {
          name: row.name ?? check.target_name ?? '',
          households: row.households ?? check.target_households ?? 0,
          population: row.population ?? check.target_population ?? 0,
          leaderName: row.leaderName ?? check.target_leader_name,
          leaderPhone: row.leaderPhone ?? check.target_leader_phone,
        }, actor, 'import', ctx.note);
        ids.push(saved.id);
      }
      if (ids.length > 0 && changesetId !== null) {
        await reassignMembers(tx, ids);
        const buildingsMoved = await reassignBuildings(tx, ids);
        await syncGridHouseholds(tx, [...ids, ...buildingsMoved.flatMap((m) => [m.from_id, m.to_id]).filter((id): id is number => id !== null)]);
        await reassignCases(tx, ids, changesetId);
      }
      return ids;
    },
  };
}

function compareTuples(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
  }
  return 0;
}

/** Share of a shape lying on stored grids above which it counts as one of them, and of the file's rows that must. */
const COVERED_SHARE = 0.5;

/**
 * A file without a code column whose shapes mostly lie on stored grids means to update them:
 * creating every row anew would only fail as overlaps. Refused whole, saying which column to add.
 */
function refuseCreationsOverStoredGrids(checked: CheckedGrid[]): void {
  const covered = checked.filter((c) => {
    const onStored = c.overlaps.reduce((sum, o) => sum + o.areaSqm, 0);
    return c.fitted_area !== null && c.fitted_area > 0 && onStored >= c.fitted_area * COVERED_SHARE;
  });
  if (checked.length === 0 || covered.length < checked.length * COVERED_SHARE) return;
  throw new HttpError(
    422,
    'GRID_CODE_COLUMN_UNRECOGNISED',
    `文件没有可识别的网格编码列，但 ${covered.length} 个网格（共 ${checked.length} 个）与现有网格基本重合：这是对现有网格的更新，不能当作新网格导入。` +
      '请加上“网格编码”（或 code）列，填写 15 位网格编码后重新预检；未导入任何数据 ' +
      `(the file has no grid code column the import reads, yet ${covered.length} of its ${checked.length} shapes lie mostly on stored grids: ` +
      'it updates them and cannot be imported as new grids; add a 网格编码 or code column with the 15-digit codes and run the dry run again; nothing was imported)',
  );
}
