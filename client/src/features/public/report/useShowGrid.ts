import { useEffect } from 'react';
import { searchPlaces } from '../../../api/searchPlaces';
import { useMapController } from '../../../map/MapContext';

/**
 * Brings the grid answering for a report into view, outlined (the status page carries its code,
 * the map wants its id: the search finds a grid by the start of its code).
 */
export function useShowGrid(gridCode: string | null): void {
  const controller = useMapController();
  useEffect(() => {
    if (!controller || gridCode === null) return;
    const abort = new AbortController();
    searchPlaces(gridCode, { limit: 5 }, abort.signal)
      .then(({ results }) => {
        const grid = results.find((r) => r.type === 'grid' && r.code === gridCode);
        if (grid && !abort.signal.aborted) return controller.showGrid(grid.id, abort.signal);
        return undefined;
      })
      // The map is an extra here: the page says the same in words.
      .catch(() => undefined);
    return () => abort.abort();
  }, [controller, gridCode]);
}
