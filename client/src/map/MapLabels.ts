import type * as maplibregl from 'maplibre-gl';
import { labelPointsOfPieces } from './labelPoints';
import { GRID_LABEL_MIN_ZOOM, SOURCE, SOURCE_LAYER } from './style';

/**
 * The names of regions and grids. Tiles cut a polygon into pieces, so the name of each is placed
 * at one label point worked out here from the pieces in view (see labelPointsOfPieces) and
 * handed to the label sources whenever tiles arrive or the view moves.
 */
export class MapLabels {
  private readonly map: maplibregl.Map;
  private readonly labelKeys = new Map<string, string>();
  /** Tile sources that got tiles since their labels were last worked out. */
  private readonly staleLabels = new Set<string>();
  private styleLoaded = false;

  constructor(map: maplibregl.Map) {
    this.map = map;
    map.once('load', this.handleLoad);
    map.on('sourcedata', this.handleSourceData);
    map.on('render', this.flushLabels);
    map.on('moveend', this.handleMoveEnd);
  }

  destroy(): void {
    this.map.off('load', this.handleLoad);
    this.map.off('sourcedata', this.handleSourceData);
    this.map.off('render', this.flushLabels);
    this.map.off('moveend', this.handleMoveEnd);
  }

  private readonly handleLoad = (): void => {
    this.styleLoaded = true;
    this.handleMoveEnd();
  };

  private readonly handleSourceData = (event: maplibregl.MapEventType['sourcedata']): void => {
    if (!event.tile) return;
    if (event.sourceId === SOURCE.regions || event.sourceId === SOURCE.grids) this.staleLabels.add(event.sourceId);
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

  private readonly handleMoveEnd = (): void => {
    // Work the labels out again in the next frame, once MapLibre has settled which tiles cover
    // the new view: zooming within one tile level loads no tile (yet may bring the names into
    // range), and tiles taken back from its cache arrive without any data event.
    this.staleLabels.add(SOURCE.regions);
    this.staleLabels.add(SOURCE.grids);
    this.map.triggerRepaint();
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
    this.map.getSource<maplibregl.GeoJSONSource>(target)?.setData(labels);
  }
}
