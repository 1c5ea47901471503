import type { Crs } from '../geo/crs.ts';
import { MEMBER_FIELDS, type SourceData } from './import-fields.ts';
import type { ImportProblem, MemberImportRow } from './import-types.ts';
import { memberStatus, phone, text, yesNo } from './import-values.ts';
import type { Normalized } from './normalize-grids.ts';
import { FieldMap } from './record-reader.ts';

/** Member rows to rows in WGS84. Homes need coordinates: addresses are not geocoded. */
export function normalizeMembers(data: SourceData, crs: Crs): Normalized<MemberImportRow> {
  const fields = new FieldMap(MEMBER_FIELDS, data);
  const rows: MemberImportRow[] = [];
  const problems: ImportProblem[] = [];
  for (const record of data.records) {
    const r = fields.read(record);
    const name = r.required('name', text(50), { zh: '姓名', en: 'the name' });
    const status = r.required('status', memberStatus, { zh: '党员状态（正式党员/预备党员）', en: 'the status (formal/probationary)' });
    const orgName = r.optional('orgName', text(100));
    const floating = r.optional('floating', yesNo) ?? false;
    const phoneNumber = r.optional('phone', phone);
    const lng = r.field('lng');
    const lat = r.field('lat');
    const addressOnly = r.isEmpty('address')
      ? undefined
      : {
          zh: `只有地址没有坐标：系统不做地址解析，请补充“${lng}”和“${lat}”（可在地图上取点）`,
          en: `an address but no coordinates: addresses are not geocoded; add “${lng}” and “${lat}” (pick the point on the map)`,
        };
    const point = r.lngLat('lng', 'lat', crs, addressOnly);
    if (r.problems.length > 0 || name === null || status === null || point === null) {
      problems.push(...r.problems);
      continue;
    }
    rows.push({ row: record.row, name, status, orgName, floating, phone: phoneNumber, lng: point[0], lat: point[1] });
  }
  return { rows, problems, fields: fields.written, present: fields.present };
}
