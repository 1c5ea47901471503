import { gridId } from './editContext';
import type { Workspace } from './usePlannerWorkspace';

/** The two ways out of a conflict: take their version, or send mine again on top of it. */
export function useConflictResolution({ ctx, view }: Workspace) {
  const { state, planner, dispatch } = ctx;

  const close = () => {
    planner?.layers.setConflict(null, null);
    dispatch({ type: 'set', patch: { conflict: null } });
  };

  const reload = async () => {
    const id = state.selectedId;
    close();
    ctx.stopDrawing();
    dispatch({ type: 'endEdit' });
    dispatch({ type: 'busy', busy: true });
    try {
      const fresh = await ctx.reloadGrids();
      dispatch({ type: 'select', grid: fresh.find((g) => gridId(g) === id) ?? null });
    } catch (err) {
      ctx.failSave({})(err);
    } finally {
      dispatch({ type: 'busy', busy: false });
    }
  };

  const keepMine = async () => {
    const conflict = state.conflict;
    close();
    dispatch({ type: 'busy', busy: true });
    // Retry with what is loaded if the grids cannot be read: the server says if it is still stale.
    const fresh = await ctx.reloadGrids().catch(() => ctx.grids);
    dispatch({ type: 'busy', busy: false });
    const theirs = fresh.find((g) => gridId(g) === state.selectedId);
    if (conflict?.kind !== 'version') {
      view?.save({ grids: fresh });
      return;
    }
    if (theirs) dispatch({ type: 'set', patch: { baseVersion: theirs.properties.version } });
    view?.save({ grids: fresh, version: theirs?.properties.version ?? conflict.theirs });
  };

  return { close, reload: () => void reload(), keepMine: () => void keepMine() };
}
