import type {
  AcceptDraftRequest,
  AcceptDraftResponse,
  BuildingMovesPreview,
  BuildingMovesRequest,
  BuildingMovesResponse,
  DraftDivision,
  DraftDivisionRequest,
  RebalanceProposal,
} from '../../../server/src/contract/buildings.ts';
import { sendJson } from './http';

// Building moves (按楼栋调整), the rebalance proposal (平衡) and the first-draft division (初稿)
// of one community. Proposals and previews are never saved; the two POSTs without /preview are.

export type {
  AcceptDraftRequest,
  AcceptDraftResponse,
  BuildingMove,
  BuildingMovesPreview,
  BuildingMovesRequest,
  BuildingMovesResponse,
  DraftDivision,
  DraftGrid,
  ProposalGrid,
  ProposedMove,
  RebalanceProposal,
} from '../../../server/src/contract/buildings.ts';

function communityPath(code: string, tail: string): string {
  return `/api/communities/${encodeURIComponent(code)}/${tail}`;
}

function options(signal?: AbortSignal): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

/** What moving the buildings would save: the grids' outlines after and the exact 户/人/栋 moves, or the rules it breaks. */
/** A preview needs no note. */
export type BuildingMovesPreviewRequest = Omit<BuildingMovesRequest, 'note'> & { note?: string };

export function previewBuildingMoves(communityCode: string, request: BuildingMovesPreviewRequest, signal?: AbortSignal): Promise<BuildingMovesPreview> {
  return sendJson<BuildingMovesPreview>('POST', communityPath(communityCode, 'building-moves/preview'), request, options(signal));
}

/** Moves the buildings to their new grids: one version per changed grid, in one changeset of `request.kind`. */
export function saveBuildingMoves(communityCode: string, request: BuildingMovesRequest, signal?: AbortSignal): Promise<BuildingMovesResponse> {
  return sendJson<BuildingMovesResponse>('POST', communityPath(communityCode, 'building-moves'), request, options(signal));
}

/** The fewest building moves between adjacent grids that bring every grid into range (not saved). */
export function proposeRebalance(communityCode: string, signal?: AbortSignal): Promise<RebalanceProposal> {
  return sendJson<RebalanceProposal>('POST', communityPath(communityCode, 'rebalance'), {}, options(signal));
}

/** A first-draft division of the community into `k` grids (from the target when absent; not saved). */
export function proposeDraftDivision(communityCode: string, request: DraftDivisionRequest, signal?: AbortSignal): Promise<DraftDivision> {
  return sendJson<DraftDivision>('POST', communityPath(communityCode, 'draft-division'), request, options(signal));
}

/** Saves an accepted draft: retires the current grids (if any) and creates one grid per proposed region. */
export function acceptDraftDivision(communityCode: string, request: AcceptDraftRequest, signal?: AbortSignal): Promise<AcceptDraftResponse> {
  return sendJson<AcceptDraftResponse>('POST', communityPath(communityCode, 'draft-division/accept'), request, options(signal));
}
