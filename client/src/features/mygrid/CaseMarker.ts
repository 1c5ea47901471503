import type { FeatureCollection, Point } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import { layerBefore, removeOverlayParts, type MapOverlay } from '../../map/overlays/MapOverlay';
import { LAYER } from '../../map/style';

// 我的网格 on the shared map: the inbox's cases as small dots (red when overdue) and the case being
// read as a large orange one. Added while the workspace is open, taken away when another opens.
// Orange, so a case is not taken for a station (Party red) or "my location" (blue).

const SOURCES = { cases: 'mygrid-cases', selected: 'mygrid-case' } as const;
const LAYERS = { cases: 'mygrid-cases-dot', halo: 'mygrid-case-halo', dot: 'mygrid-case-dot' } as const;
const COLOR = '#d95f02';
const OVERDUE_COLOR = '#c8161d';

export interface CasePoint {
  lng: number;
  lat: number;
  overdue: boolean;
}

function pointData(points: readonly CasePoint[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: points.map((p) => ({ type: 'Feature', properties: { overdue: p.overdue }, geometry: { type: 'Point', coordinates: [p.lng, p.lat] } })),
  };
}

export class CaseMarker implements MapOverlay {
  private readonly map: maplibregl.Map;

  /** Call once the map's style is loaded (`controller.whenReady()`). */
  constructor(map: maplibregl.Map) {
    this.map = map;
    for (const id of Object.values(SOURCES)) if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: pointData([]) });
    const before = layerBefore(map, LAYER.facilitiesHalo);
    if (!map.getLayer(LAYERS.cases))
      map.addLayer(
        {
          id: LAYERS.cases,
          type: 'circle',
          source: SOURCES.cases,
          paint: {
            'circle-radius': 6,
            'circle-color': ['case', ['get', 'overdue'], OVERDUE_COLOR, COLOR],
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 2,
          },
        },
        before,
      );
    if (!map.getLayer(LAYERS.halo))
      map.addLayer(
        { id: LAYERS.halo, type: 'circle', source: SOURCES.selected, paint: { 'circle-radius': 20, 'circle-color': COLOR, 'circle-opacity': 0.22 } },
        before,
      );
    if (!map.getLayer(LAYERS.dot))
      map.addLayer(
        {
          id: LAYERS.dot,
          type: 'circle',
          source: SOURCES.selected,
          paint: { 'circle-radius': 8, 'circle-color': COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
        },
        before,
      );
  }

  /** The inbox's cases as dots; an empty list takes them away. */
  showCases(points: readonly CasePoint[]): void {
    this.map.getSource<maplibregl.GeoJSONSource>(SOURCES.cases)?.setData(pointData(points));
  }

  /** The case being read, or none with null. */
  show(lngLat: [number, number] | null): void {
    this.map.getSource<maplibregl.GeoJSONSource>(SOURCES.selected)?.setData(pointData(lngLat ? [{ lng: lngLat[0], lat: lngLat[1], overdue: false }] : []));
  }

  destroy(): void {
    removeOverlayParts(this.map, { layers: [LAYERS.dot, LAYERS.halo, LAYERS.cases], sources: [SOURCES.selected, SOURCES.cases] });
  }
}
