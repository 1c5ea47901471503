import { requireScope } from '../auth/authenticate.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import {
  editShape,
  lockGrid,
  measureImpact,
  nextCode,
  requireVersion,
  RuleViolation,
  saveShape,
  snapshot,
  type EditContext,
  type EditOutcome,
} from './grid-edits.ts';
import { checkLine, type LineString } from './grid-input.ts';
import { GRID_RULES } from './grid-rules.ts';
import { openChangeset } from './open-changeset.ts';

const SQL = {
  validateLine: sqlFile(import.meta.url, 'validate-line.sql'),
  splitPieces: sqlFile(import.meta.url, 'split-pieces.sql'),
  mergedShape: sqlFile(import.meta.url, 'merged-shape.sql'),
  retire: sqlFile(import.meta.url, 'retire-grid.sql'),
  lineage: sqlFile(import.meta.url, 'record-lineage.sql'),
  moveOrgs: sqlFile(import.meta.url, 'move-party-orgs.sql'),
  version: sqlFile(import.meta.url, 'grid-version.sql'),
  community: sqlFile(import.meta.url, 'community-exists.sql'),
};

/**
 * Splits version expectedVersion of a grid by a line crossing it: the larger piece keeps the grid,
 * the other becomes a new grid.
 */
export async function splitGrid(
  ctx: EditContext,
  id: number,
  expectedVersion: number,
  line: LineString,
  note: string,
  name?: string,
): Promise<EditOutcome & { newId: number }> {
  const { tx, actor } = ctx;
  const grid = await lockGrid(tx, id);
  requireScope(actor, grid.code);
  await requireVersion(tx, grid, expectedVersion);
  const structure = checkLine(line);
  if (!structure.valid) throw new RuleViolation([{ code: structure.code, message: structure.reason }]);
  const lineText = JSON.stringify(line);
  const [validity] = await tx.query<{ valid: boolean; reason: string }>(SQL.validateLine, [lineText]);
  if (!validity?.valid) throw new RuleViolation([{ code: 'INVALID_GEOMETRY', message: `分割线无效 (invalid line): ${validity?.reason}` }]);
  await snapshot(tx, grid.communityCode, id);
  const changesetId = await openChangeset(tx, { kind: 'split', note, actor });

  const pieces = await tx.query<{ geometry: string; area: number }>(SQL.splitPieces, [id, lineText, GRID_RULES.precisionDeg, GRID_RULES.sliverSqm]);
  if (pieces.length !== 2) {
    throw new RuleViolation([{
      code: 'SPLIT_LINE_INVALID',
      message: `分割线要从网格一边画到另一边，把它分成两块 (draw the line across the grid, edge to edge, so it makes two parts): it makes ${pieces.length}`,
    }]);
  }
  const [kept, split] = pieces as [{ geometry: string; area: number }, { geometry: string; area: number }];
  const share = kept.area / (kept.area + split.area);
  const keptHouseholds = Math.round(grid.households * share);
  const keptPopulation = Math.round(grid.population * share);
  const saved = await saveShape(tx, id, null, grid.communityCode, kept.geometry, {
    name: grid.name, households: keptHouseholds, population: keptPopulation, leaderName: grid.leaderName, leaderPhone: grid.leaderPhone,
  }, actor, 'split', note);
  const code = await nextCode(tx, grid.communityCode);
  const created = await saveShape(tx, null, code, grid.communityCode, split.geometry, {
    name: name ?? (await schemeName(tx, grid.communityCode, code)),
    households: grid.households - keptHouseholds,
    population: grid.population - keptPopulation,
    leaderName: null,
    leaderPhone: null,
  }, actor, 'split', note);
  await tx.query(SQL.lineage, [id, created.id, 'split']);
  const impact = await measureImpact(tx, changesetId, [id, created.id]);
  await recordAudit(tx, {
    actor, action: 'grid.split', entity: 'grid', entityIds: [id, created.id],
    beforeVersion: grid.version, afterVersion: saved.version, details: { note, newCode: code }, ip: ctx.ip,
  });
  return { id, version: saved.version, changesetId, neighbours: [{ id: created.id, version: created.version }], impact, newId: created.id };
}

/** A new grid's name by the usual scheme when the planner gives none: 社区名 + 第N网格, N from its code. */
async function schemeName(tx: EditContext['tx'], communityCode: string, code: string): Promise<string> {
  const [community] = await tx.query<{ name: string }>(SQL.community, [communityCode]);
  return `${community?.name ?? ''}第${Number(code.slice(12))}网格`;
}

/** Merges two adjacent grids of one community (at the versions given, in the same order) into the first; the second is retired. */
export async function mergeGrids(
  ctx: EditContext,
  ids: [number, number],
  versions: [number, number],
  note: string,
  name?: string,
): Promise<EditOutcome> {
  const { tx, actor } = ctx;
  if (ids[0] === ids[1]) throw new HttpError(422, 'MERGE_SAME_GRID', '请选择两个不同的网格 (choose two different grids)');
  // Lock in id order so two merges cannot wait on each other.
  const [first, second] = [...ids].sort((a, b) => a - b);
  const locked = [await lockGrid(tx, first!), await lockGrid(tx, second!)];
  const keep = locked.find((g) => g.id === ids[0])!;
  const absorb = locked.find((g) => g.id === ids[1])!;
  requireScope(actor, keep.code);
  requireScope(actor, absorb.code);
  await requireVersion(tx, keep, versions[0]);
  await requireVersion(tx, absorb, versions[1]);
  if (keep.communityCode !== absorb.communityCode) {
    throw new RuleViolation([{ code: 'NOT_SAME_COMMUNITY', message: '只能合并同一社区的网格 (only grids of one community can be merged)' }]);
  }
  const [shape] = await tx.query<{ geometry: string; shared_border: number }>(SQL.mergedShape, [keep.id, absorb.id, GRID_RULES.precisionDeg]);
  if (!shape || shape.shared_border < GRID_RULES.sharedBorderMinM) {
    throw new RuleViolation([{ code: 'NOT_ADJACENT', message: '两个网格不相邻 (the grids do not share a border)' }]);
  }
  await snapshot(tx, keep.communityCode, null);
  const changesetId = await openChangeset(tx, { kind: 'merge', note, actor });
  const saved = await saveShape(tx, keep.id, null, keep.communityCode, shape.geometry, {
    name: name ?? keep.name,
    households: keep.households + absorb.households,
    population: keep.population + absorb.population,
    leaderName: keep.leaderName,
    leaderPhone: keep.leaderPhone,
  }, actor, 'merge', note);
  const [retired] = await tx.query<{ version: number }>(SQL.retire, [absorb.id, actor.username, 'merge', note]);
  await tx.query(SQL.moveOrgs, [absorb.id, keep.id]);
  await tx.query(SQL.lineage, [absorb.id, keep.id, 'merge']);
  const impact = await measureImpact(tx, changesetId, [keep.id, absorb.id]);
  await recordAudit(tx, {
    actor, action: 'grid.merge', entity: 'grid', entityIds: [keep.id, absorb.id],
    beforeVersion: keep.version, afterVersion: saved.version, details: { note, retired: absorb.code }, ip: ctx.ip,
  });
  return { id: keep.id, version: saved.version, changesetId, neighbours: [{ id: absorb.id, version: retired!.version }], impact };
}

/** Retires version expectedVersion of a grid (kept in history, its code never reused); its members are left outside any grid. */
export async function retireGrid(ctx: EditContext, id: number, expectedVersion: number, note: string): Promise<EditOutcome> {
  const { tx, actor } = ctx;
  const grid = await lockGrid(tx, id);
  requireScope(actor, grid.code);
  await requireVersion(tx, grid, expectedVersion);
  await snapshot(tx, grid.communityCode, null);
  const changesetId = await openChangeset(tx, { kind: 'retire', note, actor });
  const [retired] = await tx.query<{ version: number }>(SQL.retire, [id, actor.username, 'retire', note]);
  const impact = await measureImpact(tx, changesetId, [id]);
  await recordAudit(tx, {
    actor, action: 'grid.retire', entity: 'grid', entityIds: [id],
    beforeVersion: grid.version, afterVersion: retired!.version, details: { note }, ip: ctx.ip,
  });
  return { id, version: retired!.version, changesetId, neighbours: [], impact };
}

/**
 * Brings back an earlier version (shape and attributes) as a new version, under the same rules as
 * an edit; expectedVersion is the current version the planner restored over.
 */
export async function restoreGrid(
  ctx: EditContext,
  id: number,
  version: number,
  expectedVersion: number,
  options: { note: string; adjustNeighbours: boolean; clip: boolean; neighbourVersions?: Record<string, number> | undefined },
): Promise<EditOutcome> {
  await lockGrid(ctx.tx, id, true);
  const [old] = await ctx.tx.query<{ geometry: string; name: string; households: number; population: number; leaderName: string | null; leaderPhone: string | null }>(
    SQL.version,
    [id, version],
  );
  if (!old) throw new HttpError(404, 'VERSION_NOT_FOUND', `网格 ${id} 没有第 ${version} 版 (no such version)`);
  const { geometry, ...attributes } = old;
  return editShape(ctx, {
    kind: 'restore',
    gridId: id,
    expectedVersion,
    geometry: JSON.parse(geometry) as Parameters<typeof editShape>[1]['geometry'],
    attributes,
    ...options,
  });
}
