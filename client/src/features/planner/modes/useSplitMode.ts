import { splitGrid } from '../../../api/splitGrid';
import { gridId, versionIn, type EditContext, type EditView, type SaveRetry } from '../editContext';
import { suggestName } from '../gridForm';

/** 拆分: draw a line across the selected grid; the part on one side becomes a new grid. */
export function useSplitMode(ctx: EditContext) {
  const { state, draft, planner, selected, grids, community, text, dispatch } = ctx;
  const { t } = text;
  const mode = state.mode;
  const editGrid = mode.kind === 'split' ? (grids.find((g) => gridId(g) === mode.gridId) ?? null) : null;
  const line = mode.kind === 'split' && draft?.geometry?.type === 'LineString' && !draft.drawing ? draft.geometry : null;

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
      // The new part is named by the community's scheme unless the planner named it.
      () => splitGrid(id, version, line, state.note.trim(), state.partName.trim() || (community ? suggestName(community.properties.name, grids) : undefined)),
      (r) => {
        const created = r.neighbours[0];
        return { selectId: id, message: t('splitDone', { name: created?.properties.name ?? '', code: created?.properties.code ?? '' }), impact: r.impact };
      },
      ctx.failSave({ grids: retry?.grids ?? grids }),
    );
  };

  const view: EditView | null =
    mode.kind === 'split'
      ? {
          title: t('editing.split', { name: editGrid?.properties.name ?? '' }),
          hint: line ? t('hintSplitDone') : t('hintSplit'),
          blocker: line ? null : t('blockedNoLine'),
          actionLabel: t('doSplit'),
          check: null,
          shape: null,
          save,
        }
      : null;
  return { start, view, editGrid };
}
