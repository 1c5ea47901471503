import JSZip from 'jszip';
import proj4 from 'proj4';
import * as shpjs from 'shpjs';
import type { Crs } from '../geo/crs.ts';
import { dbfEncoding } from './decode-text.ts';
import { reason, unreadable } from './import-errors.ts';
import { requiredShift, withTowgs84, type Towgs84 } from './prj-datum.ts';
import { reproject } from './reproject-geometry.ts';
import { unpackedBytes } from './unpacked-size.ts';
import type { Cell, SourceData, SourceRecord } from './import-fields.ts';

// A zipped Shapefile layer (.shp, .dbf, optional .shx, .prj, .cpg) to numbered features.
// shpjs reads the geometry and the DBF; we unzip (to say which part is missing), pick the DBF's
// encoding (shpjs would silently fall back to UTF-8 for a .cpg of "936") and reproject a
// projected .prj with proj4 ourselves (shpjs silently ignores a .prj proj4 cannot read), shifting
// a datum other than WGS 84/CGCS2000 by its 7 parameters (prj-datum.ts).

export interface ShapefileData extends SourceData {
  encoding: string;
  /** Readable name of the .prj's system, or null without a .prj. */
  prjName: string | null;
  /** Coordinates were converted to lon/lat on WGS 84 (a projected .prj, or a datum shift). Else the caller's crs applies. */
  converted: boolean;
  /** The 7 parameters that shifted the datum to WGS 84, or null when none was needed. */
  towgs84: Towgs84 | null;
}

export interface ShapefileOptions {
  /** 7 parameters given with the import: shift a .prj's datum that needs one (they win over the .prj's TOWGS84). */
  towgs84?: Towgs84 | undefined;
}

/** A DBF keeps at most this many bytes of a field name (in the file's encoding). */
const DBF_NAME_BYTES = 10;

/** Unpacked sizes above this are not a Shapefile of grids but a zip bomb or the wrong file. */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

const HOW_TO_ZIP = 'zip the .shp, .shx, .dbf and .prj of one layer together';

export async function readShapefile(bytes: Uint8Array, options: ShapefileOptions = {}): Promise<ShapefileData> {
  if (bytes.length === 0) throw unreadable('文件是空的', 'the file is empty');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    throw unreadable('无法读取 Shapefile：文件不是有效的 zip 压缩包，请把 .shp、.shx、.dbf、.prj 重新压缩成 .zip', `not a valid zip (${reason(err)}): ${HOW_TO_ZIP}`);
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir && !f.name.includes('__MACOSX/') && !basename(f.name).startsWith('._'));
  const layers = entries.filter((f) => f.name.toLowerCase().endsWith('.shp'));
  if (layers.length === 0) {
    throw unreadable('无法读取 Shapefile：压缩包里没有 .shp 文件，请把 .shp、.shx、.dbf、.prj 一起压缩上传', `the zip has no .shp: ${HOW_TO_ZIP}`);
  }
  if (layers.length > 1) {
    const names = layers.map((f) => basename(f.name)).join(', ');
    throw unreadable(`无法读取 Shapefile：压缩包里有多个图层（${names}），每次只能导入一个图层`, `the zip holds several layers (${names}): zip one layer per file`);
  }
  const shpEntry = layers[0]!;
  const stem = shpEntry.name.slice(0, -4).toLowerCase();
  const part = (ext: string) => entries.find((f) => f.name.toLowerCase() === stem + ext);
  const dbfEntry = part('.dbf');
  if (!dbfEntry) {
    throw unreadable('无法读取 Shapefile：压缩包里缺少 .dbf 文件（属性表）', `the zip has no .dbf: include the .shp, .shx, .dbf and .prj of the layer`);
  }
  const prjEntry = part('.prj');
  const cpgEntry = part('.cpg');

  const parts = [shpEntry, dbfEntry, prjEntry, cpgEntry].filter((f) => f !== undefined);
  if (unpackedBytes(parts, MAX_UNPACKED_BYTES) > MAX_UNPACKED_BYTES) {
    throw unreadable('Shapefile 解压后过大，请分批导入', `the layer unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB: import it in parts`);
  }

  let shp: Buffer, dbf: Buffer, prjText: string | null, cpgText: string | null;
  try {
    [shp, dbf] = await Promise.all([shpEntry.async('nodebuffer'), dbfEntry.async('nodebuffer')]);
    prjText = prjEntry ? await prjEntry.async('string') : null;
    cpgText = cpgEntry ? await cpgEntry.async('string') : null;
  } catch (err) {
    throw unreadable('无法读取 Shapefile：压缩包已损坏，请重新压缩', `the zip is damaged (${reason(err)}): ${HOW_TO_ZIP}`);
  }

  const prj = prjText !== null && prjText.trim() !== '' ? readPrj(prjText, options.towgs84) : null;

  let geometries: unknown[];
  try {
    geometries = shpjs.parseShp(shp);
  } catch (err) {
    throw unreadable('无法读取 .shp 文件：文件已损坏或不是 Shapefile 几何', `the .shp could not be read (${reason(err)}): export the layer again`);
  }
  const encoding = dbfEncoding(dbf, cpgText);
  let rows: Record<string, unknown>[];
  try {
    rows = shpjs.parseDbf(dbf, encoding as unknown as Buffer) as Record<string, unknown>[];
  } catch (err) {
    throw unreadable('无法读取 .dbf 属性表：文件已损坏', `the .dbf could not be read (${reason(err)}): export the layer again`);
  }

  const headers: string[] = [];
  const seen = new Set<string>();
  const records: SourceRecord[] = geometries.map((geometry, index) => {
    const values = new Map<string, Cell>();
    for (const [key, value] of Object.entries(rows[index] ?? {})) {
      values.set(key, toCell(value));
      if (!seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
    return { row: index + 1, values, geometry: prj?.converter ? reproject(geometry, prj.converter) : geometry };
  });
  return {
    headers,
    records,
    encoding,
    truncatedHeaders: { bytes: DBF_NAME_BYTES, encoding },
    prjName: prj?.name ?? null,
    converted: prj?.converter !== undefined,
    towgs84: prj?.towgs84 ?? null,
  };
}

/** The source system to report: a converted .prj's name, else the caller's system (or the .prj's lon/lat name for WGS84). */
export function shapefileCrsName(data: ShapefileData, crs: Crs): string {
  if (data.converted || (crs === 'wgs84' && data.prjName !== null)) return data.prjName!;
  return crs;
}

interface Prj {
  name: string;
  converter?: proj4.Converter;
  towgs84: Towgs84 | null;
}

const GEOGRAPHIC = new Set(['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS']);
const PROJECTED = new Set(['PROJCS', 'PROJCRS', 'PROJECTEDCRS']);

function readPrj(text: string, given: Towgs84 | undefined): Prj {
  const wkt = text.trim();
  const root = /^([A-Z_]+)\s*\[\s*"([^"]*)"/i.exec(wkt);
  if (!root) {
    throw unreadable('无法识别 .prj 里的坐标系（不是 WKT）：请在 GIS 软件中重新导出图层', 'the .prj is not a WKT coordinate system: export the layer again');
  }
  const keyword = root[1]!.toUpperCase();
  const name = readableCrsName(root[2]!);
  if (!GEOGRAPHIC.has(keyword) && !PROJECTED.has(keyword)) {
    throw unreadable(`不支持 .prj 里的坐标系 ${name}（${keyword}）：请导出为经纬度 (WGS84/CGCS2000) 或常用投影`, `unsupported coordinate system ${name} (${keyword}): export in WGS84/CGCS2000 or a common projection`);
  }
  const towgs84 = requiredShift(wkt, name, given);
  if (GEOGRAPHIC.has(keyword) && towgs84 === null) return { name, towgs84 };
  let converter: proj4.Converter;
  try {
    converter = proj4(towgs84 === null ? wkt : withTowgs84(wkt, towgs84));
  } catch (err) {
    throw unreadable(`无法识别 .prj 里的投影 ${name}：请在 GIS 软件中把图层转为 CGCS2000 或 WGS84 经纬度后导出`, `the projection ${name} in the .prj cannot be used (${reason(err)}): reproject the layer to CGCS2000 or WGS84 longitude/latitude`);
  }
  return { name, converter, towgs84 };
}

const DATUMS: Record<string, string> = {
  CGCS2000: 'CGCS2000',
  CGCS_2000: 'CGCS2000',
  Beijing_1954: 'Beijing 1954',
  Xian_1980: 'Xian 1980',
  New_Beijing: 'New Beijing',
  WGS_1984: 'WGS 84',
};

/** The datum's usual name; only DATUMS' own entries count (not __proto__, constructor…). */
const datumName = (esri: string) => (Object.hasOwn(DATUMS, esri) ? DATUMS[esri]! : esri.replace(/_/g, ' '));

/** ESRI's names to the EPSG names people know, e.g. CGCS2000_3_Degree_GK_CM_120E → CGCS2000 / 3-degree Gauss-Kruger CM 120E. */
export function readableCrsName(name: string): string {
  const gk = /^(.+?)_([36])_Degree_GK_(?:CM_(\d+)E|Zone_(\d+))$/i.exec(name);
  if (gk) {
    return `${datumName(gk[1]!)} / ${gk[2]}-degree Gauss-Kruger ${gk[3] ? `CM ${gk[3]}E` : `zone ${gk[4]}`}`;
  }
  const utm = /^(.+?)_UTM_Zone_(\d+[NS])$/i.exec(name);
  if (utm) return `${datumName(utm[1]!)} / UTM zone ${utm[2]!.toUpperCase()}`;
  if (/^GCS_China_Geodetic_Coordinate_System_2000$|^China Geodetic Coordinate System 2000$/i.test(name)) return 'CGCS2000';
  if (/^GCS_WGS_1984$/i.test(name)) return 'WGS 84';
  const gcs = /^GCS_(.+)$/.exec(name);
  if (gcs) return datumName(gcs[1]!);
  return name.replace(/_/g, ' ');
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  // parsedbf builds dates in local time.
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
