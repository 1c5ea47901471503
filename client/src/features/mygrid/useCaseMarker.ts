import { useEffect, useState } from 'react';
import { useMapController } from '../../map/MapContext';
import { CaseMarker } from './CaseMarker';

/** Marks the case's place on the shared map and flies there; the marker leaves with the workspace. */
export function useCaseMarker(point: [number, number] | null): () => void {
  const controller = useMapController();
  const [marker, setMarker] = useState<CaseMarker | null>(null);
  useEffect(() => {
    if (!controller) return;
    let created: CaseMarker | null = null;
    let live = true;
    void controller.whenReady().then(() => {
      if (!live) return;
      created = new CaseMarker(controller.map);
      setMarker(created);
    });
    return () => {
      live = false;
      created?.destroy();
      setMarker(null);
    };
  }, [controller]);

  const lng = point?.[0];
  const lat = point?.[1];
  const flyTo = () => {
    if (!controller || lng === undefined || lat === undefined) return;
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    controller.map.flyTo({ center: [lng, lat], zoom: Math.max(controller.map.getZoom(), 16), animate: !reduce, essential: true });
  };
  useEffect(() => {
    marker?.show(lng !== undefined && lat !== undefined ? [lng, lat] : null);
    if (marker && lng !== undefined && lat !== undefined) flyTo();
    // flyTo reads the same point; only a new point (or the marker's arrival) moves the map.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [marker, lng, lat]);
  return flyTo;
}
