import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoverageHeatmap } from '../../api/getCoverageHeatmap';
import type { StationReach } from '../../api/getStationReach';
import type { BBox } from '../../api/types';
import { useMapController } from '../../map/MapContext';
import { CoverageLayers } from '../../map/overlays/CoverageLayers';
import { useMapOverlay } from '../../map/useMapOverlay';
import type { Choropleth } from './legend';

/** The coverage layers on the shell's map, for as long as the page is open (null until the map is ready). */
export function useCoverageLayers(): CoverageLayers | null {
  return useMapOverlay((map) => new CoverageLayers(map));
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
  heatmap: CoverageHeatmap | null;
  heatBreaks: number[];
  showHeatmap: boolean;
  reach: StationReach | null;
  showUncovered: boolean;
}

/** Keeps the map layers showing what the page's controls say. */
export function useCoverageMapSync(layers: CoverageLayers | null, state: CoverageMapState): void {
  const { choropleth, showChoropleth, highlightNoBranch, selectedId } = state;
  const { heatmap, heatBreaks, showHeatmap, reach, showUncovered } = state;
  useEffect(() => {
    if (!layers) return;
    layers.setGrids(choropleth.states);
    layers.setClassColors(choropleth.colors);
  }, [layers, choropleth]);
  useEffect(() => layers?.setChoroplethVisible(showChoropleth), [layers, showChoropleth]);
  useEffect(() => layers?.setNoBranchHighlight(highlightNoBranch), [layers, highlightNoBranch]);
  useEffect(() => layers?.setSelected(selectedId), [layers, selectedId]);
  useEffect(() => layers?.setHeatmap(heatmap, heatBreaks, showHeatmap), [layers, heatmap, heatBreaks, showHeatmap]);
  useEffect(() => layers?.setUncovered(reach, showUncovered, showChoropleth), [layers, reach, showUncovered, showChoropleth]);
}

/**
 * A click on a grid of the user's region is the page's (its numbers, not the grid's record the
 * shell would open); a click on a station still opens the station.
 */
export function useGridClicks(layers: CoverageLayers | null, onGrid: (id: string, at: [number, number]) => void): void {
  const controller = useMapController();
  const latest = useRef(onGrid);
  useEffect(() => {
    latest.current = onGrid;
  });
  useEffect(() => {
    if (!controller || !layers) return;
    controller.setClickInterceptor((event) => {
      if (controller.isFacilityAt(event.point)) return false;
      const id = layers.gridAt(event.point);
      if (id === null) return false;
      latest.current(id, [event.lngLat.lng, event.lngLat.lat]);
      return true;
    });
    return () => controller.setClickInterceptor(null);
  }, [controller, layers]);
}

/** Brings a grid (by its extent) into view, e.g. chosen in the table. */
export function useZoomToGrid(): (bbox: BBox) => void {
  const controller = useMapController();
  return useCallback((bbox: BBox) => controller?.fitExtent(bbox, { animate: true, maxZoom: 17, padding: 80 }), [controller]);
}

/** The chosen grid's popup on the map, showing the chosen indicator; none when `at` is null. */
export function useGridPopup(layers: CoverageLayers | null, at: [number, number] | null, content: HTMLElement | null): void {
  useEffect(() => {
    if (!layers) return;
    if (at && content) layers.showPopup(at, content);
    else layers.closePopup();
  }, [layers, at, content]);
}
