import { previewSplit, splitGrid, type SplitPreviewInput } from '../../../api/splitGrid';
import { gridId, versionIn, type EditContext, type EditView, type SaveRetry } from '../editContext';
import { suggestName } from '../gridForm';
import type { DryRun } from '../usePreview';
import { useShapeCheck } from '../useShapeCheck';

const SPLIT_DRY_RUN: DryRun<SplitPreviewInput> = { kind: 'split', run: previewSplit };

/** 拆分: draw a line across the selected grid; the part on one side becomes a new grid. */
export function useSplitMode(ctx: EditContext) {
  const { state, draft, planner, selected, grids, community, text, dispatch } = ctx;
  const { t } = text;
  const mode = state.mode;
  const editGrid = mode.kind === 'split' ? (grids.find((g) => gridId(g) === mode.gridId) ?? null) : null;
  const line = mode.kind === 'split' && draft?.geometry?.type === 'LineString' && !draft.drawing ? draft.geometry : null;
  // The new part is named by the community's scheme unless the planner named it.
  const partName = state.partName.trim() || (community ? suggestName(community.properties.name, grids) : undefined);
  const request = editGrid && line ? { id: gridId(editGrid), version: versionIn(grids, editGrid), line, ...(partName ? { name: partName } : {}) } : null;
  const shape = useShapeCheck(state, request, SPLIT_DRY_RUN);

  const start = () => {
    if (!planner || !selected) return;
    ctx.stopDrawing();
    dispatch({ type: 'start', mode: { kind: 'split', gridId: gridId(selected) } });
    ctx.snapTo(gridId(selected));
    planner.draw.drawLine();
  };

  const save = (retry?: SaveRetry) => {
    if (!editGrid || !line) return;
    const id = gridId(editGrid);
    const version = retry?.version ?? versionIn(retry?.grids ?? grids, editGrid);
    ctx.send(
      () => splitGrid(id, version, line, state.note.trim(), partName),
      (r) => {
        const created = r.neighbours[0];
        return { selectId: id, message: t('splitDone', { name: created?.properties.name ?? '', code: created?.properties.code ?? '' }), impact: r.impact };
      },
      ctx.failSave({ shape: shape.key, grids: retry?.grids ?? grids }),
    );
  };

  const view: EditView | null =
    mode.kind === 'split'
      ? {
          title: t('editing.split', { name: editGrid?.properties.name ?? '' }),
          hint: line ? t('hintSplitDone') : t('hintSplit'),
          blocker: line ? (shape.blocker ? t(shape.blocker) : null) : t('blockedNoLine'),
          actionLabel: t('doSplit'),
          check: line ? shape.check : null,
          shape: line ? shape : null,
          save,
        }
      : null;
  return { start, view, editGrid };
}
