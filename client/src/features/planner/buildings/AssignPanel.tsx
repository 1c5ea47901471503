import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { previewBuildingMoves, saveBuildingMoves } from '../../../api/buildingMoves';
import { queryRoot } from '../../../api/queryClient';
import { useT } from '../../../i18n/useT';
import { ViolationList } from '../CheckPanel';
import { ImpactView } from '../ImpactView';
import { noteIsShort } from '../NoteField';
import { confirmFailure } from '../saveErrors';
import { SaveFooter } from './SaveFooter';
import { buildingsInLasso, choose, emptySelection, type Selection } from './selection';
import { buildingsText } from './strings';
import { gridName, gridVersions, neighbourIds, type ToolContext } from './toolContext';
import { useBuildingPicking } from './useBuildingsMap';

/** 按楼栋调整: pick buildings of one grid on the map, choose the neighbour they go to, see the result, save with a note. */
export function AssignPanel({ tool }: { tool: ToolContext }) {
  const text = useT(buildingsText);
  const { t, num } = text;
  const { communityCode, grids, buildings, byId, planner, layer } = tool;
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [lasso, setLasso] = useState(false);
  const [target, setTarget] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const targetId = useId();

  useBuildingPicking(planner, layer, true, lasso, {
    onClick: (id, add) => setSelection((s) => choose(s, [id], byId, add)),
    onLasso: (ring, add) => {
      setSelection((s) => choose(s, buildingsInLasso(buildings, ring), byId, add));
      setLasso(false);
    },
  });

  // The target must be another grid than the selection's.
  const to = target !== null && target !== selection.gridId ? target : null;
  const moves = to === null ? [] : selection.ids.map((buildingId) => ({ buildingId, toGridId: to }));
  const versions = gridVersions(grids);
  const preview = useQuery({
    queryKey: [queryRoot.grids, 'building-moves', 'preview', communityCode, moves, versions],
    queryFn: ({ signal }) => previewBuildingMoves(communityCode, { moves, gridVersions: versions }, signal),
    enabled: moves.length > 0,
    retry: false,
    staleTime: 0,
  });
  const result = moves.length > 0 ? preview.data : undefined;

  useEffect(() => {
    layer?.setSelected(selection.ids);
    return () => layer?.setSelected([]);
  }, [layer, selection.ids]);
  useEffect(() => {
    layer?.setOutlines(result?.valid ? result.features : []);
    return () => layer?.setOutlines([]);
  }, [layer, result]);

  // Neighbours of the selection's grid first; the others stay choosable (the server has the last word).
  const [neighbours, others] = useMemo(() => {
    const near = neighbourIds(grids, selection.gridId);
    const rest = grids.filter((g) => Number(g.properties.id) !== selection.gridId);
    return [rest.filter((g) => near.has(Number(g.properties.id))), rest.filter((g) => !near.has(Number(g.properties.id)))];
  }, [grids, selection.gridId]);
  const option = (g: (typeof grids)[number]) => (
    <option key={g.properties.id} value={g.properties.id}>
      {g.properties.name}（{g.properties.code}）
    </option>
  );

  const households = selection.ids.reduce((sum, id) => sum + (byId.get(id)?.properties.households ?? 0), 0);
  const noteOk = !noteIsShort(note);
  const ready = result?.valid === true && !busy;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!ready || !noteOk || to === null) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await saveBuildingMoves(communityCode, { moves, gridVersions: versions, note: note.trim(), kind: 'assign' });
      tool.onSaved(saved.features, t('assignSaved', { count: num(moves.length), grid: gridName(grids, to) }), saved.impact);
    } catch (err) {
      setError(confirmFailure(err));
      setBusy(false);
    }
  };

  return (
    <form className="planner-section buildings-panel buildings-assign" onSubmit={(e) => void submit(e)} noValidate aria-label={t('assignTitle')}>
      <h2>{t('assignTitle')}</h2>
      <p className="planner-hint">{t('assignHelp')}</p>
      <div className="buildings-row">
        <button type="button" className="planner-button" aria-pressed={lasso} onClick={() => setLasso((on) => !on)}>
          {t('lasso')}
        </button>
        <button type="button" className="link-button" onClick={() => setSelection(emptySelection)} disabled={selection.ids.length === 0}>
          {t('clearSelection')}
        </button>
      </div>
      {lasso && (
        <p className="buildings-lasso-on" role="status">
          {t('lassoOn')}
        </p>
      )}
      <p className="buildings-selection" role="status" data-count={selection.ids.length} data-households={households}>
        {selection.ids.length === 0
          ? t('selectionNone')
          : t('selection', { count: num(selection.ids.length), households: num(households), grid: gridName(grids, selection.gridId) })}
      </p>
      {selection.ignored > 0 && <p className="planner-hint">{t('otherGridIgnored', { count: num(selection.ignored) })}</p>}

      <div className="planner-field">
        <label htmlFor={targetId}>{t('moveTo')}</label>
        <select id={targetId} value={target ?? ''} onChange={(e) => setTarget(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">{t('moveToChoose')}</option>
          {selection.gridId !== null && neighbours.length > 0 ? (
            <>
              <optgroup label={t('moveToNeighbours')}>{neighbours.map(option)}</optgroup>
              {others.length > 0 && <optgroup label={t('moveToOthers')}>{others.map(option)}</optgroup>}
            </>
          ) : (
            [...neighbours, ...others].map(option)
          )}
        </select>
      </div>

      {moves.length > 0 && preview.isFetching && (
        <p className="muted" role="status" aria-busy="true">
          {t('previewing')}
        </p>
      )}
      {moves.length > 0 && preview.error && <p className="planner-field-error">{confirmFailure(preview.error)}</p>}
      {result && !result.valid && (
        <div className="buildings-refused" role="alert">
          <p>{t('previewFailed')}</p>
          <ViolationList violations={result.violations} />
        </div>
      )}
      {result?.valid && <ImpactView impact={result.impact} />}

      <SaveFooter
        note={note}
        onNote={setNote}
        noteInvalid={touched && !noteOk}
        error={error}
        ready={ready}
        busy={busy}
        saveLabel={t('saveMove')}
        busyLabel={t('saving')}
        closeLabel={t('cancel')}
        onClose={tool.onClose}
      />
    </form>
  );
}
