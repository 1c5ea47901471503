import { useCallback, useMemo, useState } from 'react';
import type { CoverageGrid } from '../../api/getCoverageGrids';
import { useT } from '../../i18n/useT';
import type { CoverageLayers } from '../../map/overlays/CoverageLayers';
import { gridPopupContent } from './gridPopup';
import type { MetricDef } from './metrics';
import { coverageText } from './strings';
import { useGridClicks, useGridPopup, useZoomToGrid } from './useCoverageMap';
import type { CoverageView } from './useCoverageView';

const centreOf = ([w, s, e, n]: readonly [number, number, number, number]): [number, number] => [(w + e) / 2, (s + n) / 2];

/**
 * The grid being looked at: chosen on the map (a popup with the indicator where it was clicked)
 * or in the table (the map zooms to it and the popup opens at its centre).
 */
export function useGridFocus(
  layers: CoverageLayers | null,
  grids: readonly CoverageGrid[],
  view: CoverageView,
  metric: MetricDef,
  /** The popup's first figure while another layer (网格规模) colours the grids. */
  figureOf?: (id: number) => [string, string] | null,
) {
  const { t, lang } = useT(coverageText);
  const [popupAt, setPopupAt] = useState<[number, number] | null>(null);
  const zoomTo = useZoomToGrid();
  const { selectedId, setSelectedId } = view;
  const selected = useMemo(() => (selectedId ? (grids.find((g) => String(g.id) === selectedId) ?? null) : null), [grids, selectedId]);

  const chooseOnMap = useCallback(
    (id: string, at: [number, number]) => {
      setSelectedId(id);
      setPopupAt(at);
    },
    [setSelectedId],
  );
  useGridClicks(layers, chooseOnMap);
  const content = useMemo(() => (selected ? gridPopupContent(selected, metric, t, lang, figureOf?.(selected.id)) : null), [selected, metric, t, lang, figureOf]);
  useGridPopup(layers, selected ? popupAt : null, content);

  const chooseInTable = useCallback(
    (id: string) => {
      const grid = grids.find((g) => String(g.id) === id);
      setSelectedId(id);
      if (!grid) return;
      zoomTo(grid.bbox);
      setPopupAt(centreOf(grid.bbox));
    },
    [grids, setSelectedId, zoomTo],
  );
  const close = useCallback(() => {
    setSelectedId(null);
    setPopupAt(null);
  }, [setSelectedId]);
  return { selected, chooseInTable, close };
}
