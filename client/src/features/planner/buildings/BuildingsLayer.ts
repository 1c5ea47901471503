import type * as maplibregl from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { BUILDING_TILES, BUILDING_TILES_MIN_ZOOM } from '../../../api/buildings';
import { PLANNER_LAYER } from '../../../map/overlays/PlannerLayers';
import { layerBefore, removeOverlayParts, type MapOverlay } from '../../../map/overlays/MapOverlay';
import { LAYER, PARTY_RED, type LayerSpecification } from '../../../map/style';

// The planner's buildings (楼栋) on the shared map: every building from the staff-only tiles as
// a grey context layer from street zoom on, the chosen community's buildings coloured by their
// grid with a households label (42户) at high zoom, the selected buildings, the buildings a
// proposal moves, the grids' outlines a preview or proposal would save, a first draft's grids,
// and the lasso being drawn. Added when the workspace opens; the tools only swap their data.

export const BUILDING_SOURCE = {
  tiles: 'planner-buildings-tiles',
  community: 'planner-buildings',
  outlines: 'planner-buildings-outlines',
  draft: 'planner-buildings-draft',
  lasso: 'planner-buildings-lasso',
} as const;

export const BUILDING_LAYER = {
  tilesFill: 'planner-buildings-tiles-fill',
  fill: 'planner-buildings-fill',
  line: 'planner-buildings-line',
  selected: 'planner-buildings-selected',
  moved: 'planner-buildings-moved',
  label: 'planner-buildings-label',
  draftFill: 'planner-buildings-draft-fill',
  draftLine: 'planner-buildings-draft-line',
  draftLabel: 'planner-buildings-draft-label',
  outlines: 'planner-buildings-outlines-line',
  lassoFill: 'planner-buildings-lasso-fill',
  lassoLine: 'planner-buildings-lasso-line',
} as const;

/** The tiles' layer name inside each .mvt. */
const TILE_SOURCE_LAYER = 'buildings';
export const BUILDING_MIN_ZOOM = BUILDING_TILES_MIN_ZOOM;
export const BUILDING_LABEL_MIN_ZOOM = 17;

/** ColorBrewer Set2 with Set3's purple for its grey (no reds, none like the grey of other communities' buildings): one hue per grid of the community, in the grid list's order. */
export const GRID_HUES = ['#66c2a5', '#8da0cb', '#a6d854', '#ffd92f', '#e5c494', '#e78ac3', '#fc8d62', '#bc80bd'] as const;
export const BUILDING_COLORS = { neutral: '#bdbdbd', line: '#525252', selected: PARTY_RED, moved: '#d94801', outline: '#d94801', lasso: '#08519c' } as const;

const TEXT_FONT = ['Noto Sans CJK SC Regular'];
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The hue of grid `id` (neutral for a building in no grid). */
export function gridHue(gridIds: readonly number[], id: number | null): string {
  const i = id === null ? -1 : gridIds.indexOf(id);
  return i < 0 ? BUILDING_COLORS.neutral : GRID_HUES[i % GRID_HUES.length]!;
}

function idFilter(ids: readonly number[]): maplibregl.FilterSpecification {
  return ['in', ['get', 'id'], ['literal', [...ids]]];
}

export class BuildingsLayer implements MapOverlay {
  private readonly map: maplibregl.Map;
  private readonly layerIds: string[] = [];

  constructor(map: maplibregl.Map) {
    this.map = map;
    map.addSource(BUILDING_SOURCE.tiles, {
      type: 'vector',
      tiles: [`${window.location.origin}${BUILDING_TILES}`],
      minzoom: BUILDING_MIN_ZOOM,
      maxzoom: 16,
    });
    for (const id of [BUILDING_SOURCE.community, BUILDING_SOURCE.outlines, BUILDING_SOURCE.draft, BUILDING_SOURCE.lasso]) {
      if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty });
    }
    // Buildings lie under the planner's own outlines; what a tool shows on top of everything but the labels.
    const under = layerBefore(map, PLANNER_LAYER.gapsFill) ?? layerBefore(map, LAYER.communityLabel);
    const over = layerBefore(map, LAYER.communityLabel);
    const add = (layer: LayerSpecification, before: string | undefined) => {
      if (map.getLayer(layer.id)) map.removeLayer(layer.id);
      map.addLayer(layer, before);
      this.layerIds.push(layer.id);
    };
    const S = BUILDING_SOURCE;
    const L = BUILDING_LAYER;
    const C = BUILDING_COLORS;
    add({ id: L.draftFill, type: 'fill', source: S.draft, paint: { 'fill-color': ['get', 'hue'], 'fill-opacity': 0.35 } }, under);
    add(
      {
        id: L.tilesFill,
        type: 'fill',
        source: S.tiles,
        'source-layer': TILE_SOURCE_LAYER,
        minzoom: BUILDING_MIN_ZOOM,
        paint: { 'fill-color': C.neutral, 'fill-opacity': 0.6, 'fill-outline-color': '#969696' },
      },
      under,
    );
    add({ id: L.fill, type: 'fill', source: S.community, paint: { 'fill-color': ['get', 'hue'], 'fill-opacity': 0.85 } }, under);
    add({ id: L.line, type: 'line', source: S.community, paint: { 'line-color': C.line, 'line-width': 0.6 } }, under);
    add({ id: L.moved, type: 'line', source: S.community, filter: idFilter([]), paint: { 'line-color': C.moved, 'line-width': 3 } }, under);
    add({ id: L.selected, type: 'line', source: S.community, filter: idFilter([]), paint: { 'line-color': C.selected, 'line-width': 3 } }, under);
    add({ id: L.draftLine, type: 'line', source: S.draft, layout: { 'line-join': 'round' }, paint: { 'line-color': '#252525', 'line-width': 2.5 } }, over);
    add(
      { id: L.outlines, type: 'line', source: S.outlines, layout: { 'line-join': 'round' }, paint: { 'line-color': C.outline, 'line-width': 3, 'line-dasharray': [2.5, 1.5] } },
      over,
    );
    add({ id: L.lassoFill, type: 'fill', source: S.lasso, paint: { 'fill-color': C.lasso, 'fill-opacity': 0.1 } }, over);
    add({ id: L.lassoLine, type: 'line', source: S.lasso, paint: { 'line-color': C.lasso, 'line-width': 2, 'line-dasharray': [1, 1] } }, over);
    add(
      {
        id: L.label,
        type: 'symbol',
        source: S.community,
        minzoom: BUILDING_LABEL_MIN_ZOOM,
        layout: { 'text-field': ['get', 'label'], 'text-font': TEXT_FONT, 'text-size': 11, 'text-allow-overlap': false },
        paint: { 'text-color': '#252525', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      over,
    );
    add(
      {
        id: L.draftLabel,
        type: 'symbol',
        source: S.draft,
        layout: { 'text-field': ['get', 'label'], 'text-font': TEXT_FONT, 'text-size': 13, 'text-max-width': 10 },
        paint: { 'text-color': '#08306b', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
      },
      over,
    );
  }

  private set(source: string, data: FeatureCollection): void {
    this.map.getSource<maplibregl.GeoJSONSource>(source)?.setData(data);
  }

  /** The community's buildings, each with its `hue` and households `label` in its properties. */
  setBuildings(buildings: FeatureCollection): void {
    this.set(BUILDING_SOURCE.community, buildings);
  }

  setSelected(ids: readonly number[]): void {
    this.map.setFilter(BUILDING_LAYER.selected, idFilter(ids));
  }

  /** Buildings a preview or proposal moves to another grid. */
  setMoved(ids: readonly number[]): void {
    this.map.setFilter(BUILDING_LAYER.moved, idFilter(ids));
  }

  /** The grids' outlines as a preview or proposal would save them. */
  setOutlines(features: readonly Feature[]): void {
    this.set(BUILDING_SOURCE.outlines, { type: 'FeatureCollection', features: [...features] });
  }

  /** A first draft's grids (properties `hue` and `label`). */
  /** A first draft's grids; the current grids' names are hidden meanwhile, or they would crowd out the draft's. */
  setDraft(draft: FeatureCollection | null): void {
    this.set(BUILDING_SOURCE.draft, draft ?? empty);
    if (this.map.getLayer(LAYER.gridsLabel)) this.map.setLayoutProperty(LAYER.gridsLabel, 'visibility', draft && draft.features.length > 0 ? 'none' : 'visible');
  }

  setLasso(ring: readonly Position[] | null): void {
    const geometry: Geometry | null =
      ring && ring.length >= 3 ? { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } : ring && ring.length === 2 ? { type: 'LineString', coordinates: [...ring] } : null;
    this.set(BUILDING_SOURCE.lasso, geometry ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] } : empty);
  }

  /** The community building under a screen point, if any. */
  buildingAt(point: maplibregl.PointLike): number | null {
    if (!this.map.getLayer(BUILDING_LAYER.fill)) return null;
    const hit = this.map.queryRenderedFeatures(point, { layers: [BUILDING_LAYER.fill] })[0];
    const id = Number(hit?.properties['id']);
    return hit && Number.isInteger(id) ? id : null;
  }

  destroy(): void {
    removeOverlayParts(this.map, { layers: this.layerIds, sources: Object.values(BUILDING_SOURCE) });
  }
}
