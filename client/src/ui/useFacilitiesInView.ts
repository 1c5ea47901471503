import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { getFacilities } from '../api/getFacilities';
import { queryRoot } from '../api/queryClient';
import type { BBox, FacilityFeature } from '../api/types';
import type { MapController } from '../map/MapController';

/** How many the list asks for: enough to scan; past this the reader should zoom in. */
export const IN_VIEW_LIMIT = 100;
/** A pan settles before the list asks the server, so a drag makes one request, not dozens. */
const SETTLE_MS = 150;

export interface FacilitiesInView {
  /** The facilities nearest the centre of the view, at most IN_VIEW_LIMIT. */
  features: FacilityFeature[];
  /** How many are in view in all. */
  total: number;
}

const NONE: FacilitiesInView = { features: [], total: 0 };

/**
 * Facilities inside the current view, asked of the server by box (`/api/facilities?bbox=`)
 * when the view settles or the stored data changes: never the whole list. The controller keeps
 * their records so choosing one from the list needs no further request. `enabled` waits for the
 * map's first fit; `sessionKey` (who is signed in) asks again when it changes, since staff also
 * see non-public ones.
 */
export function useFacilitiesInView(controller: MapController | null, enabled: boolean, sessionKey: unknown): FacilitiesInView {
  const bounds = useSettledBounds(controller, enabled);
  const { data } = useQuery({
    queryKey: [queryRoot.facilities, 'in-view', bounds, sessionKey],
    queryFn: ({ signal }) => getFacilities({ bbox: bounds!, limit: IN_VIEW_LIMIT }, signal),
    enabled: enabled && bounds !== null,
    // The list stays while the next view's is on its way.
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    if (controller && data) controller.rememberFacilities(data.features);
  }, [controller, data]);
  return data ? { features: data.features, total: data.total } : NONE;
}

/** The map's bounds, once a move has settled for SETTLE_MS; null while not enabled. */
function useSettledBounds(controller: MapController | null, enabled: boolean): BBox | null {
  const [bounds, setBounds] = useState<BBox | null>(null);
  useEffect(() => {
    if (!controller || !enabled) return;
    setBounds(controller.getView().bounds);
    let timer: number | undefined;
    const stop = controller.onViewChange((view) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setBounds(view.bounds), SETTLE_MS);
    });
    return () => {
      window.clearTimeout(timer);
      stop();
    };
  }, [controller, enabled]);
  return bounds;
}
