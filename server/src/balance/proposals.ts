import { requireScope } from '../auth/authenticate.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type {
  AcceptDraftRequest,
  AcceptDraftResponse,
  DraftDivision,
  DraftGrid,
  ProposalGrid,
  ProposedMove,
  RebalanceProposal,
  SizeTarget,
} from '../contract/buildings.ts';
import type { GridRef } from '../contract/grids.ts';
import type { Database, Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { dryRun, gridFeatures } from '../grids/grid-preview.ts';
import {
  lockCommunityGrids,
  measureImpact,
  nextCode,
  RuleViolation,
  saveShape,
  snapshot,
  type EditContext,
} from '../grids/grid-edits.ts';
import { GRID_RULES } from '../grids/grid-rules.ts';
import { openChangeset } from '../grids/open-changeset.ts';
import { HttpError } from '../http/errors.ts';
import { applyBuildingMoves } from './building-moves.ts';
import { gridFigures, type GridFigures } from './community-balance.ts';
import { groupShapes } from './compactness.ts';
import { DraftKError, draftDivision } from './draft-division.ts';
import { loadPieceGraph } from './load-piece-graph.ts';
import type { HouseholdTarget } from './piece-graph.ts';
import { proposeRebalance } from './rebalance.ts';
import { householdRange, sizeTarget } from './size-target.ts';

const SQL = {
  draftShapes: sqlFile(import.meta.url, 'draft-shapes.sql'),
  communityBuildings: sqlFile(import.meta.url, 'community-buildings.sql'),
  nextCode: sqlFile(import.meta.url, '../grids/next-grid-code.sql'),
  retire: sqlFile(import.meta.url, '../grids/retire-grid.sql'),
  buildingNames: sqlFile(import.meta.url, 'building-names.sql'),
  handOverOrgs: sqlFile(import.meta.url, '../grids/hand-over-party-orgs.sql'),
};

const householdTarget = (t: SizeTarget): HouseholdTarget => ({ min: t.min, max: t.max, maxDeviation: t.maxDeviation });

/**
 * A rebalance proposal: the fewest building moves found between adjacent grids, and the grids
 * before and after as accepting it would save them (the moves are applied in a transaction that is
 * rolled back, so the figures and outlines are those of the save).
 */
export async function rebalanceProposal(db: Database, ctx: Omit<EditContext, 'tx'>, communityCode: string): Promise<RebalanceProposal> {
  requireScope(ctx.actor, communityCode);
  const before = await gridFigures(db, communityCode);
  if (!before.hasBuildings) throw new HttpError(422, 'NO_BUILDINGS', '本社区还没有楼栋数据，无法平衡 (the community has no buildings to rebalance)');
  const target = await sizeTarget(db, communityCode);
  const graph = await loadPieceGraph(db, communityCode);
  const result = proposeRebalance(graph, householdTarget(target));
  const gridVersions = Object.fromEntries(before.grids.map((g) => [String(g.id), g.version]));
  const ref = (id: number): GridRef => {
    const g = before.grids.find((x) => x.id === id)!;
    return { id: g.id, code: g.code, name: g.name };
  };
  let after: GridFigures[] = before.grids;
  let features: RebalanceProposal['features'] = [];
  if (result.moves.length > 0) {
    const run = await dryRun(db, async (tx) => {
      const outcome = await applyBuildingMoves({ ...ctx, tx }, communityCode, {
        moves: result.moves.map((m) => ({ buildingId: m.buildingId, toGridId: m.to })), gridVersions, note: 'rebalance proposal', kind: 'rebalance',
      });
      return { features: outcome.features, figures: (await gridFigures(tx, communityCode)).grids };
    });
    if (!run.valid) throw new RuleViolation(run.violations);
    after = run.result.figures;
    features = run.result.features;
  }
  const names = await buildingNames(db, result.moves.map((m) => m.buildingId));
  const moves: ProposedMove[] = result.moves.map((m) => {
    const b = names.get(m.buildingId);
    return { buildingId: m.buildingId, toGridId: m.to, buildingName: b?.name ?? '', households: b?.households ?? 0, population: b?.population ?? 0, from: ref(m.from), to: ref(m.to) };
  });
  const grids: ProposalGrid[] = before.grids.map((g) => {
    const a = after.find((x) => x.id === g.id) ?? g;
    return {
      id: g.id, code: g.code, name: g.name, version: g.version,
      householdsBefore: g.households, householdsAfter: a.households,
      populationBefore: g.population, populationAfter: a.population,
      compactnessBefore: g.compactness, compactnessAfter: a.compactness,
      rangeBefore: householdRange(g.households, target), rangeAfter: householdRange(a.households, target),
    };
  });
  return {
    communityCode, target, reachesRange: grids.every((g) => g.rangeAfter === 'within'), moves, grids, features, gridVersions, method: result.method,
  };
}

async function buildingNames(db: Queryable, ids: number[]): Promise<Map<number, { name: string; households: number; population: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; name: string | null; households: number; population: number }>(SQL.buildingNames, [ids]);
  return new Map(rows.map((r) => [r.id, { name: r.name ?? '', households: r.households, population: r.population }]));
}

/** A first-draft division of the community into k grids (never saved: the codes are those accepting would give). */
export async function draftProposal(db: Database, ctx: Omit<EditContext, 'tx'>, communityCode: string, k: number | undefined): Promise<DraftDivision> {
  requireScope(ctx.actor, communityCode);
  const current = await gridFigures(db, communityCode);
  const target = await sizeTarget(db, communityCode);
  const graph = await loadPieceGraph(db, communityCode, { byGrids: false });
  if (graph.pieces.length === 0) throw new HttpError(422, 'NO_BUILDINGS', '本社区还没有楼栋数据，无法生成初稿 (the community has no buildings to divide)');
  let result;
  try {
    result = draftDivision(graph, householdTarget(target), k === undefined ? {} : { k });
  } catch (err) {
    if (err instanceof DraftKError) throw new HttpError(422, 'BAD_K', err.message, { k: err.k, buildings: err.buildings });
    throw err;
  }
  const regionOf = new Map<number, number>();
  result.regions.forEach((ids, r) => ids.forEach((id) => regionOf.set(id, r)));
  const shapes = groupShapes(graph, (i) => regionOf.get(graph.pieces[i]!.buildingId) ?? null);
  const outlines = await draftOutlines(db, communityCode, result.regions);
  const [next] = await db.query<{ code: string | null }>(SQL.nextCode, [communityCode]);
  const first = next?.code ? Number(next.code.slice(12)) : 1;
  const grids: DraftGrid[] = result.regions.map((ids, r) => {
    const pieces = graph.pieces.filter((p) => p.own && regionOf.get(p.buildingId) === r);
    const households = pieces.reduce((s, p) => s + p.households, 0);
    const code = `${communityCode}${String(first + r).padStart(3, '0')}`;
    return {
      code,
      name: `${current.name}第${first + r}网格`,
      households,
      population: pieces.reduce((s, p) => s + p.population, 0),
      buildings: ids.length,
      compactness: shapes.get(r)?.compactness ?? 0,
      range: householdRange(households, target),
      buildingIds: ids,
    };
  });
  return {
    communityCode,
    target,
    k: result.k,
    method: result.method,
    features: {
      type: 'FeatureCollection',
      features: grids.map(({ buildingIds: _ids, ...properties }, r) => ({ type: 'Feature', geometry: outlines[r]!.geometry, properties })),
    },
    grids,
    replaces: current.grids.map((g) => ({ id: g.id, code: g.code, name: g.name })),
  };
}

interface Outline {
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  text: string;
  parts: number;
}

async function draftOutlines(db: Queryable, communityCode: string, regions: number[][]): Promise<Outline[]> {
  const ids = regions.flat();
  const index = regions.flatMap((r, i) => r.map(() => i));
  const rows = await db.query<{ region: number; geometry: string; parts: number }>(SQL.draftShapes, [communityCode, ids, index, GRID_RULES.precisionDeg]);
  return regions.map((_, r) => {
    const row = rows.find((x) => x.region === r);
    if (!row) return { geometry: { type: 'MultiPolygon', coordinates: [] }, text: '', parts: 0 };
    return { geometry: JSON.parse(row.geometry) as Outline['geometry'], text: row.geometry, parts: row.parts };
  });
}

/**
 * Accepts a first draft: the current grids (at the versions given) are retired and one grid is
 * created for each proposed group of buildings, its outline the union of their cells, its code the
 * next by the standard order; the Party organisations of a retired grid go to the new grid covering
 * most of it. Every building of the community must be in exactly one group.
 */
export async function acceptDraft(ctx: EditContext, communityCode: string, request: AcceptDraftRequest): Promise<AcceptDraftResponse> {
  const { tx, actor } = ctx;
  requireScope(actor, communityCode);
  const current = await gridFigures(tx, communityCode);
  await lockCommunityGrids(tx, communityCode);
  const all = (await tx.query<{ id: number }>(SQL.communityBuildings, [communityCode])).map((r) => r.id);
  const given = request.grids.flatMap((g) => g.buildingIds);
  const known = new Set(all);
  const missing = all.filter((id) => !given.includes(id));
  const foreign = given.filter((id) => !known.has(id));
  if (all.length === 0) throw new HttpError(422, 'NO_BUILDINGS', '本社区还没有楼栋数据 (the community has no buildings)');
  if (missing.length > 0 || foreign.length > 0 || new Set(given).size !== given.length) {
    throw new HttpError(422, 'DRAFT_INCOMPLETE', '每个楼栋须恰好属于一个网格 (every building of the community must be in exactly one proposed grid)', {
      missing, foreign, duplicates: given.filter((id, i) => given.indexOf(id) !== i),
    });
  }
  const versions = await snapshot(tx, communityCode, null);
  const stale = versions.filter((g) => request.gridVersions[String(g.id)] !== g.version);
  if (stale.length > 0) {
    throw new HttpError(409, 'VERSION_CONFLICT', '现有网格已被他人修改，请重新生成初稿 (the current grids changed meanwhile: make the draft again)', { grids: stale });
  }
  const outlines = await draftOutlines(tx, communityCode, request.grids.map((g) => g.buildingIds));
  const broken = outlines.flatMap((o, r) => (o.parts === 1 ? [] : [{ region: r, parts: o.parts }]));
  if (broken.length > 0) {
    throw new RuleViolation(broken.map((b) => ({
      code: 'NOT_CONTIGUOUS' as const,
      message: `第 ${b.region + 1} 个网格不连成一片 (proposed grid ${b.region + 1} is in ${b.parts} parts)`,
      details: b,
    })));
  }
  const changesetId = await openChangeset(tx, { kind: 'draft', note: request.note, actor });
  for (const g of current.grids) await tx.query(SQL.retire, [g.id, actor.username, 'retire', request.note]);
  const created: number[] = [];
  for (const [r, g] of request.grids.entries()) {
    const code = await nextCode(tx, communityCode);
    const saved = await saveShape(tx, null, code, communityCode, outlines[r]!.text, {
      name: g.name ?? `${current.name}第${Number(code.slice(12))}网格`, households: 0, population: 0, leaderName: null, leaderPhone: null,
    }, actor, 'create', request.note);
    created.push(saved.id);
  }
  await tx.query(SQL.handOverOrgs, [current.grids.map((g) => g.id), created]);
  await measureImpact(tx, changesetId, [...current.grids.map((g) => g.id), ...created]);
  const retired = current.grids.map((g) => ({ id: g.id, code: g.code, name: g.name }));
  await recordAudit(tx, {
    actor, action: 'grid.draft', entity: 'grid', entityIds: [...created, ...retired.map((g) => g.id)],
    details: { note: request.note, created, retired: retired.map((g) => g.id) }, ip: ctx.ip,
  });
  return { changesetId, features: await gridFeatures(tx, created), retired };
}
