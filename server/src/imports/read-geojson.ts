import { decodeText } from './decode-text.ts';
import { reason, unreadable } from './import-errors.ts';
import type { Cell, SourceData, SourceRecord } from './import-fields.ts';

// A GeoJSON FeatureCollection (or one Feature, or a bare geometry) to numbered features.
// Geometry is passed on as read; the kind's normaliser checks it.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/**
 * Deeper than any GeoJSON a GIS program writes (a GeometryCollection's MultiPolygon positions sit
 * at level 10); a file nested deeper is refused before anything walks it recursively.
 */
const MAX_DEPTH = 64;

/** Names of lon/lat systems an old-style GeoJSON "crs" member may give. */
const LON_LAT_CRS = /(crs84|epsg:+4326|epsg:+4490|epsg:+4610|wgs\s*84)$/i;

export function readGeoJson(bytes: Uint8Array): SourceData {
  const { text } = decodeText(bytes);
  if (text.trim() === '') throw unreadable('文件是空的', 'the file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw unreadable('无法读取 GeoJSON：不是有效的 JSON，请重新导出', `not valid JSON (${reason(err)}): export the file again`);
  }
  if (nestsDeeperThan(json, MAX_DEPTH)) {
    throw unreadable(`无法读取 GeoJSON：嵌套超过 ${MAX_DEPTH} 层，不是 GIS 软件导出的文件，请重新导出`, `the JSON nests deeper than ${MAX_DEPTH} levels, which no GIS program writes: export the file again`);
  }
  if (!isObject(json) || typeof json.type !== 'string') {
    throw unreadable('无法读取 GeoJSON：缺少 "type"，应为 FeatureCollection', 'not GeoJSON (no "type"): upload a FeatureCollection');
  }
  checkDeclaredCrs(json.crs);

  let features: unknown[];
  if (json.type === 'FeatureCollection') {
    if (!Array.isArray(json.features)) throw unreadable('无法读取 GeoJSON：FeatureCollection 缺少 "features" 数组', 'the FeatureCollection has no "features" array');
    features = json.features;
  } else if (json.type === 'Feature') {
    features = [json];
  } else if (GEOMETRY_TYPES.has(json.type)) {
    features = [{ type: 'Feature', geometry: json, properties: {} }];
  } else {
    throw unreadable(`无法读取 GeoJSON：不认识的类型 “${json.type}”`, `unknown GeoJSON type "${json.type}": upload a FeatureCollection`);
  }

  const headers: string[] = [];
  const seen = new Set<string>();
  const records: SourceRecord[] = features.map((feature, index) => {
    const values = new Map<string, Cell>();
    const f = isObject(feature) ? feature : {};
    const properties = isObject(f.properties) ? f.properties : {};
    for (const [key, value] of Object.entries(properties)) {
      values.set(key, toCell(value));
      if (!seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
    return { row: index + 1, values, geometry: f.geometry ?? null };
  });
  return { headers, records };
}

/** Whether arrays and objects nest more than `max` levels, found without recursion. */
function nestsDeeperThan(root: unknown, max: number): boolean {
  const stack: { value: object; depth: number }[] = [];
  if (typeof root === 'object' && root !== null) stack.push({ value: root, depth: 1 });
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.depth > max) return true;
    for (const child of Object.values(item.value)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child as object, depth: item.depth + 1 });
    }
  }
  return false;
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // A list of names (a station's services) reads as the table cell "a、b" would.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、');
  return JSON.stringify(value);
}

/** GeoJSON is longitude/latitude; an old "crs" member naming a projected system cannot be used. */
function checkDeclaredCrs(crs: unknown): void {
  if (!isObject(crs) || !isObject(crs.properties)) return;
  const name = crs.properties.name;
  if (typeof name !== 'string' || LON_LAT_CRS.test(name.trim())) return;
  throw unreadable(
    `GeoJSON 声明的坐标系是 ${name}，不是经纬度：请在 GIS 软件中导出为 WGS84 (EPSG:4326) 的 GeoJSON，或上传带 .prj 的 Shapefile (.zip)`,
    `the GeoJSON declares ${name}, not longitude/latitude: export it in WGS84 (EPSG:4326), or upload the Shapefile with its .prj as a .zip`,
  );
}
