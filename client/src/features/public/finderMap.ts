import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, LngLatBoundsLike, MapMouseEvent } from 'maplibre-gl';
import type { MapController } from '../../map/MapController';
import { FACILITY_CIRCLE_LAYERS, LAYER } from '../../map/style';

// The finder's own additions to the shared map: the "my location" marker (a layer of this
// feature, added once while the finder is shown) and small helpers over MapController.
// The marker is blue, not red: Party red is kept for stations and the selection.

const ORIGIN_SOURCE = 'public-origin';
export const ORIGIN_LAYERS = { halo: 'public-origin-halo', dot: 'public-origin-dot' } as const;
const ORIGIN_COLOR = '#08519c';

type MapLibreMap = MapController['map'];

function pointData(lngLat: [number, number] | null): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: lngLat ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: lngLat } }] : [],
  };
}

function ensureOriginLayers(map: MapLibreMap): GeoJSONSource {
  const existing = map.getSource<GeoJSONSource>(ORIGIN_SOURCE);
  if (existing) return existing;
  map.addSource(ORIGIN_SOURCE, { type: 'geojson', data: pointData(null) });
  // Under the facility dots (of either source), so a station next to you stays easy to tap.
  const beforeId = map.getLayer(LAYER.facilitiesHalo) ? LAYER.facilitiesHalo : undefined;
  map.addLayer(
    {
      id: ORIGIN_LAYERS.halo,
      type: 'circle',
      source: ORIGIN_SOURCE,
      paint: { 'circle-radius': 18, 'circle-color': ORIGIN_COLOR, 'circle-opacity': 0.18 },
    },
    beforeId,
  );
  map.addLayer(
    {
      id: ORIGIN_LAYERS.dot,
      type: 'circle',
      source: ORIGIN_SOURCE,
      paint: { 'circle-radius': 7, 'circle-color': ORIGIN_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    },
    beforeId,
  );
  return map.getSource<GeoJSONSource>(ORIGIN_SOURCE)!;
}

/** Shows the marker at a point (or hides it with null). Call after `controller.whenReady()`. */
export function showOrigin(map: MapLibreMap, lngLat: [number, number] | null): void {
  ensureOriginLayers(map).setData(pointData(lngLat));
}

/** Takes the marker's layers off the map, when the finder is left for another workspace. */
export function removeOrigin(map: MapLibreMap): void {
  // The map may already be gone (the shell unmounts it first on page teardown).
  try {
    for (const id of [ORIGIN_LAYERS.dot, ORIGIN_LAYERS.halo]) if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(ORIGIN_SOURCE)) map.removeSource(ORIGIN_SOURCE);
  } catch {
    /* nothing left to clean */
  }
}

/** True when a tap lands on (or next to) a facility dot, which the controller then selects. */
export function tapHitsFacility(map: MapLibreMap, event: MapMouseEvent): boolean {
  const { x, y } = event.point;
  const hits = map.queryRenderedFeatures(
    [
      [x - 6, y - 6],
      [x + 6, y + 6],
    ],
    { layers: [...FACILITY_CIRCLE_LAYERS] },
  );
  return hits.length > 0;
}

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Brings the origin and the first few results into view together. */
export function fitPoints(map: MapLibreMap, points: [number, number][]): void {
  if (points.length === 0) return;
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const bounds: LngLatBoundsLike = [
    [Math.min(...lngs), Math.min(...lats)],
    [Math.max(...lngs), Math.max(...lats)],
  ];
  map.fitBounds(bounds, { padding: 48, maxZoom: 16, animate: !reducedMotion() });
}

/**
 * Selects a facility on the map (halo, details, fly to it) once the map is ready: the controller
 * fetches the station's record when it does not have it (a deep link to /station/:id).
 * Returns a cleanup that stops waiting.
 */
export function selectFacilityWhenLoaded(controller: MapController, id: string | number): () => void {
  let live = true;
  void controller.whenReady().then(() => {
    if (live) controller.selectFacility(id);
  });
  return () => {
    live = false;
  };
}
