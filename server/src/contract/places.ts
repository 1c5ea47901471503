// Regions and facilities as GeoJSON (GET /api/regions, /api/facilities, /api/facilities/{id}).
// Part of the contract: no server dependencies.
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson';

export const REGION_LEVELS = ['city', 'district', 'street', 'community'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export interface RegionProperties {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** [west, south, east, north] in WGS84 degrees. */
export type RegionExtent = [number, number, number, number];

/** A region with its extent (GeoJSON's `bbox`), so a view fits to it without reading the outline. */
export interface RegionFeature extends Feature<MultiPolygon, RegionProperties> {
  bbox: RegionExtent;
}

/** GET /api/regions (`?level=` one level, `?code=` one region). */
export interface RegionCollection extends FeatureCollection<MultiPolygon, RegionProperties> {
  features: RegionFeature[];
}

export const FACILITY_KINDS = ['center', 'station', 'party_home', 'rep_studio', 'volunteer_point'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** What a station says about itself: the same in every answer and file that carries one. */
export interface FacilityAttributes {
  name: string;
  kind: FacilityKind;
  address: string | null;
  phone: string | null;
  openingHours: string | null;
  services: string[];
}

export interface FacilityProperties extends FacilityAttributes {
  /** A number in JSON; the map also builds these from vector-tile features, whose ids it reads as they come. */
  id: number | string;
}

export type FacilityFeature = Feature<Point, FacilityProperties>;
export type FacilityCollection = FeatureCollection<Point, FacilityProperties>;

/** A page of facilities: `total` match in all, `truncated` when this page left some out. */
export interface FacilityPage extends FacilityCollection {
  total: number;
  truncated: boolean;
}
