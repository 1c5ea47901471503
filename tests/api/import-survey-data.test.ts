import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import type { ImportReport } from '../../server/src/imports/import-types.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { uploadImport } from '../support/import-fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// Shapefiles as Chinese surveys deliver them, written by GDAL (scripts/make-gdal-fixtures.sh)
// from three demo grids (tests/fixtures/survey/demo-grids.geojson): Beijing 1954 and Xian 1980
// Gauss-Krüger with and without the datum's 7 parameters, and a UTF-8 DBF whose Chinese field
// names the DBF cut to 10 bytes. The 7 parameters are the script's illustrative ones.

const SURVEY = new URL('../fixtures/survey/', import.meta.url);
const bytes = (name: string) => new Uint8Array(fs.readFileSync(new URL(name, SURVEY)));
const DEMO_GRIDS = JSON.parse(fs.readFileSync(new URL('demo-grids.geojson', SURVEY), 'utf8')) as FeatureCollection;
const CODES = DEMO_GRIDS.features.map((f) => String(f.properties!.code));

const BEIJING_1954_TOWGS84 = '-15.2,150.6,94.8,0.11,-0.32,-0.45,1.8';
const XIAN_1980_TOWGS84 = '-24.6,118.9,81.7,0.21,-0.47,-0.58,2.6';

let platform: TestPlatform;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  // The survey was taken from the grids' typed figures. The loaded demo counts its buildings instead,
  // and a file's households are not taken where a community has buildings: these communities get none.
  await platform.db.query('delete from building where community_code = any ($1::text[])', [
    [...new Set(DEMO_GRIDS.features.map((f) => String(f.properties!.code).slice(0, 12)))],
  ]);
  for (const f of DEMO_GRIDS.features) {
    await platform.db.query(`update grid set households = $2, population = $3 where code = $1 and valid_to is null`, [
      f.properties!.code, f.properties!.households, f.properties!.population,
    ]);
  }
});
afterAll(() => platform.close());

function upload(fileName: string, body: string | Uint8Array, query: Record<string, string> = {}) {
  return uploadImport(platform, 'grids', fileName, body, query, planner);
}

async function report(fileName: string, query: Record<string, string> = {}, body = bytes(fileName)): Promise<ImportReport> {
  const res = await upload(fileName, body, query);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ImportReport;
}

async function refusal(fileName: string, query: Record<string, string> = {}, body = bytes(fileName)) {
  const res = await upload(fileName, body, query);
  const text = await res.clone().text();
  expect(res.status, text).toBe(422);
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

/** Every version of the three demo grids: any import that changed one adds a row. */
async function demoGridVersions(): Promise<number> {
  const [row] = await platform.db.query<{ n: number }>(`select count(*)::integer as n from grid where code = any($1)`, [CODES]);
  return row!.n;
}

describe('Beijing 1954 and Xian 1980 Shapefiles', () => {
  it('with TOWGS84 in the .prj, the grids land on the stored ones (unchanged), their cut English names read', async () => {
    const dry = await report('grids-beijing1954-gk3-towgs84.zip');
    expect(dry).toMatchObject({ total: 3, create: 0, update: 0, unchanged: 3, problems: [], notes: [] });
    expect(dry.source).toMatchObject({ crs: 'Beijing 1954 / 3-degree Gauss-Kruger CM 120E', towgs84: [-15.2, 150.6, 94.8, 0.11, -0.32, -0.45, 1.8] });
  });

  it('Beijing 1954 longitude/latitude with TOWGS84 (and AXIS latitude first) lands on the stored grids too', async () => {
    const dry = await report('grids-beijing1954-lonlat-towgs84.zip');
    expect(dry).toMatchObject({ total: 3, create: 0, update: 0, unchanged: 3, problems: [] });
    expect(dry.source.crs).toBe('Beijing 1954');
  });

  it('without TOWGS84 the whole file is refused with DATUM_SHIFT_UNKNOWN, naming the system and the 七参数, and nothing changes', async () => {
    const before = await demoGridVersions();
    for (const mode of ['dry-run', 'commit']) {
      const error = await refusal('grids-beijing1954-gk3.zip', { mode });
      expect(error.code).toBe('DATUM_SHIFT_UNKNOWN');
      expect(error.message).toContain('Beijing 1954 / 3-degree Gauss-Kruger CM 120E');
      expect(error.message).toContain('七参数（向 WGS 84 转换）');
      expect(error.message).toContain('towgs84=');
      expect(error.message).not.toMatch(/社区边界|community boundary|重叠|overlap/);
    }
    expect(await demoGridVersions()).toBe(before);
  });

  it('the same file with towgs84= given lands right: unchanged, and a commit writes nothing new', async () => {
    const dry = await report('grids-beijing1954-gk3.zip', { towgs84: BEIJING_1954_TOWGS84 });
    expect(dry).toMatchObject({ total: 3, create: 0, update: 0, unchanged: 3, problems: [] });
    expect(dry.source.towgs84).toEqual([-15.2, 150.6, 94.8, 0.11, -0.32, -0.45, 1.8]);
    const before = await demoGridVersions();
    const done = await report('grids-beijing1954-gk3.zip', { towgs84: BEIJING_1954_TOWGS84, mode: 'commit' });
    expect(done).toMatchObject({ committed: true, unchanged: 3, create: 0, update: 0 });
    expect(await demoGridVersions()).toBe(before);
  });

  it('Xian 1980 Gauss-Krüger: refused without parameters, unchanged with them', async () => {
    const error = await refusal('grids-xian1980-gk3.zip');
    expect(error.code).toBe('DATUM_SHIFT_UNKNOWN');
    expect(error.message).toContain('Xian 1980 / 3-degree Gauss-Kruger CM 120E');
    const dry = await report('grids-xian1980-gk3.zip', { towgs84: XIAN_1980_TOWGS84 });
    expect(dry).toMatchObject({ total: 3, create: 0, update: 0, unchanged: 3, problems: [] });
    expect(dry.source.crs).toBe('Xian 1980 / 3-degree Gauss-Kruger CM 120E');
  });

  it('wrong parameters are not silently accepted: the shapes land 70 m off and do not match', async () => {
    const dry = await report('grids-beijing1954-gk3.zip', { towgs84: '0,0,0,0,0,0,0' });
    expect(dry.unchanged).toBe(0);
  });

  it('towgs84= that is not 3 or 7 numbers is a 400 naming the parameter', async () => {
    const res = await upload('grids-beijing1954-gk3.zip', bytes('grids-beijing1954-gk3.zip'), { towgs84: '1,2,x' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('towgs84');
  });
});

describe('DBF field names cut at 10 bytes', () => {
  it('网格编码, 网格名称, 社区编码, 联系电话 cut in UTF-8 are recognised: the codes update, nothing is created; 备注 is listed', async () => {
    await platform.db.query(`update grid set households = 1 where code = $1 and valid_to is null`, [CODES[1]]);
    const dry = await report('grids-chinese-fields.zip');
    expect(dry).toMatchObject({ total: 3, create: 0, update: 1, unchanged: 2, problems: [] });
    expect(dry.notes).toEqual([expect.objectContaining({ field: '备注', code: 'UNKNOWN_COLUMN' })]);
    expect(dry.notes[0]!.message).toContain('未识别的列“备注”');
    const update = dry.actions.find((a) => a.action === 'update')!;
    expect(update.changes).toEqual([{ field: '户数', before: 1, after: DEMO_GRIDS.features[1]!.properties!.households }]);

    const done = await report('grids-chinese-fields.zip', { mode: 'commit' });
    expect(done).toMatchObject({ committed: true, create: 0, update: 1 });
    expect(done.notes).toHaveLength(1);
  });
});

describe('columns our own exports write', () => {
  it('a GeoJSON or Shapefile export of grids imports back with no note', async () => {
    for (const [format, fileName] of [['geojson', 'community.geojson'], ['shp', 'community.zip']] as const) {
      const res = await send(platform, 'GET', `/api/exports/grids?region=320213021001&format=${format}`, planner);
      expect(res.status).toBe(200);
      const dry = await report(fileName, {}, new Uint8Array(await res.arrayBuffer()));
      expect(dry).toMatchObject({ create: 0, update: 0, problems: [], notes: [] });
    }
  });
});

describe('a grid file whose codes are not read is never turned into creations', () => {
  const renamed = (rename: (props: Record<string, unknown>) => Record<string, unknown>) =>
    JSON.stringify({ ...DEMO_GRIDS, features: DEMO_GRIDS.features.map((f) => ({ ...f, properties: rename({ ...f.properties }) })) });

  it('a column of 15-digit codes under another name is refused, naming the column', async () => {
    const body = renamed(({ code, ...rest }) => ({ 图斑编号: code, ...rest }));
    const before = await demoGridVersions();
    const error = await refusal('grids.geojson', {}, new TextEncoder().encode(body));
    expect(error.code).toBe('GRID_CODE_COLUMN_UNRECOGNISED');
    expect(error.message).toContain('“图斑编号”');
    expect(await demoGridVersions()).toBe(before);
  });

  it('no code column at all, shapes on the stored grids: refused, asking for a 网格编码 column', async () => {
    const body = renamed(({ code: _code, ...rest }) => rest);
    const error = await refusal('grids.geojson', {}, new TextEncoder().encode(body));
    expect(error.code).toBe('GRID_CODE_COLUMN_UNRECOGNISED');
    expect(error.message).toContain('3 个网格（共 3 个）与现有网格基本重合');
    expect(error.message).toContain('网格编码');
  });
});
