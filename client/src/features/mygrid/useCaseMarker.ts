import { useEffect, useRef } from 'react';
import { useMapController } from '../../map/MapContext';
import type { MapController } from '../../map/MapController';
import { useMapOverlay } from '../../map/useMapOverlay';
import { CaseMarker, type CasePoint } from './CaseMarker';

/** The workspace's overlay on the shared map, created once the map is ready and removed with the workspace. */
export function useCaseOverlay(): CaseMarker | null {
  return useMapOverlay((map) => new CaseMarker(map));
}

function flyTo(controller: MapController, lng: number, lat: number): void {
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  controller.map.flyTo({ center: [lng, lat], zoom: Math.max(controller.map.getZoom(), 16), animate: !reduce, essential: true });
}

/** Marks the case being read and flies there (once per case); returns "fly there again". */
export function useCaseMarker(overlay: CaseMarker | null, point: [number, number] | null): () => void {
  const controller = useMapController();
  const lng = point?.[0];
  const lat = point?.[1];
  useEffect(() => {
    if (!overlay) return;
    overlay.showCases([]);
    overlay.show(lng !== undefined && lat !== undefined ? [lng, lat] : null);
    if (controller && lng !== undefined && lat !== undefined) flyTo(controller, lng, lat);
  }, [overlay, controller, lng, lat]);
  return () => {
    if (controller && lng !== undefined && lat !== undefined) flyTo(controller, lng, lat);
  };
}

/** The inbox's cases as dots; the map shows them all once each time the list's filter changes. */
export function useInboxMarkers(overlay: CaseMarker | null, points: readonly CasePoint[] | null, fitKey: string): void {
  const controller = useMapController();
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (!overlay || !points) return;
    overlay.show(null);
    overlay.showCases(points);
    if (!controller || points.length === 0 || fitted.current === fitKey) return;
    fitted.current = fitKey;
    controller.fitPoints(points.map((p): [number, number] => [p.lng, p.lat]));
  }, [overlay, controller, points, fitKey]);
}
