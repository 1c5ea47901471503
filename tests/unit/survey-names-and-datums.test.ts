import { describe, expect, it } from 'vitest';
import { GRID_FIELDS, MEMBER_FIELDS, matchHeaders } from '../../server/src/imports/import-fields.ts';
import { parseTowgs84, prjDatum, withTowgs84 } from '../../server/src/imports/prj-datum.ts';

// DBF names cut at 10 bytes, and the datum of a .prj.

const UTF8 = { bytes: 10, encoding: 'utf-8' };
const GBK = { bytes: 10, encoding: 'gbk' };

describe('column names a DBF cut at 10 bytes', () => {
  it('UTF-8: 网格编码 as 网格编 with or without the broken half character, communityCode as communityC', () => {
    expect(matchHeaders(GRID_FIELDS, ['网格编\uFFFD', '网格名\uFFFD', 'communityC', '联系电'], UTF8)).toMatchObject({
      code: '网格编\uFFFD',
      name: '网格名\uFFFD',
      communityCode: 'communityC',
      leaderPhone: '联系电',
    });
  });

  it('GBK: 是否流动党员 (12 bytes) as 是否流动党, while 所属党组织 (10 bytes) is whole', () => {
    expect(matchHeaders(MEMBER_FIELDS, ['姓名', '是否流动党', '所属党组织'], GBK)).toMatchObject({ floating: '是否流动党', orgName: '所属党组织' });
  });

  it('only names at the limit: a short name is not the start of a longer one, and an exact name wins', () => {
    expect(matchHeaders(GRID_FIELDS, ['网格'], UTF8).code).toBeNull();
    expect(matchHeaders(GRID_FIELDS, ['网格编\uFFFD', 'code'], UTF8).code).toBe('code');
    // Without a limit (GeoJSON, CSV) nothing is taken for a cut name.
    expect(matchHeaders(GRID_FIELDS, ['网格编\uFFFD']).code).toBeNull();
  });
});

const BEIJING_1954_GK =
  'PROJCS["Beijing_1954_3_Degree_GK_CM_120E",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",120.0],UNIT["Meter",1.0]]';
const CGCS2000 = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

describe('the datum of a .prj', () => {
  it('Beijing 1954 needs a shift and has none; CGCS2000 needs none', () => {
    expect(prjDatum(BEIJING_1954_GK)).toEqual({ needsShift: true, towgs84: null });
    expect(prjDatum(CGCS2000)).toEqual({ needsShift: false, towgs84: null });
  });

  it('given parameters go into the datum, replacing the ones it had, and are read back', () => {
    const once = withTowgs84(BEIJING_1954_GK, [1, 2, 3, 0, 0, 0, 0]);
    const twice = withTowgs84(once, [-15.2, 150.6, 94.8, 0.11, -0.32, -0.45, 1.8]);
    expect(twice).toContain('298.3],TOWGS84[-15.2,150.6,94.8,0.11,-0.32,-0.45,1.8]],PRIMEM');
    expect(twice.match(/TOWGS84/g)).toHaveLength(1);
    expect(prjDatum(twice).towgs84).toEqual([-15.2, 150.6, 94.8, 0.11, -0.32, -0.45, 1.8]);
  });

  it('towgs84= takes 7 numbers, or 3 for a translation, separated by commas or spaces', () => {
    expect(parseTowgs84('-15.2, 150.6, 94.8')).toEqual([-15.2, 150.6, 94.8, 0, 0, 0, 0]);
    expect(parseTowgs84('1，2，3，4，5，6，7')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseTowgs84('1,2,3,4')).toBeNull();
    expect(parseTowgs84('1,2,x')).toBeNull();
    expect(parseTowgs84('1,2,Infinity')).toBeNull();
  });
});
