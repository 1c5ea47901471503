import { MapboxOverlay } from '@deck.gl/mapbox';
import { PolygonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import type { CoverageHeatmap, HeatmapCellProperties } from '../../api/getCoverageHeatmap';
import type { StationReach } from '../../api/getStationReach';
import type { SuggestedSite } from '../../api/getSuggestedStations';
import { HEAT_PALETTE, NO_DATA_COLOR } from '../palettes';
import { LAYER, PARTY_RED, SOURCE, SOURCE_LAYER } from '../style';
import { layerBefore, removeOverlayParts, type MapOverlay } from './MapOverlay';

// Every source, layer, image and control of 覆盖分析 on the shared map; all ids start with
// `coverage-` and `destroy()` takes them all away again when the page unmounts.
//
// The choropleth draws the shell's grid tiles (no grid is downloaded as GeoJSON): each grid's
// class and branch flag are joined onto its tile feature as feature-state, keyed on the grid id.

export const COVERAGE_SOURCE = {
  uncovered: 'coverage-uncovered',
} as const;

export const COVERAGE_LAYER = {
  gridsFill: 'coverage-grids-fill',
  gridsLine: 'coverage-grids-line',
  noBranch: 'coverage-no-branch',
  estimate: 'coverage-estimate',
  selected: 'coverage-selected',
  uncovered: 'coverage-uncovered-fill',
  uncoveredLine: 'coverage-uncovered-line',
} as const;

const HATCH_IMAGE = 'coverage-hatch';
/** Our layers go under the shell's grid outlines, labels and facilities. */
const BEFORE_LAYER = LAYER.gridsLine;

/** The map as drawn for an export: pixels, their ratio to CSS pixels, and the scale. */
export interface MapCapture {
  canvas: HTMLCanvasElement;
  pixelRatio: number;
  /** Metres on the ground per CSS pixel at the map's centre. */
  metersPerPixel: number;
}

export interface ChoroplethState {
  /** The grid id (as the tiles' `id` property). */
  id: string;
  /** Class index (0…n−1) or −1 when the grid has no value. */
  cls: number;
  hasBranch: boolean;
  /** The grid's figure is typed, not counted (估算): drawn with a dashed outline. */
  estimate?: boolean;
}

/** The grid tiles, where the choropleth's states live. */
const GRID_TILES = { source: SOURCE.grids, sourceLayer: SOURCE_LAYER.grids } as const;
const GRID_LAYER_SOURCE = { source: SOURCE.grids, 'source-layer': SOURCE_LAYER.grids } as const;
/** Grids outside the user's region have no state and are not drawn. */
const IN_SCOPE = ['boolean', ['feature-state', 'inScope'], false];
const STATE_KEYS = ['cls', 'hasBranch', 'estimate', 'inScope'] as const;

function rgb(hex: string, alpha: number): [number, number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}

/** A small diagonal hatch, drawn once into pixels so the style needs no sprite. */
function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const onLine = (x + y) % size === 0 || (x + y) % size === size - 1;
      data[i] = 82;
      data[i + 1] = 82;
      data[i + 2] = 82;
      data[i + 3] = onLine ? 200 : 40;
    }
  return { width: size, height: size, data };
}

export class CoverageLayers implements MapOverlay {
  private readonly overlay: MapboxOverlay;
  private heatmap: CoverageHeatmap | null = null;
  private heatVisible = true;
  private heatBreaks: number[] = [];
  private markers: maplibregl.Marker[] = [];
  private popup: maplibregl.Popup | null = null;
  private stateIds: string[] = [];

  constructor(private readonly map: maplibregl.Map) {
    const before = layerBefore(map, BEFORE_LAYER);
    const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
    map.addSource(COVERAGE_SOURCE.uncovered, { type: 'geojson', data: empty });
    if (!map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage());
    map.addLayer(
      {
        id: COVERAGE_LAYER.gridsFill,
        type: 'fill',
        ...GRID_LAYER_SOURCE,
        paint: { 'fill-color': NO_DATA_COLOR, 'fill-opacity': ['case', IN_SCOPE, 0.85, 0] as never },
      },
      before,
    );
    map.addLayer(
      {
        id: COVERAGE_LAYER.gridsLine,
        type: 'line',
        ...GRID_LAYER_SOURCE,
        paint: { 'line-color': '#ffffff', 'line-width': 0.5, 'line-opacity': ['case', IN_SCOPE, 0.8, 0] as never },
      },
      before,
    );
    map.addLayer(
      {
        id: COVERAGE_LAYER.uncovered,
        type: 'fill',
        source: COVERAGE_SOURCE.uncovered,
        paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': 0.9 },
        layout: { visibility: 'none' },
      },
      before,
    );
    map.addLayer(
      {
        id: COVERAGE_LAYER.uncoveredLine,
        type: 'line',
        source: COVERAGE_SOURCE.uncovered,
        paint: { 'line-color': '#525252', 'line-width': 1 },
        layout: { visibility: 'none' },
      },
      before,
    );
    map.addLayer(
      {
        id: COVERAGE_LAYER.noBranch,
        type: 'line',
        ...GRID_LAYER_SOURCE,
        // Filters cannot read feature-state: grids with a branch (or none in scope) are transparent.
        // Wide at district zoom, where a grid is a few pixels across, so the gap shows at a glance.
        paint: {
          'line-color': PARTY_RED,
          'line-width': ['interpolate', ['linear'], ['zoom'], 11, 3.5, 14, 2.5, 16, 2],
          'line-opacity': ['case', ['==', ['feature-state', 'hasBranch'], false], 1, 0] as never,
        },
        layout: { visibility: 'none' },
      },
      before,
    );
    map.addLayer(
      {
        id: COVERAGE_LAYER.estimate,
        type: 'line',
        ...GRID_LAYER_SOURCE,
        // Dashes cannot follow feature-state either: grids counted from buildings are transparent.
        paint: {
          'line-color': '#252525',
          'line-width': 1.5,
          'line-dasharray': [2, 2],
          'line-opacity': ['case', ['boolean', ['feature-state', 'estimate'], false], 0.9, 0] as never,
        },
      },
      before,
    );
    map.addLayer({
      id: COVERAGE_LAYER.selected,
      type: 'line',
      ...GRID_LAYER_SOURCE,
      filter: ['==', ['get', 'id'], '__none__'],
      paint: { 'line-color': PARTY_RED, 'line-width': 3 },
    });

    // Overlaid (its own canvas above the map): deck.gl 9.4's interleaved mode fails inside
    // MapLibre 6's custom-layer render call. The buffer is kept so the PNG export can read it.
    this.overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      deviceProps: { webgl: { preserveDrawingBuffer: true } },
    });
    map.addControl(this.overlay);

    map.on('mouseenter', COVERAGE_LAYER.gridsFill, this.showPointer);
    map.on('mouseleave', COVERAGE_LAYER.gridsFill, this.hidePointer);
  }

  /** The class and branch flag of every grid in the user's region, joined onto the grid tiles. */
  setGrids(grids: readonly ChoroplethState[]): void {
    const keep = new Set(grids.map((g) => g.id));
    for (const id of this.stateIds) if (!keep.has(id)) this.clearState(id);
    for (const g of grids) this.map.setFeatureState({ ...GRID_TILES, id: g.id }, { cls: g.cls, hasBranch: g.hasBranch, estimate: g.estimate === true, inScope: true });
    this.stateIds = [...keep];
  }

  /** Colours the classes 0…n−1 with `colors`; −1 (no value) is grey. */
  setClassColors(colors: readonly string[]): void {
    const expression: unknown[] = ['match', ['coalesce', ['feature-state', 'cls'], -1]];
    colors.forEach((c, i) => expression.push(i, c));
    expression.push(NO_DATA_COLOR);
    this.map.setPaintProperty(COVERAGE_LAYER.gridsFill, 'fill-color', (colors.length > 0 ? expression : NO_DATA_COLOR) as never);
  }

  setChoroplethVisible(visible: boolean): void {
    const v = visible ? 'visible' : 'none';
    this.map.setLayoutProperty(COVERAGE_LAYER.gridsFill, 'visibility', v);
    this.map.setLayoutProperty(COVERAGE_LAYER.gridsLine, 'visibility', v);
  }

  setNoBranchHighlight(visible: boolean): void {
    this.map.setLayoutProperty(COVERAGE_LAYER.noBranch, 'visibility', visible ? 'visible' : 'none');
  }

  setSelected(id: string | null): void {
    this.map.setFilter(COVERAGE_LAYER.selected, ['==', ['to-string', ['get', 'id']], id ?? '__none__']);
  }

  /**
   * The areas beyond every station's reach. Over the choropleth (`outlineOnly`) only the edges of
   * the reach circles are drawn, so the grids' colours stay readable; alone they are hatched.
   */
  setUncovered(reach: StationReach | null, visible: boolean, outlineOnly = false): void {
    this.map
      .getSource<maplibregl.GeoJSONSource>(COVERAGE_SOURCE.uncovered)
      ?.setData(reach?.uncovered ?? { type: 'FeatureCollection', features: [] });
    const shown = visible && reach !== null;
    this.map.setLayoutProperty(COVERAGE_LAYER.uncovered, 'visibility', shown && !outlineOnly ? 'visible' : 'none');
    this.map.setLayoutProperty(COVERAGE_LAYER.uncoveredLine, 'visibility', shown ? 'visible' : 'none');
    this.map.setPaintProperty(COVERAGE_LAYER.uncoveredLine, 'line-width', outlineOnly ? 2 : 1);
    this.map.setPaintProperty(COVERAGE_LAYER.uncoveredLine, 'line-dasharray', outlineOnly ? [3, 2] : undefined);
  }

  setHeatmap(heatmap: CoverageHeatmap | null, breaks: number[], visible: boolean): void {
    this.heatmap = heatmap;
    this.heatBreaks = breaks;
    this.heatVisible = visible;
    this.renderDeck();
  }

  /** Numbered markers for the suggested sites, in the order the server chose them. */
  setSites(sites: readonly SuggestedSite[], label: (n: number, site: SuggestedSite) => string): void {
    for (const m of this.markers) m.remove();
    this.markers = sites.map((site, i) => {
      const el = document.createElement('div');
      el.className = 'coverage-site-marker';
      el.textContent = String(i + 1);
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', label(i + 1, site));
      el.title = label(i + 1, site);
      return new maplibregl.Marker({ element: el }).setLngLat([site.lng, site.lat]).addTo(this.map);
    });
  }

  /** The id of the grid in the user's region drawn at a screen point, or null. */
  gridAt(point: maplibregl.PointLike): string | null {
    if (!this.map.getLayer(COVERAGE_LAYER.gridsFill)) return null;
    const feature = this.map.queryRenderedFeatures(point, { layers: [COVERAGE_LAYER.gridsFill] }).find((f) => f.state['inScope'] === true);
    const id: unknown = feature?.properties['id'];
    return id === undefined || id === null ? null : String(id);
  }

  /** A popup over the map at a place (one at a time); `content` is the caller's. */
  showPopup(at: [number, number], content: HTMLElement): void {
    this.closePopup();
    this.popup = new maplibregl.Popup({ className: 'coverage-popup', closeOnClick: false, maxWidth: '260px', offset: 6 })
      .setLngLat(at)
      .setDOMContent(content)
      .addTo(this.map);
  }

  closePopup(): void {
    this.popup?.remove();
    this.popup = null;
  }

  /**
   * The current map (with the heatmap when shown) drawn again at `pixelRatio` for print, and how
   * many metres one CSS pixel spans at its centre (for a scale bar). The screen's own pixel ratio
   * is back once the picture is taken.
   */
  async captureMap(pixelRatio: number): Promise<MapCapture> {
    const map = this.map;
    const screenRatio = map.getPixelRatio();
    const center = map.getCanvas().getBoundingClientRect();
    const a = map.unproject([center.width / 2 - 50, center.height / 2]);
    const b = map.unproject([center.width / 2 + 50, center.height / 2]);
    const metersPerPixel = a.distanceTo(b) / 100;
    map.setPixelRatio(Math.max(pixelRatio, screenRatio));
    try {
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
      const canvas = await this.drawnFrame();
      return { canvas, pixelRatio: canvas.width / Math.max(1, center.width), metersPerPixel };
    } finally {
      map.setPixelRatio(screenRatio);
    }
  }

  /** A copy of the next frame drawn, read in its render callback before the buffer is cleared. */
  private drawnFrame(): Promise<HTMLCanvasElement> {
    return new Promise((resolve) => {
      this.map.once('render', () => {
        const base = this.map.getCanvas();
        const out = document.createElement('canvas');
        out.width = base.width;
        out.height = base.height;
        const ctx = out.getContext('2d');
        if (ctx) {
          ctx.drawImage(base, 0, 0);
          const deck = this.heatVisible && this.heatmap ? this.overlay.getCanvas() : null;
          if (deck && deck.width > 0) ctx.drawImage(deck, 0, 0, out.width, out.height);
        }
        resolve(out);
      });
      this.map.triggerRepaint();
    });
  }

  destroy(): void {
    const map = this.map;
    map.off('mouseenter', COVERAGE_LAYER.gridsFill, this.showPointer);
    map.off('mouseleave', COVERAGE_LAYER.gridsFill, this.hidePointer);
    this.closePopup();
    for (const m of this.markers) m.remove();
    this.markers = [];
    try {
      map.removeControl(this.overlay);
    } catch {
      /* the map is already gone */
    }
    // The map may already be removed when the shell unmounts first.
    if (!map.getStyle()) return;
    // Only our keys: the shell keeps its own (hover) state on the same tiles.
    for (const id of this.stateIds) this.clearState(id);
    this.stateIds = [];
    removeOverlayParts(map, { layers: Object.values(COVERAGE_LAYER), sources: Object.values(COVERAGE_SOURCE), images: [HATCH_IMAGE] });
    map.getCanvas().style.cursor = '';
  }

  private renderDeck(): void {
    const heat = this.heatmap;
    if (!heat || !this.heatVisible) {
      this.overlay.setProps({ layers: [] });
      return;
    }
    const breaks = this.heatBreaks;
    const colors = HEAT_PALETTE.map((c) => rgb(c, 190));
    this.overlay.setProps({
      layers: [
        new PolygonLayer<Feature<Polygon, HeatmapCellProperties>>({
          id: 'coverage-heatmap',
          data: heat.cells.features,
          getPolygon: (f) => f.geometry.coordinates as Position[][],
          getFillColor: (f) => {
            let i = 0;
            while (i < breaks.length && f.properties.count >= breaks[i]!) i++;
            return colors[Math.min(i, colors.length - 1)]!;
          },
          getLineColor: [255, 255, 255, 160],
          lineWidthMinPixels: 0.5,
          stroked: true,
          filled: true,
          pickable: false,
          updateTriggers: { getFillColor: [breaks.join(',')] },
        }),
      ],
    });
  }

  private clearState(id: string): void {
    for (const key of STATE_KEYS) this.map.removeFeatureState({ ...GRID_TILES, id }, key);
  }

  private readonly showPointer = (): void => {
    this.map.getCanvas().style.cursor = 'pointer';
  };

  private readonly hidePointer = (): void => {
    this.map.getCanvas().style.cursor = '';
  };
}
