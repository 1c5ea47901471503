import { useId, useState } from 'react';
import type { PlannerMap } from '../../map/overlays/PlannerMap';
import type { DrawSnapshot } from '../../map/overlays/GridDraw';
import { CheckPanel } from './CheckPanel';
import { LiveBalance } from './LiveBalance';
import { OutOfRangeWarning, outOfRangeGrids } from './OutOfRangeWarning';
import { gridId, type EditContext, type EditView } from './editContext';
import { GridForm } from './GridForm';
import { NoteField, noteIsShort } from './NoteField';
import { suggestName } from './gridForm';
import type { Workspace } from './usePlannerWorkspace';
import type { PlannerText } from './strings';

/** Whether the edit moves shared borders, or is trimmed to the free space. */
function ShapeOptions({ ctx }: { ctx: EditContext }) {
  const { t } = ctx.text;
  const { adjust, clip } = ctx.state;
  const id = useId();
  const toggle = (key: 'adjust' | 'clip', checked: boolean, label: string, hint: string) => (
    <div className="planner-toggle">
      <input id={`${id}-${key}`} type="checkbox" checked={checked} onChange={(e) => ctx.dispatch({ type: 'set', patch: key === 'adjust' ? { adjust: e.target.checked } : { clip: e.target.checked } })} aria-describedby={`${id}-${key}-hint`} />
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <p id={`${id}-${key}-hint`} className="planner-hint">
        {hint}
      </p>
    </div>
  );
  return (
    <div className="planner-toggles">
      {toggle('adjust', adjust, t('adjustNeighbours'), t('adjustNeighboursHint'))}
      {toggle('clip', clip, t('clip'), t('clipHint'))}
    </div>
  );
}

function UndoButtons({ planner, draft, text: { t } }: { planner: PlannerMap | null; draft: DrawSnapshot | null; text: PlannerText }) {
  return (
    <div className="planner-undo" role="group" aria-label={t('undoHint')}>
      <button type="button" className="planner-button planner-button-small" onClick={() => planner?.draw.undo()} disabled={!draft?.canUndo} title="Ctrl+Z" aria-keyshortcuts="Control+Z">
        ↶ {t('undo')}
      </button>
      <button type="button" className="planner-button planner-button-small" onClick={() => planner?.draw.redo()} disabled={!draft?.canRedo} title="Ctrl+Shift+Z" aria-keyshortcuts="Control+Shift+Z">
        ↷ {t('redo')}
      </button>
      <span className="planner-hint">{t('undoHint')}</span>
    </div>
  );
}

function MergeChoice({ workspace }: { workspace: Workspace }) {
  const { ctx, modes } = workspace;
  const { t } = ctx.text;
  const { editGrid, other, otherId, neighbours, choose } = modes.merge;
  const id = useId();
  if (!editGrid) return null;
  return (
    <div className="planner-field">
      <label htmlFor={id}>{t('mergeWith')}</label>
      <select id={id} value={otherId ?? ''} onChange={(e) => choose(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{t('mergeChoose')}</option>
        {neighbours.map((g) => (
          <option key={gridId(g)} value={gridId(g)}>
            {g.properties.name}（{g.properties.code}）
          </option>
        ))}
      </select>
      {neighbours.length === 0 && <p className="planner-hint">{t('mergeNoNeighbours')}</p>}
      {other && (
        <p className="planner-hint">
          {t('mergeSummary', { other: other.properties.name, name: editGrid.properties.name, code: editGrid.properties.code, otherCode: other.properties.code })}
        </p>
      )}
    </div>
  );
}

/** The name of the grid a split makes (by default the community's next 第N网格), or of the merged grid. */
function PartName({ ctx, split, name }: { ctx: EditContext; split: boolean; name: string }) {
  const { t } = ctx.text;
  const id = useId();
  const placeholder = split && ctx.community ? suggestName(ctx.community.properties.name, ctx.grids) : name;
  return (
    <div className="planner-field">
      <label htmlFor={id}>{split ? t('newPartName') : t('mergedName')}</label>
      <input id={id} value={ctx.state.partName} placeholder={placeholder} onChange={(e) => ctx.dispatch({ type: 'set', patch: { partName: e.target.value } })} />
    </div>
  );
}

/** The reason kept in the history, and the save: disabled, with the reason shown, while something blocks it. */
function SaveRow({ ctx, view, newGridId }: { ctx: EditContext; view: EditView; newGridId: number | null }) {
  const { t } = ctx.text;
  const { note, noteTouched, busy } = ctx.state;
  const id = useId();
  const noteShort = noteIsShort(note);
  // Grids left outside the household target: saved only once the planner confirms it, for this very shape.
  const preview = view.shape?.preview;
  const impact = preview?.status === 'valid' ? preview.impact : null;
  const outOfRange = view.blocker === null ? outOfRangeGrids(impact) : [];
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const confirmed = confirmedFor !== null && confirmedFor === view.shape?.key;
  const blocker = view.blocker ?? (outOfRange.length > 0 && !confirmed ? t('blockedOutOfRange') : null) ?? (noteShort ? t('noteRequired') : null);
  const set = ctx.dispatch;
  // What was drawn is not thrown away by one click: 取消 asks first.
  const [askDiscard, setAskDiscard] = useState(false);
  const drawn = ctx.draft?.canUndo ?? false;
  const discard = () => {
    setAskDiscard(false);
    ctx.stopDrawing();
    set({ type: 'cancelEdit', grid: ctx.selected });
  };
  const cancel = () => (drawn ? setAskDiscard(true) : discard());
  return (
    <>
      {impact && outOfRange.length > 0 && (
        <OutOfRangeWarning impact={impact} grids={outOfRange} newGridId={newGridId} confirmed={confirmed} onConfirm={(yes) => setConfirmedFor(yes ? (view.shape?.key ?? null) : null)} />
      )}
      <NoteField
        value={note}
        invalid={noteTouched && noteShort}
        onBlur={() => set({ type: 'set', patch: { noteTouched: true } })}
        onChange={(next) => set({ type: 'set', patch: { note: next } })}
      />
      <div className="planner-save">
        <button
          type="button"
          className="planner-button planner-button-primary"
          disabled={busy || blocker !== null}
          aria-describedby={blocker ? `${id}-blocker` : undefined}
          aria-busy={busy}
          onClick={() => {
            set({ type: 'set', patch: { noteTouched: true } });
            view.save();
          }}
        >
          {busy ? t('saving') : view.actionLabel}
        </button>
        <button type="button" className="planner-button" onClick={cancel} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
      {askDiscard && (
        <div className="planner-discard" role="alertdialog" aria-labelledby={`${id}-discard`}>
          <p id={`${id}-discard`}>{t('discardDrawing')}</p>
          <button type="button" className="planner-button planner-button-danger" onClick={discard}>
            {t('discardConfirm')}
          </button>
          <button type="button" className="planner-button" onClick={() => setAskDiscard(false)} autoFocus>
            {t('discardKeep')}
          </button>
        </div>
      )}
      {blocker && (
        <p id={`${id}-blocker`} className="planner-blocker" data-blocker="true">
          {blocker}
        </p>
      )}
    </>
  );
}

/** A new grid takes its households from buildings when its community has any (then every grid of it does). */
function communitySource(ctx: EditContext): 'buildings' | 'estimate' {
  return ctx.grids.some((g) => g.properties.householdsSource === 'buildings') ? 'buildings' : 'estimate';
}

/** The edit under way: what to do, its options, the live check, and the save. */
export function EditPanel({ workspace, view }: { workspace: Workspace; view: EditView }) {
  const { ctx, drawing } = workspace;
  const mode = ctx.state.mode.kind;
  const form = ctx.state.form;
  const check = view.check;
  const preview = view.shape?.preview;
  const newGridId = mode === 'create' && preview?.status === 'valid' ? gridId(preview.features[0]!) : null;
  const editName = (mode === 'split' ? workspace.modes.split.editGrid : workspace.modes.merge.editGrid)?.properties.name ?? '';
  return (
    <section className="planner-section planner-editor" aria-labelledby="planner-editor-heading" data-mode={mode}>
      <h2 id="planner-editor-heading">{view.title}</h2>
      {view.hint && (
        <p className="planner-hint" role="status">
          {view.hint}
        </p>
      )}
      {/* The rule check and impact first: where the planner looks while drawing. */}
      {/* A reshape or split shows it at the top of the selected grid, where it is seen while drawing. */}
      {view.shape && mode === 'create' && <LiveBalance live={view.shape.live} grids={ctx.grids} />}
      {check && <CheckPanel view={check} onRetry={view.shape?.retry ?? (() => undefined)} newGridId={newGridId} />}
      {(mode === 'create' || mode === 'reshape') && <ShapeOptions ctx={ctx} />}
      {drawing && <UndoButtons planner={ctx.planner} draft={ctx.draft} text={ctx.text} />}
      {mode === 'merge' && <MergeChoice workspace={workspace} />}
      {(mode === 'split' || mode === 'merge') && <PartName ctx={ctx} split={mode === 'split'} name={editName} />}
      {mode === 'create' && form && (
        <GridForm form={form} errors={ctx.form.errors} onChange={(next) => ctx.dispatch({ type: 'set', patch: { form: next } })} householdsSource={communitySource(ctx)} />
      )}
      <SaveRow ctx={ctx} view={view} newGridId={newGridId} />
    </section>
  );
}
