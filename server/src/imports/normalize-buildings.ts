import type { Polygon, Position } from 'geojson';
import type { Crs } from '../geo/crs.ts';
import { BUILDING_FIELDS, matchHeaders, type SourceData, type SourceRecord } from './import-fields.ts';
import { geometryType, pointPosition, readPolygonal, roundPosition } from './import-geometry.ts';
import type { BuildingImportRow, ImportProblem } from './import-types.ts';
import { count, digitsCode, text } from './import-values.ts';
import type { Normalized } from './normalize-grids.ts';
import { FieldMap, type RecordReader } from './record-reader.ts';
import { WKT_COLUMN, wktGeometry } from './read-wkt.ts';

type BuildingField = keyof typeof BUILDING_FIELDS;

/** Most households one building may hold (a tower block has a few hundred); more is a typing error. */
export const MAX_BUILDING_HOUSEHOLDS = 5_000;
const MAX_BUILDING_POPULATION = 20_000;
/** The side of the square a building given as a point is drawn as, in metres. */
export const POINT_BUILDING_SIDE_M = 10;

const communityCode = digitsCode(12, {
  zh: '（统计用区划代码，如 320213001001；也可留空，按楼栋位置判断所属社区）',
  en: ' (the statistical code, e.g. 320213001001; or leave it empty to use the community the building stands in)',
});

/**
 * Building features (polygons, a multipolygon of one part, or points) or table rows (longitude
 * and latitude columns, or a WKT column) to rows in WGS84. A point becomes a square of
 * POINT_BUILDING_SIDE_M around it (source 'point'). A table with neither coordinate nor WKT
 * columns updates buildings' figures: each row names a stored building by its id (编号) and has
 * no place (geometry null).
 */
export function normalizeBuildings(data: SourceData, crs: Crs): Normalized<BuildingImportRow> {
  const fields = new FieldMap(BUILDING_FIELDS, data);
  const table = data.records.every((record) => record.geometry === undefined);
  const wktColumn = table ? matchHeaders({ wkt: WKT_COLUMN }, data.headers).wkt : null;
  const figuresOnly = table && wktColumn === null && !fields.has('lng') && !fields.has('lat');
  const byPoint = table && wktColumn === null && !figuresOnly;
  const rows: BuildingImportRow[] = [];
  const problems: ImportProblem[] = [];
  for (const record of data.records) {
    const r = fields.read(record);
    const id = r.optional('key', text(100));
    const name = r.optional('name', text(100));
    const households = r.required('households', count(MAX_BUILDING_HOUSEHOLDS), { zh: '户数', en: 'the number of households' });
    const population = r.optional('population', count(MAX_BUILDING_POPULATION));
    const code = r.optional('communityCode', communityCode);
    if (figuresOnly) {
      if (id === null && r.isEmpty('key')) {
        const key = r.field('key');
        r.report(
          key,
          'MISSING_FIELD',
          `缺少楼栋编号：没有经纬度的表格按编号更新已有楼栋，请填写“${key}”（与导出的楼栋表中的编号一致）；新楼栋请填写经纬度`,
          `the building id is missing: a table without coordinates updates existing buildings by their id (as in the buildings export); fill in “${key}”, or give longitude and latitude for a new building`,
        );
      }
      if (r.problems.length > 0 || id === null || households === null) {
        problems.push(...r.problems);
        continue;
      }
      rows.push({ row: record.row, key: id, name, communityCode: code, households, population, geometry: null, source: null });
      continue;
    }
    if (id === null && name === null && r.isEmpty('key') && r.isEmpty('name')) {
      r.report(r.field('key'), 'MISSING_FIELD', `缺少楼栋编号或名称：请填写“${r.field('key')}”或“${r.field('name')}”`, 'the building needs an id or a name to be matched on a later import');
    }
    const shape = byPoint ? pointShape(r, crs) : featureShape(r, record, wktColumn, crs);
    if (r.problems.length > 0 || shape === null || households === null) {
      problems.push(...r.problems);
      continue;
    }
    rows.push({ row: record.row, key: id ?? name!, name, communityCode: code, households, population, geometry: shape.polygon, source: shape.source });
  }
  const present = fields.present.filter((f) => byPoint || (f !== 'lng' && f !== 'lat'));
  // Problems of a point row's place (outside every community…) stand under its longitude column.
  const written = { ...fields.written, geometry: byPoint ? fields.written.lng : (wktColumn ?? 'geometry') };
  return { rows, problems, fields: written, present: wktColumn === null ? present : [...present, 'geometry'] };
}

type Shape = { polygon: Polygon; source: 'import' | 'point' };

/** A table row's point from its longitude and latitude columns. */
function pointShape(r: RecordReader<BuildingField>, crs: Crs): Shape | null {
  const point = r.lngLat('lng', 'lat', crs, {
    zh: `缺少位置：请填写“${r.field('lng')}”和“${r.field('lat')}”（十进制度），或用带 wkt 列的表格、GeoJSON、Shapefile 给出楼栋轮廓`,
    en: 'no place: fill in longitude and latitude in decimal degrees, or give the outline as WKT, GeoJSON or a Shapefile',
  });
  return point === null ? null : { polygon: square(point), source: 'point' };
}

/** A feature's geometry, or a table row's WKT: a polygon (one part), or a point drawn as a square. */
function featureShape(r: RecordReader<BuildingField>, record: SourceRecord, wktColumn: string | null, crs: Crs): Shape | null {
  let geometry: unknown = record.geometry;
  const field = wktColumn ?? 'geometry';
  if (record.geometry === undefined) {
    const wkt = wktGeometry(record.values.get(wktColumn!) ?? null);
    if (!wkt.ok) {
      r.report(field, 'INVALID_GEOMETRY', wkt.zh.replace('网格', '楼栋'), wkt.en.replace('grid', 'building'));
      return null;
    }
    geometry = wkt.geometry;
  }
  if (geometryType(geometry) === 'Point') {
    const position = pointPosition(geometry);
    if (position === 'not-a-point' || position === 'bad-position') {
      r.report(field, 'INVALID_GEOMETRY', '点的坐标不是两个数字', 'the Point’s coordinates are not two numbers');
      return null;
    }
    const point = r.checkedPoint(position, crs, field, field);
    return point === null ? null : { polygon: square(point), source: 'point' };
  }
  const shape = readPolygonal(geometry, crs);
  if (!shape.ok) {
    r.report(field, shape.code, shape.zh.replace('网格', '楼栋'), shape.en.replace('a grid', 'a building'));
    return null;
  }
  const g = shape.geometry;
  if (g.type === 'Polygon') return { polygon: g, source: 'import' };
  if (g.coordinates.length === 1) return { polygon: { type: 'Polygon', coordinates: g.coordinates[0]! }, source: 'import' };
  r.report(
    field,
    'INVALID_GEOMETRY',
    `楼栋由 ${g.coordinates.length} 个互不相连的面组成：一栋楼只能是一个面，请拆成多行`,
    `the building is ${g.coordinates.length} separate polygons: a building is one polygon, split it into rows`,
  );
  return null;
}

/** A square of POINT_BUILDING_SIDE_M metres centred on a WGS84 point, counter-clockwise. */
export function square([lng, lat]: [number, number]): Polygon {
  const dLat = POINT_BUILDING_SIDE_M / 2 / 111_320;
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  const corners: Position[] = [
    [lng - dLng, lat - dLat], [lng + dLng, lat - dLat], [lng + dLng, lat + dLat], [lng - dLng, lat + dLat], [lng - dLng, lat - dLat],
  ].map((p) => roundPosition(p as [number, number]));
  return { type: 'Polygon', coordinates: [corners] };
}
