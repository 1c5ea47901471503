import { useEffect } from 'react';
import type { Geometry } from 'geojson';
import type { CoverageReport } from '../../api/gridEditTypes';
import { useT } from '../../i18n/useT';
import { useCoverage } from './queries';
import { RangeLabel } from './SizeBar';
import { plannerText } from './strings';

interface Props {
  communityCode: string;
  communityName: string;
  onReport: (report: CoverageReport | null) => void;
  onFocus: (geometry: Geometry) => void;
  onClose: () => void;
}

/** Gaps and overlaps of a community's grids, highlighted on the map, with the covered share. */
export function CoveragePanel({ communityCode, communityName, onReport, onFocus, onClose }: Props) {
  const text = useT(plannerText);
  const { t, num } = text;
  // Checked again whenever a save invalidates [queryRoot.coverage]; the figures wait for the new answer.
  const { data, error, isFetching } = useCoverage(communityCode);
  const report = isFetching || error ? null : (data ?? null);

  useEffect(() => {
    if (data) onReport(data);
  }, [data, onReport]);
  useEffect(() => () => onReport(null), [onReport]);

  const sum = (features: { properties: { areaSqm: number } }[]) => features.reduce((a, f) => a + f.properties.areaSqm, 0);

  return (
    <section className="planner-section planner-coverage" aria-labelledby="planner-coverage-heading" aria-live="polite">
      <div className="planner-section-header">
        <h2 id="planner-coverage-heading">{t('coverageTitle', { community: communityName })}</h2>
        <button type="button" className="icon-button" aria-label={t('coverageClear')} title={t('coverageClear')} onClick={onClose}>
          ×
        </button>
      </div>
      {isFetching && (
        <p className="muted" role="status">
          {t('coverageLoading')}
        </p>
      )}
      {error && !isFetching && (
        <p className="planner-error" role="alert">
          {t('coverageError', { message: error.message })}
        </p>
      )}
      {report && (
        <>
          <dl className="planner-facts planner-coverage-facts">
            <div>
              <dt>{t('coverageRatio')}</dt>
              <dd data-testid="coverage-ratio" data-ratio={report.coveredRatio}>
                {num(report.coveredRatio * 100, 2)}%
              </dd>
            </div>
            <div>
              <dt>{t('coverageGrids')}</dt>
              <dd>{num(report.gridCount)}</dd>
            </div>
            <div>
              <dt>{t('coverageGaps')}</dt>
              <dd data-count={report.gaps.features.length}>
                {t('coverageCount', { n: report.gaps.features.length, area: num(sum(report.gaps.features)) })}
              </dd>
            </div>
            <div>
              <dt>{t('coverageOverlaps')}</dt>
              <dd data-count={report.overlaps.features.length}>
                {t('coverageCount', { n: report.overlaps.features.length, area: num(sum(report.overlaps.features)) })}
              </dd>
            </div>
            {/* The size check (older servers answer without it). */}
            {report.target && (
              <div>
                <dt>{t('coverageTarget')}</dt>
                <dd>{t('coverageTargetValue', { min: num(report.target.min), max: num(report.target.max) })}</dd>
              </div>
            )}
            {report.outOfRange && (
              <div>
                <dt>{t('coverageOutOfRange')}</dt>
                <dd data-count={report.outOfRange.length} data-testid="coverage-out-of-range">
                  {num(report.outOfRange.length)}
                </dd>
              </div>
            )}
          </dl>
          {report.gaps.features.length === 0 && report.overlaps.features.length === 0 ? (
            <p className="planner-ok">{t('coverageFull')}</p>
          ) : (
            <ul className="planner-coverage-items">
              {report.gaps.features.map((f, i) => (
                <li key={`gap-${i}`}>
                  <button type="button" className="link-button" onClick={() => onFocus(f.geometry)}>
                    {t('coverageGapItem', { i: i + 1, area: num(f.properties.areaSqm) })}
                  </button>
                </li>
              ))}
              {report.overlaps.features.map((f, i) => (
                <li key={`overlap-${i}`}>
                  <button type="button" className="link-button" onClick={() => onFocus(f.geometry)}>
                    {t('coverageOverlapItem', { i: i + 1, codes: f.properties.codes.join(t('listJoin')), area: num(f.properties.areaSqm) })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {report.outOfRange &&
            (report.outOfRange.length === 0 ? (
              <p className="planner-ok">{t('coverageAllWithin')}</p>
            ) : (
              <ul className="planner-coverage-items planner-coverage-range">
                {report.outOfRange.map((g) => (
                  <li key={g.id} data-grid-id={g.id} data-range={g.range}>
                    {t('coverageOutItem', { name: g.name, code: g.code, n: num(g.households) })} <RangeLabel range={g.range} text={text} />
                  </li>
                ))}
              </ul>
            ))}
        </>
      )}
    </section>
  );
}
