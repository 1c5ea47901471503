import { useEffect, useState } from 'react';
import type { GridHistory, GridVersion, Polygonal } from '../../api/gridEditTypes';
import { getGridHistory } from '../../api/getGridHistory';
import { ApiError, isAbort } from '../../api/http';
import { fill, usePlannerStrings } from './strings';

interface Props {
  gridId: number;
  name: string;
  /** Changes when the grid was saved, so the list is loaded again. */
  version: number;
  onShowOutline: (geometry: Polygonal | null) => void;
  onRestore: (version: GridVersion) => void;
  onClose: () => void;
}

type State = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; history: GridHistory };

/** Every version of the grid with who, when and why; an old outline drawn against the current one; restore. */
export function HistoryPanel({ gridId, name, version, onShowOutline, onRestore, onClose }: Props) {
  const text = usePlannerStrings();
  const { s, num, date } = text;
  const [state, setState] = useState<State>({ status: 'loading' });
  const [shown, setShown] = useState<number | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    getGridHistory(gridId, abort.signal)
      .then((history) => {
        setState({ status: 'ready', history });
        // Start with the version before the current one drawn against it.
        const previous = history.versions.find((v) => v.version !== history.currentVersion && v.geometry);
        setShown(previous?.version ?? null);
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted || isAbort(err)) return;
        setState({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'CLIENT_ERROR', String(err)) });
      });
    return () => abort.abort();
  }, [gridId, version]);

  const versions = state.status === 'ready' ? state.history.versions : [];
  const shownGeometry = versions.find((v) => v.version === shown)?.geometry ?? null;
  useEffect(() => {
    onShowOutline(shownGeometry);
  }, [shownGeometry, onShowOutline]);
  useEffect(() => () => onShowOutline(null), [onShowOutline]);

  return (
    <section className="planner-section planner-history" aria-labelledby="planner-history-heading">
      <div className="planner-section-header">
        <h2 id="planner-history-heading">{fill(s.historyTitle, { name })}</h2>
        <button type="button" className="icon-button" aria-label={s.historyClose} title={s.historyClose} onClick={onClose}>
          ×
        </button>
      </div>
      {state.status === 'loading' && (
        <p className="muted" role="status">
          {s.historyLoading}
        </p>
      )}
      {state.status === 'error' && (
        <p className="planner-error" role="alert">
          {fill(s.historyError, { message: state.error.message })}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <p className="planner-hint">{s.historyLegend}</p>
          <ol className="planner-versions">
            {versions.map((v) => {
              const current = v.version === state.history.currentVersion;
              return (
                <li key={v.version} data-version={v.version} data-current={current ? 'true' : undefined}>
                  <div className="planner-version-head">
                    <strong>{fill(s.historyVersion, { version: v.version })}</strong>
                    <span className="planner-badge">{s.kind[v.changeKind] ?? v.changeKind}</span>
                    {current && <span className="planner-badge planner-badge-current">{s.historyCurrent}</span>}
                  </div>
                  <p className="planner-version-meta">{fill(s.historyBy, { who: v.changedBy ?? s.none, when: date(v.changedAt) })}</p>
                  {v.note && <p className="planner-version-note">{fill(s.historyWhy, { note: v.note })}</p>}
                  <p className="planner-version-meta">
                    {v.name}
                    {v.areaSqm !== null ? ` · ${fill(s.historyArea, { area: num(v.areaSqm / 10_000, 2) })}` : ''}
                  </p>
                  {!current && v.geometry && (
                    <div className="planner-version-actions">
                      <button
                        type="button"
                        className="planner-button planner-button-small"
                        aria-pressed={shown === v.version}
                        onClick={() => setShown(shown === v.version ? null : v.version)}
                      >
                        {shown === v.version ? s.historyShown : s.historyShow}
                      </button>
                      {!state.history.retired && (
                        <button type="button" className="planner-button planner-button-small" onClick={() => {
                            setShown(v.version);
                            onRestore(v);
                          }}
                        >
                          {s.historyRestore}
                        </button>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
