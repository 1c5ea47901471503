import { describe, expect, it } from 'vitest';
import { checkAccountInput } from '../../client/src/features/admin/saveErrors.ts';
import { ROLES } from '../../server/src/contract/accounts.ts';
import { csvText } from '../../server/src/contract/csv.ts';
import { ERROR_CODES } from '../../server/src/contract/error-codes.ts';
import { CHANGE_KINDS, CHANGESET_KINDS } from '../../server/src/contract/grids.ts';
import { FACILITY_KINDS, REGION_LEVELS } from '../../server/src/contract/places.ts';
import { COMMUNITY_CODE, REGION_CODE } from '../../server/src/contract/region-code.ts';
import { listMigrations } from '../../server/src/db/migrate.ts';

// What the client and the server share (server/src/contract): one CSV writer, one region code,
// the error codes and the values the wire types allow.

describe('the CSV writer both sides use', () => {
  it('defuses text a spreadsheet would run as a formula, including after a tab or a carriage return', () => {
    const text = csvText([['=SUM(A1)', '+1', '@x', '\t=cmd', '\r=cmd', '-12.5', '-x']]);
    expect(text).toBe(`'=SUM(A1),'+1,'@x,'\t=cmd,"'\r=cmd",-12.5,'-x\r\n`);
  });

  it('quotes commas, quotes and line breaks, writes empty cells for null, and ends every line with CRLF', () => {
    expect(csvText([['a,b', 'say "hi"', 'two\nlines', null, 3, true], ['']])).toBe('"a,b","say ""hi""","two\nlines",,3,true\r\n\r\n');
  });
});

describe('region codes', () => {
  it('are 4, 6, 9 or 12 digits; a community has 12', () => {
    expect(['3202', '320213', '320213001', '320213001001'].every((c) => REGION_CODE.test(c))).toBe(true);
    expect(['32', '32021', '3202130011', '32021300100a'].some((c) => REGION_CODE.test(c))).toBe(false);
    expect(COMMUNITY_CODE.test('320213001001') && !COMMUNITY_CODE.test('320213001')).toBe(true);
  });

  it('the account form takes what the server takes: a city-wide account (4 digits) too', () => {
    const t = (key: string) => key;
    expect(checkAccountInput({ displayName: '市委组织部', regionCode: '3202' }, t).regionCode).toBeUndefined();
    expect(checkAccountInput({ displayName: '市委组织部', regionCode: '32' }, t).regionCode).toBe('accountForm.err.region');
  });
});

describe('the error codes', () => {
  it('are each listed once', () => {
    expect(ERROR_CODES.filter((code, i) => ERROR_CODES.indexOf(code) !== i)).toEqual([]);
  });
});

/**
 * `table.column` → the values its latest `check (column in (…))` allows, reading the migrations
 * in order (a later `alter table … add constraint` replaces an earlier list).
 */
function allowedBySchema(): Map<string, string[]> {
  const allowed = new Map<string, string[]>();
  for (const { sql } of listMigrations()) {
    for (const statement of sql.split(';')) {
      const table = /\b(?:create|alter)\s+table\s+(?:if\s+not\s+exists\s+)?(\w+)/i.exec(statement)?.[1];
      if (!table) continue;
      for (const [, column, list] of statement.matchAll(/check\s*\((\w+)\s+in\s*\(([^)]*)\)\)/gi)) {
        allowed.set(`${table}.${column}`, [...list!.matchAll(/'([^']*)'/g)].map((m) => m[1]!));
      }
    }
  }
  return allowed;
}

describe('the values the contract allows are the ones the database keeps', () => {
  const schema = allowedBySchema();
  it.each([
    ['facility.kind', FACILITY_KINDS],
    ['region.level', REGION_LEVELS],
    ['app_user.role', ROLES],
    ['grid_version.change_kind', CHANGE_KINDS],
    ['changeset.kind', CHANGESET_KINDS],
  ])('%s', (column, values) => {
    expect(schema.get(column)?.toSorted()).toEqual([...values].sort());
  });
});
