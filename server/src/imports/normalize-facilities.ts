import type { Crs } from '../geo/crs.ts';
import { FACILITY_FIELDS, type SourceData } from './import-fields.ts';
import { geometryType, pointPosition } from './import-geometry.ts';
import type { FacilityImportRow, ImportProblem } from './import-types.ts';
import { facilityKind, phone, positiveId, serviceList, text, yesNo } from './import-values.ts';
import type { Normalized } from './normalize-grids.ts';
import { FieldMap, type RecordReader } from './record-reader.ts';

type FacilityField = keyof typeof FACILITY_FIELDS;

/** Facility rows (CSV/XLSX columns, or GeoJSON Point features) to rows in WGS84. */
export function normalizeFacilities(data: SourceData, crs: Crs): Normalized<FacilityImportRow> {
  const fields = new FieldMap(FACILITY_FIELDS, data);
  const rows: FacilityImportRow[] = [];
  const problems: ImportProblem[] = [];
  for (const record of data.records) {
    const r = fields.read(record);
    const id = r.optional('id', positiveId);
    const name = r.required('name', text(100), { zh: '站点名称', en: 'the name' });
    // Without a kind column an update keeps the stored kind (a new station is refused later).
    const kind = fields.has('kind') ? r.required('kind', facilityKind, { zh: '站点类型', en: 'the kind' }) : null;
    const address = r.optional('address', text(200));
    const phoneNumber = r.optional('phone', phone);
    const openingHours = r.optional('openingHours', text(200));
    const services = r.optional('services', serviceList) ?? [];
    const isPublic = r.optional('public', yesNo) ?? true;
    const table = record.geometry === undefined;
    // A table without coordinate columns updates what it has columns for and keeps the places.
    const placeless = table && !fields.has('lng') && !fields.has('lat');
    const point = placeless ? null : table || (record.geometry === null && fields.has('lng')) ? r.lngLat('lng', 'lat', crs) : featurePoint(r, record.geometry, crs);
    if (r.problems.length > 0 || name === null || (kind === null && fields.has('kind')) || (point === null && !placeless)) {
      problems.push(...r.problems);
      continue;
    }
    rows.push({ row: record.row, id, name, kind, address, phone: phoneNumber, openingHours, services, public: isPublic, lng: point?.[0] ?? null, lat: point?.[1] ?? null });
  }
  // Stations from GeoJSON have their place in the geometry, not in columns.
  const written = fields.has('lng') ? fields.written : { ...fields.written, lng: 'geometry', lat: 'geometry' };
  return { rows, problems, fields: written, present: fields.present };
}

/** A station from a GeoJSON feature stands at its Point. */
function featurePoint(r: RecordReader<FacilityField>, geometry: unknown, crs: Crs): [number, number] | null {
  if (geometry === null) {
    r.report('geometry', 'MISSING_COORDINATE', '要素没有几何位置：请给站点一个点 (Point)', 'the feature has no geometry: give the facility a Point');
    return null;
  }
  const position = pointPosition(geometry);
  if (position === 'not-a-point') {
    const type = geometryType(geometry);
    r.report('geometry', 'INVALID_GEOMETRY', `几何类型是 ${type}，站点必须是点 (Point)`, `the geometry is a ${type}; a facility must be a Point`);
    return null;
  }
  if (position === 'bad-position') {
    r.report('geometry', 'INVALID_GEOMETRY', '点的坐标不是两个数字', 'the Point’s coordinates are not two numbers');
    return null;
  }
  return r.checkedPoint(position, crs, 'geometry', 'geometry');
}
