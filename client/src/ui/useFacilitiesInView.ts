import { useEffect, useState } from 'react';
import { getFacilities } from '../api/getFacilities';
import { isAbort } from '../api/http';
import type { FacilityFeature } from '../api/types';
import type { MapController } from '../map/MapController';
import { onDataChanged } from './dataChanged';

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

/**
 * Facilities inside the current view, asked of the server by box (`/api/facilities?bbox=`)
 * when the view settles or the data changes: never the whole list. The controller keeps their
 * records so choosing one from the list needs no further request. `enabled` waits for the map's
 * first fit; `sessionKey` (who is signed in) asks again when it changes.
 */
export function useFacilitiesInView(controller: MapController | null, enabled: boolean, sessionKey: unknown): FacilitiesInView {
  const [inView, setInView] = useState<FacilitiesInView>({ features: [], total: 0 });
  useEffect(() => {
    if (!controller || !enabled) return;
    let abort: AbortController | null = null;
    let timer: number | undefined;
    const load = () => {
      abort?.abort();
      const current = new AbortController();
      abort = current;
      const { bounds } = controller.getView();
      getFacilities({ bbox: bounds, limit: IN_VIEW_LIMIT }, current.signal).then(
        (page) => {
          if (current.signal.aborted) return;
          controller.rememberFacilities(page.features);
          setInView({ features: page.features, total: page.total });
        },
        (err: unknown) => {
          if (!current.signal.aborted && !isAbort(err)) console.error(err);
        },
      );
    };
    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, SETTLE_MS);
    };
    load();
    const stopView = controller.onViewChange(schedule);
    const stopData = onDataChanged(schedule);
    return () => {
      window.clearTimeout(timer);
      abort?.abort();
      stopView();
      stopData();
    };
  // A sign-in or sign-out changes what the list may show (staff also see non-public ones).
  }, [controller, enabled, sessionKey]);
  return inView;
}
