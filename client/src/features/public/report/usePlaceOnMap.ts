import * as maplibregl from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useMapController } from '../../../map/MapContext';
import type { Origin } from '../origin';

/** Orange-red, apart from the finder's blue "my location" dot and the stations' Party red. */
const MARKER_COLOR = '#c2410c';

/**
 * The report's place on the shared map: a tap anywhere on the map puts it there (the tap
 * selects nothing else while the form is open), and the marker can be dragged to adjust it. A
 * place from the phone's location or a search is brought into view.
 */
export function usePlaceOnMap(place: Origin | null, onPlace: (place: Origin) => void, markerLabel: string): void {
  const controller = useMapController();
  const markerRef = useRef<maplibregl.Marker | null>(null);
  const shownPlace = useRef<Origin | null>(null);
  const onPlaceRef = useRef(onPlace);
  useEffect(() => {
    onPlaceRef.current = onPlace;
  }, [onPlace]);

  useEffect(() => {
    if (!controller) return;
    controller.clearSelection();
    controller.setClickInterceptor((event) => {
      onPlaceRef.current({ lng: event.lngLat.lng, lat: event.lngLat.lat, source: 'map' });
      return true;
    });
    const marker = new maplibregl.Marker({ color: MARKER_COLOR, draggable: true });
    marker.on('dragend', () => {
      const { lng, lat } = marker.getLngLat();
      onPlaceRef.current({ lng, lat, source: 'map' });
    });
    markerRef.current = marker;
    return () => {
      controller.setClickInterceptor(null);
      marker.remove();
      markerRef.current = null;
    };
  }, [controller]);

  useEffect(() => {
    const marker = markerRef.current;
    if (!controller || !marker) return;
    if (!place) {
      marker.remove();
      return;
    }
    marker.setLngLat([place.lng, place.lat]);
    if (!marker.getElement().isConnected) marker.addTo(controller.map);
    marker.getElement().setAttribute('aria-label', markerLabel);
    marker.getElement().dataset['testid'] = 'report-marker';
    // A tap or a drag already shows the place; a located or searched one may be out of view.
    if (place.source !== 'map' && shownPlace.current !== place) controller.fitPoints([[place.lng, place.lat]]);
    shownPlace.current = place;
  }, [controller, place, markerLabel]);
}
