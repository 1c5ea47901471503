import { requireScope } from '../auth/authenticate.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { BuildingMovesRequest } from '../contract/buildings.ts';
import type { GridFeature, Violation } from '../contract/grids.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import {
  lockCommunityGrids,
  lockGrid,
  measureImpact,
  RuleViolation,
  saveShape,
  snapshot,
  type EditContext,
  type Impact,
} from '../grids/grid-edits.ts';
import { gridFeatures } from '../grids/grid-preview.ts';
import { GRID_RULES } from '../grids/grid-rules.ts';
import { openChangeset } from '../grids/open-changeset.ts';

const SQL = {
  moveShapes: sqlFile(import.meta.url, 'move-shapes.sql'),
  communityExists: sqlFile(import.meta.url, '../grids/community-exists.sql'),
};

export interface MovesOutcome {
  changesetId: number;
  /** The grids that changed, in id order. */
  changed: number[];
  features: GridFeature[];
  impact: Impact;
}

interface MoveCheck {
  buildingId: number;
  communityCode: string | null;
  fromId: number | null;
  toId: number;
  toCurrent: boolean;
  sharedM: number;
}

interface GridShape {
  id: number;
  geometry: string | null;
  parts: number;
}

/**
 * Moves buildings to neighbouring grids (assign by building, or an accepted rebalance) in the
 * caller's transaction: each moved building's own piece of its Voronoi cell goes to its new grid,
 * so the community stays tiled and only area between the grids involved changes. One changeset,
 * one saved version and one audit entry for each changed grid; members, facilities, buildings and
 * cases follow (measureImpact), and each grid's households become its buildings' sums.
 */
export async function applyBuildingMoves(ctx: EditContext, communityCode: string, request: BuildingMovesRequest): Promise<MovesOutcome> {
  const { tx, actor } = ctx;
  requireScope(actor, communityCode);
  const [community] = await tx.query<{ name: string }>(SQL.communityExists, [communityCode]);
  if (!community) throw new HttpError(404, 'COMMUNITY_NOT_FOUND', `没有这个社区 (no community with code ${communityCode})`);
  const ids = request.moves.map((m) => m.buildingId);
  if (new Set(ids).size !== ids.length) throw new HttpError(400, 'BAD_REQUEST', '同一楼栋只能移动一次 (a building may be moved only once in a request)');
  await lockCommunityGrids(tx, communityCode);

  const [row] = await tx.query<{ moves: MoveCheck[] | string; grids: GridShape[] | string }>(SQL.moveShapes, [
    communityCode, ids, request.moves.map((m) => m.toGridId), GRID_RULES.precisionDeg, GRID_RULES.sliverSqm,
  ]);
  const checks = json<MoveCheck[]>(row?.moves ?? []);
  const shapes = json<GridShape[]>(row?.grids ?? []);
  requireMoves(checks, communityCode);

  const versions = await snapshot(tx, communityCode, null);
  requireVersions(versions, shapes.map((s) => s.id), request.gridVersions);
  const violations = shapes.flatMap((s): Violation[] => {
    if (s.parts === 0) {
      return [{ code: 'GRID_WOULD_EMPTY', message: `网格 ${s.id} 将没有任何区域 (the grid would be left empty)`, details: { gridId: s.id } }];
    }
    if (s.parts > 1) {
      return [{ code: 'NOT_CONTIGUOUS', message: `网格 ${s.id} 将被分成 ${s.parts} 块 (the grid would fall into ${s.parts} parts)`, details: { gridId: s.id, parts: s.parts } }];
    }
    return [];
  });
  if (violations.length > 0) throw new RuleViolation(violations);

  const kind = request.kind ?? 'assign';
  const changesetId = await openChangeset(tx, { kind, note: request.note, actor });
  const before = new Map<number, { version: number; households: number }>();
  const saved = new Map<number, number>();
  for (const shape of shapes) {
    const grid = await lockGrid(tx, shape.id);
    requireScope(actor, grid.code);
    before.set(grid.id, { version: grid.version, households: grid.households });
    const s = await saveShape(tx, grid.id, null, communityCode, shape.geometry, grid, actor, 'assign', request.note);
    saved.set(grid.id, s.version);
  }
  const changed = shapes.map((s) => s.id);
  const impact = await measureImpact(tx, changesetId, changed);
  for (const id of changed) {
    const after = impact.grids.find((g) => g.id === id);
    const b = before.get(id)!;
    await recordAudit(tx, {
      actor,
      action: kind === 'rebalance' ? 'grid.rebalance' : 'grid.assign',
      entity: 'grid',
      entityIds: [id],
      beforeVersion: b.version,
      afterVersion: saved.get(id)!,
      details: {
        note: request.note,
        buildingsIn: checks.filter((c) => c.toId === id).map((c) => c.buildingId),
        buildingsOut: checks.filter((c) => c.fromId === id).map((c) => c.buildingId),
        householdsBefore: b.households,
        householdsAfter: after?.households ?? null,
      },
      ip: ctx.ip,
    });
  }
  return { changesetId, changed, features: await gridFeatures(tx, changed), impact };
}

function requireMoves(checks: MoveCheck[], communityCode: string): void {
  for (const c of checks) {
    if (c.communityCode === null) throw new HttpError(422, 'BUILDING_NOT_FOUND', `没有这个楼栋 (no building with id ${c.buildingId})`, { buildingId: c.buildingId });
    if (c.communityCode !== communityCode) {
      throw new HttpError(422, 'BUILDING_NOT_IN_COMMUNITY', `楼栋 ${c.buildingId} 不在本社区 (the building is in another community)`, { buildingId: c.buildingId });
    }
    if (!c.toCurrent) throw new HttpError(422, 'GRID_NOT_FOUND', `本社区没有网格 ${c.toId} (no current grid ${c.toId} in the community)`, { gridId: c.toId });
    if (c.fromId === c.toId) {
      throw new HttpError(422, 'MOVE_NOT_ADJACENT', `楼栋 ${c.buildingId} 已在该网格 (the building is already in that grid)`, { buildingId: c.buildingId });
    }
    if (c.fromId === null || c.sharedM < GRID_RULES.sharedBorderMinM) {
      throw new HttpError(422, 'MOVE_NOT_ADJACENT', `楼栋 ${c.buildingId} 与网格 ${c.toId} 不相邻 (the building does not border that grid)`, {
        buildingId: c.buildingId, toGridId: c.toId,
      });
    }
  }
}

/** Every changed grid needs the version the planner saw; any version sent must still be current. */
function requireVersions(current: { id: number; version: number }[], changed: number[], seen: Record<string, number>): void {
  const missing = changed.filter((id) => seen[String(id)] === undefined);
  if (missing.length > 0) {
    throw new HttpError(428, 'VERSION_REQUIRED', `请提供这些网格的版本号 (send gridVersions for the grids the moves change): ${missing.join(', ')}`, { grids: missing });
  }
  const stale = current.filter((g) => seen[String(g.id)] !== undefined && seen[String(g.id)] !== g.version);
  if (stale.length === 0) return;
  const code = stale.some((g) => changed.includes(g.id)) ? 'VERSION_CONFLICT' : 'NEIGHBOUR_CHANGED';
  throw new HttpError(409, code, '网格已被他人修改，请重新加载 (a grid changed meanwhile: reload and redo)', { grids: stale });
}

function json<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
