import type { MapOptions } from 'maplibre-gl';
import type { FacilityKind } from '../api/types';

// The offline default basemap: no glyphs URL (labels are drawn locally with system fonts), no
// sprite, no outside host. It is a quiet grey ground plus the project's own data: regions and
// grids as vector tiles from this server's /tiles (so a district- or city-wide view never
// downloads every polygon as GeoJSON), their label points, the public facilities as vector tiles
// too (a city's thousands of stations are never downloaded whole) and, for signed-in staff, the
// facilities of their region as GeoJSON (with the non-public ones). Party red is kept for
// stations and the current selection only.

// The style-spec types are not re-exported by maplibre-gl 6, so they are derived from MapOptions.
type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
export type LayerSpecification = StyleSpecification['layers'][number];
type CirclePaint = NonNullable<Extract<LayerSpecification, { type: 'circle' }>['paint']>;
type ColorValue = NonNullable<CirclePaint['circle-color']>;
type NumberValue = NonNullable<CirclePaint['circle-radius']>;
export type FilterSpecification = NonNullable<Extract<LayerSpecification, { type: 'line' }>['filter']>;

export const PARTY_RED = '#C8161D';

/** Zoom from which grids are drawn (from tiles): the district-wide view and closer. */
export const GRID_MIN_ZOOM = 10;
/** Zoom from which grid names are shown, and so their label points worked out. */
export const GRID_LABEL_MIN_ZOOM = 14.5;
const COMMUNITY_LABEL_ZOOMS = [12.5, GRID_LABEL_MIN_ZOOM] as const;

export const SOURCE = {
  /** Vector tiles, layer `regions`: properties `id` (the region code), `name`, `kind` (the level). */
  regions: 'regions',
  /** One point per region, inside it, for its name (worked out from the tiles, see labelPoints.ts). */
  regionLabels: 'region-labels',
  /** Vector tiles, layer `grids`: properties `id`, `code`, `name`. */
  grids: 'grids',
  gridLabels: 'grid-labels',
  /** Vector tiles, layer `facilities`: properties `id`, `name`, `kind` of every public facility. */
  facilityTiles: 'facility-tiles',
  /**
   * GeoJSON: the facilities of a signed-in account's region, non-public ones included. Drawn
   * instead of the tiles while it holds any; empty for the public.
   */
  facilities: 'facilities',
} as const;

/** The layer inside each tile source's tiles (server/src/tiles: one layer per tile, named after it). */
export const SOURCE_LAYER = { regions: 'regions', grids: 'grids', facilities: 'facilities' } as const;

export type TileLayerName = keyof typeof SOURCE_LAYER;

/**
 * Zooms of tiles the map requests. The server encodes tiles for z 0–22; from `maxzoom` on the map
 * over-zooms the last level instead of asking for ever smaller tiles. At z16 one tile unit is
 * ~13 cm on the ground, about a pixel even at the map's maxZoom (19), so grid outlines sit on
 * the planner's own (GeoJSON) outlines.
 */
export const TILE_ZOOMS = { minzoom: 0, maxzoom: 16 } as const;

/** Absolute (the worker resolves relative URLs against its own script); `version` busts caches after an edit. */
export function tileUrl(layer: TileLayerName, version = 0): string {
  const base = `${window.location.origin}/tiles/${layer}/{z}/{x}/{y}.mvt`;
  return version > 0 ? `${base}?v=${version}` : base;
}

export const LAYER = {
  districtFill: 'district-fill',
  communityLine: 'community-line',
  streetLine: 'street-line',
  districtLine: 'district-line',
  gridsFill: 'grids-fill',
  gridsLine: 'grids-line',
  gridsSelected: 'grids-selected',
  streetLabel: 'street-label',
  communityLabel: 'community-label',
  gridsLabel: 'grids-label',
  facilitiesHalo: 'facilities-selected',
  facilitiesCircle: 'facilities-circle',
  facilitiesLabel: 'facilities-label',
  staffFacilitiesHalo: 'staff-facilities-selected',
  staffFacilitiesCircle: 'staff-facilities-circle',
  staffFacilitiesLabel: 'staff-facilities-label',
} as const;

/** The circle layers a tap on a station hits: the tiles' and the staff GeoJSON's. */
export const FACILITY_CIRCLE_LAYERS = [LAYER.facilitiesCircle, LAYER.staffFacilitiesCircle] as const;
/** Selection halos, one per facility source, filtered on the same id. */
export const FACILITY_HALO_LAYERS = [LAYER.facilitiesHalo, LAYER.staffFacilitiesHalo] as const;
/** Layers of each facility source, to show one set and hide the other. */
export const FACILITY_LAYERS = {
  tiles: [LAYER.facilitiesHalo, LAYER.facilitiesCircle, LAYER.facilitiesLabel],
  staff: [LAYER.staffFacilitiesHalo, LAYER.staffFacilitiesCircle, LAYER.staffFacilitiesLabel],
} as const;

/**
 * Map colours, shared with the legend so the two cannot drift apart. Greys and blues follow
 * ColorBrewer's Greys/Blues; kinds other than stations take dark ColorBrewer hues that stay
 * distinct from each other and from the red.
 */
export const COLORS = {
  background: '#e6e8eb',
  districtFill: '#f7f7f7',
  districtLine: '#525252',
  streetLine: '#737373',
  communityLine: '#a8adb3',
  gridFill: '#c6dbef',
  gridLine: '#4292c6',
  // Label colours keep ≥ 4.5:1 contrast against the light fills they sit on.
  streetLabel: '#252525',
  communityLabel: '#4a4a4a',
  gridLabel: '#08306b',
  selection: PARTY_RED,
} as const;

export const FACILITY_COLORS: Record<FacilityKind, string> = {
  center: PARTY_RED,
  station: PARTY_RED,
  party_home: '#2166ac',
  rep_studio: '#5e3c99',
  volunteer_point: '#1b7837',
};

/** Centres are the largest sites, so they get the largest dot. */
export const FACILITY_RADIUS: Record<FacilityKind, number> = {
  center: 8,
  station: 6,
  party_home: 5,
  rep_studio: 5,
  volunteer_point: 4.5,
};

/** [zoom, factor of FACILITY_RADIUS]: the dots grow with the zoom, linearly between these stops. */
const RADIUS_SCALE: readonly (readonly [number, number])[] = [
  [10, 0.5],
  [13, 1],
  [17, 1.4],
];
/** [zoom, width] of the dots' white ring. */
const STROKE_WIDTH: readonly (readonly [number, number])[] = [
  [10, 0.75],
  [13, 1.5],
];

/** Linear interpolation over zoom stops, clamped at both ends, as MapLibre's `interpolate` does. */
function atZoom(stops: readonly (readonly [number, number])[], zoom: number): number {
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  if (zoom <= first[0]) return first[1];
  if (zoom >= last[0]) return last[1];
  const upper = stops.findIndex(([z]) => z >= zoom);
  const [z0, v0] = stops[upper - 1]!;
  const [z1, v1] = stops[upper]!;
  return v0 + ((v1 - v0) * (zoom - z0)) / (z1 - z0);
}

/** The drawn radius of a facility dot in pixels, ring included, at a zoom: what a tap must land on. */
export function facilityDotRadius(kind: FacilityKind | undefined, zoom: number): number {
  const base = kind ? FACILITY_RADIUS[kind] : 5;
  return base * atZoom(RADIUS_SCALE, zoom) + atZoom(STROKE_WIDTH, zoom);
}

/** The largest dot at any zoom, ring included. */
export const MAX_FACILITY_DOT_RADIUS =
  Math.max(...Object.values(FACILITY_RADIUS)) * Math.max(...RADIUS_SCALE.map(([, scale]) => scale)) + Math.max(...STROKE_WIDTH.map(([, width]) => width));

// Local font families for labels: MapLibre draws CJK with `localIdeographFontFamily` and other
// text with the family named in `text-font`, both through the browser's own fonts.
export const LABEL_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const TEXT_FONT = ['Noto Sans CJK SC Regular'];
const TEXT_FONT_BOLD = ['Noto Sans CJK SC Bold'];

const emptyCollection = { type: 'FeatureCollection' as const, features: [] };

/** A `match` on the facility kind. Built from the record so the map and legend share one table. */
function kindMatch<V extends string | number>(values: Record<FacilityKind, V>, fallback: V): unknown[] {
  const pairs = Object.entries(values).flat();
  return ['match', ['get', 'kind'], ...pairs, fallback];
}
// The spread above cannot be typed as the style-spec's tuple union; the shape is right by construction.
const kindColor = (values: Record<FacilityKind, string>, fallback: string) =>
  kindMatch(values, fallback) as unknown as ColorValue;
const kindNumber = (values: Record<FacilityKind, number>, fallback: number) =>
  kindMatch(values, fallback) as unknown as NumberValue;

/** `id` of the selected feature, or a value no feature has. */
export const NO_SELECTION = '__none__';

/** Matches the feature whose `id` property equals `id`, compared as text (ids may be numbers or UUIDs). */
export function selectionFilter(id: string | number): FilterSpecification {
  return ['==', ['to-string', ['get', 'id']], String(id)];
}

/** Whether the pointer is over the feature (set by MapController as feature-state). */
const hovered = ['boolean', ['feature-state', 'hover'], false];

type FacilitySource = { source: string; 'source-layer'?: string };
type Visibility = 'visible' | 'none';

/** The selection halo and the dots of one facility source (tiles or the staff GeoJSON). */
function facilityDots(source: FacilitySource, haloId: string, circleId: string, visibility: Visibility = 'visible'): LayerSpecification[] {
  return [
    {
      id: haloId,
      type: 'circle',
      ...source,
      layout: { visibility },
      filter: selectionFilter(NO_SELECTION),
      paint: {
        'circle-radius': 13,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': COLORS.selection,
        'circle-stroke-width': 3,
      },
    },
    {
      id: circleId,
      type: 'circle',
      ...source,
      // Centres and stations drawn last so the red sits on top.
      layout: { visibility, 'circle-sort-key': kindNumber({ center: 5, station: 4, party_home: 3, rep_studio: 2, volunteer_point: 1 }, 0) },
      paint: {
        'circle-color': kindColor(FACILITY_COLORS, '#525252'),
        // Smaller at the district overview, where ~180 sites would otherwise cover the map.
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          ...RADIUS_SCALE.flatMap(([zoom, scale]) => [zoom, ['*', scale, kindNumber(FACILITY_RADIUS, 5)]]),
        ] as unknown as NumberValue,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], ...STROKE_WIDTH.flat()] as unknown as NumberValue,
      },
    },
  ];
}

/** Station names from street zooms on, for one facility source. */
function facilityLabels(source: FacilitySource, labelId: string, visibility: Visibility = 'visible'): LayerSpecification {
  return {
    id: labelId,
    type: 'symbol',
    ...source,
    minzoom: 15,
    layout: {
      visibility,
      'text-field': ['get', 'name'],
      'text-font': TEXT_FONT,
      'text-size': 11,
      'text-offset': [0, 1.1],
      'text-anchor': 'top',
      'text-max-width': 8,
      'text-optional': true,
    },
    paint: { 'text-color': '#252525', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  };
}

export function createBaseStyle(): StyleSpecification {
  // Region tiles carry the level as `kind`; the label points copy the tile properties.
  const levelIs = (level: string): FilterSpecification => ['==', ['get', 'kind'], level];
  const tiles = (layer: TileLayerName) => ({
    type: 'vector' as const,
    tiles: [tileUrl(layer)],
    ...TILE_ZOOMS,
    // Feature-state (hover, and the coverage choropleth) is keyed on the `id` property.
    promoteId: 'id',
  });
  const regionTiles = { source: SOURCE.regions, 'source-layer': SOURCE_LAYER.regions };
  const gridTiles = { source: SOURCE.grids, 'source-layer': SOURCE_LAYER.grids };
  const tileFacilities = { source: SOURCE.facilityTiles, 'source-layer': SOURCE_LAYER.facilities };
  const staffFacilities = { source: SOURCE.facilities };
  return {
    version: 8,
    name: '网格党建地图 offline',
    sources: {
      [SOURCE.regions]: tiles('regions'),
      [SOURCE.regionLabels]: { type: 'geojson', data: emptyCollection },
      [SOURCE.grids]: tiles('grids'),
      [SOURCE.gridLabels]: { type: 'geojson', data: emptyCollection },
      [SOURCE.facilityTiles]: tiles('facilities'),
      [SOURCE.facilities]: { type: 'geojson', data: emptyCollection },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': COLORS.background } },
      {
        id: LAYER.districtFill,
        type: 'fill',
        ...regionTiles,
        filter: levelIs('district'),
        paint: { 'fill-color': COLORS.districtFill },
      },
      {
        id: LAYER.gridsFill,
        type: 'fill',
        ...gridTiles,
        minzoom: GRID_MIN_ZOOM,
        paint: {
          'fill-color': COLORS.gridFill,
          // Light over the whole district, a little stronger close up and under the pointer.
          'fill-opacity': [
            'interpolate',
            ['linear'],
            ['zoom'],
            GRID_MIN_ZOOM,
            ['case', hovered, 0.45, 0.2],
            16,
            ['case', hovered, 0.65, 0.4],
          ] as unknown as NumberValue,
        },
      },
      {
        id: LAYER.gridsLine,
        type: 'line',
        ...gridTiles,
        minzoom: GRID_MIN_ZOOM,
        paint: {
          'line-color': COLORS.gridLine,
          // Hundreds of grids at the district view: hairlines there, full lines from street zooms.
          'line-width': ['interpolate', ['linear'], ['zoom'], GRID_MIN_ZOOM, 0.3, 13, 0.6, 16, 0.9],
          'line-opacity': ['interpolate', ['linear'], ['zoom'], GRID_MIN_ZOOM, 0.35, 13, 0.6, 16, 0.85],
        },
      },
      {
        id: LAYER.communityLine,
        type: 'line',
        ...regionTiles,
        filter: levelIs('community'),
        minzoom: 11,
        paint: {
          'line-color': COLORS.communityLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 15, 1.2],
        },
      },
      {
        id: LAYER.streetLine,
        type: 'line',
        ...regionTiles,
        filter: levelIs('street'),
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': COLORS.streetLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 15, 2.2],
        },
      },
      {
        id: LAYER.districtLine,
        type: 'line',
        ...regionTiles,
        filter: levelIs('district'),
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': COLORS.districtLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 15, 3.5],
        },
      },
      {
        id: LAYER.gridsSelected,
        type: 'line',
        ...gridTiles,
        minzoom: GRID_MIN_ZOOM,
        filter: selectionFilter(NO_SELECTION),
        layout: { 'line-join': 'round' },
        paint: { 'line-color': COLORS.selection, 'line-width': 3 },
      },
      {
        id: LAYER.communityLabel,
        type: 'symbol',
        source: SOURCE.regionLabels,
        filter: levelIs('community'),
        minzoom: COMMUNITY_LABEL_ZOOMS[0],
        maxzoom: COMMUNITY_LABEL_ZOOMS[1],
        layout: {
          'text-field': ['get', 'name'],
          'text-font': TEXT_FONT,
          'text-size': 12,
          'text-max-width': 8,
        },
        paint: { 'text-color': COLORS.communityLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      {
        id: LAYER.gridsLabel,
        type: 'symbol',
        source: SOURCE.gridLabels,
        minzoom: GRID_LABEL_MIN_ZOOM,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': TEXT_FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], GRID_LABEL_MIN_ZOOM, 11, 17, 14],
          // Names like 凤宾路社区第6网格 read best on one line.
          'text-max-width': 12,
        },
        paint: { 'text-color': COLORS.gridLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      ...facilityDots(tileFacilities, LAYER.facilitiesHalo, LAYER.facilitiesCircle),
      ...facilityDots(staffFacilities, LAYER.staffFacilitiesHalo, LAYER.staffFacilitiesCircle, 'none'),
      // Street names sit above the dots: they only show at the overview, where the dots are small.
      {
        id: LAYER.streetLabel,
        type: 'symbol',
        source: SOURCE.regionLabels,
        filter: levelIs('street'),
        maxzoom: COMMUNITY_LABEL_ZOOMS[0],
        layout: {
          'text-field': ['get', 'name'],
          'text-font': TEXT_FONT_BOLD,
          'text-size': 14,
        },
        paint: { 'text-color': COLORS.streetLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      facilityLabels(tileFacilities, LAYER.facilitiesLabel),
      facilityLabels(staffFacilities, LAYER.staffFacilitiesLabel, 'none'),
    ],
  };
}
