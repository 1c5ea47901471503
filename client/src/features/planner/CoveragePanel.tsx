import { useEffect, useState } from 'react';
import type { Geometry } from 'geojson';
import type { CoverageReport } from '../../api/gridEditTypes';
import { getCoverageCheck } from '../../api/getCoverageCheck';
import { ApiError, isAbort } from '../../api/http';
import { fill, usePlannerStrings } from './strings';

interface Props {
  communityCode: string;
  communityName: string;
  /** Grows after every save, so the check runs again. */
  revision: number;
  onReport: (report: CoverageReport | null) => void;
  onFocus: (geometry: Geometry) => void;
  onClose: () => void;
}

type State = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; report: CoverageReport };

/** Gaps and overlaps of a community's grids, highlighted on the map, with the covered share. */
export function CoveragePanel({ communityCode, communityName, revision, onReport, onFocus, onClose }: Props) {
  const { s, num } = usePlannerStrings();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    getCoverageCheck(communityCode, abort.signal)
      .then((report) => {
        setState({ status: 'ready', report });
        onReport(report);
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted || isAbort(err)) return;
        setState({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'CLIENT_ERROR', String(err)) });
      });
    return () => abort.abort();
  }, [communityCode, revision, onReport]);

  useEffect(() => () => onReport(null), [onReport]);

  const sum = (features: { properties: { areaSqm: number } }[]) => features.reduce((a, f) => a + f.properties.areaSqm, 0);

  return (
    <section className="planner-section planner-coverage" aria-labelledby="planner-coverage-heading" aria-live="polite">
      <div className="planner-section-header">
        <h2 id="planner-coverage-heading">{fill(s.coverageTitle, { community: communityName })}</h2>
        <button type="button" className="icon-button" aria-label={s.coverageClear} title={s.coverageClear} onClick={onClose}>
          ×
        </button>
      </div>
      {state.status === 'loading' && (
        <p className="muted" role="status">
          {s.coverageLoading}
        </p>
      )}
      {state.status === 'error' && (
        <p className="planner-error" role="alert">
          {fill(s.coverageError, { message: state.error.message })}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <dl className="planner-facts planner-coverage-facts">
            <div>
              <dt>{s.coverageRatio}</dt>
              <dd data-testid="coverage-ratio" data-ratio={state.report.coveredRatio}>
                {num(state.report.coveredRatio * 100, 2)}%
              </dd>
            </div>
            <div>
              <dt>{s.coverageGrids}</dt>
              <dd>{num(state.report.gridCount)}</dd>
            </div>
            <div>
              <dt>{s.coverageGaps}</dt>
              <dd data-count={state.report.gaps.features.length}>
                {fill(s.coverageCount, { n: state.report.gaps.features.length, area: num(sum(state.report.gaps.features)) })}
              </dd>
            </div>
            <div>
              <dt>{s.coverageOverlaps}</dt>
              <dd data-count={state.report.overlaps.features.length}>
                {fill(s.coverageCount, { n: state.report.overlaps.features.length, area: num(sum(state.report.overlaps.features)) })}
              </dd>
            </div>
          </dl>
          {state.report.gaps.features.length === 0 && state.report.overlaps.features.length === 0 ? (
            <p className="planner-ok">{s.coverageFull}</p>
          ) : (
            <ul className="planner-coverage-items">
              {state.report.gaps.features.map((f, i) => (
                <li key={`gap-${i}`}>
                  <button type="button" className="link-button" onClick={() => onFocus(f.geometry)}>
                    {fill(s.coverageGapItem, { i: i + 1, area: num(f.properties.areaSqm) })}
                  </button>
                </li>
              ))}
              {state.report.overlaps.features.map((f, i) => (
                <li key={`overlap-${i}`}>
                  <button type="button" className="link-button" onClick={() => onFocus(f.geometry)}>
                    {fill(s.coverageOverlapItem, { i: i + 1, codes: f.properties.codes.join(s.listJoin), area: num(f.properties.areaSqm) })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
