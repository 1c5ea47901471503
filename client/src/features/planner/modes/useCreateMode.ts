import { createGrid } from '../../../api/createGrid';
import type { GridFeature } from '../../../api/types';
import { gridId, neighbourVersions, type EditContext, type EditView } from '../editContext';
import { emptyForm, formToAttributes, suggestName } from '../gridForm';
import { useShapeCheck } from '../useShapeCheck';

/** "胜利门社区第9网格": one past the highest number the community's grid names use. */
/** 新建网格: draw a polygon (checked while it is drawn), fill in the attributes, save. */
export function useCreateMode(ctx: EditContext) {
  const { state, draft, planner, community, grids, form, text, dispatch } = ctx;
  const { t } = text;
  const active = state.mode.kind === 'create';
  const polygon = active && draft?.geometry?.type === 'Polygon' ? draft.geometry : null;
  const communityCode = state.communityCode;
  const request = polygon && communityCode ? { communityCode, geometry: polygon, adjustNeighbours: state.adjust, clip: state.clip } : null;
  const shape = useShapeCheck(state, request);

  const start = () => {
    if (!planner || !community) return;
    ctx.stopDrawing();
    dispatch({ type: 'start', mode: { kind: 'create' }, form: emptyForm(suggestName(community.properties.name, grids)) });
    ctx.snapTo(null);
    planner.draw.drawPolygon();
  };

  const save = (retry?: { grids: GridFeature[] }) => {
    const attrs = state.form;
    if (!polygon || !communityCode || !attrs) return;
    const note = state.note.trim();
    const list = retry?.grids ?? grids;
    ctx.send(
      () => createGrid({ geometry: polygon, communityCode, attributes: formToAttributes(attrs), note, adjustNeighbours: state.adjust, clip: state.clip, neighbourVersions: neighbourVersions(list, null) }),
      (r) => ({ selectId: gridId(r.feature), message: t('created', { name: r.feature.properties.name, code: r.feature.properties.code }), impact: r.impact }),
      ctx.failSave({ shape: shape.key, grids: list }),
    );
  };

  const finished = polygon !== null && !draft?.drawing;
  let blocker: string | null = null;
  if (!finished) blocker = t('blockedDrawing');
  else if (!form.valid) blocker = t('blockedForm');
  else if (shape.blocker) blocker = t(shape.blocker);

  const view: EditView | null = active
    ? {
        title: t('editing.create'),
        hint: finished ? t('hintCreateDone') : t('hintCreate'),
        blocker,
        actionLabel: t('save'),
        check: polygon ? shape.check : { status: 'idle' },
        shape,
        save,
      }
    : null;
  return { start, view };
}
