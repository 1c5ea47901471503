import { useEffect, useState } from 'react';
import { REACH_RADII, type ReachRadius } from '../../api/getStationReach';
import { linkParam, setLinkParams } from '../../ui/deepLink';
import { METRICS, type MetricId } from './metrics';

type Layer = 'grids' | 'nobranch' | 'heatmap' | 'uncovered' | 'balance';

/** The controls as a link set them (`metric`, `radius`, `layer` = the layers shown, `grid`), else the defaults. */
function linked() {
  const metric = METRICS.find((m) => m.id === linkParam('metric'))?.id;
  const radius = REACH_RADII.find((r) => r === Number(linkParam('radius')));
  const layerText = linkParam('layer');
  const layers = layerText === null ? null : new Set(layerText.split(','));
  const on = (layer: Layer, otherwise: boolean) => (layers ? layers.has(layer) : otherwise);
  return {
    metricId: metric ?? 'per100',
    radius: radius ?? 1000,
    showChoropleth: on('grids', true),
    highlightNoBranch: on('nobranch', false),
    // Off at first: over the choropleth the hexagons hide the grid colours and the stations.
    showHeatmap: on('heatmap', false),
    showUncovered: on('uncovered', true),
    showBalance: on('balance', false),
    selectedId: linkParam('grid'),
  };
}

/** What the page's controls have chosen; the map and the sections follow it. */
export interface CoverageView {
  metricId: MetricId;
  setMetricId: (id: MetricId) => void;
  showChoropleth: boolean;
  setShowChoropleth: (show: boolean) => void;
  highlightNoBranch: boolean;
  setHighlightNoBranch: (show: boolean) => void;
  showHeatmap: boolean;
  setShowHeatmap: (show: boolean) => void;
  radius: ReachRadius;
  setRadius: (meters: ReachRadius) => void;
  showUncovered: boolean;
  setShowUncovered: (show: boolean) => void;
  /** 网格规模: the grids coloured by households against their target, instead of the metric. */
  showBalance: boolean;
  setShowBalance: (show: boolean) => void;
  selectedId: string | null;
  setSelectedId: (id: string | null) => void;
}

export function useCoverageView(): CoverageView {
  const [initial] = useState(linked);
  const [metricId, setMetricId] = useState<MetricId>(initial.metricId);
  const [showChoropleth, setShowChoropleth] = useState(initial.showChoropleth);
  const [highlightNoBranch, setHighlightNoBranch] = useState(initial.highlightNoBranch);
  const [showHeatmap, setShowHeatmap] = useState(initial.showHeatmap);
  const [radius, setRadius] = useState<ReachRadius>(initial.radius);
  const [showUncovered, setShowUncovered] = useState(initial.showUncovered);
  const [showBalance, setShowBalance] = useState(initial.showBalance);
  const [selectedId, setSelectedId] = useState<string | null>(initial.selectedId);
  useEffect(() => {
    const layers = Object.entries({ grids: showChoropleth, nobranch: highlightNoBranch, heatmap: showHeatmap, uncovered: showUncovered, balance: showBalance } satisfies Record<Layer, boolean>);
    setLinkParams({
      metric: metricId,
      radius: String(radius),
      layer: layers.filter(([, on]) => on).map(([layer]) => layer).join(','),
      grid: selectedId,
    });
  }, [metricId, radius, showChoropleth, highlightNoBranch, showHeatmap, showUncovered, showBalance, selectedId]);
  return {
    metricId,
    setMetricId,
    showChoropleth,
    setShowChoropleth,
    highlightNoBranch,
    setHighlightNoBranch,
    showHeatmap,
    setShowHeatmap,
    radius,
    setRadius,
    showUncovered,
    setShowUncovered,
    showBalance,
    setShowBalance,
    selectedId,
    setSelectedId,
  };
}
