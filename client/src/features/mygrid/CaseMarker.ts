import type { FeatureCollection, Point } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import { layerBefore, removeOverlayParts, type MapOverlay } from '../../map/overlays/MapOverlay';
import { LAYER } from '../../map/style';

// The place of the case being read, on the shared map: added while 我的网格 is open, taken away
// when another workspace opens. Orange, so it is not taken for a station (red) or "my location" (blue).

const SOURCE = 'mygrid-case';
const LAYERS = { halo: 'mygrid-case-halo', dot: 'mygrid-case-dot' } as const;
const COLOR = '#d95f02';

function pointData(lngLat: [number, number] | null): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: lngLat ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: lngLat } }] : [],
  };
}

export class CaseMarker implements MapOverlay {
  private readonly map: maplibregl.Map;

  /** Call once the map's style is loaded (`controller.whenReady()`). */
  constructor(map: maplibregl.Map) {
    this.map = map;
    if (!map.getSource(SOURCE)) map.addSource(SOURCE, { type: 'geojson', data: pointData(null) });
    const before = layerBefore(map, LAYER.facilitiesHalo);
    if (!map.getLayer(LAYERS.halo))
      map.addLayer(
        { id: LAYERS.halo, type: 'circle', source: SOURCE, paint: { 'circle-radius': 20, 'circle-color': COLOR, 'circle-opacity': 0.22 } },
        before,
      );
    if (!map.getLayer(LAYERS.dot))
      map.addLayer(
        {
          id: LAYERS.dot,
          type: 'circle',
          source: SOURCE,
          paint: { 'circle-radius': 8, 'circle-color': COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
        },
        before,
      );
  }

  /** Shows the marker at a point, or hides it with null. */
  show(lngLat: [number, number] | null): void {
    this.map.getSource<maplibregl.GeoJSONSource>(SOURCE)?.setData(pointData(lngLat));
  }

  destroy(): void {
    removeOverlayParts(this.map, { layers: [LAYERS.dot, LAYERS.halo], sources: [SOURCE] });
  }
}
