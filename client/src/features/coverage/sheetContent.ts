import type { CoverageHeatmap } from '../../api/getCoverageHeatmap';
import type { StationReach } from '../../api/getStationReach';
import { FACILITY_KINDS, type FacilityKind } from '../../api/types';
import { FACILITY_COLORS, PARTY_RED } from '../../map/style';
import { rangeLabel, type Choropleth } from './legend';
import type { SheetContent, SheetLegendGroup } from './mapSheet';
import { HEAT_PALETTE, NO_DATA_COLOR, paletteFor, type MetricDef } from './metrics';
import type { CoverageT } from './strings';
import type { CoverageView } from './useCoverageView';

/** What the map shows now: the sheet's legend lists these layers and no others. */
export interface ShownLayers {
  view: CoverageView;
  metric: MetricDef;
  choropleth: Choropleth;
  heatmap: CoverageHeatmap | null;
  heatBreaks: readonly number[];
  reach: StationReach | null;
}

function choroplethGroup({ view, metric, choropleth }: ShownLayers, t: CoverageT, lang: string): SheetLegendGroup | null {
  const noBranch = view.highlightNoBranch ? [{ label: t('legendNoBranch'), outline: PARTY_RED }] : [];
  if (!view.showChoropleth) return noBranch.length > 0 ? { title: t('highlightNoBranch'), items: noBranch } : null;
  return {
    title: t('legendTitle', { metric: t(metric.label), unit: t(metric.unit) }),
    items: [
      ...choropleth.colors.map((fill, i) => ({ fill, label: rangeLabel(choropleth.breaks, i, metric.digits, lang) })),
      ...(choropleth.hasNoData ? [{ fill: NO_DATA_COLOR, label: t('legendNoData') }] : []),
      ...noBranch,
    ],
  };
}

/** The legend of the layers shown, group by group. */
export function shownLegend(shown: ShownLayers, t: CoverageT, lang: string, kindName: (kind: FacilityKind) => string): SheetLegendGroup[] {
  const groups: SheetLegendGroup[] = [];
  const grids = choroplethGroup(shown, t, lang);
  if (grids) groups.push(grids);
  const { view, heatmap, heatBreaks, reach } = shown;
  if (view.showHeatmap && heatmap) {
    groups.push({
      title: t('heatmapLegend'),
      items: paletteFor(HEAT_PALETTE, heatBreaks.length + 1).map((fill, i) => ({ fill, label: rangeLabel(heatBreaks, i, 0, lang, heatmap.minCount) })),
    });
  }
  if (view.showUncovered && reach) {
    // Over the choropleth only the edges are drawn (CoverageLayers.setUncovered).
    const mark = view.showChoropleth ? { dashed: true } : { hatch: true };
    groups.push({ title: t('reachHeading'), items: [{ ...mark, label: t('legendUncovered', { radius: reach.radiusMeters }) }] });
  }
  groups.push({ title: t('legendFacilities'), items: FACILITY_KINDS.map((kind) => ({ fill: FACILITY_COLORS[kind], dot: true, label: kindName(kind) })) });
  return groups;
}

/** Everything on the exported sheet but the map itself. */
export function sheetContentOf(
  shown: ShownLayers,
  place: { regionName: string; date: Date },
  t: CoverageT,
  lang: string,
  kindName: (kind: FacilityKind) => string,
): SheetContent {
  const date = place.date.toLocaleDateString(lang, { year: 'numeric', month: 'long', day: 'numeric' });
  const min = shown.heatmap?.minCount;
  return {
    title: t('sheetTitle', { metric: t(shown.metric.label) }),
    subtitle: t('sheetSubtitle', { region: place.regionName, date }),
    legend: shownLegend(shown, t, lang, kindName),
    notes: [t('sheetSource', { date }), min === undefined ? t('sheetPrivacyPlain') : t('sheetPrivacy', { min })],
    north: t('sheetNorth'),
    scaleLabel: (meters) => (meters >= 1000 ? t('sheetKm', { km: meters / 1000 }) : t('sheetM', { m: meters })),
  };
}
