import type { MultiPolygon, Polygon, Position } from 'geojson';
import JSZip from 'jszip';
import proj4 from 'proj4';
import { write as writeShapefile } from '@mapbox/shp-write';
import { describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../server/src/geo/crs.ts';
import { HttpError } from '../../server/src/http/errors.ts';
import { decodeText, dbfEncoding, encodingOfCpg } from '../../server/src/imports/decode-text.ts';
import { headerKey } from '../../server/src/imports/import-fields.ts';
import { MAX_IMPORT_ROWS, type ImportKind, type ImportProblem, type ParseOptions } from '../../server/src/imports/import-types.ts';
import { parseImport } from '../../server/src/imports/parse-import.ts';
import { readableCrsName } from '../../server/src/imports/read-shapefile.ts';
import { unpackedBytes } from '../../server/src/imports/unpacked-size.ts';
import {
  CLEAN_GRIDS,
  EXPECTED_PROBLEMS,
  GCJ02_FACILITIES,
  KML_GRIDS,
  MEMBERS,
  PROJECTED_GRIDS,
  XLSX_FACILITIES,
  encodeGbk,
  fixtureBytes,
  rectangle,
} from '../support/import-fixtures.ts';
import { writeZip } from '../support/zip-writer.ts';

// parseImport: a file to typed rows in WGS84 plus the problems of the rows it could not read.
// The fixtures are in tests/fixtures/imports (see its README); small cases are built inline.

const utf8 = (text: string) => new TextEncoder().encode(text);
const wgs84 = (fileName: string): ParseOptions => ({ fileName, crs: 'wgs84' });

/** Geodesic-enough distance in metres (haversine on the mean Earth radius). */
function metres(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * rad;
  const dLng = (b[0]! - a[0]!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * rad) * Math.cos(b[1]! * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

function maxVertexDistance(actual: Polygon | MultiPolygon, expected: Polygon | MultiPolygon): number {
  const flat = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  return Math.max(...a.map((p, i) => metres(p, e[i]!)));
}

const brief = (problems: ImportProblem[]) => problems.map(({ row, field, code }) => ({ row, field, code }));

async function parseError(kind: ImportKind, bytes: Uint8Array, options: ParseOptions): Promise<HttpError> {
  try {
    await parseImport(kind, bytes, options);
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    return err as HttpError;
  }
  throw new Error('expected parseImport to throw');
}

/** A zipped Shapefile of polygons (lon/lat in, projected with `prj` when given). */
async function shapefileZip(options: {
  polygons: Polygon[];
  rows: Record<string, string | number>[];
  prj?: string;
  cpg?: string;
  omit?: string[];
}): Promise<Uint8Array> {
  const project = options.prj ? proj4(options.prj) : null;
  const geometries = options.polygons.map((p) => p.coordinates.map((ring) => ring.map(([x, y]) => (project ? project.forward([x!, y!]) : [x!, y!]))));
  let parts: { shp: DataView; shx: DataView; dbf: DataView } | undefined;
  writeShapefile(options.rows, 'POLYGON', geometries, (_err, files) => {
    parts = files as typeof parts;
  });
  const bytes = (v: DataView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const zip = new JSZip();
  const files: Record<string, Uint8Array | string | undefined> = {
    'layer.shp': bytes(parts!.shp),
    'layer.shx': bytes(parts!.shx),
    'layer.dbf': bytes(parts!.dbf),
    'layer.prj': options.prj,
    'layer.cpg': options.cpg,
  };
  for (const [name, data] of Object.entries(files)) if (data !== undefined && !options.omit?.includes(name)) zip.file(name, data);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** WGS84 → GCJ-02 for test data, through the same library the server uses. */
const gcoordToGcj = (p: Position): [number, number] => fromWgs84([p[0]!, p[1]!], 'gcj02');

const clockwise = (p: Polygon): Polygon => ({ type: 'Polygon', coordinates: p.coordinates.map((r) => [...r].reverse()) });

describe('grids', () => {
  it('reads GeoJSON with its properties, communityCode where given', async () => {
    const parsed = await parseImport('grids', fixtureBytes('grids-clean.geojson'), wgs84('grids-clean.geojson'));
    expect(parsed.source).toEqual({ name: 'grids-clean.geojson', format: 'geojson', encoding: null, crs: 'wgs84', sheet: null });
    expect(parsed.total).toBe(2);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual(
      CLEAN_GRIDS.map((g, i) => ({
        row: i + 1,
        code: null,
        name: g.name,
        communityCode: g.communityCode,
        households: g.households,
        population: g.population,
        leaderName: g.leaderName,
        leaderPhone: g.leaderPhone,
        geometry: g.geometry,
      })),
    );
  });

  it('reprojects a CGCS2000 Gauss-Kruger (EPSG:4549) Shapefile to within 1 cm, DBF in GBK per its .cpg', async () => {
    const parsed = await parseImport('grids', fixtureBytes('grids-projected.zip'), wgs84('grids-projected.zip'));
    expect(parsed.source).toEqual({ name: 'grids-projected.zip', format: 'shapefile', encoding: 'gbk', crs: 'CGCS2000 / 3-degree Gauss-Kruger CM 120E', sheet: null });
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.name, r.communityCode, r.households, r.population, r.leaderName, r.leaderPhone])).toEqual(
      PROJECTED_GRIDS.map((g) => [g.name, g.communityCode, g.households, g.population, g.leaderName, g.leaderPhone]),
    );
    parsed.rows.forEach((row, i) => expect(maxVertexDistance(row.geometry, PROJECTED_GRIDS[i]!.geometry)).toBeLessThan(0.01));
  });

  it('reprojects a UTM 51N Shapefile to within 1 cm, whatever crs the caller passes', async () => {
    const utm51n =
      'PROJCS["WGS_1984_UTM_Zone_51N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",123.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const original = clockwise(rectangle(121.0041, 31.4012, 121.0059, 31.4048));
    const zip = await shapefileZip({ polygons: [original], rows: [{ name: 'UTM Grid' }], prj: utm51n });
    const parsed = await parseImport('grids', zip, { fileName: 'utm.zip', crs: 'gcj02' });
    expect(parsed.source.crs).toBe('WGS 84 / UTM zone 51N');
    expect(parsed.source.encoding).toBe('utf-8');
    expect(maxVertexDistance(parsed.rows[0]!.geometry, original)).toBeLessThan(0.01);
  });

  it('uses the caller crs for a Shapefile in lon/lat, and detects a GBK DBF without a .cpg', async () => {
    const wgs = clockwise(rectangle(121.004, 31.401, 121.006, 31.405));
    const gcj: Polygon = { type: 'Polygon', coordinates: [wgs.coordinates[0]!.map(gcoordToGcj)] };
    const gbkName = String.fromCharCode(...encodeGbk('名称'));
    const zip = await shapefileZip({ polygons: [gcj], rows: [{ [gbkName]: String.fromCharCode(...encodeGbk('高德网格')) }] });
    const parsed = await parseImport('grids', zip, { fileName: 'gcj.zip', crs: 'gcj02' });
    expect(parsed.source).toMatchObject({ format: 'shapefile', encoding: 'gbk', crs: 'gcj02' });
    expect(parsed.rows[0]!.name).toBe('高德网格');
    expect(maxVertexDistance(parsed.rows[0]!.geometry, wgs)).toBeLessThan(2);
  });

  it('reads grids from a table with the shape as WKT, reporting an unreadable one under the column as written', async () => {
    const csv = [
      'code,name,community,households,wkt',
      '320213001001001,表格网格,320213001001,80,"MULTIPOLYGON(((121.001 31.401,121.002 31.401,121.002 31.402,121.001 31.401)))"',
      ',坏边界,,,"POLYGON((121.001 31.401, 121.002"',
    ].join('\n');
    const parsed = await parseImport('grids', utf8(csv), wgs84('grids.csv'));
    expect(parsed.rows).toEqual([
      expect.objectContaining({ row: 2, code: '320213001001001', communityCode: '320213001001', households: 80, geometry: { type: 'MultiPolygon', coordinates: [[[[121.001, 31.401], [121.002, 31.401], [121.002, 31.402], [121.001, 31.401]]]] } }),
    ]);
    expect(parsed.problems).toEqual([expect.objectContaining({ row: 3, field: 'geometry', code: 'INVALID_GEOMETRY' })]);
    expect(parsed.fields.geometry).toBe('wkt');
  });

  it('reads KML: name, ExtendedData (SimpleData and Data), Z dropped, MultiGeometry as a MultiPolygon', async () => {
    const parsed = await parseImport('grids', fixtureBytes('grids.kml'), wgs84('grids.kml'));
    expect(parsed.source).toEqual({ name: 'grids.kml', format: 'kml', encoding: null, crs: 'wgs84', sheet: null });
    expect(parsed.problems).toEqual([]);
    const [wu, ji] = parsed.rows;
    expect(wu).toMatchObject({ row: 1, name: '导入网格戊', communityCode: '320213999001', households: 150, population: 380, leaderName: '钱例子', leaderPhone: '0510-05550105' });
    expect(wu!.geometry).toEqual(KML_GRIDS.wu.geometry);
    expect(ji).toMatchObject({ row: 2, name: '导入网格己', communityCode: '320213999001', households: null, leaderName: '孙假名' });
    expect(ji!.geometry).toEqual({ type: 'MultiPolygon', coordinates: KML_GRIDS.ji.parts.map((p) => p.coordinates) });
  });

  it('converts GCJ-02 GeoJSON polygons to WGS84 and drops Z', async () => {
    const original = rectangle(121.0005, 31.401, 121.003, 31.405);
    const ring = original.coordinates[0]!.map((p) => [...gcoordToGcj(p), 12.5]);
    const file = JSON.stringify({ type: 'Feature', properties: { 网格名称: '高德' }, geometry: { type: 'Polygon', coordinates: [ring] } });
    const parsed = await parseImport('grids', utf8(file), { fileName: 'amap.json', crs: 'gcj02' });
    expect(parsed.source.crs).toBe('gcj02');
    const geometry = parsed.rows[0]!.geometry as Polygon;
    expect(geometry.coordinates[0]!.every((p) => p.length === 2)).toBe(true);
    expect(maxVertexDistance(geometry, original)).toBeLessThan(2);
  });
});

describe('facilities and members', () => {
  it('reads a GBK CSV with Chinese headers and GCJ-02 coordinates, landing within 2 m of the WGS84 originals', async () => {
    const parsed = await parseImport('facilities', fixtureBytes('facilities-gbk-gcj02.csv'), { fileName: 'facilities-gbk-gcj02.csv', crs: 'gcj02' });
    expect(parsed.source).toEqual({ name: 'facilities-gbk-gcj02.csv', format: 'csv', encoding: 'gbk', crs: 'gcj02', sheet: null });
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.row, r.name, r.kind, r.address, r.phone, r.openingHours, r.public])).toEqual(
      GCJ02_FACILITIES.map((f, i) => [i + 2, f.name, f.kind, f.address, f.phone, f.openingHours, true]),
    );
    parsed.rows.forEach((r, i) => expect(metres([r.lng!, r.lat!], GCJ02_FACILITIES[i]!.wgs84)).toBeLessThan(2));
  });

  it('reads XLSX with English headers and numbers as numbers', async () => {
    const parsed = await parseImport('facilities', fixtureBytes('facilities.xlsx'), wgs84('facilities.xlsx'));
    expect(parsed.source).toEqual({ name: 'facilities.xlsx', format: 'xlsx', encoding: null, crs: 'wgs84', sheet: 'Sheet1' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual(
      XLSX_FACILITIES.map((f, i) => ({
        row: i + 2,
        id: null,
        name: f.name,
        kind: f.kind,
        address: f.address,
        phone: f.phone,
        openingHours: null,
        services: [],
        public: true,
        lng: f.wgs84[0],
        lat: f.wgs84[1],
      })),
    );
  });

  it('reads facilities from GeoJSON Points', async () => {
    const [gcjLng, gcjLat] = gcoordToGcj([121.005, 31.406]);
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { 站点名称: '点站', 类别: '志愿服务点', 服务项目: '法律咨询、 义诊；理发' }, geometry: { type: 'Point', coordinates: [gcjLng, gcjLat] } }],
    });
    const parsed = await parseImport('facilities', utf8(file), { fileName: 'points.geojson', crs: 'gcj02' });
    expect(parsed.rows[0]).toMatchObject({ row: 1, name: '点站', kind: 'volunteer_point', services: ['法律咨询', '义诊', '理发'] });
    expect(metres([parsed.rows[0]!.lng!, parsed.rows[0]!.lat!], [121.005, 31.406])).toBeLessThan(2);
  });

  it('reads members: statuses, floating, org, phone', async () => {
    const parsed = await parseImport('members', fixtureBytes('members.csv'), wgs84('members.csv'));
    expect(parsed.source.encoding).toBe('utf-8');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual(
      MEMBERS.map((m, i) => ({ row: i + 2, name: m.name, status: m.status, orgName: '导入测试支部', floating: m.floating, phone: m.phone, lng: m.wgs84[0], lat: m.wgs84[1], addressOnly: false })),
    );
  });

  it('matches header aliases in both languages, ignoring case, spaces, full-width forms and notes', async () => {
    const chinese = '站点名称,类别,地址,联系电话,服务时间,服务项目,是否公开,编号,经度,纬度\n甲站,党代表工作室,路1号,0510-05550401,9:00-17:00,"理论宣讲,议事",否,12,121.001,31.401\n';
    const english = ' Name ,TYPE,Address,Phone,opening_hours,Services,Public,ID,longitude,LATITUDE\n甲站,rep_studio,路1号,0510-05550401,9:00-17:00,"理论宣讲,议事",no,12,121.001,31.401\n';
    const oddForms = '名称*,类型（必填）,地　址,电话,开放时间,服务,公开,ＩＤ,ｌｎｇ,纬度(WGS84)\n甲站,代表工作室,路1号,0510-05550401,9:00-17:00,理论宣讲；议事,0,12,121.001,31.401\n';
    const expected = { row: 2, id: 12, name: '甲站', kind: 'rep_studio', address: '路1号', phone: '0510-05550401', openingHours: '9:00-17:00', services: ['理论宣讲', '议事'], public: false, lng: 121.001, lat: 31.401 };
    for (const csv of [chinese, english, oddForms]) {
      const parsed = await parseImport('facilities', utf8(csv), wgs84('f.csv'));
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows).toEqual([expected]);
    }
    const members = [
      '姓名,党员类别,所属支部,是否流动党员,手机,lon,lat\n张测试,预备,测试支部,是,13800000000,121.001,31.401\n',
      'name,status,party_org,floating,phone,x,y\n张测试,probationary,测试支部,yes,13800000000,121.001,31.401\n',
      'NAME,状态,党组织,流动党员,电话,Long,Latitude\n张测试,预备党员,测试支部,1,13800000000,121.001,31.401\n',
    ];
    for (const csv of members) {
      const parsed = await parseImport('members', utf8(csv), wgs84('m.csv'));
      expect(parsed.rows).toEqual([{ row: 2, name: '张测试', status: 'probationary', orgName: '测试支部', floating: true, phone: '13800000000', lng: 121.001, lat: 31.401, addressOnly: false }]);
    }
    const grids = [
      { 网格编码: '320213999001001', 网格名称: '甲', 社区编码: '320213999001', 户数: '120', 人数: 300, 网格员: '张测试', 联系电话: '0510-05550101' },
      { code: 320213999001001, name: '甲', community_code: '320213999001', households: 120, population: '300', leader: '张测试', phone: '0510-05550101' },
    ];
    for (const properties of grids) {
      const file = JSON.stringify({ type: 'Feature', properties, geometry: rectangle(121.001, 31.401, 121.002, 31.402) });
      const parsed = await parseImport('grids', utf8(file), wgs84('g.geojson'));
      expect(parsed.rows[0]).toMatchObject({ code: '320213999001001', name: '甲', communityCode: '320213999001', households: 120, population: 300, leaderName: '张测试', leaderPhone: '0510-05550101' });
    }
  });

  it('keeps spreadsheet row numbers across empty lines and a title row, and ignores unknown columns', async () => {
    const csv = '党员名册,,,,\n姓名,状态,备注,经度,纬度\n张测试,正式党员,无关,121.001,31.401\n\n,,,,\n李示例,预备党员,,121.002,31.402\n';
    const parsed = await parseImport('members', utf8(csv), wgs84('m.csv'));
    expect(parsed.total).toBe(2);
    expect(parsed.rows.map((r) => [r.row, r.name])).toEqual([
      [3, '张测试'],
      [6, '李示例'],
    ]);
  });

  it('reads XLSX written with a title row, numbers for phones and ids', async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const sheet = [
      [{ value: '站点表' }],
      ['编号', '名称', '类型', '电话', '经度', '纬度'].map((value) => ({ value })),
      [{ value: 7 }, { value: '数字站' }, { value: '党群服务站' }, { value: 13800000000 }, { value: 121.001 }, { value: 31.401 }],
    ];
    const bytes = new Uint8Array(await writeXlsxFile(sheet).toBuffer());
    const parsed = await parseImport('facilities', bytes, wgs84('t.xlsx'));
    expect(parsed.rows).toEqual([expect.objectContaining({ row: 3, id: 7, name: '数字站', kind: 'station', phone: '13800000000', lng: 121.001, lat: 31.401 })]);
  });
});

describe('problems of single rows', () => {
  it('reports the parse-stage problems of the fixture problem files exactly (README)', async () => {
    const files: [ImportKind, string][] = [
      ['grids', 'grids-problems.geojson'],
      ['facilities', 'facilities-problems.csv'],
      ['members', 'members-problems.csv'],
    ];
    for (const [kind, name] of files) {
      const parsed = await parseImport(kind, fixtureBytes(name), wgs84(name));
      const expected = EXPECTED_PROBLEMS[name]!.filter((p) => p.stage === 'parse').map(({ row, field, code }) => ({ row, field, code }));
      expect(brief(parsed.problems), name).toEqual(expected);
      expect(parsed.rows.length + new Set(expected.map((p) => p.row)).size, name).toBe(parsed.total);
    }
    const facilities = await parseImport('facilities', fixtureBytes('facilities-problems.csv'), wgs84('facilities-problems.csv'));
    expect(facilities.source.encoding).toBe('utf-8');
    expect(facilities.rows[0]!.name).toBe('问题测试服务站');
  });

  it('reports MISSING_FIELD, BAD_VALUE and MISSING_COORDINATE with row and field as written', async () => {
    const csv = [
      '名称,类型,电话,公开,经度,纬度,编号',
      ',党群服务站,,,121.001,31.401,', // 2: no name
      '乙,,,,121.001,31.401,', // 3: no kind
      '丙,超市,,,121.001,31.401,', // 4: bad kind
      '丁,党群服务站,call me,,121.001,31.401,', // 5: bad phone
      '戊,党群服务站,,也许,121.001,31.401,', // 6: bad boolean
      '己,党群服务站,,,东经121度,31.401,', // 7: unparseable number
      '庚,党群服务站,,,31.401,121.001,', // 8: swapped: latitude out of range
      '辛,党群服务站,,,,31.401,', // 9: no longitude
      '壬,党群服务站,,,121.001,31.401,-3', // 10: bad id
    ].join('\n');
    const parsed = await parseImport('facilities', utf8(csv), wgs84('f.csv'));
    expect(brief(parsed.problems)).toEqual([
      { row: 2, field: '名称', code: 'MISSING_FIELD' },
      { row: 3, field: '类型', code: 'MISSING_FIELD' },
      { row: 4, field: '类型', code: 'BAD_VALUE' },
      { row: 5, field: '电话', code: 'BAD_VALUE' },
      { row: 6, field: '公开', code: 'BAD_VALUE' },
      { row: 7, field: '经度', code: 'BAD_VALUE' },
      { row: 8, field: '纬度', code: 'BAD_VALUE' },
      { row: 9, field: '经度', code: 'MISSING_COORDINATE' },
      { row: 10, field: '编号', code: 'BAD_VALUE' },
    ]);
    expect(parsed.rows).toEqual([]);
    for (const p of parsed.problems) expect(p.message).toMatch(/^[^()]*[\u4e00-\u9fff].* \(.+\)$/s);

    const members = '姓名,状态,流动党员,地址,经度,纬度\n张测试,群众,否,,121.001,31.401\n李示例,正式党员,否,测试路1号,,\n,正式党员,否,,121.001,31.401\n';
    const m = await parseImport('members', utf8(members), wgs84('m.csv'));
    // A row without coordinates may update a member on record (keeping the home): the database check decides.
    expect(brief(m.problems)).toEqual([
      { row: 2, field: '状态', code: 'BAD_VALUE' },
      { row: 4, field: '姓名', code: 'MISSING_FIELD' },
    ]);
    expect(m.rows).toMatchObject([{ row: 3, lng: null, lat: null, addressOnly: true }]);
  });

  it('reports grid values and structural geometry problems, and leaves self-intersections to the database', async () => {
    const square = rectangle(121.001, 31.401, 121.002, 31.402);
    const open = { type: 'Polygon', coordinates: [square.coordinates[0]!.slice(0, 4)] };
    const short = { type: 'Polygon', coordinates: [[[121.001, 31.401], [121.002, 31.402], [121.001, 31.401]]] };
    const bowTie = { type: 'Polygon', coordinates: [[[121.001, 31.401], [121.002, 31.402], [121.002, 31.401], [121.001, 31.402], [121.001, 31.401]]] };
    const metresNotDegrees = rectangle(595000, 3475000, 595100, 3475100);
    const features = [
      { properties: { name: '甲', code: '3202139990010' }, geometry: square }, // 1: code not 15 digits
      { properties: { name: '乙', communityCode: '3202139' }, geometry: square }, // 2: community not 12 digits
      { properties: { name: '丙', households: -1, population: '很多' }, geometry: square }, // 3: two bad counts
      { properties: { name: '丁' }, geometry: { type: 'Point', coordinates: [121.001, 31.401] } }, // 4: not a polygon
      { properties: { name: '戊' }, geometry: open }, // 5: ring not closed
      { properties: { name: '己' }, geometry: short }, // 6: under 4 positions
      { properties: { name: '庚' }, geometry: null }, // 7: no geometry
      { properties: { name: '辛' }, geometry: bowTie }, // 8: fine here (the database finds it)
      { properties: { name: '壬' }, geometry: metresNotDegrees }, // 9: out of range
      { properties: { name: '癸', leaderPhone: '电话号码' }, geometry: square }, // 10: bad phone
    ];
    const file = JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });
    const parsed = await parseImport('grids', utf8(file), wgs84('g.geojson'));
    expect(brief(parsed.problems)).toEqual([
      { row: 1, field: 'code', code: 'BAD_VALUE' },
      { row: 2, field: 'communityCode', code: 'BAD_VALUE' },
      { row: 3, field: 'households', code: 'BAD_VALUE' },
      { row: 3, field: 'population', code: 'BAD_VALUE' },
      { row: 4, field: 'geometry', code: 'INVALID_GEOMETRY' },
      { row: 5, field: 'geometry', code: 'INVALID_GEOMETRY' },
      { row: 6, field: 'geometry', code: 'INVALID_GEOMETRY' },
      { row: 7, field: 'geometry', code: 'INVALID_GEOMETRY' },
      { row: 9, field: 'geometry', code: 'BAD_VALUE' },
      { row: 10, field: 'leaderPhone', code: 'BAD_VALUE' },
    ]);
    expect(parsed.rows.map((r) => r.row)).toEqual([8]);
  });
});

describe('files that cannot be read', () => {
  it('gives UNREADABLE_FILE for an empty file of every format', async () => {
    const cases: [ImportKind, string][] = [
      ['grids', 'a.geojson'],
      ['grids', 'a.zip'],
      ['grids', 'a.kml'],
      ['facilities', 'a.csv'],
      ['members', 'a.xlsx'],
    ];
    for (const [kind, name] of cases) {
      const err = await parseError(kind, new Uint8Array(), wgs84(name));
      expect([err.status, err.code], name).toEqual([422, 'UNREADABLE_FILE']);
    }
    const blank = await parseError('members', utf8('  \r\n\r\n'), wgs84('blank.csv'));
    expect(blank.code).toBe('UNREADABLE_FILE');
  });

  it('gives UNREADABLE_FILE for a corrupt zip, a zip without .shp or .dbf, and broken JSON, KML and XLSX', async () => {
    const zip = fixtureBytes('grids-projected.zip');
    const corrupt = zip.slice(0, zip.length / 2);
    expect((await parseError('grids', corrupt, wgs84('g.zip'))).code).toBe('UNREADABLE_FILE');
    expect((await parseError('grids', utf8('PK\u0003\u0004 not really'), wgs84('g.zip'))).code).toBe('UNREADABLE_FILE');

    const noDbf = await shapefileZip({ polygons: [rectangle(121.001, 31.401, 121.002, 31.402)], rows: [{ name: 'x' }], omit: ['layer.dbf'] });
    const err = await parseError('grids', noDbf, wgs84('g.zip'));
    expect([err.status, err.code]).toEqual([422, 'UNREADABLE_FILE']);
    expect(err.message).toContain('.dbf');

    const noShp = new JSZip();
    noShp.file('readme.txt', 'hello');
    const noShpErr = await parseError('grids', await noShp.generateAsync({ type: 'uint8array' }), wgs84('g.zip'));
    expect(noShpErr.message).toContain('.shp');

    const badPrj = await shapefileZip({ polygons: [rectangle(121.001, 31.401, 121.002, 31.402)], rows: [{ name: 'x' }] });
    const withBadPrj = await JSZip.loadAsync(badPrj);
    withBadPrj.file('layer.prj', 'PROJCS["Nonsense",GEOGCS["x"],PROJECTION["No_Such_Projection"]]');
    const prjErr = await parseError('grids', await withBadPrj.generateAsync({ type: 'uint8array' }), wgs84('g.zip'));
    expect(prjErr.code).toBe('UNREADABLE_FILE');

    expect((await parseError('grids', utf8('{"type": "FeatureCollection", "features": ['), wgs84('g.geojson'))).code).toBe('UNREADABLE_FILE');
    expect((await parseError('grids', utf8('{"hello": 1}'), wgs84('g.geojson'))).code).toBe('UNREADABLE_FILE');
    expect((await parseError('grids', utf8('<kml><Document><Placemark>'), wgs84('g.kml'))).code).toBe('UNREADABLE_FILE');
    expect((await parseError('grids', utf8('<html><body/></html>'), wgs84('g.kml'))).code).toBe('UNREADABLE_FILE');
    expect((await parseError('facilities', utf8('name,kind\na,center'), wgs84('f.xlsx'))).code).toBe('UNREADABLE_FILE');
    expect((await parseError('facilities', utf8('名称,类型\n"甲,center\n'), wgs84('f.csv'))).code).toBe('UNREADABLE_FILE');
  });

  it('refuses a GeoJSON that declares a projected system', async () => {
    const file = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4549' } }, features: [] });
    const err = await parseError('grids', utf8(file), wgs84('g.geojson'));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('4549');
  });

  it('gives UNSUPPORTED_FORMAT for unknown extensions and for formats the kind does not take', async () => {
    for (const [kind, name] of [
      ['members', 'm.geojson'],
      ['facilities', 'f.kml'],
      ['grids', 'g.shp'],
      ['facilities', 'f.xls'],
      ['grids', 'noextension'],
    ] as [ImportKind, string][]) {
      const err = await parseError(kind, utf8('x'), wgs84(name));
      expect([err.status, err.code], name).toEqual([415, 'UNSUPPORTED_FORMAT']);
    }
    expect((await parseError('grids', utf8('x'), wgs84('g.shp'))).message).toContain('.zip');
  });

  it('gives TOO_MANY_ROWS above the limit', async () => {
    const csv = '姓名,状态,经度,纬度\n' + '张测试,正式党员,121.001,31.401\n'.repeat(MAX_IMPORT_ROWS + 1);
    const err = await parseError('members', utf8(csv), wgs84('m.csv'));
    expect([err.status, err.code]).toEqual([413, 'TOO_MANY_ROWS']);
  });
});

describe('text encodings', () => {
  it('decodes valid UTF-8 as UTF-8 (dropping a BOM) and anything else as GBK', () => {
    expect(decodeText(utf8('\uFEFF名称,类型'))).toEqual({ text: '名称,类型', encoding: 'utf-8' });
    expect(decodeText(encodeGbk('名称,类型'))).toEqual({ text: '名称,类型', encoding: 'gbk' });
  });

  it('honours an explicit CSV encoding', async () => {
    const csv = encodeGbk('姓名,状态,经度,纬度\n张测试,正式党员,121.001,31.401\n');
    const parsed = await parseImport('members', csv, { fileName: 'm.csv', crs: 'wgs84', encoding: 'gbk' });
    expect(parsed.source.encoding).toBe('gbk');
    expect(parsed.rows[0]!.name).toBe('张测试');
  });

  it('maps .cpg code pages to decoder labels', () => {
    expect(['936', 'CP936', 'ANSI 936', 'GBK', 'gb2312', 'GB18030'].map(encodingOfCpg)).toEqual(['gbk', 'gbk', 'gbk', 'gbk', 'gbk', 'gbk']);
    expect(['UTF-8', 'utf8', '65001'].map(encodingOfCpg)).toEqual(['utf-8', 'utf-8', 'utf-8']);
    expect(encodingOfCpg('System')).toBeNull();
    expect(dbfEncoding(new Uint8Array(40), 'System')).toBe('utf-8');
  });

  it('normalises headers for matching', () => {
    expect(['  经　度 ', 'ＬＮＧ', '纬度（WGS84）', '名称*'].map(headerKey)).toEqual(['经度', 'lng', '纬度', '名称']);
  });
});

describe('coordinate system names', () => {
  it('a .prj datum named like an inherited property (constructor, toString) is shown as written', () => {
    expect(readableCrsName('CGCS2000_3_Degree_GK_CM_120E')).toBe('CGCS2000 / 3-degree Gauss-Kruger CM 120E');
    expect(readableCrsName('constructor_3_Degree_GK_CM_120E')).toBe('constructor / 3-degree Gauss-Kruger CM 120E');
    expect(readableCrsName('toString_UTM_Zone_50N')).toBe('toString / UTM zone 50N');
    expect(readableCrsName('GCS_hasOwnProperty')).toBe('hasOwnProperty');
  });
});

describe('unpacked size of a zip', () => {
  it('is measured by unpacking, whatever the headers state, and stops past the limit', async () => {
    const zip = await JSZip.loadAsync(writeZip([
      { name: 'a.prj', data: Buffer.alloc(10_000, 0x41) },
      { name: 'a.dbf', data: Buffer.alloc(1_000_000), statedSize: 10 },
    ]));
    expect(unpackedBytes([zip.file('a.prj')!], 1_000_000)).toBe(10_000);
    expect(unpackedBytes(Object.values(zip.files), 2_000_000)).toBe(1_010_000);
    expect(unpackedBytes(Object.values(zip.files), 100_000)).toBe(Infinity);
  });
});
