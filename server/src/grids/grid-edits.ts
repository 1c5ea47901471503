import type { SessionUser } from '../auth/user.ts';
import { requireScope } from '../auth/authenticate.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { SizeTarget } from '../contract/buildings.ts';
import type { ChangeKind, GridAttributes, ImpactGrid, ImpactMove, Violation } from '../contract/grids.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { checkPolygonal, type Polygonal } from './grid-input.ts';
import { GRID_RULES } from './grid-rules.ts';
import { openChangeset } from './open-changeset.ts';
import { DEFAULT_SIZE_TARGET, householdRange, sizeTargets } from '../balance/size-target.ts';
import { reassignBuildings, syncGridHouseholds } from './reassign-buildings.ts';
import { reassignCases } from './reassign-cases.ts';
import { reassignMembers } from './reassign-members.ts';

const SQL = {
  currentGrid: sqlFile(import.meta.url, 'current-grid.sql'),
  getGrid: sqlFile(import.meta.url, 'get-grid.sql'),
  communityExists: sqlFile(import.meta.url, 'community-exists.sql'),
  communityGridIds: sqlFile(import.meta.url, 'community-grid-ids.sql'),
  snapshotBefore: sqlFile(import.meta.url, 'snapshot-before.sql'),
  validateGeometry: sqlFile(import.meta.url, 'validate-geometry.sql'),
  clipToFreeSpace: sqlFile(import.meta.url, 'clip-to-free-space.sql'),
  checkRules: sqlFile(import.meta.url, 'check-grid-rules.sql'),
  nextCode: sqlFile(import.meta.url, 'next-grid-code.sql'),
  lockCommunity: sqlFile(import.meta.url, 'lock-community-grids.sql'),
  saveShape: sqlFile(import.meta.url, 'save-grid-shape.sql'),
  adjustNeighbours: sqlFile(import.meta.url, 'adjust-neighbours.sql'),
  impactTotals: sqlFile(import.meta.url, 'impact-totals.sql'),
  setHouseholds: sqlFile(import.meta.url, 'set-households.sql'),
};

export interface GridRow {
  id: number;
  code: string;
  name: string;
  communityCode: string;
  households: number;
  population: number;
  leaderName: string | null;
  leaderPhone: string | null;
  version: number;
  retired: boolean;
}

// An edit's impact as measured, with exact member counts; the answer shows them through
// shownImpact (impact-privacy.ts) as the contract's Impact.
export type GridTotals = Omit<ImpactGrid, 'members'> & { members: number };
export type Move = Omit<ImpactMove, 'members'> & { members: number };

export interface Impact {
  moves: Move[];
  grids: GridTotals[];
  target: SizeTarget;
}

export interface EditOutcome {
  id: number;
  version: number;
  /** The save's changeset (every grid version it wrote names it). */
  changesetId: number;
  neighbours: { id: number; version: number }[];
  impact: Impact;
}

export interface EditContext {
  tx: Queryable;
  actor: SessionUser;
  ip: string | undefined;
}

export interface ShapeEdit {
  kind: 'create' | 'update' | 'restore';
  /** null for a new grid. */
  gridId: number | null;
  expectedVersion?: number | undefined;
  /** null keeps the current shape (attribute-only update). */
  geometry: Polygonal | null;
  communityCode?: string | undefined;
  attributes: Partial<GridAttributes>;
  adjustNeighbours: boolean;
  clip: boolean;
  neighbourVersions?: Record<string, number> | undefined;
  note: string;
}

/** A rule the change breaks: 422 with every violation in the details. */
export class RuleViolation extends HttpError {
  constructor(readonly violations: Violation[]) {
    const first = violations[0]!;
    super(422, first.code, first.message, { violations });
  }
}

/**
 * Creates, reshapes or restores one grid under the planners' rules, in the caller's transaction:
 * the grid rows, their history, members' and facilities' grid_id and the audit entry change
 * together. Returns what moved.
 */
export async function editShape(ctx: EditContext, edit: ShapeEdit): Promise<EditOutcome> {
  const { tx, actor } = ctx;
  const current = edit.gridId === null ? undefined : await lockGrid(tx, edit.gridId, edit.kind === 'restore');
  if (current) {
    requireScope(actor, current.code);
    await requireVersion(tx, current, edit.expectedVersion);
    if (edit.communityCode && edit.communityCode !== current.communityCode) {
      throw new HttpError(422, 'COMMUNITY_CHANGE_NOT_ALLOWED', '网格不能移到另一个社区 (a grid cannot move to another community): retire it and draw a new one there');
    }
  }
  const communityCode = current?.communityCode ?? edit.communityCode!;
  requireScope(actor, communityCode);
  await requireCommunity(tx, communityCode);
  await lockCommunityGrids(tx, communityCode);
  const changesetId = await openChangeset(tx, { kind: edit.kind, note: edit.note, actor });
  const communityGrids = await snapshot(tx, communityCode, edit.gridId);
  requireNeighbourVersions(communityGrids, edit.neighbourVersions);

  const replaced = edit.gridId === null ? [] : [edit.gridId];
  const shape = edit.geometry === null ? null : await fitShape(tx, edit.geometry, communityCode, replaced, edit);

  const attributes: GridAttributes = {
    name: edit.attributes.name ?? current?.name ?? '',
    households: edit.attributes.households ?? current?.households ?? 0,
    population: edit.attributes.population ?? current?.population ?? 0,
    leaderName: edit.attributes.leaderName !== undefined ? edit.attributes.leaderName : (current?.leaderName ?? null),
    leaderPhone: edit.attributes.leaderPhone !== undefined ? edit.attributes.leaderPhone : (current?.leaderPhone ?? null),
  };
  const code = current ? null : await nextCode(tx, communityCode);
  const saved = await saveShape(tx, edit.gridId, code, communityCode, shape, attributes, actor, edit.kind, edit.note);

  let neighbours: { id: number; version: number }[] = [];
  if (edit.adjustNeighbours && shape !== null) {
    const adjusted = await tx.query<{ id: number; version: number; vanished: boolean }>(SQL.adjustNeighbours, [
      saved.id, actor.username, edit.note, GRID_RULES.precisionDeg, GRID_RULES.sliverSqm,
    ]);
    const vanished = adjusted.filter((n) => n.vanished);
    if (vanished.length > 0) {
      throw new RuleViolation([{
        code: 'NEIGHBOUR_WOULD_VANISH',
        message: '新边界会完全覆盖相邻网格，请改用合并 (the new border would swallow a neighbouring grid: merge them instead)',
        details: { grids: vanished.map((n) => n.id) },
      }]);
    }
    neighbours = adjusted.map(({ id, version }) => ({ id, version }));
  }

  const touched = [saved.id, ...neighbours.map((n) => n.id)];
  // Households have no points: they follow the area that moved, except where the planner entered them.
  const follow = edit.attributes.households === undefined ? touched : touched.slice(1);
  const impact = await measureImpact(tx, changesetId, touched, follow);
  await recordAudit(tx, {
    actor,
    action: `grid.${edit.kind}`,
    entity: 'grid',
    entityIds: [saved.id, ...neighbours.map((n) => n.id)],
    ...(current ? { beforeVersion: current.version } : {}),
    afterVersion: saved.version,
    details: { note: edit.note, neighbours, moves: impact.moves.length },
    ip: ctx.ip,
  });
  return { id: saved.id, version: saved.version, changesetId, neighbours, impact };
}

export async function lockGrid(tx: Queryable, id: number, allowRetired = false): Promise<GridRow> {
  const [row] = await tx.query<GridRow>(SQL.currentGrid, [id]);
  if (!row || (row.retired && !allowRetired)) throw new HttpError(404, 'GRID_NOT_FOUND', `No current grid with id ${id}`);
  return row;
}

export async function requireVersion(tx: Queryable, row: GridRow, expected: number | undefined): Promise<void> {
  if (expected === undefined || expected === row.version) return;
  const [current] = await tx.query<{ feature: string }>(SQL.getGrid, [row.id]);
  throw new HttpError(409, 'VERSION_CONFLICT', `网格已被他人修改 (the grid changed meanwhile): you edited version ${expected}, the current one is ${row.version}`, {
    current: current ? (JSON.parse(current.feature) as unknown) : null,
  });
}

async function requireCommunity(tx: Queryable, code: string): Promise<void> {
  const [row] = await tx.query(SQL.communityExists, [code]);
  if (!row) throw new HttpError(422, 'UNKNOWN_COMMUNITY', `没有这个社区 (no community with code ${code})`);
}

/** The community's current grids, with their shapes kept for measuring what moves. */
export async function snapshot(tx: Queryable, communityCode: string, extraId: number | null): Promise<{ id: number; version: number }[]> {
  const grids = await tx.query<{ id: number; version: number }>(SQL.communityGridIds, [communityCode]);
  const ids = grids.map((g) => g.id);
  if (extraId !== null && !ids.includes(extraId)) ids.push(extraId);
  await snapshotGrids(tx, ids);
  return grids;
}

/** Keeps these grids' current shapes for this transaction (grid_before), to measure what moves. */
export async function snapshotGrids(tx: Queryable, ids: number[]): Promise<void> {
  await tx.query(SQL.snapshotBefore, [ids]);
}

function requireNeighbourVersions(grids: { id: number; version: number }[], seen: Record<string, number> | undefined): void {
  if (!seen) return;
  const changed = grids.filter((g) => seen[String(g.id)] !== undefined && seen[String(g.id)] !== g.version);
  if (changed.length > 0) {
    throw new HttpError(409, 'NEIGHBOUR_CHANGED', '相邻网格已被他人修改，请重新加载 (a neighbouring grid changed meanwhile: reload and redo)', {
      grids: changed,
    });
  }
}

/** Validates a drawn shape (before any overlay), applies clip, checks the rules; returns the shape to store. */
export async function fitShape(
  tx: Queryable,
  geometry: Polygonal,
  communityCode: string,
  replaced: number[],
  options: { clip: boolean; adjustNeighbours: boolean },
): Promise<string> {
  const violations = await shapeViolations(tx, geometry, communityCode, replaced, options);
  if (violations.errors.length > 0) throw new RuleViolation(violations.errors);
  return violations.fitted!;
}

/** Every rule the shape breaks (a preview shows them all), and the shape that would be stored. */
async function shapeViolations(
  tx: Queryable,
  geometry: Polygonal,
  communityCode: string,
  replaced: number[],
  options: { clip: boolean; adjustNeighbours: boolean },
): Promise<{ errors: Violation[]; fitted: string | null }> {
  const structure = checkPolygonal(geometry);
  if (!structure.valid) return { errors: [{ code: structure.code, message: structure.reason }], fitted: null };
  let text = JSON.stringify(geometry);
  const [validity] = await tx.query<{ valid: boolean; reason: string; location: string | null }>(SQL.validateGeometry, [text]);
  if (!validity?.valid) {
    return {
      errors: [{
        code: 'INVALID_GEOMETRY',
        message: `图形无效 (invalid geometry): ${validity?.reason ?? 'unreadable'} — 边界不能自相交 (a boundary must not cross itself)`,
        details: { reason: validity?.reason, location: validity?.location ? (JSON.parse(validity.location) as unknown) : null },
      }],
      fitted: null,
    };
  }
  if (options.clip) {
    const [clipped] = await tx.query<{ geometry: string | null }>(SQL.clipToFreeSpace, [text, communityCode, replaced, GRID_RULES.precisionDeg]);
    if (!clipped?.geometry) {
      return { errors: [{ code: 'NO_FREE_SPACE', message: '裁剪后没有剩余空间 (nothing is left after trimming to the free space)' }], fitted: null };
    }
    text = clipped.geometry;
  }
  const [rules] = await tx.query<{ outside_area: number; outside: string | null; overlaps: { id: number; areaSqm: number }[]; fitted: string | null }>(
    SQL.checkRules,
    [text, communityCode, replaced, GRID_RULES.communityToleranceM, GRID_RULES.overlapAllowanceSqm, GRID_RULES.precisionDeg],
  );
  const errors: Violation[] = [];
  if (!rules || rules.fitted === null || rules.outside_area > GRID_RULES.outsideAllowanceSqm) {
    errors.push({
      code: 'OUTSIDE_COMMUNITY',
      message: `网格超出社区边界 ${Math.round(rules?.outside_area ?? 0)} m² (the grid reaches outside its community)`,
      details: { areaSqm: rules?.outside_area ?? null, outside: rules?.outside ? (JSON.parse(rules.outside) as unknown) : null },
    });
  }
  if (rules && rules.overlaps.length > 0 && !options.adjustNeighbours) {
    errors.push({
      code: 'GRID_OVERLAP',
      message: `与 ${rules.overlaps.length} 个网格重叠 (overlaps other grids): 开启“调整相邻网格”或“裁剪到空白处” (turn on adjust neighbours or clip)`,
      details: { overlaps: rules.overlaps },
    });
  }
  return { errors, fitted: rules?.fitted ?? null };
}

/** Holds the community's grids for this transaction (see lock-community-grids.sql); call in code order when taking several. */
export async function lockCommunityGrids(tx: Queryable, communityCode: string): Promise<void> {
  await tx.query(SQL.lockCommunity, [communityCode]);
}

export async function nextCode(tx: Queryable, communityCode: string): Promise<string> {
  await lockCommunityGrids(tx, communityCode);
  const [row] = await tx.query<{ code: string | null }>(SQL.nextCode, [communityCode]);
  if (!row?.code) throw new HttpError(422, 'CODE_SPACE_EXHAUSTED', `社区 ${communityCode} 的 999 个网格编码已用完 (all 999 grid codes of the community are used)`);
  return row.code;
}

export async function saveShape(
  tx: Queryable,
  id: number | null,
  code: string | null,
  communityCode: string,
  shape: string | null,
  a: GridAttributes,
  actor: Pick<SessionUser, 'username'>,
  kind: ChangeKind,
  note: string,
): Promise<{ id: number; version: number }> {
  const [row] = await tx.query<{ id: number; version: number }>(SQL.saveShape, [
    id, code, a.name, communityCode, shape, a.households, a.population, a.leaderName, a.leaderPhone, actor.username, kind, note,
    GRID_RULES.precisionDeg,
  ]);
  return row!;
}

/**
 * Reassigns members, facilities, buildings and open cases of the touched grids (cases with events
 * in the changeset's name) and reports what moved and the new totals. Where the community has
 * buildings, each grid's households and population become its buildings' sums and the moves are
 * the moved buildings' exact figures. Elsewhere the grids in `householdsFollow` gain the figures
 * estimated in the area they took from another grid and lose those in the area they gave, so the
 * totals agree with the moves.
 */
export async function measureImpact(tx: Queryable, changesetId: number, touched: number[], householdsFollow: number[] = []): Promise<Impact> {
  const moved = await reassignMembers(tx, touched);
  const buildingsMoved = await reassignBuildings(tx, touched);
  const casesMoved = await reassignCases(tx, touched, changesetId);
  const ends = [...moved, ...casesMoved, ...buildingsMoved].flatMap((m) => [m.from_id, m.to_id]).filter((x): x is number => x !== null);
  const ids = [...new Set([...touched, ...ends])];
  await syncGridHouseholds(tx, ids);
  const [totals] = await tx.query<{ grids: MeasuredGrid[]; household_moves: EstimatedMove[] }>(SQL.impactTotals, [ids]);
  const measured = totals?.grids ?? [];
  await followHouseholds(tx, measured, totals?.household_moves ?? [], householdsFollow);
  const targets = await sizeTargets(tx, measured.map((g) => g.communityCode));
  const grids: GridTotals[] = measured.map(({ communityCode, ...g }) => ({
    ...g,
    range: householdRange(g.households, targets.get(communityCode) ?? DEFAULT_SIZE_TARGET),
  }));
  const ref = (id: number | null) => {
    const g = grids.find((x) => x.id === id);
    return g ? { id: g.id, code: g.code, name: g.name } : null;
  };
  const moves = new Map<string, Move>();
  const entry = (from: number | null, to: number | null): Move => {
    const key = `${from}>${to}`;
    let m = moves.get(key);
    if (!m) moves.set(key, (m = { from: ref(from), to: ref(to), members: 0, facilities: 0, buildings: 0, households: 0, population: 0, cases: 0 }));
    return m;
  };
  for (const m of moved) {
    if (m.kind === 'member') entry(m.from_id, m.to_id).members += m.n;
    else entry(m.from_id, m.to_id).facilities += m.n;
  }
  for (const c of casesMoved) entry(c.from_id, c.to_id).cases += c.n;
  for (const b of buildingsMoved) {
    const m = entry(b.from_id, b.to_id);
    m.buildings += b.buildings;
    m.households += b.households;
    m.population += b.population;
  }
  for (const h of totals?.household_moves ?? []) {
    const m = entry(h.from, h.to);
    m.households += h.households;
    m.population += h.population;
  }
  const community = measured[0]?.communityCode;
  return { moves: [...moves.values()], grids, target: (community && targets.get(community)) || DEFAULT_SIZE_TARGET };
}

type MeasuredGrid = Omit<GridTotals, 'range'> & { communityCode: string };
interface EstimatedMove {
  from: number;
  to: number;
  households: number;
  population: number;
}

/** Moves the estimated households and population with the area (in the database and in `grids`, the totals shown). */
async function followHouseholds(tx: Queryable, grids: MeasuredGrid[], moves: EstimatedMove[], follow: number[]): Promise<void> {
  const delta = new Map<number, { households: number; population: number }>();
  const add = (id: number, households: number, population: number) => {
    const d = delta.get(id) ?? { households: 0, population: 0 };
    d.households += households;
    d.population += population;
    delta.set(id, d);
  };
  for (const m of moves) {
    add(m.from, -m.households, -m.population);
    add(m.to, m.households, m.population);
  }
  const changed = grids.filter((g) => {
    const d = delta.get(g.id);
    return follow.includes(g.id) && !g.retired && g.householdsSource === 'estimate' && d !== undefined && (d.households !== 0 || d.population !== 0);
  });
  for (const g of changed) {
    const d = delta.get(g.id)!;
    g.households = Math.max(0, g.households + d.households);
    g.population = Math.max(0, g.population + d.population);
  }
  if (changed.length > 0) {
    await tx.query(SQL.setHouseholds, [changed.map((g) => g.id), changed.map((g) => g.households), changed.map((g) => g.population)]);
  }
}
