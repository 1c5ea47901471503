import { describe, expect, it } from 'vitest';
import { checkAccountInput } from '../../client/src/features/admin/saveErrors.ts';
import { csvText } from '../../server/src/contract/csv.ts';
import { COMMUNITY_CODE, REGION_CODE } from '../../server/src/contract/region-code.ts';

// What the client and the server share (server/src/contract): one CSV writer, one region code.

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
