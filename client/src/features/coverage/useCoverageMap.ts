import { useEffect, useState } from 'react';
import type { CoverageHeatmap } from '../../api/getCoverageHeatmap';
import type { StationReach } from '../../api/getStationReach';
import type { BBox } from '../../api/types';
import { useMapController } from '../../map/MapContext';
import { CoverageLayers } from '../../map/overlays/CoverageLayers';
import type { Choropleth } from './legend';

/** The coverage layers on the shell's map, for as long as the page is open (null until the map is ready). */
export function useCoverageLayers(): CoverageLayers | null {
  const controller = useMapController();
  const [layers, setLayers] = useState<CoverageLayers | null>(null);
  useEffect(() => {
    if (!controller) return;
    let created: CoverageLayers | null = null;
    let cancelled = false;
    void controller.whenReady().then(() => {
      if (cancelled) return;
      created = new CoverageLayers(controller.map);
      setLayers(created);
    });
    return () => {
      cancelled = true;
      created?.destroy();
      setLayers(null);
    };
  }, [controller]);
  return layers;
}

/** The district's box once the map knows it: the heatmap asks for it. */
export function useDistrictBbox(): BBox | null {
  const controller = useMapController();
  const [bbox, setBbox] = useState<BBox | null>(null);
  useEffect(() => {
    if (!controller) return;
    let live = true;
    void controller.whenDistrict().then((next) => {
      if (live) setBbox(next);
    });
    return () => {
      live = false;
    };
  }, [controller]);
  return bbox;
}

export interface CoverageMapState {
  choropleth: Choropleth;
  showChoropleth: boolean;
  highlightNoBranch: boolean;
  selectedId: string | null;
  onGridClick: (id: string | null) => void;
  heatmap: CoverageHeatmap | null;
  heatBreaks: number[];
  showHeatmap: boolean;
  reach: StationReach | null;
  showUncovered: boolean;
}

/** Keeps the map layers showing what the page's controls say. */
export function useCoverageMapSync(layers: CoverageLayers | null, state: CoverageMapState): void {
  const { choropleth, showChoropleth, highlightNoBranch, selectedId, onGridClick } = state;
  const { heatmap, heatBreaks, showHeatmap, reach, showUncovered } = state;
  useEffect(() => layers?.onGridClick(onGridClick), [layers, onGridClick]);
  useEffect(() => {
    if (!layers) return;
    layers.setGrids(choropleth.states);
    layers.setClassColors(choropleth.colors);
  }, [layers, choropleth]);
  useEffect(() => layers?.setChoroplethVisible(showChoropleth), [layers, showChoropleth]);
  useEffect(() => layers?.setNoBranchHighlight(highlightNoBranch), [layers, highlightNoBranch]);
  useEffect(() => layers?.setSelected(selectedId), [layers, selectedId]);
  useEffect(() => layers?.setHeatmap(heatmap, heatBreaks, showHeatmap), [layers, heatmap, heatBreaks, showHeatmap]);
  useEffect(() => layers?.setUncovered(reach, showUncovered), [layers, reach, showUncovered]);
}
