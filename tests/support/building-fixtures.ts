import fs from 'node:fs';
import type { Polygon } from 'geojson';
import { FIXTURE_COMMUNITY_1 } from './import-fixtures.ts';

// The buildings import fixtures (tests/fixtures/buildings/, written by
// scripts/make-building-fixtures.ts from the constants below). Everything stands in community
// 320213999001 of the import fixtures (makeFixtureCommunities inserts it): its west half holds
// the GeoJSON and Shapefile buildings, its east half the CSV points.

const DIR = new URL('../fixtures/buildings/', import.meta.url);

export function buildingFixtureBytes(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(new URL(name, DIR)));
}

const { west, south, code } = FIXTURE_COMMUNITY_1;
const deg = (v: number) => Math.round(v * 1e7) / 1e7;

/** A rectangle of about w × h metres whose south-west corner is at (dx, dy) metres from the community's. */
function rect(dx: number, dy: number, w: number, h: number): Polygon {
  const x0 = deg(west + dx / 95_000);
  const y0 = deg(south + dy / 111_000);
  const x1 = deg(west + (dx + w) / 95_000);
  const y1 = deg(south + (dy + h) / 111_000);
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

export interface FixtureBuilding {
  id: string;
  name: string;
  households: number;
  population: number;
  geometry: Polygon;
  communityCode?: string;
}

/** buildings.geojson: 楼栋 with Chinese property names 编号, 楼栋, 户数, 人口 (社区编码 on the first). */
export const GEOJSON_BUILDINGS: FixtureBuilding[] = [
  { id: 'A1', name: '1幢', households: 60, population: 150, geometry: rect(100, 100, 30, 12), communityCode: code },
  { id: 'A2', name: '2幢', households: 48, population: 120, geometry: rect(100, 300, 30, 12) },
  { id: 'A3', name: '3幢', households: 72, population: 180, geometry: rect(100, 700, 30, 12) },
];

/** buildings.zip: a Shapefile in WGS84 without .prj, DBF fields id, name, households, population. */
export const SHAPEFILE_BUILDINGS: FixtureBuilding[] = [
  { id: 'S1', name: 'S1', households: 30, population: 75, geometry: rect(300, 150, 20, 20) },
  { id: 'S2', name: 'S2', households: 36, population: 90, geometry: rect(300, 800, 20, 20) },
];

/** buildings-points.csv: UTF-8, headers 编号,楼栋,户数,人口,经度,纬度; each point becomes a ~10 m square. */
export const CSV_POINT_BUILDINGS: { id: string; name: string; households: number; population: number; at: [number, number] }[] = [
  { id: 'P1', name: '东1幢', households: 90, population: 220, at: [deg(west + 700 / 95_000), deg(south + 200 / 111_000)] },
  { id: 'P2', name: '东2幢', households: 110, population: 260, at: [deg(west + 750 / 95_000), deg(south + 600 / 111_000)] },
  { id: 'P3', name: '东3幢', households: 40, population: 100, at: [deg(west + 800 / 95_000), deg(south + 900 / 111_000)] },
];
