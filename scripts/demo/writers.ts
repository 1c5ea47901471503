// Deterministic file output: one GeoJSON feature per line (diffs stay readable), properties in a
// fixed order, "\n" line ends, coordinates already rounded to 7 decimals.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Building } from './buildings.ts';
import { round7, roundPosition, type MultiPolygon, type Point, type Polygon } from './geometry.ts';
import type { Facility, Grid, Member, PartyOrg, Region } from './model.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface FeatureOut {
  properties: { [key: string]: Json };
  geometry: MultiPolygon | Polygon | Point;
}

function roundMultiPolygon(geom: MultiPolygon): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: geom.coordinates.map((p) => p.map((r) => r.map(roundPosition))) };
}

export function writeText(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, 'utf8');
}

export function writeFeatureCollection(file: string, features: readonly FeatureOut[]): void {
  const lines = features.map(
    (f) => JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry }),
  );
  writeText(file, `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`);
}

export function regionFeatures(regions: readonly Region[]): FeatureOut[] {
  return regions.map((r) => ({
    properties: { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode },
    geometry: roundMultiPolygon(r.geom),
  }));
}

export function gridFeatures(grids: readonly Grid[]): FeatureOut[] {
  return grids.map((g) => ({
    properties: {
      code: g.code,
      name: g.name,
      communityCode: g.communityCode,
      households: g.households,
      population: g.population,
      leaderName: g.leaderName,
      leaderPhone: g.leaderPhone,
    },
    geometry: roundMultiPolygon(g.geom),
  }));
}

export function facilityFeatures(facilities: readonly Facility[]): FeatureOut[] {
  return facilities.map((f) => ({
    properties: {
      key: f.key,
      name: f.name,
      kind: f.kind,
      address: f.address,
      phone: f.phone,
      openingHours: f.openingHours,
      services: f.services,
      public: f.public,
    },
    geometry: { type: 'Point', coordinates: roundPosition(f.at) },
  }));
}

/** Buildings as Polygons (their rings are already rounded to 7 decimals), in the given order. */
export function buildingFeatures(buildings: readonly Building[]): FeatureOut[] {
  return buildings.map((b) => ({
    properties: { key: b.key, communityCode: b.communityCode, name: b.name, households: b.households, population: b.population },
    geometry: { type: 'Polygon', coordinates: [b.ring.map(roundPosition)] },
  }));
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(file: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  writeText(file, `${lines.join('\n')}\n`);
}

export function writePartyOrgs(file: string, orgs: readonly PartyOrg[]): void {
  writeCsv(
    file,
    ['key', 'name', 'kind', 'parentKey', 'gridCode'],
    orgs.map((o) => [o.key, o.name, o.kind, o.parentKey ?? '', o.gridCode ?? '']),
  );
}

export function writeMembers(file: string, members: readonly Member[]): void {
  writeCsv(
    file,
    ['name', 'status', 'orgKey', 'floating', 'lng', 'lat', 'phone'],
    members.map((m) => [m.name, m.status, m.orgKey, String(m.floating), String(round7(m.at[0])), String(round7(m.at[1])), m.phone]),
  );
}
