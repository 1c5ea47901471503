import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Impact } from '../../../api/gridEditTypes';
import { queryRoot } from '../../../api/queryClient';
import type { GridFeature } from '../../../api/types';
import { useT } from '../../../i18n/useT';
import type { Workspace } from '../usePlannerWorkspace';
import { AssignPanel } from './AssignPanel';
import { DraftPanel } from './DraftPanel';
import { useCommunityBuildings } from './queries';
import { RebalancePanel } from './RebalancePanel';
import { buildingsText } from './strings';
import type { ToolContext } from './toolContext';
import { useBuildingsData, useBuildingsLayer } from './useBuildingsMap';
import './buildings.css';

type Tool = 'none' | 'assign' | 'rebalance' | 'draft';

/** Second key parts of the tools' own answers under [queryRoot.grids]. */
const PROPOSALS = new Set(['rebalance', 'building-moves']);

interface Props {
  workspace: Workspace;
  /** Told when a building tool opens or closes: the workspace's other tools and grid clicks wait meanwhile. */
  onActive: (active: boolean) => void;
}

/** The buildings layer and the tools that work on buildings: 按楼栋调整, 平衡 and 初稿 (重新划分). */
export function BuildingTools({ workspace, onActive }: Props) {
  const text = useT(buildingsText);
  const { t, num } = text;
  const queryClient = useQueryClient();
  const { ctx, community, grids } = workspace;
  const { planner, dispatch, state } = ctx;
  const [tool, setTool] = useState<Tool>('none');
  const communityCode = community?.properties.code ?? null;
  const buildings = useCommunityBuildings(communityCode);
  const layer = useBuildingsLayer(planner);
  const label = useCallback((n: number) => t('householdsLabel', { n: num(n) }), [t, num]);
  useBuildingsData(layer, buildings.data, grids.grids, label);

  const features = useMemo(() => buildings.data?.features ?? [], [buildings.data]);
  const byId = useMemo(() => new Map(features.map((b) => [b.properties.id, b])), [features]);

  const active = tool !== 'none';
  useEffect(() => onActive(active), [active, onActive]);
  // Another community closes the tool.
  useEffect(() => setTool('none'), [communityCode]);
  const close = useCallback(() => setTool('none'), []);
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('[role="dialog"]')) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, close]);

  const onSaved = useCallback(
    (saved: readonly GridFeature[], message: string, impact?: Impact) => {
      // Proposals and previews of the closing tool are not asked again.
      void queryClient.invalidateQueries({ queryKey: [queryRoot.grids], predicate: (q) => !PROPOSALS.has(String(q.queryKey[1])) });
      void queryClient.invalidateQueries({ queryKey: [queryRoot.coverage] });
      setTool('none');
      dispatch({ type: 'saved', grid: saved[0] ?? null, notice: impact ? { kind: 'success', text: message, impact } : { kind: 'success', text: message } });
      // The history of a changed grid shows the edit.
      if (saved.length > 0) dispatch({ type: 'toggle', panel: 'historyOpen', open: true });
    },
    [queryClient, dispatch],
  );

  if (!community || !communityCode) return null;
  const start = (next: Tool) => {
    ctx.stopDrawing();
    dispatch({ type: 'select', grid: null });
    setTool(next);
  };
  const hasBuildings = features.length > 0;
  const otherWork = workspace.locked && !active;
  const busy = state.busy || otherWork;
  const toolCtx: ToolContext = { communityCode, grids: grids.grids, buildings: features, byId, planner, layer, onSaved, onClose: close };

  return (
    <div className="buildings-tools">
      <div className="planner-toolbar" role="group" aria-label={t('toolsLabel')}>
        <button type="button" className="planner-button" aria-pressed={tool === 'assign'} disabled={busy || !hasBuildings || grids.grids.length < 2 || (active && tool !== 'assign')} onClick={() => (tool === 'assign' ? close() : start('assign'))}>
          {t('assign')}
        </button>
        <button type="button" className="planner-button" aria-pressed={tool === 'rebalance'} disabled={busy || grids.grids.length < 2 || (active && tool !== 'rebalance')} onClick={() => (tool === 'rebalance' ? close() : start('rebalance'))}>
          {t('rebalance')}
        </button>
        <button type="button" className="planner-button" aria-pressed={tool === 'draft'} disabled={busy || grids.status !== 'ready' || (active && tool !== 'draft')} onClick={() => (tool === 'draft' ? close() : start('draft'))}>
          {grids.grids.length > 0 ? t('redraw') : t('draft')}
        </button>
      </div>
      {buildings.isPending && <p className="muted">{t('buildingsLoading')}</p>}
      {buildings.error && <p className="planner-field-error">{t('buildingsError', { message: buildings.error.message })}</p>}
      {buildings.data && !hasBuildings && <p className="planner-hint">{t('noBuildings')}</p>}
      {tool === 'assign' && <AssignPanel tool={toolCtx} />}
      {tool === 'rebalance' && <RebalancePanel tool={toolCtx} />}
      {tool === 'draft' && <DraftPanel tool={toolCtx} />}
    </div>
  );
}
