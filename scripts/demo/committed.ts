// Reads back the committed demo files, so one step (the buildings) can be regenerated on its own
// from the grids and regions already in data/demo, and the README's figures recounted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildingGrid } from './buildings.ts';
import type { GeoDb } from './db.ts';
import type { MultiPolygonCoords } from './geometry.ts';
import type { BuildingFacts, ReadmeFacts } from './readme.ts';

interface FeatureIn<P> {
  properties: P;
  geometry: { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
}

function featuresOf<P>(dir: string, file: string): FeatureIn<P>[] {
  return (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { features: FeatureIn<P>[] }).features;
}

function csvRows(dir: string, file: string): number {
  return readFileSync(join(dir, file), 'utf8').trim().split('\n').length - 1;
}

export function readBuildingGrids(dir: string): BuildingGrid[] {
  return featuresOf<{ code: string; communityCode: string }>(dir, 'grids.geojson').map((f) => ({
    code: f.properties.code,
    communityCode: f.properties.communityCode,
    geom: f.geometry.coordinates,
  }));
}

export function readCommunityNames(dir: string): Map<string, string> {
  const regions = featuresOf<{ code: string; name: string; level: string }>(dir, 'regions.geojson');
  return new Map(regions.filter((r) => r.properties.level === 'community').map((r) => [r.properties.code, r.properties.name]));
}

/** The README's figures counted from the files on disk (the district's area measured by PostGIS). */
export async function readmeFactsFromFiles(db: GeoDb, dir: string, seed: string, buildings: BuildingFacts): Promise<ReadmeFacts> {
  const regions = featuresOf<{ level: string }>(dir, 'regions.geojson');
  const district = regions.find((r) => r.properties.level === 'district');
  if (!district) throw new Error('regions.geojson has no district');
  const { area } = await db.one<{ area: number }>(
    `select ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography) area`,
    [JSON.stringify(district.geometry)],
  );
  return {
    streets: regions.filter((r) => r.properties.level === 'street').length,
    communities: regions.filter((r) => r.properties.level === 'community').length,
    grids: featuresOf(dir, 'grids.geojson').length,
    facilities: featuresOf(dir, 'facilities.geojson').length,
    orgs: csvRows(dir, 'party-orgs.csv'),
    members: csvRows(dir, 'members.csv'),
    districtAreaKm2: Number(area) / 1e6,
    repairedPieces: district.geometry.coordinates.length,
    repairedHoles: district.geometry.coordinates.reduce((t, polygon) => t + polygon.length - 1, 0),
    seed,
    buildings,
  };
}
