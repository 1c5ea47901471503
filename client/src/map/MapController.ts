import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoJSON, Position } from 'geojson';
import { getFacility } from '../api/getFacility';
import { getGrid } from '../api/getGrid';
import type { BBox, FacilityCollection, FacilityFeature, FacilityProperties, GridProperties, RegionCollection } from '../api/types';
import { labelPointsOfPieces } from './labelPoints';
import {
  FACILITY_CIRCLE_LAYERS,
  FACILITY_HALO_LAYERS,
  FACILITY_LAYERS,
  GRID_LABEL_MIN_ZOOM,
  GRID_MIN_ZOOM,
  LABEL_FONT_FAMILY,
  LAYER,
  NO_SELECTION,
  SOURCE,
  SOURCE_LAYER,
  createBaseStyle,
  selectionFilter,
  tileUrl,
} from './style';

// maplibre-gl 6 is ESM-only and runs its worker as a separate module; without this every
// GeoJSON source fails with "Worker failed to load".
maplibregl.setWorkerUrl(workerUrl);

export type Selection =
  | { type: 'grid'; id: string; properties: GridProperties }
  | { type: 'facility'; id: string; properties: FacilityProperties; lngLat: [number, number] };

export interface ViewState {
  bounds: BBox;
  zoom: number;
}

/** How the grids in view are doing: too far out to draw, tiles on the way, drawn, or failed. */
export type GridStatus =
  | { status: 'zoom-in' }
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'error'; httpStatus: number; message: string };

type Listener<T> = (value: T) => void;

/** Roughly 无锡市梁溪区, used until the district outline arrives and the map fits to it. */
const INITIAL_VIEW = { center: [120.3, 31.575] as [number, number], zoom: 11.5 };

/**
 * The one owner of the MapLibre map. React hands it data and listens for selection and view
 * changes; it never re-creates layers, it only swaps source data and filters. Later features
 * (coverage overlays, Terra Draw) hang off the same instance through `map`.
 *
 * Regions, grids and public facilities come as vector tiles at every zoom (the server's /tiles,
 * see style.ts), so the district- or city-wide view costs a handful of tiles instead of every
 * polygon and station as GeoJSON. What tiles cannot give directly is made here: one label point
 * per region and grid (from the tile pieces, see labelPointsOfPieces) and a clicked grid's or
 * station's full record (from /api/grids/:id, /api/facilities/:id). Signed-in staff hand over
 * their region's facilities (with the non-public ones) as GeoJSON, drawn instead of the tiles.
 */
export class MapController {
  readonly map: maplibregl.Map;
  private readonly selectListeners = new Set<Listener<Selection | null>>();
  private readonly viewListeners = new Set<Listener<ViewState>>();
  private readonly gridStatusListeners = new Set<Listener<GridStatus>>();
  private readonly readyPromise: Promise<void>;
  private districtBounds: maplibregl.LngLatBounds | null = null;
  /** Facilities whose full record is at hand: the staff list, the list in view, ones fetched. */
  private readonly knownFacilities = new Map<string, FacilityFeature>();
  private staffFacilitiesShown = false;
  private facilityTilesVersion = 0;
  private selection: Selection | null = null;
  /** The grid clicked whose record is still being fetched. */
  private pendingGrid: AbortController | null = null;
  /** The facility (chosen by id, or a tile dot clicked) whose record is still being fetched. */
  private pendingFacility: AbortController | null = null;
  private clickInterceptor: ((event: maplibregl.MapMouseEvent) => boolean) | null = null;
  /** Bumped after every saved edit: part of the tile URL, so no cached tile shows the old shape. */
  private gridTilesVersion = 0;
  private gridTilesError: { httpStatus: number; message: string } | null = null;
  private gridReloadTimer: number | undefined;
  private gridStatus: GridStatus = { status: 'loading' };
  private hoveredGrid: string | number | null = null;
  private readonly labelKeys = new Map<string, string>();
  /** Tile sources that got tiles since their labels were last worked out. */
  private readonly staleLabels = new Set<string>();
  private styleLoaded = false;
  private resolveDistrict: (bbox: BBox) => void = () => undefined;
  private readonly districtPromise = new Promise<BBox>((resolve) => {
    this.resolveDistrict = resolve;
  });

  private constructor(container: HTMLElement) {
    this.map = new maplibregl.Map({
      container,
      style: createBaseStyle(),
      center: INITIAL_VIEW.center,
      zoom: INITIAL_VIEW.zoom,
      minZoom: 9,
      maxZoom: 19,
      // Tilting and rotating add nothing to a flat administrative map and confuse touch users.
      pitchWithRotate: false,
      dragRotate: false,
      localIdeographFontFamily: LABEL_FONT_FAMILY,
      attributionControl: false,
    });
    this.map.touchZoomRotate.disableRotation();
    // Zoom buttons are React components (ui/ZoomControls) so their labels follow the UI language.
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');

    this.readyPromise = new Promise((resolve) => {
      this.map.once('load', () => {
        this.styleLoaded = true;
        resolve();
      });
    });

    this.map.on('click', this.handleClick);
    this.map.on('moveend', this.emitView);
    this.map.once('load', this.emitView);
    for (const layer of [LAYER.gridsFill, ...FACILITY_CIRCLE_LAYERS]) {
      this.map.on('mouseenter', layer, this.showPointer);
      this.map.on('mouseleave', layer, this.hidePointer);
    }
    this.map.on('mousemove', LAYER.gridsFill, this.hoverGrid);
    this.map.on('mouseleave', LAYER.gridsFill, this.unhoverGrid);
    this.map.on('sourcedata', this.handleSourceData);
    this.map.on('sourcedataloading', this.handleSourceLoading);
    this.map.on('error', this.handleMapError);
    this.map.on('moveend', this.handleMoveEnd);
    this.map.on('idle', this.updateGridStatus);
    this.map.on('render', this.flushLabels);
    this.map.once('load', this.handleMoveEnd);
  }

  static create(container: HTMLElement): MapController {
    return new MapController(container);
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
    const bounds = boundsOf(district.features.map((f) => f.geometry.coordinates));
    if (bounds) {
      this.districtBounds = bounds;
      this.fitDistrict({ animate: false });
      this.resolveDistrict([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]);
    }
  }

  /** The district's extent as [west, south, east, north], once `setDistrict` had it. */
  whenDistrict(): Promise<BBox> {
    return this.districtPromise;
  }

  /**
   * A signed-in account's facilities (its region's, non-public ones included): drawn from this
   * GeoJSON instead of the public tiles. `null` goes back to the tiles (signed out).
   */
  setFacilities(facilities: FacilityCollection | null): void {
    this.rememberFacilities(facilities?.features ?? []);
    this.setSourceData(SOURCE.facilities, facilities ?? { type: 'FeatureCollection', features: [] });
    const staff = facilities !== null;
    if (staff === this.staffFacilitiesShown) return;
    this.staffFacilitiesShown = staff;
    for (const id of FACILITY_LAYERS.staff) this.map.setLayoutProperty(id, 'visibility', staff ? 'visible' : 'none');
    for (const id of FACILITY_LAYERS.tiles) this.map.setLayoutProperty(id, 'visibility', staff ? 'none' : 'visible');
  }

  /** Full records of facilities (e.g. the list in view), so selecting one needs no request. */
  rememberFacilities(features: readonly FacilityFeature[]): void {
    for (const f of features) this.knownFacilities.set(String(f.properties.id), f);
  }

  /** Loads the facility tiles again under a new URL (after stations were imported or edited). */
  refreshFacilities(): void {
    this.facilityTilesVersion += 1;
    this.knownFacilities.clear();
    this.map.getSource<maplibregl.VectorTileSource>(SOURCE.facilityTiles)?.setTiles([tileUrl('facilities', this.facilityTilesVersion)]);
  }

  fitDistrict(options: { animate?: boolean } = {}): void {
    if (!this.districtBounds) return;
    this.map.fitBounds(this.districtBounds, { padding: 24, animate: options.animate ?? true });
  }

  /**
   * Selects a facility by id (from the list, a search, a station's page), brings it into view
   * and notifies listeners. A facility not at hand is fetched first; a later selection wins.
   */
  selectFacility(id: string | number): void {
    this.cancelPending();
    const known = this.knownFacilities.get(String(id));
    if (known) {
      this.flyToFacility(known);
      return;
    }
    const pending = new AbortController();
    this.pendingFacility = pending;
    getFacility(id, pending.signal)
      .then(async (feature) => {
        await this.whenReady();
        if (pending.signal.aborted) return;
        this.pendingFacility = null;
        this.rememberFacilities([feature]);
        this.flyToFacility(feature);
      })
      .catch(() => {
        if (this.pendingFacility === pending) this.pendingFacility = null;
      });
  }

  private flyToFacility(feature: FacilityFeature): void {
    const [lng, lat] = feature.geometry.coordinates;
    if (lng === undefined || lat === undefined) return;
    this.map.easeTo({ center: [lng, lat], zoom: Math.max(this.map.getZoom(), 15) });
    this.setSelection({ type: 'facility', id: String(feature.properties.id), properties: feature.properties, lngLat: [lng, lat] });
  }

  clearSelection(): void {
    this.cancelPending();
    this.setSelection(null);
  }

  onSelect(listener: Listener<Selection | null>): () => void {
    this.selectListeners.add(listener);
    return () => this.selectListeners.delete(listener);
  }

  /**
   * Lets a workspace take map clicks (e.g. the planner while drawing or picking grids): when the
   * interceptor returns true the click is handled and no selection is made. One at a time.
   */
  setClickInterceptor(interceptor: ((event: maplibregl.MapMouseEvent) => boolean) | null): void {
    this.clickInterceptor = interceptor;
  }

  /**
   * Loads the grid tiles again under a new URL (after an edit saved, or to retry after an
   * error): MapLibre keeps drawing the old tiles until the new ones arrive, and neither its
   * tile cache nor the browser's can answer with a shape from before the edit.
   */
  refreshGrids(): void {
    this.gridTilesVersion += 1;
    this.gridTilesError = null;
    this.map.getSource<maplibregl.VectorTileSource>(SOURCE.grids)?.setTiles([tileUrl('grids', this.gridTilesVersion)]);
    this.updateGridStatus();
    this.watchGridReload();
  }

  /** Tells `listener` the grids' status now and whenever it changes. */
  onGridStatus(listener: Listener<GridStatus>): () => void {
    this.gridStatusListeners.add(listener);
    listener(this.gridStatus);
    return () => this.gridStatusListeners.delete(listener);
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
    window.clearTimeout(this.gridReloadTimer);
    this.cancelPending();
    this.selectListeners.clear();
    this.viewListeners.clear();
    this.gridStatusListeners.clear();
    this.clickInterceptor = null;
    this.map.remove();
  }

  private setSourceData(id: string, data: GeoJSON): void {
    // Sources exist from the initial style, so data can be set even before `load`.
    const source = this.map.getSource<maplibregl.GeoJSONSource>(id);
    source?.setData(data);
  }

  private setSelection(selection: Selection | null): void {
    this.selection = selection;
    this.outline(selection?.type === 'grid' ? selection.id : NO_SELECTION, selection?.type === 'facility' ? selection.id : NO_SELECTION);
    for (const listener of this.selectListeners) listener(selection);
  }

  private outline(gridId: string, facilityId: string): void {
    this.map.setFilter(LAYER.gridsSelected, selectionFilter(gridId));
    for (const id of FACILITY_HALO_LAYERS) this.map.setFilter(id, selectionFilter(facilityId));
  }

  /** Drops whichever grid or facility record is still on its way: a newer choice was made. */
  private cancelPending(): void {
    this.pendingGrid?.abort();
    this.pendingGrid = null;
    this.pendingFacility?.abort();
    this.pendingFacility = null;
  }

  /**
   * A tile dot has only `id`, `name` and `kind`: select it at once with those (the halo and the
   * name show), then again with the full record (address, hours…) when it arrives.
   */
  private selectTileFacility(properties: FacilityProperties, lngLat: [number, number]): void {
    const id = String(properties.id);
    this.cancelPending();
    const known = this.knownFacilities.get(id);
    this.setSelection({ type: 'facility', id, properties: known?.properties ?? properties, lngLat });
    if (known) return;
    const pending = new AbortController();
    this.pendingFacility = pending;
    getFacility(id, pending.signal)
      .then((feature) => {
        if (pending.signal.aborted) return;
        this.pendingFacility = null;
        this.rememberFacilities([feature]);
        this.setSelection({ type: 'facility', id, properties: feature.properties, lngLat });
      })
      .catch(() => {
        if (this.pendingFacility === pending) this.pendingFacility = null;
      });
  }

  /**
   * A grid tile feature has only `id`, `code` and `name`: outline it at once, then select it
   * with its full record (households, leader…) when that arrives, or with what the tile had if
   * the request fails. A later click or selection wins over a slow answer.
   */
  private selectGrid(tile: Record<string, unknown>): void {
    const id = tile['id'];
    if (typeof id !== 'string' && typeof id !== 'number') return;
    this.cancelPending();
    const pending = new AbortController();
    this.pendingGrid = pending;
    this.outline(String(id), NO_SELECTION);
    const fallback = readGrid(tile);
    getGrid(id, pending.signal)
      .then((feature) => feature.properties)
      .catch(() => fallback)
      .then((properties) => {
        if (pending.signal.aborted || !properties) return;
        this.pendingGrid = null;
        this.setSelection({ type: 'grid', id: String(properties.id), properties });
      });
  }

  private readonly handleClick = (event: maplibregl.MapMouseEvent): void => {
    if (this.clickInterceptor?.(event)) return;
    // A small box makes dots easy to hit with a finger; facilities win over the grid beneath.
    const { x, y } = event.point;
    const box: [maplibregl.PointLike, maplibregl.PointLike] = [
      [x - 6, y - 6],
      [x + 6, y + 6],
    ];
    const facility = this.map.queryRenderedFeatures(box, { layers: [...FACILITY_CIRCLE_LAYERS] })[0];
    if (facility && facility.geometry.type === 'Point') {
      const properties = readFacility(facility.properties);
      const [lng, lat] = facility.geometry.coordinates;
      if (properties && lng !== undefined && lat !== undefined) {
        this.selectTileFacility(properties, [lng, lat]);
        return;
      }
    }
    const grid = this.map.queryRenderedFeatures(event.point, { layers: [LAYER.gridsFill] })[0];
    if (grid) {
      this.selectGrid(grid.properties);
      return;
    }
    this.cancelPending();
    if (this.selection) this.setSelection(null);
    else this.outline(NO_SELECTION, NO_SELECTION);
  };

  private readonly hoverGrid = (event: maplibregl.MapLayerMouseEvent): void => {
    const id = event.features?.[0]?.id ?? null;
    if (id === this.hoveredGrid) return;
    this.unhoverGrid();
    if (id === null) return;
    this.hoveredGrid = id;
    this.map.setFeatureState({ source: SOURCE.grids, sourceLayer: SOURCE_LAYER.grids, id }, { hover: true });
  };

  private readonly unhoverGrid = (): void => {
    if (this.hoveredGrid === null) return;
    this.map.setFeatureState({ source: SOURCE.grids, sourceLayer: SOURCE_LAYER.grids, id: this.hoveredGrid }, { hover: false });
    this.hoveredGrid = null;
  };

  /**
   * MapLibre sends each reloaded tile's ETag along and, when the server answers with the same
   * one, keeps the tile as it was without any event: if no tile in view changed, nothing asks
   * for a new frame, so `idle` (and our "ready") would wait for the next pan. Look until the
   * reload is over, then ask for that frame.
   */
  private watchGridReload(): void {
    window.clearTimeout(this.gridReloadTimer);
    const check = () => {
      if (!this.map.getStyle()) return;
      if (!this.map.isSourceLoaded(SOURCE.grids)) {
        this.gridReloadTimer = window.setTimeout(check, 50);
        return;
      }
      this.updateGridStatus();
      this.map.triggerRepaint();
    };
    this.gridReloadTimer = window.setTimeout(check, 50);
  }

  private readonly handleSourceData = (event: maplibregl.MapEventType['sourcedata']): void => {
    if (!event.tile) return;
    if (event.sourceId === SOURCE.regions || event.sourceId === SOURCE.grids) this.staleLabels.add(event.sourceId);
    if (event.sourceId === SOURCE.grids) this.updateGridStatus();
  };

  /**
   * Once per frame in which tiles arrived (however many): `render` comes before MapLibre checks
   * for `idle` in the same frame, so the new label data keeps the map busy until it is drawn and
   * whoever waits for `idle` finds the names in place.
   */
  private readonly flushLabels = (): void => {
    if (this.staleLabels.size === 0) return;
    const stale = new Set(this.staleLabels);
    this.staleLabels.clear();
    if (stale.has(SOURCE.regions)) this.updateRegionLabels();
    if (stale.has(SOURCE.grids)) this.updateGridLabels();
  };

  private readonly handleSourceLoading = (event: maplibregl.MapEventType['sourcedataloading']): void => {
    if (event.sourceId === SOURCE.grids && event.tile) this.updateGridStatus();
  };

  private readonly handleMapError = (event: maplibregl.MapEventType['error']): void => {
    // With a listener MapLibre no longer logs errors itself.
    const { sourceId, error } = event as maplibregl.MapEventType['error'] & { sourceId?: string };
    console.error(error);
    if (sourceId !== SOURCE.grids) return;
    const status = (error as { status?: unknown }).status;
    this.gridTilesError = { httpStatus: typeof status === 'number' ? status : 0, message: error.message };
    this.updateGridStatus();
  };

  private readonly handleMoveEnd = (): void => {
    // Work the labels out again in the next frame, once MapLibre has settled which tiles cover
    // the new view: zooming within one tile level loads no tile (yet may bring the names into
    // range), and tiles taken back from its cache arrive without any data event.
    this.staleLabels.add(SOURCE.regions);
    this.staleLabels.add(SOURCE.grids);
    this.map.triggerRepaint();
    this.updateGridStatus();
  };

  private updateRegionLabels(): void {
    if (this.map.getZoom() >= GRID_LABEL_MIN_ZOOM) return;
    this.setLabels(SOURCE.regionLabels, SOURCE.regions, SOURCE_LAYER.regions);
  }

  private updateGridLabels(): void {
    // Below the names' zoom there are hundreds of grids in view and no name is drawn.
    if (this.map.getZoom() < GRID_LABEL_MIN_ZOOM - 1) return;
    this.setLabels(SOURCE.gridLabels, SOURCE.grids, SOURCE_LAYER.grids);
  }

  private setLabels(target: string, source: string, sourceLayer: string): void {
    if (!this.styleLoaded) return;
    let labels: ReturnType<typeof labelPointsOfPieces>;
    // Runs inside MapLibre's render and moveend events: a throw would break off its frame
    // (before the idle check) rather than just leave some names out.
    try {
      labels = labelPointsOfPieces(this.map.querySourceFeatures(source, { sourceLayer }));
    } catch (err) {
      console.error(err);
      return;
    }
    // Only hand MapLibre new data when a label moved, appeared or changed its text.
    const key = labels.features
      .map((f) => `${String(f.properties['id'])}:${String(f.properties['name'])}@${f.geometry.coordinates.map((c) => c.toFixed(6)).join(',')}`)
      .sort()
      .join(';');
    if (this.labelKeys.get(target) === key) return;
    this.labelKeys.set(target, key);
    this.setSourceData(target, labels);
  }

  private readonly updateGridStatus = (): void => {
    let next: GridStatus;
    if (this.gridTilesError) next = { status: 'error', ...this.gridTilesError };
    else if (this.map.getZoom() < GRID_MIN_ZOOM) next = { status: 'zoom-in' };
    else if (!this.styleLoaded) next = { status: 'loading' };
    else next = this.map.isSourceLoaded(SOURCE.grids) ? { status: 'ready' } : { status: 'loading' };
    const same =
      next.status === this.gridStatus.status &&
      (next.status !== 'error' || (this.gridStatus.status === 'error' && next.message === this.gridStatus.message));
    if (same) return;
    this.gridStatus = next;
    for (const listener of this.gridStatusListeners) listener(next);
  };

  private readonly emitView = (): void => {
    const view = this.getView();
    for (const listener of this.viewListeners) listener(view);
  };

  private readonly showPointer = (): void => {
    this.map.getCanvas().style.cursor = 'pointer';
  };

  private readonly hidePointer = (): void => {
    this.map.getCanvas().style.cursor = '';
  };
}

// MapLibre flattens feature properties for rendering: arrays and objects come back as JSON text.
function parseArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      /* fall through */
    }
  }
  return [];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function readFacility(p: Record<string, unknown>): FacilityProperties | null {
  const id = p['id'];
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  return {
    id,
    name: String(p['name'] ?? ''),
    kind: p['kind'] as FacilityProperties['kind'],
    address: text(p['address']),
    phone: text(p['phone']),
    openingHours: text(p['openingHours']),
    services: parseArray(p['services']),
  };
}

/** A grid's properties from what a tile feature has (the rest comes from /api/grids/:id). */
function readGrid(p: Record<string, unknown>): GridProperties | null {
  const id = p['id'];
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  const code = String(p['code'] ?? '');
  return {
    id,
    code,
    name: String(p['name'] ?? ''),
    // A grid code is its community's 12-digit code plus a 3-digit sequence.
    communityCode: text(p['communityCode']) ?? code.slice(0, 12),
    households: num(p['households']),
    population: num(p['population']),
    leaderName: text(p['leaderName']),
    leaderPhone: text(p['leaderPhone']),
    version: num(p['version']) ?? 0,
  };
}

function boundsOf(multiPolygons: Position[][][][]): maplibregl.LngLatBounds | null {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const polygons of multiPolygons)
    for (const rings of polygons)
      for (const ring of rings)
        for (const [lng, lat] of ring) {
          if (lng === undefined || lat === undefined) continue;
          minLng = Math.min(minLng, lng);
          maxLng = Math.max(maxLng, lng);
          minLat = Math.min(minLat, lat);
          maxLat = Math.max(maxLat, lat);
        }
  if (!Number.isFinite(minLng)) return null;
  return new maplibregl.LngLatBounds([minLng, minLat], [maxLng, maxLat]);
}
