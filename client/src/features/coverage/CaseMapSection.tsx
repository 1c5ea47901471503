import type { CaseStatus } from '../../api/getCaseStats';
import { useT } from '../../i18n/useT';
import { CASE_STATUS_COLORS, OVERDUE_RING } from './caseLayers';
import type { ScoreChoropleth, ScoreDef, ScoreId } from './caseScores';
import { SCORES } from './caseScores';
import { caseText, type CaseTextKey } from './caseStrings';
import { rangeLabel } from './legend';
import { NO_DATA_COLOR } from './metrics';

const STATUS_LABELS: Record<CaseStatus, CaseTextKey> = {
  pending: 'statusPending',
  accepted: 'statusAccepted',
  in_progress: 'statusInProgress',
  closed: 'statusClosed',
  rated: 'statusRated',
  rejected: 'statusRejected',
  merged: 'statusMerged',
};

export function statusLabel(status: CaseStatus): CaseTextKey {
  return STATUS_LABELS[status];
}

export interface CaseMapView {
  showPoints: boolean;
  setShowPoints: (v: boolean) => void;
  showScore: boolean;
  setShowScore: (v: boolean) => void;
  scoreId: ScoreId;
  setScoreId: (v: ScoreId) => void;
}

/** 地图图层 of the 民情 tab, with the legend of what is shown. */
export function CaseMapSection({ view, score, choropleth }: { view: CaseMapView; score: ScoreDef; choropleth: ScoreChoropleth }) {
  const { t, lang } = useT(caseText);
  const scale = score.rate ? 100 : 1;
  const percentBreaks = choropleth.breaks.map((b) => Math.round(b * scale * 10) / 10);
  return (
    <section className="coverage-section" aria-labelledby="cases-map-heading">
      <h2 id="cases-map-heading">{t('mapHeading')}</h2>
      <label className="coverage-check">
        <input type="checkbox" checked={view.showPoints} onChange={(e) => view.setShowPoints(e.target.checked)} data-testid="cases-points-toggle" />
        {t('showPoints')}
      </label>
      <label className="coverage-check">
        <input type="checkbox" checked={view.showScore} onChange={(e) => view.setShowScore(e.target.checked)} />
        {t('showScore')}
      </label>
      <label className="coverage-field">
        <span>{t('scoreMetric')}</span>
        <select value={view.scoreId} onChange={(e) => view.setScoreId(e.target.value as ScoreId)} data-testid="cases-score-metric">
          {SCORES.map((s) => (
            <option key={s.id} value={s.id}>
              {t(s.label)}
            </option>
          ))}
        </select>
      </label>
      <div className="cases-legend" aria-label={t('legendHeading')}>
        {view.showPoints && (
          <ul className="cases-legend-list">
            {(Object.keys(CASE_STATUS_COLORS) as CaseStatus[]).map((s) => (
              <li key={s}>
                <span className="cases-dot" style={{ background: CASE_STATUS_COLORS[s] }} />
                {t(STATUS_LABELS[s])}
              </li>
            ))}
            <li>
              <span className="cases-dot" style={{ background: '#fff', boxShadow: `0 0 0 2px ${OVERDUE_RING}` }} />
              {t('overdue')}
            </li>
          </ul>
        )}
        {view.showScore && (
          <ul className="cases-legend-list">
            {choropleth.colors.map((c, i) => (
              <li key={c}>
                <span className="cases-swatch" style={{ background: c }} />
                {rangeLabel(percentBreaks, i, score.rate ? 1 : 0, lang)}
                {score.rate ? '%' : ''}
              </li>
            ))}
            <li>
              <span className="cases-swatch" style={{ background: NO_DATA_COLOR }} />
              {t('legendNoValue')}
            </li>
          </ul>
        )}
      </div>
    </section>
  );
}
