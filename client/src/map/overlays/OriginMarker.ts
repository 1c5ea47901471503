import type { FeatureCollection, Point } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import { LAYER } from '../style';
import { layerBefore, removeOverlayParts, type MapOverlay } from './MapOverlay';

// The finder's "my location" marker on the shared map: added while the finder is shown, taken
// away when another workspace opens. Blue, not red: Party red is kept for stations and the
// selection.

const ORIGIN_SOURCE = 'public-origin';
export const ORIGIN_LAYERS = { halo: 'public-origin-halo', dot: 'public-origin-dot' } as const;
const ORIGIN_COLOR = '#08519c';

function pointData(lngLat: [number, number] | null): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: lngLat ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: lngLat } }] : [],
  };
}

export class OriginMarker implements MapOverlay {
  private readonly map: maplibregl.Map;

  /** Call once the map's style is loaded (`controller.whenReady()`). */
  constructor(map: maplibregl.Map) {
    this.map = map;
    if (!map.getSource(ORIGIN_SOURCE)) map.addSource(ORIGIN_SOURCE, { type: 'geojson', data: pointData(null) });
    // Under the facility dots (of either source), so a station next to you stays easy to tap.
    const before = layerBefore(map, LAYER.facilitiesHalo);
    if (!map.getLayer(ORIGIN_LAYERS.halo))
      map.addLayer(
        {
          id: ORIGIN_LAYERS.halo,
          type: 'circle',
          source: ORIGIN_SOURCE,
          paint: { 'circle-radius': 18, 'circle-color': ORIGIN_COLOR, 'circle-opacity': 0.18 },
        },
        before,
      );
    if (!map.getLayer(ORIGIN_LAYERS.dot))
      map.addLayer(
        {
          id: ORIGIN_LAYERS.dot,
          type: 'circle',
          source: ORIGIN_SOURCE,
          paint: { 'circle-radius': 7, 'circle-color': ORIGIN_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
        },
        before,
      );
  }

  /** Shows the marker at a point, or hides it with null. */
  show(lngLat: [number, number] | null): void {
    this.map.getSource<maplibregl.GeoJSONSource>(ORIGIN_SOURCE)?.setData(pointData(lngLat));
  }

  destroy(): void {
    removeOverlayParts(this.map, { layers: [ORIGIN_LAYERS.dot, ORIGIN_LAYERS.halo], sources: [ORIGIN_SOURCE] });
  }
}
