import * as maplibregl from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { LAYER, PARTY_RED, type LayerSpecification } from '../style';
import { layerBefore, removeOverlayParts, type MapOverlay } from './MapOverlay';

// The planner's map layers over the shared map: the chosen community, the selected grids, the
// shapes a preview would save, what breaks a rule (overlaps red, the part outside the community
// hatched, the crossing point of an invalid outline marked), an old version against the current
// one, their version against mine after a conflict, and the gaps and overlaps of a coverage check.
// Added once; the planner only swaps their data. Terra Draw draws on top of them.

export const PLANNER_SOURCE = {
  community: 'planner-community',
  selected: 'planner-selected',
  candidate: 'planner-candidate',
  preview: 'planner-preview',
  overlap: 'planner-overlap',
  outside: 'planner-outside',
  invalid: 'planner-invalid',
  history: 'planner-history',
  theirs: 'planner-theirs',
  mine: 'planner-mine',
  gaps: 'planner-gaps',
  coverageOverlaps: 'planner-coverage-overlaps',
} as const;

export const PLANNER_LAYER = {
  communityLine: 'planner-community-line',
  selectedLine: 'planner-selected-line',
  candidateLine: 'planner-candidate-line',
  previewFill: 'planner-preview-fill',
  previewLine: 'planner-preview-line',
  overlapFill: 'planner-overlap-fill',
  overlapLine: 'planner-overlap-line',
  outsideFill: 'planner-outside-fill',
  outsideLine: 'planner-outside-line',
  invalidPoint: 'planner-invalid-point',
  historyLine: 'planner-history-line',
  theirsFill: 'planner-theirs-fill',
  theirsLine: 'planner-theirs-line',
  mineLine: 'planner-mine-line',
  gapsFill: 'planner-gaps-fill',
  gapsLine: 'planner-gaps-line',
  coverageOverlapFill: 'planner-coverage-overlap-fill',
} as const;

/** Colours of the planner's layers, shared with its legend. ColorBrewer hues; red only for what is wrong or selected. */
export const PLANNER_COLORS = {
  community: '#252525',
  selected: PARTY_RED,
  preview: '#d94801',
  overlap: '#e31a1c',
  outside: '#99000d',
  invalid: '#e31a1c',
  history: '#6a51a3',
  theirs: '#08519c',
  mine: '#d94801',
  gap: '#fd8d3c',
} as const;

const HATCH_OUTSIDE = 'planner-hatch-outside';
const HATCH_GAP = 'planner-hatch-gap';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export type GeometryLike = Geometry | null | undefined;

function collection(items: readonly (Feature | GeometryLike)[]): FeatureCollection {
  const features: Feature[] = [];
  for (const item of items) {
    if (!item) continue;
    if (item.type === 'Feature') features.push(item);
    else features.push({ type: 'Feature', geometry: item, properties: {} });
  }
  return { type: 'FeatureCollection', features };
}

/** A small diagonal-stripes image for `fill-pattern`, drawn in code so nothing is fetched. */
function hatch(color: [number, number, number], size = 10): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1)
    for (let x = 0; x < size; x += 1) {
      const onStripe = (x + y) % size < 2 || (x + y) % size === size - 1;
      const i = (y * size + x) * 4;
      data[i] = color[0];
      data[i + 1] = color[1];
      data[i + 2] = color[2];
      data[i + 3] = onStripe ? 230 : 28;
    }
  return { width: size, height: size, data };
}

export class PlannerLayers implements MapOverlay {
  private readonly map: maplibregl.Map;
  private readonly layerIds: string[] = [];

  constructor(map: maplibregl.Map) {
    this.map = map;
    if (!map.hasImage(HATCH_OUTSIDE)) map.addImage(HATCH_OUTSIDE, hatch([153, 0, 13]));
    if (!map.hasImage(HATCH_GAP)) map.addImage(HATCH_GAP, hatch([217, 72, 1]));
    for (const id of Object.values(PLANNER_SOURCE)) {
      if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty });
    }
    // Under the labels and stations, over the grids.
    const before = layerBefore(map, LAYER.communityLabel);
    const add = (layer: LayerSpecification) => {
      if (map.getLayer(layer.id)) map.removeLayer(layer.id);
      map.addLayer(layer, before);
      this.layerIds.push(layer.id);
    };
    const C = PLANNER_COLORS;
    const S = PLANNER_SOURCE;
    const L = PLANNER_LAYER;
    add({ id: L.gapsFill, type: 'fill', source: S.gaps, paint: { 'fill-pattern': HATCH_GAP } });
    add({ id: L.gapsLine, type: 'line', source: S.gaps, paint: { 'line-color': C.gap, 'line-width': 2 } });
    add({ id: L.coverageOverlapFill, type: 'fill', source: S.coverageOverlaps, paint: { 'fill-color': C.overlap, 'fill-opacity': 0.55 } });
    add({
      id: L.communityLine,
      type: 'line',
      source: S.community,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': C.community, 'line-width': 3, 'line-opacity': 0.85 },
    });
    add({
      id: L.historyLine,
      type: 'line',
      source: S.history,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': C.history, 'line-width': 3.5, 'line-dasharray': [2, 1.2] },
    });
    add({ id: L.selectedLine, type: 'line', source: S.selected, layout: { 'line-join': 'round' }, paint: { 'line-color': C.selected, 'line-width': 3 } });
    add({
      id: L.candidateLine,
      type: 'line',
      source: S.candidate,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': C.selected, 'line-width': 3, 'line-dasharray': [1.5, 1] },
    });
    add({ id: L.theirsFill, type: 'fill', source: S.theirs, paint: { 'fill-color': C.theirs, 'fill-opacity': 0.15 } });
    add({ id: L.theirsLine, type: 'line', source: S.theirs, paint: { 'line-color': C.theirs, 'line-width': 3 } });
    add({ id: L.mineLine, type: 'line', source: S.mine, paint: { 'line-color': C.mine, 'line-width': 3, 'line-dasharray': [2, 1.5] } });
    add({ id: L.previewFill, type: 'fill', source: S.preview, paint: { 'fill-color': C.preview, 'fill-opacity': 0.08 } });
    add({
      id: L.previewLine,
      type: 'line',
      source: S.preview,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': C.preview, 'line-width': 3, 'line-dasharray': [2.5, 1.5] },
    });
    add({ id: L.outsideFill, type: 'fill', source: S.outside, paint: { 'fill-pattern': HATCH_OUTSIDE } });
    add({ id: L.outsideLine, type: 'line', source: S.outside, paint: { 'line-color': C.outside, 'line-width': 2, 'line-dasharray': [2, 1] } });
    add({ id: L.overlapFill, type: 'fill', source: S.overlap, paint: { 'fill-color': C.overlap, 'fill-opacity': 0.55 } });
    add({ id: L.overlapLine, type: 'line', source: S.overlap, paint: { 'line-color': C.overlap, 'line-width': 2 } });
    add({
      id: L.invalidPoint,
      type: 'circle',
      source: S.invalid,
      paint: { 'circle-radius': 12, 'circle-color': 'rgba(227,26,28,0.2)', 'circle-stroke-color': C.invalid, 'circle-stroke-width': 3 },
    });
  }

  private set(source: string, data: FeatureCollection): void {
    this.map.getSource<maplibregl.GeoJSONSource>(source)?.setData(data);
  }

  setCommunity(geometry: GeometryLike): void {
    this.set(PLANNER_SOURCE.community, collection([geometry]));
  }

  setSelected(items: readonly (Feature | GeometryLike)[]): void {
    this.set(PLANNER_SOURCE.selected, collection(items));
  }

  /** The second grid of a merge. */
  setCandidate(item: Feature | GeometryLike): void {
    this.set(PLANNER_SOURCE.candidate, collection([item]));
  }

  /** The shapes as a preview says they would be saved (the edited grid and every changed neighbour). */
  setPreview(items: readonly (Feature | GeometryLike)[]): void {
    this.set(PLANNER_SOURCE.preview, collection(items));
  }

  setViolations(v: { overlaps?: readonly GeometryLike[]; outside?: readonly GeometryLike[]; points?: readonly GeometryLike[] }): void {
    this.set(PLANNER_SOURCE.overlap, collection(v.overlaps ?? []));
    this.set(PLANNER_SOURCE.outside, collection(v.outside ?? []));
    this.set(PLANNER_SOURCE.invalid, collection(v.points ?? []));
  }

  setHistoryOutline(geometry: GeometryLike): void {
    this.set(PLANNER_SOURCE.history, collection([geometry]));
  }

  /** After a 409: the version someone else saved against the one being saved here. */
  setConflict(theirs: GeometryLike, mine: GeometryLike): void {
    this.set(PLANNER_SOURCE.theirs, collection([theirs]));
    this.set(PLANNER_SOURCE.mine, collection([mine]));
  }

  setCoverage(gaps: FeatureCollection | null, overlaps: FeatureCollection | null): void {
    this.set(PLANNER_SOURCE.gaps, gaps ?? empty);
    this.set(PLANNER_SOURCE.coverageOverlaps, overlaps ?? empty);
  }

  /** Clears what belongs to an edit in progress (not the community, selection or coverage). */
  clearEdit(): void {
    this.setPreview([]);
    this.setViolations({});
    this.setConflict(null, null);
    this.setCandidate(null);
  }

  /** Brings the geometries into view. */
  fitTo(geometries: readonly GeometryLike[], options: { padding?: number; maxZoom?: number; animate?: boolean } = {}): void {
    let minLng = Infinity;
    let minLat = Infinity;
    let maxLng = -Infinity;
    let maxLat = -Infinity;
    const visit = (p: Position) => {
      const [lng, lat] = p;
      if (lng === undefined || lat === undefined) return;
      minLng = Math.min(minLng, lng);
      maxLng = Math.max(maxLng, lng);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    };
    for (const g of geometries) if (g) eachPosition(g, visit);
    if (!Number.isFinite(minLng)) return;
    this.map.fitBounds(
      [
        [minLng, minLat],
        [maxLng, maxLat],
      ],
      { padding: options.padding ?? 48, maxZoom: options.maxZoom ?? 17.5, animate: options.animate ?? true },
    );
  }

  destroy(): void {
    removeOverlayParts(this.map, { layers: this.layerIds, sources: Object.values(PLANNER_SOURCE), images: [HATCH_OUTSIDE, HATCH_GAP] });
  }
}

export function eachPosition(g: Geometry, visit: (p: Position) => void): void {
  switch (g.type) {
    case 'Point':
      visit(g.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      g.coordinates.forEach(visit);
      break;
    case 'MultiLineString':
    case 'Polygon':
      g.coordinates.forEach((l) => l.forEach(visit));
      break;
    case 'MultiPolygon':
      g.coordinates.forEach((p) => p.forEach((l) => l.forEach(visit)));
      break;
    case 'GeometryCollection':
      g.geometries.forEach((x) => eachPosition(x, visit));
      break;
  }
}
