import { useState } from 'react';
import type { ReachRadius } from '../../api/getStationReach';
import type { MetricId } from './metrics';

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
  selectedId: string | null;
  setSelectedId: (id: string | null) => void;
}

export function useCoverageView(): CoverageView {
  const [metricId, setMetricId] = useState<MetricId>('per100');
  const [showChoropleth, setShowChoropleth] = useState(true);
  const [highlightNoBranch, setHighlightNoBranch] = useState(false);
  // Off at first: over the choropleth the hexagons hide the grid colours and the stations.
  const [showHeatmap, setShowHeatmap] = useState(false);
  const [radius, setRadius] = useState<ReachRadius>(1000);
  const [showUncovered, setShowUncovered] = useState(true);
  const [selectedId, setSelectedId] = useState<string | null>(null);
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
    selectedId,
    setSelectedId,
  };
}
