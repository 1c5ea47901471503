import * as maplibregl from 'maplibre-gl';
import type { Position } from 'geojson';
import { getFacility } from '../api/getFacility';
import type { BBox, FacilityCollection, FacilityFeature, RegionCollection } from '../api/types';
import { FACILITY_LAYERS, GRID_MIN_ZOOM, SOURCE, tileUrl } from './style';

/** How the grids in view are doing: too far out to draw, tiles on the way, drawn, or failed. */
export type GridStatus =
  | { status: 'zoom-in' }
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'error'; httpStatus: number; message: string };

type Listener<T> = (value: T) => void;

/**
 * What the map shows of the stored data, and how it gets it. Regions, grids and public
 * facilities come as vector tiles at every zoom (the server's /tiles, see style.ts), reloaded
 * under a new URL after a change; their status is followed for the grids. Signed-in staff hand
 * over their region's facilities (with the non-public ones) as GeoJSON, drawn instead of the
 * tiles. Full facility records at hand (that list, the list in view, ones fetched) are kept so
 * selecting one needs no request.
 */
export class MapData {
  private readonly map: maplibregl.Map;
  private districtBounds: maplibregl.LngLatBounds | null = null;
  private resolveDistrict: (bbox: BBox) => void = () => undefined;
  private readonly districtPromise = new Promise<BBox>((resolve) => {
    this.resolveDistrict = resolve;
  });
  private readonly knownFacilities = new Map<string, FacilityFeature>();
  private staffFacilitiesShown = false;
  private facilityTilesVersion = 0;
  /** Bumped after every saved edit: part of the tile URL, so no cached tile shows the old shape. */
  private gridTilesVersion = 0;
  private gridTilesError: { httpStatus: number; message: string } | null = null;
  private gridReloadTimer: number | undefined;
  private gridStatus: GridStatus = { status: 'loading' };
  private readonly gridStatusListeners = new Set<Listener<GridStatus>>();
  private styleLoaded = false;

  constructor(map: maplibregl.Map) {
    this.map = map;
    map.once('load', this.handleLoad);
    map.on('sourcedata', this.handleSourceData);
    map.on('sourcedataloading', this.handleSourceData);
    map.on('error', this.handleMapError);
    map.on('moveend', this.updateGridStatus);
    map.on('idle', this.updateGridStatus);
  }

  /** Keeps the district's extent; the bounds to fit to, or null when the outline has no points. */
  setDistrict(district: RegionCollection): maplibregl.LngLatBounds | null {
    const bounds = boundsOf(district.features.map((f) => f.geometry.coordinates));
    if (bounds) {
      this.districtBounds = bounds;
      this.resolveDistrict([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]);
    }
    return bounds;
  }

  get district(): maplibregl.LngLatBounds | null {
    return this.districtBounds;
  }

  whenDistrict(): Promise<BBox> {
    return this.districtPromise;
  }

  setFacilities(facilities: FacilityCollection | null): void {
    this.rememberFacilities(facilities?.features ?? []);
    this.map.getSource<maplibregl.GeoJSONSource>(SOURCE.facilities)?.setData(facilities ?? { type: 'FeatureCollection', features: [] });
    const staff = facilities !== null;
    if (staff === this.staffFacilitiesShown) return;
    this.staffFacilitiesShown = staff;
    for (const id of FACILITY_LAYERS.staff) this.map.setLayoutProperty(id, 'visibility', staff ? 'visible' : 'none');
    for (const id of FACILITY_LAYERS.tiles) this.map.setLayoutProperty(id, 'visibility', staff ? 'none' : 'visible');
  }

  rememberFacilities(features: readonly FacilityFeature[]): void {
    for (const f of features) this.knownFacilities.set(String(f.properties.id), f);
  }

  knownFacility(id: string | number): FacilityFeature | undefined {
    return this.knownFacilities.get(String(id));
  }

  /** A facility's full record from the server, kept for the next time. */
  async fetchFacility(id: string | number, signal: AbortSignal): Promise<FacilityFeature> {
    const feature = await getFacility(id, signal);
    if (!signal.aborted) this.rememberFacilities([feature]);
    return feature;
  }

  refreshFacilities(): void {
    this.facilityTilesVersion += 1;
    this.knownFacilities.clear();
    this.map.getSource<maplibregl.VectorTileSource>(SOURCE.facilityTiles)?.setTiles([tileUrl('facilities', this.facilityTilesVersion)]);
  }

  refreshGrids(): void {
    this.gridTilesVersion += 1;
    this.gridTilesError = null;
    this.map.getSource<maplibregl.VectorTileSource>(SOURCE.grids)?.setTiles([tileUrl('grids', this.gridTilesVersion)]);
    this.updateGridStatus();
    this.watchGridReload();
  }

  onGridStatus(listener: Listener<GridStatus>): () => void {
    this.gridStatusListeners.add(listener);
    listener(this.gridStatus);
    return () => this.gridStatusListeners.delete(listener);
  }

  destroy(): void {
    window.clearTimeout(this.gridReloadTimer);
    this.gridStatusListeners.clear();
    this.map.off('load', this.handleLoad);
    this.map.off('sourcedata', this.handleSourceData);
    this.map.off('sourcedataloading', this.handleSourceData);
    this.map.off('error', this.handleMapError);
    this.map.off('moveend', this.updateGridStatus);
    this.map.off('idle', this.updateGridStatus);
  }

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

  private readonly handleLoad = (): void => {
    this.styleLoaded = true;
    this.updateGridStatus();
  };

  private readonly handleSourceData = (event: maplibregl.MapEventType['sourcedata' | 'sourcedataloading']): void => {
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
