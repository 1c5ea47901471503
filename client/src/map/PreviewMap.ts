import * as maplibregl from 'maplibre-gl';
import type { FeatureCollection, Geometry } from 'geojson';
import { createFlatMap, reducedMotion } from './flatMap';
import { SOURCE, createBaseStyle, type FilterSpecification, type LayerSpecification } from './style';

// A small map of its own for a set of features (e.g. what an import would create or change),
// over the offline basemap, each feature coloured by one of its properties. It does not touch
// the shell's map: the page keeps its view while the preview shows the file.

const SOURCE_ID = 'preview';

export interface PreviewMapOptions {
  /** The property whose value picks each feature's colour. */
  colorBy: string;
  /** Value → colour; a value not listed is drawn grey. */
  colors: Readonly<Record<string, string>>;
}

const OTHER_COLOR = '#737373';

/** The offline basemap with regions and grids but without the stored stations, which would mix with the previewed ones. */
function previewBaseStyle() {
  const style = createBaseStyle();
  const stations: ReadonlySet<string> = new Set([SOURCE.facilities, SOURCE.facilityTiles]);
  return { ...style, layers: style.layers.filter((layer) => !('source' in layer) || !stations.has(layer.source)) };
}

export class PreviewMap {
  readonly map: maplibregl.Map;
  private readonly ready: Promise<void>;

  constructor(container: HTMLElement, private readonly options: PreviewMapOptions) {
    this.map = createFlatMap(container, previewBaseStyle());
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.ready = new Promise((resolve) => this.map.once('load', () => resolve()));
    void this.ready.then(() => this.addLayers());
  }

  private addLayers(): void {
    this.map.addSource(SOURCE_ID, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    for (const layer of this.layers()) this.map.addLayer(layer);
  }

  private layers(): LayerSpecification[] {
    const { colorBy, colors } = this.options;
    const color = ['match', ['get', colorBy], ...Object.entries(colors).flat(), OTHER_COLOR] as unknown as string;
    const polygons = ['==', ['geometry-type'], 'Polygon'] as FilterSpecification;
    const points = ['==', ['geometry-type'], 'Point'] as FilterSpecification;
    return [
      { id: 'preview-fill', type: 'fill', source: SOURCE_ID, filter: polygons, paint: { 'fill-color': color, 'fill-opacity': 0.35 } },
      { id: 'preview-line', type: 'line', source: SOURCE_ID, filter: polygons, paint: { 'line-color': color, 'line-width': 1.5 } },
      {
        id: 'preview-point',
        type: 'circle',
        source: SOURCE_ID,
        filter: points,
        paint: { 'circle-color': color, 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
      },
    ];
  }

  /** Shows these features (replacing any earlier ones) and brings them all into view. */
  async show(features: FeatureCollection<Geometry>): Promise<void> {
    await this.ready;
    const source = this.map.getSource<maplibregl.GeoJSONSource>(SOURCE_ID);
    source?.setData(features);
    const bounds = boundsOf(features);
    if (bounds) this.map.fitBounds(bounds, { padding: 24, maxZoom: 17, animate: !reducedMotion() });
  }

  destroy(): void {
    this.map.remove();
  }
}

/** West, south, east, north of every coordinate of the features; null when there are none. */
export function boundsOf(features: FeatureCollection<Geometry>): [[number, number], [number, number]] | null {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      west = Math.min(west, value[0]);
      east = Math.max(east, value[0]);
      south = Math.min(south, value[1]);
      north = Math.max(north, value[1]);
      return;
    }
    for (const item of value) visit(item);
  };
  for (const f of features.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return west <= east ? [[west, south], [east, north]] : null;
}
