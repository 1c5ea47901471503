import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoJSON, Position } from 'geojson';
import type {
  BBox,
  FacilityCollection,
  FacilityFeature,
  FacilityProperties,
  GridCollection,
  GridProperties,
  RegionCollection,
} from '../api/types';
import { labelPoints } from './labelPoints';
import { LABEL_FONT_FAMILY, LAYER, NO_SELECTION, SOURCE, createBaseStyle, selectionFilter } from './style';

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

type Listener<T> = (value: T) => void;

/** Roughly 无锡市梁溪区, used until the district outline arrives and the map fits to it. */
const INITIAL_VIEW = { center: [120.3, 31.575] as [number, number], zoom: 11.5 };

/**
 * The one owner of the MapLibre map. React hands it data and listens for selection and view
 * changes; it never re-creates layers, it only swaps source data and filters. Later features
 * (coverage overlays, Terra Draw) hang off the same instance through `map`.
 */
export class MapController {
  readonly map: maplibregl.Map;
  private readonly selectListeners = new Set<Listener<Selection | null>>();
  private readonly viewListeners = new Set<Listener<ViewState>>();
  private readonly readyPromise: Promise<void>;
  private districtBounds: maplibregl.LngLatBounds | null = null;
  private facilities: FacilityFeature[] = [];
  private selection: Selection | null = null;
  private readonly gridRefreshListeners = new Set<() => void>();
  private clickInterceptor: ((event: maplibregl.MapMouseEvent) => boolean) | null = null;

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
      if (this.map.loaded()) resolve();
      else this.map.once('load', () => resolve());
    });

    this.map.on('click', this.handleClick);
    this.map.on('moveend', this.emitView);
    this.map.once('load', this.emitView);
    for (const layer of [LAYER.gridsFill, LAYER.facilitiesCircle]) {
      this.map.on('mouseenter', layer, this.showPointer);
      this.map.on('mouseleave', layer, this.hidePointer);
    }
  }

  static create(container: HTMLElement): MapController {
    return new MapController(container);
  }

  /** Resolves once the style is loaded and sources accept data. */
  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /** District, street and community features in one collection; layers filter on `level`. */
  setRegions(regions: RegionCollection): void {
    this.setSourceData(SOURCE.regions, regions);
    this.setSourceData(SOURCE.regionLabels, labelPoints(regions));
    const district = regions.features.filter((f) => f.properties.level === 'district');
    const bounds = boundsOf((district.length > 0 ? district : regions.features).map((f) => f.geometry.coordinates));
    if (bounds) {
      this.districtBounds = bounds;
      this.fitDistrict({ animate: false });
    }
  }

  setGrids(grids: GridCollection): void {
    this.setSourceData(SOURCE.grids, grids);
    this.setSourceData(SOURCE.gridLabels, labelPoints(grids));
  }

  setFacilities(facilities: FacilityCollection): void {
    this.facilities = facilities.features;
    this.setSourceData(SOURCE.facilities, facilities);
  }

  /** Facilities inside the current view, in the order they were given. */
  facilitiesInView(): FacilityFeature[] {
    const bounds = this.map.getBounds();
    return this.facilities.filter((f) => {
      const [lng, lat] = f.geometry.coordinates;
      return lng !== undefined && lat !== undefined && bounds.contains([lng, lat]);
    });
  }

  fitDistrict(options: { animate?: boolean } = {}): void {
    if (!this.districtBounds) return;
    this.map.fitBounds(this.districtBounds, { padding: 24, animate: options.animate ?? true });
  }

  /** Selects a facility by id (e.g. from the list), brings it into view and notifies listeners. */
  selectFacility(id: string | number): void {
    const feature = this.facilities.find((f) => String(f.properties.id) === String(id));
    if (!feature) return;
    const [lng, lat] = feature.geometry.coordinates;
    if (lng === undefined || lat === undefined) return;
    this.map.easeTo({ center: [lng, lat], zoom: Math.max(this.map.getZoom(), 15) });
    this.setSelection({ type: 'facility', id: String(feature.properties.id), properties: feature.properties, lngLat: [lng, lat] });
  }

  clearSelection(): void {
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

  /** Asks whoever loads the grids for the view to load them again (after an edit saved). */
  refreshGrids(): void {
    for (const listener of this.gridRefreshListeners) listener();
  }

  onGridsRefresh(listener: () => void): () => void {
    this.gridRefreshListeners.add(listener);
    return () => this.gridRefreshListeners.delete(listener);
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
    this.selectListeners.clear();
    this.viewListeners.clear();
    this.gridRefreshListeners.clear();
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
    const gridId = selection?.type === 'grid' ? selection.id : NO_SELECTION;
    const facilityId = selection?.type === 'facility' ? selection.id : NO_SELECTION;
    this.map.setFilter(LAYER.gridsSelected, selectionFilter(gridId));
    this.map.setFilter(LAYER.facilitiesHalo, selectionFilter(facilityId));
    for (const listener of this.selectListeners) listener(selection);
  }

  private readonly handleClick = (event: maplibregl.MapMouseEvent): void => {
    if (this.clickInterceptor?.(event)) return;
    // A small box makes dots easy to hit with a finger; facilities win over the grid beneath.
    const { x, y } = event.point;
    const box: [maplibregl.PointLike, maplibregl.PointLike] = [
      [x - 6, y - 6],
      [x + 6, y + 6],
    ];
    const facility = this.map.queryRenderedFeatures(box, { layers: [LAYER.facilitiesCircle] })[0];
    if (facility && facility.geometry.type === 'Point') {
      const properties = readFacility(facility.properties);
      const [lng, lat] = facility.geometry.coordinates;
      if (properties && lng !== undefined && lat !== undefined) {
        this.setSelection({ type: 'facility', id: String(properties.id), properties, lngLat: [lng, lat] });
        return;
      }
    }
    const grid = this.map.queryRenderedFeatures(event.point, { layers: [LAYER.gridsFill] })[0];
    const gridProperties = grid ? readGrid(grid.properties) : null;
    if (gridProperties) {
      this.setSelection({ type: 'grid', id: String(gridProperties.id), properties: gridProperties });
      return;
    }
    if (this.selection) this.setSelection(null);
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

function readGrid(p: Record<string, unknown>): GridProperties | null {
  const id = p['id'];
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  return {
    id,
    code: String(p['code'] ?? ''),
    name: String(p['name'] ?? ''),
    communityCode: String(p['communityCode'] ?? ''),
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
