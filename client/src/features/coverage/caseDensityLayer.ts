import * as maplibregl from 'maplibre-gl';
import type { CaseDensity } from '../../api/getCaseDensity';
import { LAYER } from '../../map/style';
import { layerBefore, removeOverlayParts, type MapOverlay } from '../../map/overlays/MapOverlay';

// The public density of closed cases on the shared map: the server's hexagon cells (small counts
// already withheld) as a plain fill layer, coloured by count. Ids start with `cases-density`.

const SOURCE = 'cases-density';
const LAYERS = { fill: 'cases-density-fill', line: 'cases-density-line' } as const;

export class CaseDensityLayer implements MapOverlay {
  constructor(private readonly map: maplibregl.Map) {
    const before = layerBefore(map, LAYER.gridsLabel);
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: LAYERS.fill, type: 'fill', source: SOURCE, paint: { 'fill-color': '#756bb1', 'fill-opacity': 0.8 } }, before);
    map.addLayer({ id: LAYERS.line, type: 'line', source: SOURCE, paint: { 'line-color': '#ffffff', 'line-width': 0.6 } }, before);
  }

  /** Cells coloured `colors[i]` from breaks[i − 1] up (the legend's classes). */
  setDensity(density: CaseDensity | null, breaks: readonly number[], colors: readonly string[], visible: boolean): void {
    this.map.getSource<maplibregl.GeoJSONSource>(SOURCE)?.setData(density?.cells ?? { type: 'FeatureCollection', features: [] });
    const fill: unknown[] = ['step', ['get', 'count'], colors[0] ?? '#756bb1'];
    breaks.forEach((b, i) => fill.push(b, colors[i + 1] ?? colors.at(-1)));
    this.map.setPaintProperty(LAYERS.fill, 'fill-color', (breaks.length > 0 ? fill : colors[0] ?? '#756bb1') as never);
    for (const id of Object.values(LAYERS)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  destroy(): void {
    removeOverlayParts(this.map, { layers: Object.values(LAYERS), sources: [SOURCE] });
  }
}
