import type { Polygonal } from '../../../api/gridEditTypes';
import type { GridFeature } from '../../../api/types';
import { updateGrid } from '../../../api/updateGrid';
import type { DrawSnapshot } from '../../../map/overlays/GridDraw';
import { gridId, neighbourVersions, type EditContext, type EditView, type SaveRetry } from '../editContext';
import { assemble, largestPart, partOutline, sameRing } from '../geometry';
import { useShapeCheck } from '../useShapeCheck';

/** The grid's shape with the drawn outline put in place of `part`, or null while it is unchanged. */
function reshaped(grid: GridFeature | null, part: number, draft: DrawSnapshot | null): Polygonal | null {
  const drawn = draft?.geometry?.type === 'Polygon' ? draft.geometry : null;
  if (!grid || !drawn || sameRing(grid.geometry.coordinates[part]?.[0], drawn.coordinates[0])) return null;
  return assemble(grid.geometry, part, drawn);
}

/**
 * 调整形状 and 修改属性: both save through one update. A reshape drags the corners of the grid's
 * largest part (checked live); the attributes alone are edited in the selected grid's form.
 */
export function useReshapeMode(ctx: EditContext) {
  const { state, planner, selected, grids, form, text, dispatch } = ctx;
  const { t } = text;
  const mode = state.mode;
  const editGrid = mode.kind === 'reshape' ? (grids.find((g) => gridId(g) === mode.gridId) ?? null) : null;
  const geometry = mode.kind === 'reshape' ? reshaped(editGrid, mode.part, ctx.draft) : null;
  const editName = editGrid?.properties.name ?? null;
  // The name goes along so the impact names the grid as it is (the dry run otherwise uses a placeholder).
  const request =
    mode.kind === 'reshape' && geometry
      ? { id: mode.gridId, geometry, adjustNeighbours: state.adjust, clip: state.clip, ...(editName ? { attributes: { name: editName } } : {}) }
      : null;
  const shape = useShapeCheck(state, request);
  const attrsChanged = Object.keys(form.changes).length > 0;

  const start = () => {
    if (!planner || !selected) return;
    ctx.stopDrawing();
    const part = largestPart(selected.geometry);
    dispatch({ type: 'start', mode: { kind: 'reshape', gridId: gridId(selected), part } });
    ctx.snapTo(gridId(selected));
    try {
      planner.draw.edit(partOutline(selected.geometry, part));
    } catch (err) {
      dispatch({ type: 'endEdit' });
      dispatch({ type: 'set', patch: { notice: { kind: 'error', text: t('errorPrefix', { message: err instanceof Error ? err.message : String(err) }) } } });
    }
  };

  const save = (retry?: SaveRetry) => {
    if (!selected || state.baseVersion === null) return;
    const id = gridId(selected);
    const list = retry?.grids ?? grids;
    const shapeOptions = geometry ? { adjustNeighbours: state.adjust, clip: state.clip, neighbourVersions: neighbourVersions(list, id) } : {};
    ctx.send(
      () => updateGrid({ id, version: retry?.version ?? state.baseVersion ?? 0, geometry, attributes: form.changes, note: state.note.trim(), ...shapeOptions }),
      (r) => ({
        selectId: id,
        message: t('saved', { name: r.feature.properties.name, code: r.feature.properties.code, version: r.feature.properties.version }),
        impact: r.impact,
      }),
      ctx.failSave({ shape: shape.key, mine: geometry, grids: list }),
    );
  };

  let blocker: string | null = null;
  if (!geometry && !attrsChanged) blocker = t('blockedNoChanges');
  else if (!form.valid) blocker = t('blockedForm');
  else if (geometry && shape.blocker) blocker = t(shape.blocker);

  const name = selected?.properties.name ?? '';
  let view: EditView | null = null;
  if (mode.kind === 'reshape') {
    view = { title: t('editing.reshape', { name: editName ?? '' }), hint: t('hintReshape'), blocker, actionLabel: t('save'), check: geometry ? shape.check : { status: 'unchanged' }, shape, save };
  } else if (mode.kind === 'none' && attrsChanged) {
    view = { title: t('editing.attributes', { name }), hint: null, blocker, actionLabel: t('save'), check: null, shape: null, save };
  }
  return { start, view, attrsChanged };
}
