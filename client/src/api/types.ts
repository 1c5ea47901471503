// Response shapes of the HTTP API (see README.md, API), as the server defines them in
// server/src/contract. GeoJSON geometry types come from @types/geojson, which maplibre-gl
// already depends on, so the map accepts these directly.

export type { GridCollection, GridFeature, GridProperties } from '../../../server/src/contract/grids.ts';
export type {
  FacilityCollection,
  FacilityFeature,
  FacilityKind,
  FacilityProperties,
  RegionCollection,
  RegionExtent,
  RegionFeature,
  RegionLevel,
  RegionProperties,
} from '../../../server/src/contract/places.ts';
export { FACILITY_KINDS } from '../../../server/src/contract/places.ts';

export interface Health {
  status: string;
  db: { driver: 'embedded' | 'postgres'; postgis: string };
}

/** [minLng, minLat, maxLng, maxLat] in WGS84 degrees. */
export type BBox = readonly [number, number, number, number];
