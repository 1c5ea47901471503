// Response shapes of the HTTP API (see README.md, API). GeoJSON geometry types come
// from @types/geojson, which maplibre-gl already depends on, so the map accepts these directly.
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson';

export type RegionLevel = 'city' | 'district' | 'street' | 'community';

export interface RegionProperties {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface GridProperties {
  id: number | string;
  code: string;
  name: string;
  communityCode: string;
  households: number | null;
  population: number | null;
  leaderName: string | null;
  leaderPhone: string | null;
  version: number;
}

export const FACILITY_KINDS = ['center', 'station', 'party_home', 'rep_studio', 'volunteer_point'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export interface FacilityProperties {
  id: number | string;
  name: string;
  kind: FacilityKind;
  address: string | null;
  phone: string | null;
  openingHours: string | null;
  services: string[];
}

export type RegionFeature = Feature<MultiPolygon, RegionProperties>;
export type RegionCollection = FeatureCollection<MultiPolygon, RegionProperties>;
export type GridFeature = Feature<MultiPolygon, GridProperties>;
export type GridCollection = FeatureCollection<MultiPolygon, GridProperties>;
export type FacilityFeature = Feature<Point, FacilityProperties>;
export type FacilityCollection = FeatureCollection<Point, FacilityProperties>;

export interface Health {
  status: string;
  db: { driver: 'embedded' | 'postgres'; postgis: string };
}

/** [minLng, minLat, maxLng, maxLat] in WGS84 degrees. */
export type BBox = readonly [number, number, number, number];
