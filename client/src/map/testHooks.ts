import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapController } from './MapController';

// Browser tests (tests/e2e) read what the map drew through these. Exposing them is harmless:
// they give a page script nothing it could not already reach through the DOM.
declare global {
  interface Window {
    __map?: MapLibreMap;
    __mapController?: MapController;
  }
}

export function exposeForTests(controller: MapController | null): void {
  if (controller) {
    window.__map = controller.map;
    window.__mapController = controller;
  } else {
    delete window.__map;
    delete window.__mapController;
  }
}
