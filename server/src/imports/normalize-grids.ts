import type { Crs } from '../geo/crs.ts';
import { GRID_FIELDS, matchHeaders, type SourceData, type SourceRecord } from './import-fields.ts';
import { readPolygonal } from './import-geometry.ts';
import type { GridImportRow, ImportProblem } from './import-types.ts';
import { count, digitsCode, phone, text } from './import-values.ts';
import { FieldMap } from './record-reader.ts';
import { WKT_COLUMN, wktGeometry } from './read-wkt.ts';

export interface Normalized<T> {
  rows: T[];
  problems: ImportProblem[];
  /** Field name → its name in the file, so later checks report problems under the file's own names. */
  fields: Record<string, string>;
  /** The fields the file has a column for: an update keeps the stored value of any other. */
  present: string[];
}

const gridCode = digitsCode(15, {
  zh: '（12 位社区代码加 3 位序号；新网格请留空，系统自动编码）',
  en: ' (12-digit community code and a 3-digit number; leave it empty for a new grid)',
});
const communityCode = digitsCode(12, {
  zh: '（统计用区划代码，如 320213001001；也可留空，按位置判断所属社区）',
  en: ' (the statistical code, e.g. 320213001001; or leave it empty to use the community the grid lies in)',
});

/**
 * Grid features (or table rows with the shape in a WKT column) to rows in WGS84; `crs` is the
 * system the coordinates are in.
 */
export function normalizeGrids(data: SourceData, crs: Crs): Normalized<GridImportRow> {
  const fields = new FieldMap(GRID_FIELDS, data);
  // Tables only: a feature's property called “geometry” is just a property.
  const table = data.records.every((record) => record.geometry === undefined);
  const wktColumn = table ? matchHeaders({ wkt: WKT_COLUMN }, data.headers).wkt : null;
  const rows: GridImportRow[] = [];
  const problems: ImportProblem[] = [];
  for (const record of data.records) {
    const r = fields.read(record);
    const row: Omit<GridImportRow, 'geometry'> = {
      row: record.row,
      code: r.optional('code', gridCode),
      name: r.required('name', text(100), { zh: '网格名称', en: 'the grid name' }),
      communityCode: r.optional('communityCode', communityCode),
      households: r.optional('households', count(1_000_000)),
      population: r.optional('population', count(1_000_000)),
      leaderName: r.optional('leaderName', text(50)),
      leaderPhone: r.optional('leaderPhone', phone),
    };
    const geometry = tableShape(record, wktColumn);
    const shape = geometry.ok ? readPolygonal(geometry.geometry, crs) : ({ ...geometry, code: 'INVALID_GEOMETRY' } as const);
    if (!shape.ok) r.report('geometry', shape.code, shape.zh, shape.en);
    if (r.problems.length > 0 || !shape.ok) {
      problems.push(...r.problems);
      continue;
    }
    rows.push({ ...row, geometry: shape.geometry });
  }
  if (wktColumn === null) return { rows, problems, fields: fields.written, present: fields.present };
  return { rows, problems, fields: { ...fields.written, geometry: wktColumn }, present: [...fields.present, 'geometry'] };
}

/** A feature's geometry as read; a table row's from its WKT column. */
function tableShape(record: SourceRecord, wktColumn: string | null): ReturnType<typeof wktGeometry> {
  if (record.geometry !== undefined) return { ok: true, geometry: record.geometry };
  if (wktColumn === null) {
    return {
      ok: false,
      zh: '表格没有 wkt 列：网格边界要写成 WKT 放在“wkt”列（导出的网格 CSV 即是如此），或改用 GeoJSON、Shapefile',
      en: 'the table has no wkt column: give each grid its shape as WKT in a “wkt” column (as the grids CSV export does), or use GeoJSON or a Shapefile',
    };
  }
  return wktGeometry(record.values.get(wktColumn) ?? null);
}
