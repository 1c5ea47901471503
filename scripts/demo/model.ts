// The records the generator writes; property names are the file formats' field names.
import type { MultiPolygon, Position } from './geometry.ts';

export type RegionLevel = 'district' | 'street' | 'community';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  geom: MultiPolygon;
  areaM2: number;
  pointOnSurface: Position;
}

export interface Grid {
  code: string;
  name: string;
  communityCode: string;
  households: number;
  population: number;
  leaderName: string;
  leaderPhone: string;
  geom: MultiPolygon;
  areaM2: number;
  pointOnSurface: Position;
}

export const FACILITY_KINDS = ['center', 'station', 'party_home', 'rep_studio', 'volunteer_point'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export interface Facility {
  key: string;
  name: string;
  kind: FacilityKind;
  address: string;
  phone: string;
  openingHours: string;
  services: string[];
  public: boolean;
  at: Position;
}

export const ORG_KINDS = ['committee', 'general_branch', 'branch', 'group'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface PartyOrg {
  key: string;
  name: string;
  kind: OrgKind;
  parentKey: string | null;
  gridCode: string | null;
}

export interface Member {
  name: string;
  status: 'formal' | 'probationary';
  orgKey: string;
  floating: boolean;
  at: Position;
  phone: string;
  /** Not written: kept for the checks. */
  gridCode: string;
}

/** Code-point order: unlike localeCompare it cannot change with the ICU data of a Node build. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
