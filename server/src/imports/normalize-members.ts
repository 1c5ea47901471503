import type { Crs } from '../geo/crs.ts';
import { MEMBER_FIELDS, type SourceData } from './import-fields.ts';
import type { ImportProblem, MemberImportRow } from './import-types.ts';
import { memberStatus, phone, text, yesNo } from './import-values.ts';
import type { Normalized } from './normalize-grids.ts';
import { FieldMap } from './record-reader.ts';

/**
 * Member rows to rows in WGS84. A row without coordinates (the roster export has none) keeps the
 * stored home of the member it updates; a new member needs them, as addresses are not geocoded.
 */
export function normalizeMembers(data: SourceData, crs: Crs): Normalized<MemberImportRow> {
  const fields = new FieldMap(MEMBER_FIELDS, data);
  const rows: MemberImportRow[] = [];
  const problems: ImportProblem[] = [];
  for (const record of data.records) {
    const r = fields.read(record);
    const name = r.required('name', text(50), { zh: '姓名', en: 'the name' });
    // Without a status column an update keeps the stored status (a new member is refused later).
    const status = fields.has('status') ? r.required('status', memberStatus, { zh: '党员状态（正式党员/预备党员）', en: 'the status (formal/probationary)' }) : null;
    const orgName = r.optional('orgName', text(100));
    const floating = r.optional('floating', yesNo) ?? false;
    const phoneNumber = r.optional('phone', phone);
    const placeless = r.isEmpty('lng') && r.isEmpty('lat');
    const point = placeless ? null : r.lngLat('lng', 'lat', crs);
    if (r.problems.length > 0 || name === null || (status === null && fields.has('status')) || (point === null && !placeless)) {
      problems.push(...r.problems);
      continue;
    }
    const addressOnly = placeless && !r.isEmpty('address');
    rows.push({ row: record.row, name, status, orgName, floating, phone: phoneNumber, lng: point?.[0] ?? null, lat: point?.[1] ?? null, addressOnly });
  }
  return { rows, problems, fields: fields.written, present: fields.present };
}
