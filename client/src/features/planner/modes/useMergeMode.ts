import { mergeGrids, previewMerge, type MergePreviewInput } from '../../../api/mergeGrids';
import { gridId, versionIn, type EditContext, type EditView, type SaveRetry } from '../editContext';
import { sharesBorder } from '../geometry';
import type { DryRun } from '../usePreview';
import { useShapeCheck } from '../useShapeCheck';

const MERGE_DRY_RUN: DryRun<MergePreviewInput> = { kind: 'merge', run: previewMerge };

/** 合并: the selected grid takes in a neighbour chosen on the map or from the list; it keeps its code. */
export function useMergeMode(ctx: EditContext) {
  const { state, selected, grids, text, dispatch } = ctx;
  const { t } = text;
  const mode = state.mode;
  const editGrid = mode.kind === 'merge' ? (grids.find((g) => gridId(g) === mode.gridId) ?? null) : null;
  const other = mode.kind === 'merge' && mode.otherId !== null ? (grids.find((g) => gridId(g) === mode.otherId) ?? null) : null;

  const start = () => {
    if (!selected) return;
    ctx.stopDrawing();
    dispatch({ type: 'start', mode: { kind: 'merge', gridId: gridId(selected), otherId: null } });
  };

  const partName = state.partName.trim() || undefined;
  const request = editGrid && other ? { keep: { id: gridId(editGrid), version: versionIn(grids, editGrid) }, absorb: { id: gridId(other), version: other.properties.version }, ...(partName ? { name: partName } : {}) } : null;
  const shape = useShapeCheck(state, request, MERGE_DRY_RUN);

  // Only grids sharing a border with it can be merged into it.
  const neighbours = editGrid ? grids.filter((g) => gridId(g) !== gridId(editGrid) && sharesBorder(g, editGrid)) : [];

  /** The grid to merge with (from a map click or the list); null to choose again. */
  const choose = (otherId: number | null) => {
    if (mode.kind !== 'merge') return;
    if (otherId !== null && !neighbours.some((g) => gridId(g) === otherId)) {
      const name = grids.find((g) => gridId(g) === otherId)?.properties.name ?? '';
      dispatch({ type: 'set', patch: { notice: { kind: 'error', text: t('mergeNotNeighbour', { name }) } } });
      return;
    }
    dispatch({ type: 'set', patch: { mode: { ...mode, otherId }, notice: null } });
  };

  const save = (retry?: SaveRetry) => {
    if (!editGrid || mode.kind !== 'merge' || mode.otherId === null) return;
    const list = retry?.grids ?? grids;
    const absorbed = list.find((g) => gridId(g) === mode.otherId);
    if (!absorbed) return;
    const keep = { id: gridId(editGrid), version: versionIn(list, editGrid) };
    const absorb = { id: gridId(absorbed), version: absorbed.properties.version };
    ctx.send(
      () => mergeGrids(keep, absorb, state.note.trim(), partName),
      (r) => ({ selectId: keep.id, message: t('mergeDone', { name: r.feature.properties.name, code: r.feature.properties.code }), impact: r.impact }),
      ctx.failSave({ shape: shape.key, grids: list }),
    );
  };

  const view: EditView | null =
    mode.kind === 'merge'
      ? {
          title: t('editing.merge', { name: editGrid?.properties.name ?? '' }),
          hint: t('hintMerge'),
          blocker: other === null ? t('blockedNoOther') : shape.blocker ? t(shape.blocker) : null,
          actionLabel: t('doMerge'),
          check: other ? shape.check : null,
          shape: other ? shape : null,
          save,
        }
      : null;
  return { start, view, choose, editGrid, other, neighbours, otherId: mode.kind === 'merge' ? mode.otherId : null };
}
