import { requireScope } from '../auth/authenticate.ts';
import type { SessionUser } from '../auth/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Changeset, GridRef } from '../contract/grids.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import type { JsonText } from '../http/json.ts';
import {
  fitShape,
  lockCommunityGrids,
  measureImpact,
  saveShape,
  snapshotGrids,
  type EditContext,
  type Impact,
} from './grid-edits.ts';
import type { Polygonal } from './grid-input.ts';
import { openChangeset } from './open-changeset.ts';

const SQL = {
  grids: sqlFile(import.meta.url, 'changeset-grids.sql'),
  list: sqlFile(import.meta.url, 'list-changesets.sql'),
  communityGridIds: sqlFile(import.meta.url, 'community-grid-ids.sql'),
  version: sqlFile(import.meta.url, 'grid-version.sql'),
  retire: sqlFile(import.meta.url, 'retire-grid.sql'),
  handOverOrgs: sqlFile(import.meta.url, 'hand-over-party-orgs.sql'),
};

/** The changesets that changed one grid, newest first, for a viewer whose scope holds the grid. */
export async function listChangesets(db: Queryable, actor: SessionUser, gridId: number): Promise<JsonText<Changeset[]>> {
  const [row] = await db.query<{ code: string | null; changesets: JsonText<Changeset[]> }>(SQL.list, [gridId]);
  if (!row?.code) throw new HttpError(404, 'GRID_NOT_FOUND', `没有这个网格 (no grid with id ${gridId})`);
  requireScope(actor, row.code);
  return row.changesets;
}

interface TouchedGrid {
  id: number;
  code: string;
  name: string;
  communityCode: string;
  versionBefore: number | null;
  versionAfter: number;
  currentVersion: number;
}

export interface RevertOutcome {
  changesetId: number;
  reverted: number;
  /** Grids brought back to their version before the changeset, in code order. */
  restored: number[];
  /** Grids the changeset created (or un-retired), now retired. */
  retired: GridRef[];
  impact: Impact;
}

/**
 * Undoes a whole changeset: every grid it touched goes back to its version before it (a grid it
 * created is retired, one it retired comes back), members and stations follow their grids, the
 * Party organisations of a grid it retires go to the grid brought back over it, and
 * the result must pass the grid rules. A grid changed since the changeset makes it a 409 naming
 * the grids, as nothing can be reverted without overwriting that later work.
 */
export async function revertChangeset(ctx: EditContext, id: number, note: string): Promise<RevertOutcome> {
  const { tx, actor } = ctx;
  const grids = await lockChangesetGrids(tx, actor, id);
  const changesetId = await openChangeset(tx, { kind: 'revert', note, actor, reverts: id });
  await snapshotCommunities(tx, grids);

  const restored: { id: number; communityCode: string; geometry: string }[] = [];
  const retired: GridRef[] = [];
  for (const grid of grids) {
    const before = grid.versionBefore === null ? undefined : await versionOf(tx, grid.id, grid.versionBefore);
    if (!before || before.retired) {
      await tx.query(SQL.retire, [grid.id, actor.username, 'retire', note]);
      retired.push({ id: grid.id, code: grid.code, name: grid.name });
      continue;
    }
    const { geometry, retired: _, ...attributes } = before;
    await saveShape(tx, grid.id, null, grid.communityCode, geometry, attributes, actor, 'restore', note);
    restored.push({ id: grid.id, communityCode: grid.communityCode, geometry });
  }
  // Checked once every grid is back: each against all the others as they now are.
  for (const grid of restored) {
    await fitShape(tx, JSON.parse(grid.geometry) as Polygonal, grid.communityCode, [grid.id], { clip: false, adjustNeighbours: false });
  }

  // A grid the revert retires leaves its Party organisations to the grid brought back over it.
  if (retired.length > 0 && restored.length > 0) await tx.query(SQL.handOverOrgs, [retired.map((g) => g.id), restored.map((g) => g.id)]);
  const impact = await measureImpact(tx, changesetId, grids.map((g) => g.id));
  await recordAudit(tx, {
    actor, action: 'changeset.revert', entity: 'grid', entityIds: grids.map((g) => g.id),
    details: { note, changeset: id, revert: changesetId }, ip: ctx.ip,
  });
  return { changesetId, reverted: id, restored: restored.map((g) => g.id), retired, impact };
}

/** The changeset's grids, their communities held for this transaction; 409 when any changed since. */
async function lockChangesetGrids(tx: Queryable, actor: SessionUser, id: number): Promise<TouchedGrid[]> {
  const seen = await tx.query<TouchedGrid>(SQL.grids, [id]);
  if (seen.length === 0) throw new HttpError(404, 'CHANGESET_NOT_FOUND', `没有编号为 ${id} 的修改记录 (no changeset ${id})`);
  for (const grid of seen) requireScope(actor, grid.code);
  for (const community of [...new Set(seen.map((g) => g.communityCode))].sort()) await lockCommunityGrids(tx, community);
  // Read again under the locks: a save that finished meanwhile counts.
  const grids = await tx.query<TouchedGrid>(SQL.grids, [id]);
  const changed = grids.filter((g) => g.currentVersion !== g.versionAfter);
  if (changed.length > 0) {
    const names = changed.map((g) => `${g.name}（${g.code}）`).join('、');
    throw new HttpError(409, 'CHANGESET_CONFLICT', `${names} 在这次修改之后又被改过，不能整体撤销；请逐个恢复这些网格的历史版本 (these grids changed since the changeset: restore them one by one)`, {
      grids: changed.map((g) => ({ id: g.id, code: g.code, name: g.name, version: g.currentVersion, versionAfter: g.versionAfter })),
    });
  }
  return grids;
}

/** Keeps the current shapes of every community the changeset touched, to measure what moves. */
async function snapshotCommunities(tx: Queryable, grids: TouchedGrid[]): Promise<void> {
  const ids = new Set(grids.map((g) => g.id));
  for (const community of new Set(grids.map((g) => g.communityCode))) {
    for (const { id } of await tx.query<{ id: number }>(SQL.communityGridIds, [community])) ids.add(id);
  }
  await snapshotGrids(tx, [...ids]);
}

interface StoredVersion {
  geometry: string;
  name: string;
  households: number;
  population: number;
  leaderName: string | null;
  leaderPhone: string | null;
  retired: boolean;
}

async function versionOf(tx: Queryable, id: number, version: number): Promise<StoredVersion | undefined> {
  const [row] = await tx.query<StoredVersion>(SQL.version, [id, version]);
  return row;
}
