import type { CoverageGrid } from '../../api/getCoverageGrids';
import { labelled } from '../../i18n/join';
import { useT } from '../../i18n/useT';
import { formatNumber } from './metrics';
import { coverageText } from './strings';

/** One grid's numbers, opened by clicking it on the map or in the table. */
export function GridDetail({ grid, onClose }: { grid: CoverageGrid; onClose: () => void }) {
  const { t, lang } = useT(coverageText);
  const count = (n: number | null) => formatNumber(n, 0, lang);
  const rows: [string, string][] = [
    [t('colCode'), grid.code],
    [t('colMembers'), count(grid.members)],
    [t('colFormal'), count(grid.formal)],
    [t('colProbationary'), count(grid.probationary)],
    [t('colFloating'), count(grid.floating)],
    [t('colOrgs'), count(grid.partyOrgs)],
    [t('colHasBranch'), grid.hasBranch ? t('yes') : t('no')],
    [t('colHouseholds'), count(grid.households)],
    [t('colPopulation'), count(grid.population)],
    [t('colPer100'), formatNumber(grid.membersPer100Households, 1, lang)],
    [t('colDistance'), count(grid.nearestStationMeters)],
  ];
  return (
    <section className="coverage-section coverage-detail" aria-labelledby="coverage-detail-heading" data-testid="coverage-detail">
      <div className="coverage-detail-head">
        <h2 id="coverage-detail-heading">
          {labelled(lang, t('detailHeading'), grid.name)}
        </h2>
        <button type="button" className="secondary-button" onClick={onClose} aria-label={t('detailClose')}>
          ×
        </button>
      </div>
      <dl className="coverage-detail-list">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
