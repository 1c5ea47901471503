import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { LABEL_FONT_FAMILY } from './style';

// What every map of the app shares: the worker, the stylesheet and a flat administrative map.

// maplibre-gl 6 is ESM-only and runs its worker as a separate module; without this every
// GeoJSON source fails with "Worker failed to load".
maplibregl.setWorkerUrl(workerUrl);

/** Roughly 无锡市梁溪区, used until what the map shows is known and fitted. */
const INITIAL_VIEW = { center: [120.3, 31.575] as [number, number], zoom: 11.5 };

export const reducedMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * A MapLibre map without tilt or rotation (they add nothing to a flat administrative map and
 * confuse touch users), with labels in the local CJK font and no attribution box.
 */
export function createFlatMap(
  container: HTMLElement,
  style: maplibregl.StyleSpecification,
  options: { view?: { center: [number, number]; zoom: number } | null; minZoom?: number } = {},
): maplibregl.Map {
  const view = options.view ?? INITIAL_VIEW;
  const map = new maplibregl.Map({
    container,
    style,
    center: view.center,
    zoom: view.zoom,
    ...(options.minZoom !== undefined ? { minZoom: options.minZoom } : {}),
    maxZoom: 19,
    pitchWithRotate: false,
    dragRotate: false,
    localIdeographFontFamily: LABEL_FONT_FAMILY,
    attributionControl: false,
  });
  map.touchZoomRotate.disableRotation();
  return map;
}
