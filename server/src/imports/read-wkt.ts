import wkx from 'wkx';
import type { Cell } from './import-fields.ts';
import { cellText } from './import-values.ts';

// A shape written as Well-Known Text in a table's cell (the grids CSV export's `wkt` column,
// QGIS's “Save as CSV… GEOMETRY=AS_WKT”, PostGIS's ST_AsText), to GeoJSON for the usual checks.

/** Names of the column that holds the shape, as our export, QGIS and GDAL write it. */
export const WKT_COLUMN = ['wkt', 'geometry', 'geom', 'the_geom', 'shape', '几何', '边界', '空间信息'] as const;

export type WktResult = { ok: true; geometry: unknown } | { ok: false; zh: string; en: string };

export function wktGeometry(cell: Cell): WktResult {
  const text = cellText(cell);
  if (text === null) return { ok: false, zh: '缺少边界：请在 wkt 列填写网格的 WKT，如 POLYGON((…))', en: 'no shape: write the grid as WKT, e.g. POLYGON((…)), in the wkt column' };
  try {
    return { ok: true, geometry: wkx.Geometry.parse(text).toGeoJSON() };
  } catch (err) {
    const why = err instanceof Error ? err.message : 'unreadable';
    return { ok: false, zh: `WKT 无法读取（${why}）：请从 GIS 软件重新导出`, en: `the WKT could not be read (${why}): export it again from the GIS` };
  }
}
