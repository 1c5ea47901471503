import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { previewBuildingMoves, proposeRebalance, saveBuildingMoves, type ProposalGrid, type RebalanceProposal } from '../../../api/buildingMoves';
import type { ImpactGrid } from '../../../api/gridEditTypes';
import { isApiError } from '../../../api/http';
import { queryRoot } from '../../../api/queryClient';
import { useT } from '../../../i18n/useT';
import { ViolationList } from '../CheckPanel';
import { noteIsShort } from '../NoteField';
import { confirmFailure } from '../saveErrors';
import { SaveFooter } from './SaveFooter';
import { buildingsText, rangeWord, type BuildingsText } from './strings';
import type { ToolContext } from './toolContext';

/** One grid's row: households and compactness before → after, with 偏少/适中/偏多. */
function GridRow({ grid, after, text }: { grid: ProposalGrid; after: ImpactGrid | null | undefined; text: BuildingsText }) {
  const { num, t } = text;
  // Unticking moves re-previews: the figures after come from that preview (its compactness is not worked out).
  const households = after === undefined ? grid.householdsAfter : after === null ? grid.householdsBefore : after.households;
  const range = after === undefined ? grid.rangeAfter : after === null ? grid.rangeBefore : after.range;
  const compactness = after === undefined ? num(grid.compactnessAfter, 2) : after === null ? num(grid.compactnessBefore, 2) : t('none');
  return (
    <tr data-grid-id={grid.id} data-before={grid.householdsBefore} data-after={households}>
      <th scope="row">
        {grid.name}
        <span className="planner-code">{grid.code}</span>
      </th>
      <td>
        {num(grid.householdsBefore)} <span className={`buildings-range buildings-range-${grid.rangeBefore}`}>{rangeWord(grid.rangeBefore, text)}</span>
      </td>
      <td>
        {num(households)} <span className={`buildings-range buildings-range-${range}`}>{rangeWord(range, text)}</span>
      </td>
      <td>
        {num(grid.compactnessBefore, 2)} {t('arrow')} {compactness}
      </td>
    </tr>
  );
}

function ProposalView({ tool, proposal }: { tool: ToolContext; proposal: RebalanceProposal }) {
  const text = useT(buildingsText);
  const { t, num } = text;
  const { communityCode, layer } = tool;
  const [excluded, setExcluded] = useState<ReadonlySet<number>>(new Set());
  const [note, setNote] = useState(t('rebalanceNote'));
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const chosen = proposal.moves.filter((m) => !excluded.has(m.buildingId));
  const moves = chosen.map(({ buildingId, toGridId }) => ({ buildingId, toGridId }));
  const edited = excluded.size > 0 && moves.length > 0;
  const preview = useQuery({
    queryKey: [queryRoot.grids, 'building-moves', 'preview', communityCode, moves, proposal.gridVersions],
    queryFn: ({ signal }) => previewBuildingMoves(communityCode, { moves, gridVersions: proposal.gridVersions, kind: 'rebalance' }, signal),
    enabled: edited,
    retry: false,
    staleTime: 0,
  });
  const result = edited ? preview.data : undefined;
  const features = !edited ? (moves.length > 0 ? proposal.features : []) : result?.valid ? result.features : [];

  useEffect(() => {
    layer?.setMoved(moves.map((m) => m.buildingId));
    layer?.setOutlines(features);
    // Only the ticked moves and their outlines change what is shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layer, excluded, result, proposal]);
  useEffect(
    () => () => {
      layer?.setMoved([]);
      layer?.setOutlines([]);
    },
    [layer],
  );

  const afterOf = (id: number): ImpactGrid | null | undefined => {
    if (moves.length === 0) return null;
    if (!edited) return undefined;
    return result?.valid ? (result.impact.grids.find((g) => g.id === id) ?? null) : null;
  };
  const toggle = (id: number) =>
    setExcluded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const noteOk = !noteIsShort(note);
  const ready = moves.length > 0 && (!edited || result?.valid === true) && !busy;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!ready || !noteOk) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await saveBuildingMoves(communityCode, { moves, gridVersions: proposal.gridVersions, note: note.trim(), kind: 'rebalance' });
      tool.onSaved(saved.features, t('rebalanceSaved', { count: num(moves.length), grids: num(saved.features.length) }), saved.impact);
    } catch (err) {
      setError(confirmFailure(err));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted">
        {t('rebalanceTarget', { min: num(proposal.target.min), max: num(proposal.target.max) })} · {t('rebalanceMethod', { method: proposal.method })}
      </p>
      {!proposal.reachesRange && <p className="planner-hint">{t('rebalanceNotReached')}</p>}
      <table className="planner-table buildings-moves">
        <caption>{t('movesCaption', { count: num(proposal.moves.length) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colInclude')}</th>
            <th scope="col">{t('colBuilding')}</th>
            <th scope="col">{t('colHouseholds')}</th>
            <th scope="col">{t('colFrom')}</th>
            <th scope="col">{t('colTo')}</th>
          </tr>
        </thead>
        <tbody>
          {proposal.moves.map((m) => {
            const name = m.buildingName || t('buildingUnnamed', { id: m.buildingId });
            return (
              <tr key={m.buildingId} data-building-id={m.buildingId}>
                <td>
                  <input type="checkbox" checked={!excluded.has(m.buildingId)} onChange={() => toggle(m.buildingId)} aria-label={`${t('colInclude')} ${name}`} disabled={busy} />
                </td>
                <th scope="row">{name}</th>
                <td>{num(m.households)}</td>
                <td>{m.from.name}</td>
                <td>{m.to.name}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="planner-table buildings-grids">
        <caption>{t('gridsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colGrid')}</th>
            <th scope="col">
              {t('householdsBeforeAfter')} · {t('colBefore')}
            </th>
            <th scope="col">
              {t('householdsBeforeAfter')} · {t('colAfter')}
            </th>
            <th scope="col">{t('colCompactness')}</th>
          </tr>
        </thead>
        <tbody>
          {proposal.grids.map((g) => (
            <GridRow key={g.id} grid={g} after={afterOf(g.id)} text={text} />
          ))}
        </tbody>
      </table>
      {edited && preview.isFetching && (
        <p className="muted" role="status" aria-busy="true">
          {t('rebalanceRechecking')}
        </p>
      )}
      {edited && preview.error && <p className="planner-field-error">{confirmFailure(preview.error)}</p>}
      {result && !result.valid && (
        <div className="buildings-refused" role="alert">
          <ViolationList violations={result.violations} />
        </div>
      )}
      {moves.length === 0 && <p className="planner-hint">{t('rebalanceNoneChosen')}</p>}
      <SaveFooter
        note={note}
        onNote={setNote}
        noteInvalid={touched && !noteOk}
        error={error}
        ready={ready}
        busy={busy}
        saveLabel={t('accept')}
        busyLabel={t('saving')}
        closeLabel={t('reject')}
        onClose={tool.onClose}
      />
    </form>
  );
}

/** 平衡: the fewest building moves that bring every grid into range, for review; nothing is saved until accepted. */
export function RebalancePanel({ tool }: { tool: ToolContext }) {
  const text = useT(buildingsText);
  const { t, num } = text;
  const proposal = useQuery({
    queryKey: [queryRoot.grids, 'rebalance', tool.communityCode],
    queryFn: ({ signal }) => proposeRebalance(tool.communityCode, signal),
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
  const data = proposal.data;
  return (
    <section className="planner-section buildings-panel buildings-rebalance" aria-label={t('rebalanceTitle')}>
      <h2>{t('rebalanceTitle')}</h2>
      {proposal.isPending && (
        <p className="buildings-progress" role="status" aria-busy="true">
          <span className="buildings-spinner" aria-hidden="true" />
          {t('rebalanceComputing')}
        </p>
      )}
      {proposal.error && (
        <p className={isApiError(proposal.error) && proposal.error.code === 'NO_BUILDINGS' ? 'planner-hint' : 'planner-field-error'} role="alert">
          {isApiError(proposal.error) && proposal.error.code === 'NO_BUILDINGS' ? t('rebalanceNoBuildings') : confirmFailure(proposal.error)}
        </p>
      )}
      {data && data.moves.length === 0 && !data.reachesRange && (
        <p className="planner-hint" role="alert">
          {t('rebalanceNoMoves')}
        </p>
      )}
      {data && data.moves.length === 0 && data.reachesRange && (
        <p className="buildings-balanced" role="status">
          {t('rebalanceBalanced', { min: num(data.target.min), max: num(data.target.max) })}
        </p>
      )}
      {data && data.moves.length > 0 && <ProposalView tool={tool} proposal={data} />}
      {(!data || data.moves.length === 0) && (
        <button type="button" className="planner-button" onClick={tool.onClose}>
          {t('close')}
        </button>
      )}
    </section>
  );
}
