import { useEffect, useState } from 'react';
import type { FacilityFeature } from '../api/types';
import type { MapController } from '../map/MapController';

/** Facilities inside the current view, recomputed when the view settles or the data changes. */
export function useFacilitiesInView(controller: MapController | null, facilities: FacilityFeature[]) {
  const [inView, setInView] = useState<FacilityFeature[]>([]);
  useEffect(() => {
    if (!controller) return;
    const update = () => setInView(controller.facilitiesInView());
    update();
    return controller.onViewChange(update);
  }, [controller, facilities]);
  return inView;
}
