import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { GRID_RULES } from '../grids/grid-rules.ts';
import type { Piece, PieceEdge, PieceGraph } from './piece-graph.ts';

const PIECE_GRAPH = sqlFile(import.meta.url, 'piece-graph.sql');

/** Pieces under this area (m²) are rounding slivers of the cut, not land. */
const MIN_PIECE_SQM = 1;

type PieceRow = [number, number | null, boolean, number, number, string | null, number, number, number, number];

/**
 * The community's piece graph (piece-graph.ts) as it stands: cells cut by the current grids, or,
 * for a first draft (`byGrids: false`), one piece a cell with no grid.
 */
export async function loadPieceGraph(db: Queryable, communityCode: string, options: { byGrids?: boolean } = {}): Promise<PieceGraph> {
  const [row] = await db.query<{ pieces: PieceRow[] | string; edges: [number, number, number][] | string }>(PIECE_GRAPH, [
    communityCode, options.byGrids ?? true, MIN_PIECE_SQM, GRID_RULES.sharedBorderMinM,
  ]);
  const rows = json<PieceRow[]>(row?.pieces ?? []);
  const pieces: Piece[] = rows.map(([buildingId, gridId, own, households, population, name, areaSqm, perimeterM, lng, lat], index) => ({
    index,
    buildingId,
    gridId,
    own,
    households: own ? households : 0,
    population: own ? population : 0,
    block: blockOf(name),
    areaSqm,
    perimeterM,
    centroid: [lng, lat],
  }));
  const edges: PieceEdge[] = json<[number, number, number][]>(row?.edges ?? []).map(([a, b, lengthM]) => ({ a, b, lengthM }));
  return { communityCode, pieces, edges };
}

/** The estate or block a building's name tells: the part before its number (崇安新村 of 崇安新村12幢); null when none. */
export function blockOf(name: string | null): string | null {
  if (!name) return null;
  const match = /^(.*?)\s*[0-9０-９]+/u.exec(name.trim());
  const block = (match ? match[1]! : '').trim();
  return block === '' ? null : block;
}

function json<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
