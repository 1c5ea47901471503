import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { Geometry } from 'geojson';
import type { GridFeature } from '../../api/types';
import type { GridHit } from '../../map/overlays/PlannerMap';
import { useT } from '../../i18n/useT';
import { linkParam, setLinkParams } from '../../ui/deepLink';
import { useSession } from '../../ui/session';
import { gridId, type EditContext, type EditView, type FormCheck } from './editContext';
import { changedAttributes, formToAttributes, validateForm } from './gridForm';
import { useCheckLayer, useCommunityLayer, useDrawingShortcuts, useDrawSnapshot, useGridClicks, useSelectionLayer } from './mapBehaviours';
import { useCreateMode } from './modes/useCreateMode';
import { useMergeMode } from './modes/useMergeMode';
import { useReshapeMode } from './modes/useReshapeMode';
import { useRetireMode } from './modes/useRetireMode';
import { useSplitMode } from './modes/useSplitMode';
import { initialPlannerState, plannerReducer, type PlannerState } from './plannerState';
import { useCommunities, useCommunityGrids } from './queries';
import { plannerText } from './strings';
import { usePlannerMap } from './usePlannerMap';
import { useSender } from './useSender';

function checkForm(state: PlannerState, selected: GridFeature | null): FormCheck {
  const errors = state.form ? validateForm(state.form) : {};
  const valid = Object.keys(errors).length === 0;
  const changes = state.form && selected && valid && state.mode.kind !== 'create' ? changedAttributes(state.form, selected.properties) : {};
  return { errors, valid, changes };
}

/** The state the planner opens with: the community and grid a link names, if any. */
function linkedPlannerState(): PlannerState {
  const grid = Number(linkParam('grid'));
  return { ...initialPlannerState, communityCode: linkParam('community'), pendingSelect: Number.isInteger(grid) && grid > 0 ? grid : null };
}

/**
 * The workspace's state, the community and grids it works on, and the editing modes composed over them.
 * `toolActive`: a building tool is open; grid clicks and the other tools wait until it closes.
 */
export function usePlannerWorkspace(toolActive = false) {
  const user = useSession().user;
  const text = useT(plannerText);
  const planner = usePlannerMap();
  const draft = useDrawSnapshot(planner);
  const [state, dispatch] = useReducer(plannerReducer, undefined, linkedPlannerState);
  const communities = useCommunities(user?.regionCode ?? null);
  const list = useMemo(() => (communities.view.status === 'ready' ? communities.view.communities : []), [communities.view]);
  const community = list.find((c) => c.properties.code === state.communityCode) ?? null;
  const grids = useCommunityGrids(state.communityCode);
  const selected = grids.grids.find((g) => gridId(g) === state.selectedId) ?? null;
  const form = checkForm(state, selected);

  // A single community in scope (a community planner) needs no choosing; a linked one outside the
  // viewer's scope is not opened.
  useEffect(() => {
    if (communities.view.status !== 'ready') return;
    if (state.communityCode !== null && !list.some((c) => c.properties.code === state.communityCode)) dispatch({ type: 'chooseCommunity', code: null });
    else if (state.communityCode === null && list.length === 1) dispatch({ type: 'chooseCommunity', code: list[0]!.properties.code });
  }, [communities.view.status, list, state.communityCode]);
  // The link keeps the community and the selected grid.
  useEffect(() => {
    setLinkParams({ community: state.communityCode, grid: state.selectedId === null ? null : String(state.selectedId) });
  }, [state.communityCode, state.selectedId]);
  // A grid clicked in another community is selected once that community's grids are in.
  useEffect(() => {
    if (state.pendingSelect === null || grids.status !== 'ready') return;
    dispatch({ type: 'select', grid: grids.grids.find((g) => gridId(g) === state.pendingSelect) ?? null });
  }, [state.pendingSelect, grids.status, grids.grids]);

  const stopDrawing = useCallback(() => {
    planner?.draw.stop();
    planner?.layers.clearEdit();
  }, [planner]);
  const snapTo = (exclude: number | null) => {
    const geometries: (Geometry | null)[] = grids.grids.filter((g) => gridId(g) !== exclude).map((g) => g.geometry);
    planner?.draw.setSnapGeometries([...geometries, community?.geometry ?? null]);
  };
  const attempt = { grid: selected, baseVersion: state.baseVersion, attributes: state.form && form.valid ? formToAttributes(state.form) : null };
  const sender = useSender({ communityCode: state.communityCode, grids: grids.grids, planner, dispatch, stopDrawing, text, attempt });
  const ctx: EditContext = { ...sender, state, dispatch, planner, draft, community, grids: grids.grids, selected, form, text, stopDrawing, snapTo };

  const create = useCreateMode(ctx);
  const reshape = useReshapeMode(ctx);
  const split = useSplitMode(ctx);
  const merge = useMergeMode(ctx);
  const retire = useRetireMode(ctx);
  const view: EditView | null = create.view ?? reshape.view ?? split.view ?? merge.view;

  const mode = state.mode.kind;
  const drawing = mode === 'create' || mode === 'reshape' || mode === 'split';
  useDrawingShortcuts(planner, drawing);
  useCommunityLayer(planner, community);
  useSelectionLayer(planner, selected, mode === 'reshape', merge.other);
  useCheckLayer(planner, view?.shape ?? null, draft?.drawing ?? false);
  useGridClicks(planner, (hit: GridHit | null) => {
    if (state.busy || state.conflict || state.confirm || toolActive) return;
    if (mode === 'merge') {
      if (hit && hit.id !== state.selectedId && hit.communityCode === state.communityCode) merge.choose(hit.id);
      return;
    }
    if (mode !== 'none' || reshape.attrsChanged) return;
    if (hit && hit.communityCode !== state.communityCode) {
      if (list.some((c) => c.properties.code === hit.communityCode)) dispatch({ type: 'chooseCommunity', code: hit.communityCode, thenSelect: hit.id });
      return;
    }
    dispatch({ type: 'select', grid: hit ? (grids.grids.find((g) => gridId(g) === hit.id) ?? null) : null });
  });

  const locked = state.busy || mode !== 'none' || reshape.attrsChanged || toolActive;
  return { ctx, user, communities, community, grids, view, drawing, locked, modes: { create, reshape, split, merge, retire } };
}

export type Workspace = ReturnType<typeof usePlannerWorkspace>;
