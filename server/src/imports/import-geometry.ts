import type { MultiPolygon, Polygon, Position } from 'geojson';
import { toWgs84, type Crs } from '../geo/crs.ts';

// Structural checks of a geometry read from a file, then conversion to WGS84 in two dimensions.
// Self-intersections and the like are the database's to find (ST_IsValid), not ours.

export type GeometryResult<G> = { ok: true; geometry: G } | { ok: false; code: 'INVALID_GEOMETRY' | 'BAD_VALUE'; zh: string; en: string };

const invalid = (zh: string, en: string) => ({ ok: false, code: 'INVALID_GEOMETRY', zh, en }) as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(geometry: unknown): string {
  return isObject(geometry) && typeof geometry.type === 'string' ? geometry.type : typeof geometry;
}

/** A Polygon or MultiPolygon (a GeometryCollection of polygons becomes a MultiPolygon), in WGS84. */
export function readPolygonal(geometry: unknown, crs: Crs): GeometryResult<Polygon | MultiPolygon> {
  if (geometry === null || geometry === undefined) {
    return invalid('没有可用的几何图形：网格必须是面 (Polygon)，每个环至少 4 个点', 'the feature has no usable geometry: a grid must be a polygon whose rings have at least 4 positions');
  }
  let polygons: unknown[];
  let single = false;
  const type = typeOf(geometry);
  const g = geometry as Record<string, unknown>;
  if (type === 'Polygon') {
    polygons = [g.coordinates];
    single = true;
  } else if (type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return invalid('多面 (MultiPolygon) 没有坐标', 'the MultiPolygon has no coordinates');
    polygons = g.coordinates;
  } else if (type === 'GeometryCollection' && Array.isArray(g.geometries)) {
    const members = g.geometries as unknown[];
    const others = members.map(typeOf).filter((t) => t !== 'Polygon' && t !== 'MultiPolygon');
    if (others.length > 0 || members.length === 0) {
      return invalid(`几何集合里有 ${others.join('、') || '空内容'}，网格只能由面组成`, `the geometry collection holds ${others.join(', ') || 'nothing'}: a grid is made of polygons only`);
    }
    polygons = members.flatMap((m) => {
      const mg = m as { type: string; coordinates: unknown };
      return mg.type === 'Polygon' ? [mg.coordinates] : Array.isArray(mg.coordinates) ? (mg.coordinates as unknown[]) : [mg.coordinates];
    });
  } else {
    return invalid(`几何类型是 ${type}，网格必须是面 (Polygon 或 MultiPolygon)`, `the geometry is a ${type}; a grid must be a Polygon or MultiPolygon`);
  }

  const out: Position[][][] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return invalid('面没有坐标环', 'a polygon has no rings');
    const rings: Position[][] = [];
    for (const [r, ring] of polygon.entries()) {
      const checked = checkRing(ring, r === 0 ? '外环' : `第 ${r} 个内环`, r === 0 ? 'the outer ring' : `inner ring ${r}`);
      if (!checked.ok) return checked;
      rings.push(checked.geometry.map((p) => roundPosition(toWgs84(p, crs))));
    }
    out.push(rings);
  }
  return { ok: true, geometry: single ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out } };
}

function checkRing(ring: unknown, zhName: string, enName: string): GeometryResult<[number, number][]> {
  if (!Array.isArray(ring)) return invalid(`${zhName}不是坐标数组`, `${enName} is not a list of positions`);
  const positions: [number, number][] = [];
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return invalid(`${zhName}里有不是数字的坐标`, `${enName} has a position that is not two numbers`);
    }
    positions.push([p[0], p[1]]);
  }
  if (positions.length < 4) {
    return invalid(`${zhName}只有 ${positions.length} 个点，至少需要 4 个（3 个角点加回到起点）`, `${enName} has ${positions.length} positions; a ring needs at least 4 (3 corners and the first again)`);
  }
  const first = positions[0]!;
  const last = positions[positions.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return invalid(`${zhName}没有闭合：最后一个点应与第一个点相同`, `${enName} is not closed: its last position must repeat the first`);
  }
  for (const [lng, lat] of positions) {
    if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) {
      return {
        ok: false,
        code: 'BAD_VALUE',
        zh: `坐标 ${lng}, ${lat} 超出经纬度范围：文件可能是投影坐标（米），请转成经纬度，或上传带 .prj 的 Shapefile`,
        en: `position ${lng}, ${lat} is not longitude/latitude: the file may be in metres; convert it to degrees or upload a Shapefile with its .prj`,
      };
    }
  }
  return { ok: true, geometry: positions };
}

/** A Point's position (Z dropped), not yet converted to WGS84. */
export function pointPosition(geometry: unknown): [number, number] | 'not-a-point' | 'bad-position' {
  if (typeOf(geometry) !== 'Point') return 'not-a-point';
  const c = (geometry as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number' || !Number.isFinite(c[0]) || !Number.isFinite(c[1])) {
    return 'bad-position';
  }
  return [c[0], c[1]];
}

export { typeOf as geometryType };

/**
 * 9 decimals (0.1 mm): what ST_AsGeoJSON writes back and the most Terra Draw accepts, so an
 * exported and re-imported grid compares equal and stays editable.
 */
export function roundPosition([lng, lat]: [number, number]): [number, number] {
  return [Math.round(lng * 1e9) / 1e9, Math.round(lat * 1e9) / 1e9];
}
