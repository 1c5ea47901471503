import * as maplibregl from 'maplibre-gl';
import { getGrid } from '../api/getGrid';
import type { BBox, FacilityCollection, FacilityFeature, RegionCollection } from '../api/types';
import { MapData, type GridStatus } from './MapData';
import { MapInteraction, type Selection } from './MapInteraction';
import { MapLabels } from './MapLabels';
import { createFlatMap, reducedMotion } from './flatMap';
import { SOURCE, SOURCE_LAYER, createBaseStyle } from './style';

export type { GridStatus, Selection };

export interface ViewState {
  bounds: BBox;
  zoom: number;
}

type Listener<T> = (value: T) => void;

/**
 * The one owner of the MapLibre map. React hands it data and listens for selection and view
 * changes; it never re-creates layers, it only swaps source data and filters. It composes three
 * parts over the one map: the data shown (MapData: sources, tiles, records, the grids' status),
 * the names (MapLabels) and the pointer (MapInteraction: hover and selection). Workspaces add
 * their overlays (map/overlays) to the same instance through `map`.
 */
export class MapController {
  readonly map: maplibregl.Map;
  private readonly data: MapData;
  private readonly labels: MapLabels;
  private readonly interaction: MapInteraction;
  private readonly viewListeners = new Set<Listener<ViewState>>();
  private readonly readyPromise: Promise<void>;

  /** Opened at a view a link asked for: the district is then not fitted into view. */
  private readonly linked: boolean;

  private constructor(container: HTMLElement, view: { center: [number, number]; zoom: number } | null) {
    this.linked = view !== null;
    this.map = createFlatMap(container, createBaseStyle(), { view, minZoom: 9 });
    // Zoom buttons are React components (ui/ZoomControls) so their labels follow the UI language.
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');

    this.readyPromise = new Promise((resolve) => {
      this.map.once('load', () => resolve());
    });
    this.data = new MapData(this.map);
    this.labels = new MapLabels(this.map);
    this.interaction = new MapInteraction(this.map, this.data, () => this.readyPromise);

    this.map.on('moveend', this.emitView);
    this.map.once('load', this.emitView);
  }

  /** A map at `view` (from a link), or fitted to the district once it is known. */
  static create(container: HTMLElement, view: { center: [number, number]; zoom: number } | null = null): MapController {
    return new MapController(container, view);
  }

  /** Whether the map opened at a view a link asked for (a workspace then leaves the view alone). */
  get openedAtLink(): boolean {
    return this.linked;
  }

  /** Resolves once the style is loaded and sources accept data. */
  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /**
   * The district outline, for its extent: the map fits to it now and on `fitDistrict`. (The
   * outlines drawn come from the region tiles.)
   */
  setDistrict(district: RegionCollection): void {
    if (this.data.setDistrict(district) && !this.linked) this.fitDistrict({ animate: false });
  }

  /** The district's extent as [west, south, east, north], once `setDistrict` had it. */
  whenDistrict(): Promise<BBox> {
    return this.data.whenDistrict();
  }

  /**
   * A signed-in account's facilities (its region's, non-public ones included): drawn from this
   * GeoJSON instead of the public tiles. `null` goes back to the tiles (signed out).
   */
  setFacilities(facilities: FacilityCollection | null): void {
    this.data.setFacilities(facilities);
  }

  /** Full records of facilities (e.g. the list in view), so selecting one needs no request. */
  rememberFacilities(features: readonly FacilityFeature[]): void {
    this.data.rememberFacilities(features);
  }

  /** Loads the facility tiles again under a new URL (after stations were imported or edited). */
  refreshFacilities(): void {
    this.data.refreshFacilities();
  }

  /**
   * Loads the grid tiles again under a new URL (after an edit saved, or to retry after an
   * error): MapLibre keeps drawing the old tiles until the new ones arrive, and neither its
   * tile cache nor the browser's can answer with a shape from before the edit.
   */
  refreshGrids(): void {
    this.data.refreshGrids();
  }

  /** Tells `listener` the grids' status now and whenever it changes. */
  onGridStatus(listener: Listener<GridStatus>): () => void {
    return this.data.onGridStatus(listener);
  }

  fitDistrict(options: { animate?: boolean } = {}): void {
    const bounds = this.data.district;
    if (!bounds) return;
    this.map.fitBounds(bounds, { padding: 24, animate: options.animate ?? true });
  }

  /** Shows a region's extent ([west, south, east, north]), e.g. the account's own street on opening a workspace. */
  fitExtent(extent: BBox, options: { animate?: boolean; maxZoom?: number; padding?: number } = {}): void {
    const [w, s, e, n] = extent;
    const animate = (options.animate ?? false) && !reducedMotion();
    this.map.fitBounds([[w, s], [e, n]], { padding: options.padding ?? 24, maxZoom: options.maxZoom ?? 19, animate });
  }

  /** Brings the points into view together (e.g. a place and the stations nearest it). */
  fitPoints(points: readonly [number, number][]): void {
    this.fitBounds(points, { padding: 48, maxZoom: 16 });
  }

  private fitBounds(points: readonly number[][], options: { padding: number; maxZoom: number }): void {
    if (points.length === 0) return;
    const lngs = points.map((p) => p[0] ?? 0);
    const lats = points.map((p) => p[1] ?? 0);
    this.map.fitBounds(
      [
        [Math.min(...lngs), Math.min(...lats)],
        [Math.max(...lngs), Math.max(...lats)],
      ],
      { ...options, animate: !reducedMotion() },
    );
  }

  /**
   * Selects a facility by id (from the list, a search, a station's page), brings it into view
   * (unless `move` is false: a link's own view stays) and notifies listeners. A facility not at hand is fetched first; a later selection wins.
   */
  selectFacility(id: string | number, options: { move?: boolean } = {}): void {
    this.interaction.selectFacility(id, options.move ?? true);
  }

  clearSelection(): void {
    this.interaction.clearSelection();
  }

  /**
   * Brings a grid into view and outlines it (the finder's 查看我的网格), without opening its
   * details over the map. Resolves once the grid is in view; rejects when it cannot be fetched.
   */
  async showGrid(id: number | string, signal?: AbortSignal): Promise<void> {
    const grid = await getGrid(id, signal);
    await this.readyPromise;
    if (signal?.aborted) return;
    const points = grid.geometry.coordinates.flat(2);
    if (points.length === 0) return;
    this.fitBounds(points, { padding: 32, maxZoom: 17 });
    this.interaction.outlineGrid(grid.properties.id);
  }

  /**
   * The name of a street or community whose tiles are loaded (the one around a clicked grid
   * always is), or null: grid records carry only their community's code.
   */
  regionName(code: string): string | null {
    const [feature] = this.map.querySourceFeatures(SOURCE.regions, {
      sourceLayer: SOURCE_LAYER.regions,
      filter: ['==', ['to-string', ['get', 'id']], code],
    });
    const name: unknown = feature?.properties['name'];
    return typeof name === 'string' && name !== '' ? name : null;
  }

  onSelect(listener: Listener<Selection | null>): () => void {
    return this.interaction.onSelect(listener);
  }

  /**
   * Lets a workspace take map clicks (e.g. the planner while drawing or picking grids): when the
   * interceptor returns true the click is handled and no selection is made. One at a time.
   */
  setClickInterceptor(interceptor: ((event: maplibregl.MapMouseEvent) => boolean) | null): void {
    this.interaction.setClickInterceptor(interceptor);
  }

  /** True when a point lands on a facility dot as drawn, which a click there selects. */
  isFacilityAt(point: maplibregl.Point): boolean {
    return this.interaction.isFacilityAt(point);
  }

  onViewChange(listener: Listener<ViewState>): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  getView(): ViewState {
    const b = this.map.getBounds();
    return { bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: this.map.getZoom() };
  }

  zoomIn(): void {
    this.map.zoomIn();
  }

  zoomOut(): void {
    this.map.zoomOut();
  }

  /** The canvas's accessible name; MapLibre only sets it once, in English, at creation. */
  setCanvasLabel(label: string): void {
    this.map.getCanvas().setAttribute('aria-label', label);
  }

  /** Call when the container changes size without a window resize (e.g. a panel opened). */
  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    this.interaction.destroy();
    this.labels.destroy();
    this.data.destroy();
    this.viewListeners.clear();
    this.map.remove();
  }

  private readonly emitView = (): void => {
    const view = this.getView();
    for (const listener of this.viewListeners) listener(view);
  };
}
