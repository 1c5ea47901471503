import { createContext, useContext } from 'react';
import type { MapController } from './MapController';

/**
 * Hands the shell's single MapController to features (coverage overlays, drawing tools) so they
 * add to the one map instead of creating their own. `null` until the map container is mounted.
 */
export const MapControllerContext = createContext<MapController | null>(null);

export function useMapController(): MapController | null {
  return useContext(MapControllerContext);
}
