// Writes the import test fixtures to tests/fixtures/imports/ (deterministic: the same bytes on
// every run). Run: npx tsx scripts/make-import-fixtures.ts
//
// The shapes, names and expected problems live in tests/support/import-fixtures.ts, which the
// tests read too; this script only turns them into files, and writes the folder's README.

import fs from 'node:fs';
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import { write as writeShapefile } from '@mapbox/shp-write';
import JSZip from 'jszip';
import proj4 from 'proj4';
import writeXlsxFile from 'write-excel-file/node';
import { fromWgs84 } from '../server/src/geo/crs.ts';
import {
  CLEAN_GRIDS,
  EXISTING_GRID_IN_COMMUNITY_2,
  EXPECTED_PROBLEMS,
  FIXTURE_COMMUNITIES,
  FIXTURE_ORG_NAME,
  FIXTURE_STREET,
  GCJ02_FACILITIES,
  KML_GRIDS,
  MEMBERS,
  PROBLEM_GRIDS,
  PROBLEM_LINE,
  PRJ_EPSG_4549,
  PROJECTED_GRIDS,
  XLSX_FACILITIES,
  encodeGbk,
  type FixtureCommunity,
} from '../tests/support/import-fixtures.ts';

const OUT = new URL('../tests/fixtures/imports/', import.meta.url);

/** Every file written gets this time stamp (zip entries), so the bytes never change. */
const FIXED_DATE = new Date('2024-01-01T00:00:00Z');

const written: string[] = [];

function save(name: string, content: string | Uint8Array): void {
  fs.writeFileSync(new URL(name, OUT), content);
  written.push(name);
}

/** A FeatureCollection with one feature per line: readable diffs, small files. */
function featureCollectionText(features: Feature<Geometry | null>[]): string {
  const fc: FeatureCollection<Geometry | null> = { type: 'FeatureCollection', features };
  const lines = fc.features.map((f) => '    ' + JSON.stringify(f));
  return `{\n  "type": "FeatureCollection",\n  "features": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

function csvText(rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

async function zipFiles(files: [string, Uint8Array][]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, data] of files) zip.file(name, data, { date: FIXED_DATE, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

// ── grids-clean.geojson ───────────────────────────────────────────────────────────────────
function gridsClean(): void {
  const features = CLEAN_GRIDS.map(
    (g): Feature<Polygon> => ({
      type: 'Feature',
      properties: {
        name: g.name,
        ...(g.communityCode ? { communityCode: g.communityCode } : {}),
        households: g.households,
        population: g.population,
        leaderName: g.leaderName,
        leaderPhone: g.leaderPhone,
      },
      geometry: g.geometry,
    }),
  );
  save('grids-clean.geojson', featureCollectionText(features));
}

// ── grids-projected.zip ───────────────────────────────────────────────────────────────────
/** shp-write's DBF writer puts each char code in one byte: give it GBK bytes as chars. */
const gbkChars = (text: string) => String.fromCharCode(...encodeGbk(text));

const bytesOf = (view: DataView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

async function gridsProjected(): Promise<void> {
  const toGaussKruger = proj4(PRJ_EPSG_4549);
  const geometries = PROJECTED_GRIDS.map((g) => g.geometry.coordinates.map((ring) => ring.map(([lng, lat]) => toGaussKruger.forward([lng!, lat!]))));
  const rows = PROJECTED_GRIDS.map((g) => ({
    [gbkChars('名称')]: gbkChars(g.name),
    [gbkChars('社区编码')]: g.communityCode ?? '',
    [gbkChars('户数')]: g.households,
    [gbkChars('人口')]: g.population,
    [gbkChars('网格长')]: gbkChars(g.leaderName),
    [gbkChars('电话')]: g.leaderPhone,
  }));
  let parts: { shp: DataView; shx: DataView; dbf: DataView } | undefined;
  writeShapefile(rows, 'POLYGON', geometries, (err, files) => {
    if (err) throw err;
    parts = files as typeof parts;
  });
  if (!parts) throw new Error('shp-write returned nothing');
  const dbf = new Uint8Array(bytesOf(parts.dbf));
  // The DBF header holds the date of writing (bytes 1–3, years since 1900): fix it.
  dbf.set([FIXED_DATE.getUTCFullYear() - 1900, FIXED_DATE.getUTCMonth() + 1, FIXED_DATE.getUTCDate()], 1);
  const encoder = new TextEncoder();
  save(
    'grids-projected.zip',
    await zipFiles([
      ['grids-projected.shp', bytesOf(parts.shp)],
      ['grids-projected.shx', bytesOf(parts.shx)],
      ['grids-projected.dbf', dbf],
      ['grids-projected.prj', encoder.encode(PRJ_EPSG_4549)],
      ['grids-projected.cpg', encoder.encode('936')],
    ]),
  );
}

// ── grids.kml ─────────────────────────────────────────────────────────────────────────────
const kmlRing = (polygon: Polygon, z: boolean) => polygon.coordinates[0]!.map(([lng, lat]) => (z ? `${lng},${lat},0` : `${lng},${lat}`)).join(' ');

function gridsKml(): void {
  const { wu, ji } = KML_GRIDS;
  const polygonKml = (polygon: Polygon, z: boolean) =>
    `<Polygon><outerBoundaryIs><LinearRing><coordinates>${kmlRing(polygon, z)}</coordinates></LinearRing></outerBoundaryIs></Polygon>`;
  const text = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
  <Document>
    <name>导入测试网格</name>
    <Schema name="grid" id="grid">
      <SimpleField name="communityCode" type="string"/>
      <SimpleField name="户数" type="int"/>
      <SimpleField name="人口" type="int"/>
    </Schema>
    <Placemark>
      <name>${wu.name}</name>
      <ExtendedData>
        <SchemaData schemaUrl="#grid">
          <SimpleData name="communityCode">${wu.communityCode}</SimpleData>
          <SimpleData name="户数">${wu.households}</SimpleData>
          <SimpleData name="人口">${wu.population}</SimpleData>
        </SchemaData>
        <Data name="网格长"><value>${wu.leaderName}</value></Data>
        <Data name="电话"><value>${wu.leaderPhone}</value></Data>
      </ExtendedData>
      ${polygonKml(wu.geometry, true)}
    </Placemark>
    <Placemark>
      <name>${ji.name}</name>
      <ExtendedData>
        <Data name="communityCode"><value>${ji.communityCode}</value></Data>
        <Data name="网格长"><value>${ji.leaderName}</value></Data>
      </ExtendedData>
      <MultiGeometry>
        ${ji.parts.map((p) => polygonKml(p, false)).join('\n        ')}
      </MultiGeometry>
    </Placemark>
  </Document>
</kml>
`;
  save('grids.kml', text);
}

// ── grids-problems.geojson ────────────────────────────────────────────────────────────────
function gridsProblems(): void {
  const features = PROBLEM_GRIDS.map((g): Feature<Geometry | null> => {
    const properties: Record<string, string> = {};
    if (g.name !== null) properties.name = g.name;
    if (g.communityCode !== null) properties.communityCode = g.communityCode;
    if (g.code !== null) properties.code = g.code;
    return { type: 'Feature', properties, geometry: g.geometry ?? { type: 'LineString', coordinates: PROBLEM_LINE } };
  });
  save('grids-problems.geojson', featureCollectionText(features));
}

// ── facilities ────────────────────────────────────────────────────────────────────────────
/** GCJ-02 of a WGS84 point, rounded to 7 decimals (≈1 cm). */
const gcj02 = (p: [number, number]) => fromWgs84(p, 'gcj02');

function facilitiesGbk(): void {
  const rows = [
    ['名称', '类型', '地址', '电话', '开放时间', '经度', '纬度'],
    ...GCJ02_FACILITIES.map((f) => [f.name, f.kindText, f.address, f.phone, f.openingHours, ...gcj02(f.wgs84)]),
  ];
  save('facilities-gbk-gcj02.csv', encodeGbk(csvText(rows)));
}

/** write-excel-file stamps zip entries with the time of writing: repack with a fixed one. */
async function withFixedDates(xlsx: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const files: [string, Uint8Array][] = [];
  for (const file of Object.values(zip.files)) if (!file.dir) files.push([file.name, await file.async('uint8array')]);
  return zipFiles(files);
}

async function facilitiesXlsx(): Promise<void> {
  const sheet = [
    ['name', 'kind', 'address', 'phone', 'lng', 'lat'].map((value) => ({ value })),
    ...XLSX_FACILITIES.map((f) => [{ value: f.name }, { value: f.kindText }, { value: f.address }, { value: f.phone }, { value: f.wgs84[0] }, { value: f.wgs84[1] }]),
  ];
  const buffer = await writeXlsxFile(sheet).toBuffer();
  save('facilities.xlsx', await withFixedDates(new Uint8Array(buffer)));
}

function facilitiesProblems(): void {
  const rows = [
    ['编号', '名称', '类型', '地址', '电话', '开放时间', '经度', '纬度'],
    [null, '问题测试服务站', '党群服务站', '测试路6号', '0510-05550206', '周一至周五 9:00-17:00', 121.0045, 31.4045],
    [null, '缺纬度服务站', '党群服务站', '测试路7号', '0510-05550207', null, 121.0055, null],
    [null, '区外服务站', '党群服务站', '外地路1号', '0510-05550208', null, 110.0, 30.0],
    [null, '超市服务站', '超市', '测试路8号', '0510-05550209', null, 121.0065, 31.4065],
    [null, '问题测试服务站', '党群服务站', '测试路6号', '0510-05550206', '周一至周五 9:00-17:00', 121.0045, 31.4045],
    [999999, '编号测试服务站', '党群服务站', '测试路9号', '0510-05550210', null, 121.0075, 31.4075],
  ];
  save('facilities-problems.csv', '\uFEFF' + csvText(rows));
}

// ── members ───────────────────────────────────────────────────────────────────────────────
function members(): void {
  const rows = [
    ['姓名', '状态', '所属党组织', '流动党员', '电话', '经度', '纬度'],
    ...MEMBERS.map((m) => [m.name, m.statusText, FIXTURE_ORG_NAME, m.floatingText, m.phone, ...m.wgs84]),
  ];
  save('members.csv', csvText(rows));
}

function membersProblems(): void {
  const rows = [
    ['姓名', '状态', '所属党组织', '流动党员', '电话', '地址', '经度', '纬度'],
    ['钱例子', '正式党员', FIXTURE_ORG_NAME, '否', '0510-05550311', null, 121.0025, 31.4045],
    ['孙假名', '群众', FIXTURE_ORG_NAME, '否', '0510-05550312', null, 121.0035, 31.4055],
    ['周测试', '正式党员', FIXTURE_ORG_NAME, '否', '0510-05550313', '测试路10号', null, null],
    ['吴示例', '预备党员', '不存在的支部', '否', '0510-05550314', null, 121.0055, 31.4065],
    ['钱例子', '正式党员', FIXTURE_ORG_NAME, '否', '0510-05550311', null, 121.0065, 31.4075],
    ['郑样本', '正式党员', FIXTURE_ORG_NAME, '否', '0510-05550315', null, 110.0, 30.0],
  ];
  save('members-problems.csv', csvText(rows));
}

// ── README ────────────────────────────────────────────────────────────────────────────────
const bbox = (p: Polygon) => {
  const xs = p.coordinates[0]!.map((c) => c[0]!);
  const ys = p.coordinates[0]!.map((c) => c[1]!);
  return `lng ${Math.min(...xs)}–${Math.max(...xs)}, lat ${Math.min(...ys)}–${Math.max(...ys)}`;
};

const envelope = (c: FixtureCommunity) => `lng ${c.west.toFixed(3)}–${c.east.toFixed(3)}, lat ${c.south.toFixed(3)}–${c.north.toFixed(3)}`;

function problemTable(file: string): string {
  const rows = EXPECTED_PROBLEMS[file]!.map((p) => `| ${p.row} | ${p.field ?? '—'} | ${p.code} | ${p.stage === 'parse' ? 'parseImport' : 'database check'} |`);
  return ['| row | field | code | found by |', '|---|---|---|---|', ...rows].join('\n');
}

function readme(): void {
  const [one, two] = FIXTURE_COMMUNITIES;
  const problemGridLines = PROBLEM_GRIDS.map((g, i) => {
    const where = g.geometry ? bbox(g.geometry) : `LineString ${PROBLEM_LINE.map((p) => p.join(', ')).join(' → ')}`;
    const props = [g.name ? `name ${g.name}` : 'no name', g.communityCode ? `communityCode ${g.communityCode}` : 'no communityCode', g.code ? `code ${g.code}` : null].filter(Boolean).join(', ');
    return `${i + 1}. ${where}; ${props}`;
  });
  const text = `# Import fixtures

Generated by \`npx tsx scripts/make-import-fixtures.ts\` (deterministic: rerunning gives the same
bytes) from the constants in \`tests/support/import-fixtures.ts\`, which the tests read as well
(\`fixtureBytes(name)\`, \`makeFixtureCommunities(platform)\`, \`makeFixtureOrg(platform)\`,
\`EXPECTED_PROBLEMS\`). Do not edit these files by hand: change the constants and rerun.

Everything lies in two test communities of a test street, east of the demo district, which
\`makeFixtureCommunities(platform)\` inserts:

- street \`${FIXTURE_STREET.code}\` ${FIXTURE_STREET.name} (parent \`${FIXTURE_STREET.parentCode}\`), geometry the union of:
- community \`${one.code}\` ${one.name}: ${envelope(one)}
- community \`${two.code}\` ${two.name}: ${envelope(two)}

All names are fictitious; phone numbers are 0510-0555xxxx.

## Clean files (no problems expected)

| file | format | content |
|---|---|---|
| grids-clean.geojson | GeoJSON, WGS84, English property names | ${CLEAN_GRIDS.map((g) => `${g.name} (${bbox(g.geometry)}${g.communityCode ? `, communityCode ${g.communityCode}` : ', no communityCode'})`).join('; ')}. West third of community 001; they share the edge lat 31.405 and do not overlap; no codes. |
| grids-projected.zip | Shapefile: .shp .shx .dbf .prj .cpg; EPSG:4549 CGCS2000 / 3-degree Gauss-Kruger CM 120E (ESRI WKT); DBF in GBK with Chinese field names 名称 社区编码 户数 人口 网格长 电话; .cpg says \`936\` | ${PROJECTED_GRIDS.map((g) => `${g.name} (${bbox(g.geometry)}${g.communityCode ? `, 社区编码 ${g.communityCode}` : ', 社区编码 empty'})`).join('; ')}. Middle third of community 001. Corners were projected from these WGS84 values with proj4; read back they must land within 1 cm (rings clockwise, vertex order as in \`PROJECTED_GRIDS\`). |
| grids.kml | KML 2.2, UTF-8 | ${KML_GRIDS.wu.name}: Polygon ${bbox(KML_GRIDS.wu.geometry)} with Z (\`,0\`), ExtendedData SchemaData/SimpleData communityCode, 户数, 人口 and Data 网格长, 电话. ${KML_GRIDS.ji.name}: MultiGeometry of two Polygons (${KML_GRIDS.ji.parts.map(bbox).join(' and ')}) → MultiPolygon, ExtendedData Data communityCode, 网格长. East third of community 001. |
| facilities-gbk-gcj02.csv | CSV in GBK, CRLF; headers 名称,类型,地址,电话,开放时间,经度,纬度; Chinese kind names; **GCJ-02** (import with crs=gcj02) | ${GCJ02_FACILITIES.map((f) => `${f.name} (${f.kindText} → ${f.kind}) WGS84 ${f.wgs84.join(', ')} written as GCJ-02 ${gcj02(f.wgs84).join(', ')}`).join('; ')}. Read back within 2 m of the WGS84 values. |
| facilities.xlsx | XLSX (write-excel-file), English headers name, kind, address, phone, lng, lat; numbers as numbers; WGS84 | ${XLSX_FACILITIES.map((f) => `${f.name} (${f.kind}) ${f.wgs84.join(', ')}`).join('; ')} |
| members.csv | CSV in UTF-8 (no BOM); headers 姓名,状态,所属党组织,流动党员,电话,经度,纬度; WGS84 | ${MEMBERS.map((m) => `${m.name} ${m.statusText} 流动:${m.floatingText} ${m.wgs84.join(', ')}`).join('; ')}. All in community 001, org \`${FIXTURE_ORG_NAME}\`: **the test creates that party_org first** (\`makeFixtureOrg(platform)\`). |

## Problem files

Rows are spreadsheet rows (header = row 1) for CSV and feature numbers (from 1) for GeoJSON.
"parseImport" problems come from reading the file; "database check" problems from the import's
checks against the database (dry run). Fields of parse problems are the header as the file writes
it, for the database checks too. A row not listed is clean.

### grids-problems.geojson (community 002; import with crs=wgs84)

Before importing, the test draws an existing grid **${EXISTING_GRID_IN_COMMUNITY_2.name}** in community
${EXISTING_GRID_IN_COMMUNITY_2.communityCode} at the rectangle ${bbox(EXISTING_GRID_IN_COMMUNITY_2.geometry)}
(\`EXISTING_GRID_IN_COMMUNITY_2\`). Features:

${problemGridLines.join('\n')}

Feature 1 is clean; 2 is a bow-tie (self-intersection); 3 lies near 110, 30, outside every
community; 4 overlaps feature 1 (about 0.001° × 0.0015°); 5 names an unknown community; 6 and 7
share the code 320213999002050 (7 is the duplicate); 8 has no name; 9 overlaps the existing
grid (0.001° × 0.002°); 10 is a LineString. Apart from 4/1 and 9/existing, the shapes are clear of
each other.

${problemTable('grids-problems.geojson')}

### facilities-problems.csv (UTF-8 with BOM; headers 编号,名称,类型,地址,电话,开放时间,经度,纬度; WGS84)

Row 2 is clean (问题测试服务站 at 121.0045, 31.4045); row 3 has no 纬度; row 4 is at 110, 30;
row 5 has 类型 超市; row 6 repeats row 2 (same name and coordinates); row 7 has 编号 999999,
which no facility has.

${problemTable('facilities-problems.csv')}

### members-problems.csv (UTF-8; headers 姓名,状态,所属党组织,流动党员,电话,地址,经度,纬度; WGS84)

Create the party_org \`${FIXTURE_ORG_NAME}\` first. Row 2 is clean (钱例子, 0510-05550311); row 3 has
状态 群众; row 4 has an address (测试路10号) and no coordinates (addresses are not geocoded);
row 5 names the org 不存在的支部; row 6 repeats row 2's name and phone elsewhere in community
001; row 7 is at 110, 30.

${problemTable('members-problems.csv')}

## Files

${written.map((f) => `- ${f}`).join('\n')}
`;
  save('README.md', text);
}

fs.mkdirSync(OUT, { recursive: true });
gridsClean();
await gridsProjected();
gridsKml();
gridsProblems();
facilitiesGbk();
await facilitiesXlsx();
facilitiesProblems();
members();
membersProblems();
readme();
console.log(`wrote ${written.length} files to tests/fixtures/imports/:\n  ${written.join('\n  ')}`);
