import type * as maplibregl from 'maplibre-gl';
import { getGrid } from '../api/getGrid';
import type { FacilityFeature, FacilityProperties, GridProperties } from '../api/types';
import type { MapData } from './MapData';
import { readFacility, readGrid } from './tileFeatures';
import {
  FACILITY_CIRCLE_LAYERS,
  FACILITY_HALO_LAYERS,
  LAYER,
  MAX_FACILITY_DOT_RADIUS,
  NO_SELECTION,
  SOURCE,
  SOURCE_LAYER,
  facilityDotRadius,
  selectionFilter,
} from './style';

export type Selection =
  | { type: 'grid'; id: string; properties: GridProperties }
  | { type: 'facility'; id: string; properties: FacilityProperties; lngLat: [number, number] };

type Listener<T> = (value: T) => void;

/**
 * How far outside a facility dot's drawn edge a tap still counts as on it. Small on purpose: at
 * the district overview the dots are a few pixels wide and close together, and a wider margin
 * made most taps between them land on one (the finder then opened a station instead of setting
 * the place).
 */
const TAP_SLOP_PX = 3;

/**
 * What the pointer does on the map: hovering a grid lights it up, a click selects the facility
 * or grid under it (facilities win over the grid beneath) and outlines it. A tile feature has
 * only a few properties, so the full record is fetched and the selection made again with it; a
 * later click or selection wins over a slow answer.
 */
export class MapInteraction {
  private readonly map: maplibregl.Map;
  private readonly data: MapData;
  private readonly whenReady: () => Promise<void>;
  private readonly selectListeners = new Set<Listener<Selection | null>>();
  private selection: Selection | null = null;
  /** The grid clicked whose record is still being fetched. */
  private pendingGrid: AbortController | null = null;
  /** The facility (chosen by id, or a tile dot clicked) whose record is still being fetched. */
  private pendingFacility: AbortController | null = null;
  private clickInterceptor: ((event: maplibregl.MapMouseEvent) => boolean) | null = null;
  private hoveredGrid: string | number | null = null;

  constructor(map: maplibregl.Map, data: MapData, whenReady: () => Promise<void>) {
    this.map = map;
    this.data = data;
    this.whenReady = whenReady;
    map.on('click', this.handleClick);
    for (const layer of [LAYER.gridsFill, ...FACILITY_CIRCLE_LAYERS]) {
      map.on('mouseenter', layer, this.showPointer);
      map.on('mouseleave', layer, this.hidePointer);
    }
    map.on('mousemove', LAYER.gridsFill, this.hoverGrid);
    map.on('mouseleave', LAYER.gridsFill, this.unhoverGrid);
  }

  /** Selects a facility by id, brings it into view; one not at hand is fetched first. */
  selectFacility(id: string | number, move = true): void {
    this.cancelPending();
    const known = this.data.knownFacility(id);
    if (known) {
      this.flyToFacility(known, move);
      return;
    }
    const pending = new AbortController();
    this.pendingFacility = pending;
    this.data
      .fetchFacility(id, pending.signal)
      .then(async (feature) => {
        await this.whenReady();
        if (pending.signal.aborted) return;
        this.pendingFacility = null;
        this.flyToFacility(feature, move);
      })
      .catch(() => {
        if (this.pendingFacility === pending) this.pendingFacility = null;
      });
  }

  clearSelection(): void {
    this.cancelPending();
    this.setSelection(null);
  }

  /** Outlines a grid as a selection would, without selecting it (no details open over the map). */
  outlineGrid(id: string | number): void {
    this.cancelPending();
    if (this.selection) this.setSelection(null);
    this.outline(String(id), NO_SELECTION);
  }

  onSelect(listener: Listener<Selection | null>): () => void {
    this.selectListeners.add(listener);
    return () => this.selectListeners.delete(listener);
  }

  setClickInterceptor(interceptor: ((event: maplibregl.MapMouseEvent) => boolean) | null): void {
    this.clickInterceptor = interceptor;
  }

  /** True when a point lands on a facility dot as drawn, which a click there selects. */
  isFacilityAt(point: maplibregl.Point): boolean {
    return this.facilityAt(point) !== undefined;
  }

  destroy(): void {
    this.cancelPending();
    this.selectListeners.clear();
    this.clickInterceptor = null;
    this.map.off('click', this.handleClick);
    for (const layer of [LAYER.gridsFill, ...FACILITY_CIRCLE_LAYERS]) {
      this.map.off('mouseenter', layer, this.showPointer);
      this.map.off('mouseleave', layer, this.hidePointer);
    }
    this.map.off('mousemove', LAYER.gridsFill, this.hoverGrid);
    this.map.off('mouseleave', LAYER.gridsFill, this.unhoverGrid);
  }

  /** The facility dot drawn under a point (within TAP_SLOP_PX of its edge), the nearest one if several. */
  private facilityAt(point: maplibregl.Point): maplibregl.MapGeoJSONFeature | undefined {
    const { x, y } = point;
    const reach = MAX_FACILITY_DOT_RADIUS + TAP_SLOP_PX;
    const box: [maplibregl.PointLike, maplibregl.PointLike] = [
      [x - reach, y - reach],
      [x + reach, y + reach],
    ];
    const zoom = this.map.getZoom();
    let best: { feature: maplibregl.MapGeoJSONFeature; distance: number } | undefined;
    for (const feature of this.map.queryRenderedFeatures(box, { layers: [...FACILITY_CIRCLE_LAYERS] })) {
      if (feature.geometry.type !== 'Point') continue;
      const [lng, lat] = feature.geometry.coordinates;
      if (lng === undefined || lat === undefined) continue;
      const at = this.map.project([lng, lat]);
      const distance = Math.hypot(at.x - x, at.y - y);
      const radius = facilityDotRadius(readFacility(feature.properties)?.kind, zoom);
      if (distance <= radius + TAP_SLOP_PX && (!best || distance < best.distance)) best = { feature, distance };
    }
    return best?.feature;
  }

  private flyToFacility(feature: FacilityFeature, move: boolean): void {
    const [lng, lat] = feature.geometry.coordinates;
    if (lng === undefined || lat === undefined) return;
    if (move) this.map.easeTo({ center: [lng, lat], zoom: Math.max(this.map.getZoom(), 15) });
    this.setSelection({ type: 'facility', id: String(feature.properties.id), properties: feature.properties, lngLat: [lng, lat] });
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
    const known = this.data.knownFacility(id);
    this.setSelection({ type: 'facility', id, properties: known?.properties ?? properties, lngLat });
    if (known) return;
    const pending = new AbortController();
    this.pendingFacility = pending;
    this.data
      .fetchFacility(id, pending.signal)
      .then((feature) => {
        if (pending.signal.aborted) return;
        this.pendingFacility = null;
        this.setSelection({ type: 'facility', id, properties: feature.properties, lngLat });
      })
      .catch(() => {
        if (this.pendingFacility === pending) this.pendingFacility = null;
      });
  }

  /**
   * A grid tile feature has only `id`, `code` and `name`: outline it at once, then select it
   * with its full record (households, leader…) when that arrives, or with what the tile had if
   * the request fails.
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
    const facility = this.facilityAt(event.point);
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

  private readonly showPointer = (): void => {
    this.map.getCanvas().style.cursor = 'pointer';
  };

  private readonly hidePointer = (): void => {
    this.map.getCanvas().style.cursor = '';
  };
}
