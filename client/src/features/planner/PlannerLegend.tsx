import { PLANNER_COLORS } from '../../map/overlays/PlannerLayers';
import { useT } from '../../i18n/useT';
import { plannerText } from './strings';

/** What the planner's map colours and patterns mean. */
export function PlannerLegend() {
  const { t } = useT(plannerText);
  const C = PLANNER_COLORS;
  return (
    <section className="planner-legend" aria-labelledby="planner-legend-heading">
      <h3 id="planner-legend-heading">{t('legendTitle')}</h3>
      <ul className="planner-legend-list">
        <li>
          <span className="planner-swatch-line" style={{ borderColor: C.community }} aria-hidden="true" />
          {t('legendCommunity')}
        </li>
        <li>
          <span className="planner-swatch-line" style={{ borderColor: C.selected }} aria-hidden="true" />
          {t('legendSelected')}
        </li>
        <li>
          <span className="planner-swatch-area" style={{ borderColor: C.preview, background: 'rgba(217,72,1,0.12)' }} aria-hidden="true" />
          {t('legendDrawing')}
        </li>
        <li>
          <span className="planner-swatch-line planner-swatch-dashed" style={{ borderColor: C.preview }} aria-hidden="true" />
          {t('legendPreview')}
        </li>
        <li>
          <span className="planner-swatch-area" style={{ borderColor: C.overlap, background: 'rgba(227,26,28,0.55)' }} aria-hidden="true" />
          {t('legendOverlap')}
        </li>
        <li>
          <span className="planner-swatch-area planner-swatch-hatch" style={{ borderColor: C.outside }} aria-hidden="true" />
          {t('legendOutside')}
        </li>
        <li>
          <span className="planner-swatch-area planner-swatch-hatch planner-swatch-hatch-gap" style={{ borderColor: C.gap }} aria-hidden="true" />
          {t('legendGap')}
        </li>
        <li>
          <span className="planner-swatch-line planner-swatch-dashed" style={{ borderColor: C.history }} aria-hidden="true" />
          {t('legendHistory')}
        </li>
      </ul>
    </section>
  );
}
