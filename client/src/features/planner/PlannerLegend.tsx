import { PLANNER_COLORS } from '../../map/overlays/PlannerLayers';
import { BUILDING_COLORS, GRID_HUES } from './buildings/BuildingsLayer';
import { useT } from '../../i18n/useT';
import { plannerText } from './strings';

/** What the planner's map colours and patterns mean. */
export function PlannerLegend() {
  const { t } = useT(plannerText);
  const C = PLANNER_COLORS;
  const B = BUILDING_COLORS;
  // One swatch in the first four grid hues: a building's colour is its grid's.
  const hues = `linear-gradient(90deg, ${GRID_HUES.slice(0, 4).map((h, i) => `${h} ${i * 25}% ${(i + 1) * 25}%`).join(', ')})`;
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
        <li>
          <span className="planner-swatch-area" style={{ borderColor: B.line, background: hues }} aria-hidden="true" />
          {t('legendBuildings')}
        </li>
        <li>
          <span className="planner-swatch-area" style={{ borderColor: '#969696', background: B.neutral }} aria-hidden="true" />
          {t('legendOtherBuildings')}
        </li>
        <li>
          <span className="planner-swatch-area" style={{ borderColor: B.selected, borderWidth: 3 }} aria-hidden="true" />
          {t('legendBuildingSelected')}
        </li>
        <li>
          <span className="planner-swatch-area" style={{ borderColor: B.moved, borderWidth: 3 }} aria-hidden="true" />
          {t('legendBuildingMoved')}
        </li>
      </ul>
    </section>
  );
}
