import { useCallback, useState } from 'react';
import type { Geometry } from 'geojson';
import type { CoverageReport, Impact, Polygonal } from '../../api/gridEditTypes';
import { useScopeView } from '../../ui/useScopeView';
import { BalancePanel } from './BalancePanel';
import { BuildingTools } from './buildings/BuildingTools';
import { ViolationList } from './CheckPanel';
import { CommunityPicker } from './CommunityPicker';
import { ConfirmDialog } from './ConfirmDialog';
import { ConflictDialog } from './ConflictDialog';
import { CoveragePanel } from './CoveragePanel';
import { gridId, type EditView } from './editContext';
import { EditPanel } from './EditPanel';
import { GridList } from './GridList';
import { HistoryPanel } from './HistoryPanel';
import { ImpactView } from './ImpactView';
import { PlannerLegend } from './PlannerLegend';
import { RevertPreview } from './RevertPreview';
import { SelectedGrid } from './SelectedGrid';
import { useConflictResolution } from './useConflictResolution';
import { usePlannerWorkspace, type Workspace } from './usePlannerWorkspace';

/** The figures of the edit being drawn: the live check's, else the settled check's. */
function liveImpact(view: EditView | null): Impact | null {
  const shape = view?.shape;
  if (!shape) return null;
  return shape.live.impact ?? (shape.preview.status === 'valid' ? shape.preview.impact : null);
}

/** The outcome of the last save, or why it failed. */
function PlannerNotice({ workspace }: { workspace: Workspace }) {
  const { state, dispatch, text } = workspace.ctx;
  const notice = state.notice;
  if (!notice) return null;
  return (
    <div className={`planner-notice planner-notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <p>{notice.text}</p>
      {notice.kind === 'error' && notice.violations && <ViolationList violations={notice.violations} />}
      {notice.kind === 'success' && notice.impact && <ImpactView impact={notice.impact} />}
      <button type="button" className="link-button" onClick={() => dispatch({ type: 'set', patch: { notice: null } })}>
        {text.t('close')}
      </button>
    </div>
  );
}

/** The dialogs over the workspace: a conflict with someone else's save, and the retire / restore confirmations. */
function PlannerDialogs({ workspace }: { workspace: Workspace }) {
  const { state } = workspace.ctx;
  const conflict = useConflictResolution(workspace);
  const confirm = workspace.modes.retire.dialog;
  const planner = workspace.ctx.planner;
  const showRevert = useCallback(
    (geometry: Polygonal | null, fit: boolean) => {
      planner?.layers.setHistoryOutline(geometry);
      if (geometry && fit) planner?.layers.fitTo([geometry], { padding: 80 });
    },
    [planner],
  );
  const asked = state.confirm;
  return (
    <>
      {state.conflict && <ConflictDialog conflict={state.conflict} busy={state.busy} onReload={conflict.reload} onKeepMine={conflict.keepMine} onClose={conflict.close} />}
      {confirm && (
        <ConfirmDialog key={confirm.key} {...confirm.props}>
          {asked?.kind === 'revert' && <RevertPreview changesetId={asked.changeset.id} onShow={showRevert} />}
        </ConfirmDialog>
      )}
    </>
  );
}

/** The 网格规划 workspace for a signed-in planner or admin. */
export function PlannerWorkspace() {
  // Opens on the account's own street or community.
  useScopeView();
  const [buildingTool, setBuildingTool] = useState(false);
  const workspace = usePlannerWorkspace(buildingTool);
  const { ctx, user, communities, community, grids, view, locked, modes } = workspace;
  const { state, planner, selected, dispatch } = ctx;
  const { t } = ctx.text;
  const mode = state.mode.kind;

  const showHistoryOutline = useCallback((geometry: Polygonal | null) => planner?.layers.setHistoryOutline(geometry), [planner]);
  const showCoverage = useCallback((report: CoverageReport | null) => planner?.layers.setCoverage(report?.gaps ?? null, report?.overlaps ?? null), [planner]);
  const focusOn = useCallback((geometry: Geometry) => planner?.layers.fitTo([geometry], { maxZoom: 18, padding: 80 }), [planner]);
  const closeCoverage = useCallback(() => dispatch({ type: 'toggle', panel: 'coverageOpen', open: false }), [dispatch]);
  const closeHistory = useCallback(() => dispatch({ type: 'toggle', panel: 'historyOpen', open: false }), [dispatch]);

  if (!user) return null;
  const editor = view && <EditPanel workspace={workspace} view={view} />;

  return (
    <div className="workspace-panel-content planner">
      <h1>{t('title')}</h1>
      <p className="muted planner-user">{t('signedInAs', { name: user.displayName, region: user.regionName })}</p>

      <CommunityPicker
        state={communities.view}
        value={state.communityCode}
        disabled={state.busy || mode !== 'none' || buildingTool}
        onChange={(code) => {
          ctx.stopDrawing();
          dispatch({ type: 'chooseCommunity', code });
        }}
        onRetry={communities.retry}
      />

      {community && (
        <div className="planner-toolbar">
          <button type="button" className="planner-button planner-button-primary" onClick={modes.create.start} disabled={!planner || grids.status !== 'ready' || locked}>
            ＋ {t('newGrid')}
          </button>
          <button type="button" className="planner-button" aria-pressed={state.coverageOpen} onClick={() => dispatch({ type: 'toggle', panel: 'coverageOpen' })}>
            {t('coverageCheck')}
          </button>
        </div>
      )}

      <BuildingTools workspace={workspace} onActive={setBuildingTool} />

      <PlannerNotice workspace={workspace} />

      {state.coverageOpen && community && (
        <CoveragePanel communityCode={community.properties.code} communityName={community.properties.name} onReport={showCoverage} onFocus={focusOn} onClose={closeCoverage} />
      )}

      {mode === 'create' && editor}

      {selected && mode !== 'create' && <SelectedGrid workspace={workspace} grid={selected} editor={editor} />}

      {state.historyOpen && selected && (
        <HistoryPanel
          gridId={gridId(selected)}
          name={selected.properties.name}
          onShowOutline={showHistoryOutline}
          onRestore={(version) => modes.retire.askRestore(selected, version)}
          onRevert={(changeset) => modes.retire.askRevert(selected, changeset)}
          onClose={closeHistory}
        />
      )}

      {community && (
        <BalancePanel
          communityCode={community.properties.code}
          live={liveImpact(view)}
          onSelect={locked ? null : (id) => dispatch({ type: 'select', grid: grids.grids.find((g) => gridId(g) === id) ?? null })}
          canEditTarget={user.role === 'planner' || user.role === 'admin'}
        />
      )}

      {community && <GridList workspace={workspace} community={community} />}

      <PlannerLegend />

      <PlannerDialogs workspace={workspace} />
    </div>
  );
}
