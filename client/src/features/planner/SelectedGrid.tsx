import type { ReactNode } from 'react';
import type { GridFeature } from '../../api/types';
import { gridId } from './editContext';
import { GridForm } from './GridForm';
import { LiveBalance } from './LiveBalance';
import type { Workspace } from './usePlannerWorkspace';

/** The selected grid: its tools, its attributes (editable in place) and, below, the edit under way. */
export function SelectedGrid({ workspace, grid, editor }: { workspace: Workspace; grid: GridFeature; editor: ReactNode }) {
  const { ctx, community, locked, modes } = workspace;
  const { t } = ctx.text;
  const { state, planner, dispatch } = ctx;
  const { form, busy, mode } = state;
  return (
    <section className="planner-section planner-selected" aria-labelledby="planner-selected-heading" data-grid-id={gridId(grid)} data-grid-code={grid.properties.code}>
      <div className="planner-section-header">
        <div>
          <p className="planner-kicker">{t('selectedGrid')}</p>
          <h2 id="planner-selected-heading">{grid.properties.name}</h2>
        </div>
        <button type="button" className="icon-button" aria-label={t('deselect')} title={t('deselect')} onClick={() => dispatch({ type: 'select', grid: null })} disabled={locked}>
          ×
        </button>
      </div>
      <div className="planner-actions" role="toolbar" aria-label={grid.properties.name}>
        <button type="button" className="planner-button" onClick={modes.reshape.start} disabled={!planner || locked}>
          {t('reshape')}
        </button>
        <button type="button" className="planner-button" onClick={modes.split.start} disabled={!planner || locked}>
          {t('split')}
        </button>
        <button type="button" className="planner-button" onClick={modes.merge.start} disabled={locked || ctx.grids.length < 2}>
          {t('merge')}
        </button>
        <button type="button" className="planner-button" aria-pressed={state.historyOpen} onClick={() => dispatch({ type: 'toggle', panel: 'historyOpen' })} disabled={busy}>
          {t('history')}
        </button>
        <button type="button" className="planner-button planner-button-danger" onClick={() => modes.retire.askRetire(grid)} disabled={locked}>
          {t('retire')}
        </button>
      </div>
      {/* The households while a corner is dragged: above the form, in view while drawing on the map. */}
      {workspace.view?.shape && (mode.kind === 'reshape' || mode.kind === 'split') && <LiveBalance live={workspace.view.shape.live} grids={ctx.grids} />}
      {form && (
        <GridForm
          form={form}
          errors={ctx.form.errors}
          onChange={(next) => dispatch({ type: 'set', patch: { form: next } })}
          disabled={busy || (mode.kind !== 'none' && mode.kind !== 'reshape')}
          householdsSource={grid.properties.householdsSource ?? 'estimate'}
          facts={[
            { label: t('code'), value: grid.properties.code },
            { label: t('community'), value: community?.properties.name ?? grid.properties.communityCode },
            { label: t('version'), value: String(grid.properties.version) },
          ]}
        />
      )}
      {editor}
    </section>
  );
}
