import { z } from 'zod';
import { HttpError } from '../http/errors.ts';

// The datum of a Shapefile's .prj and the shift from it to WGS 84. CGCS2000 and WGS 84 (and any
// datum on their ellipsoid) agree within a metre: no shift. Beijing 1954 (Krassowsky 1940),
// Xian 1980 (IAG 1975) and other datums on another ellipsoid lie 50–100 m away in Jiangsu; no
// formula turns them into WGS 84 without the local 7 parameters (Helmert, position vector, as
// PROJ's +towgs84 and a WKT TOWGS84 give them), so they come from the .prj's TOWGS84 or with the
// import, and a file without them is refused rather than placed 70 m off.

/** dx, dy, dz (m), rx, ry, rz (arc-seconds), ds (ppm): position vector, like PROJ's +towgs84. */
export type Towgs84 = readonly [number, number, number, number, number, number, number];

/** Semi-major axes of the ellipsoids that need no shift: WGS 84 and GRS 1980/CGCS2000. */
const NO_SHIFT_AXIS_M = 6378137;

/** "dx,dy,dz,rx,ry,rz,ds" (3 numbers: translation only) to the 7 parameters, or null when malformed. */
export function parseTowgs84(text: string): Towgs84 | null {
  const parts = text.split(/[,，\s]+/).filter((p) => p !== '');
  if (parts.length !== 3 && parts.length !== 7) return null;
  const numbers = parts.map(Number);
  if (!numbers.every(Number.isFinite)) return null;
  const [dx, dy, dz, rx = 0, ry = 0, rz = 0, ds = 0] = numbers as [number, number, number, ...number[]];
  return [dx, dy, dz, rx, ry, rz, ds];
}

/** towgs84= on the API and --towgs84 on the command line. */
export const towgs84Option = z.string().transform((text, ctx): Towgs84 => {
  const params = parseTowgs84(text);
  if (params === null) {
    ctx.addIssue({ code: 'custom', message: '3 or 7 numbers dx,dy,dz,rx,ry,rz,ds (metres, arc-seconds, ppm), e.g. -15.2,150.6,94.8,0.11,-0.32,-0.45,1.8' });
    return z.NEVER;
  }
  return params;
});

const formatTowgs84 = (p: Towgs84) => p.join(',');

/** The datum part of a WKT1 .prj: its ellipsoid's semi-major axis and the TOWGS84 it carries, if any. */
export interface PrjDatum {
  /** Needs a shift to WGS 84: its ellipsoid is not WGS 84's or CGCS2000's. */
  needsShift: boolean;
  towgs84: Towgs84 | null;
}

export function prjDatum(wkt: string): PrjDatum {
  const spheroid = /\b(?:SPHEROID|ELLIPSOID)\s*\[\s*"[^"]*"\s*,\s*([0-9.eE+-]+)/i.exec(wkt);
  const axis = spheroid ? Number(spheroid[1]) : NO_SHIFT_AXIS_M;
  const given = /\bTOWGS84\s*\[([^\]]*)\]/i.exec(wkt);
  const towgs84 = given ? parseTowgs84(given[1]!) : null;
  return { needsShift: Math.abs(axis - NO_SHIFT_AXIS_M) > 0.5, towgs84 };
}

/**
 * The shift a WKT system needs to WGS 84: none on WGS 84's or CGCS2000's ellipsoid; else the
 * parameters given with the import, or the WKT's own TOWGS84; without either the file is refused.
 */
export function requiredShift(wkt: string, crsName: string, given: Towgs84 | undefined): Towgs84 | null {
  const datum = prjDatum(wkt);
  if (!datum.needsShift) return null;
  const towgs84 = given ?? datum.towgs84;
  if (towgs84 === null) throw datumShiftUnknown(crsName);
  return towgs84;
}

/** The WKT with these parameters as its datum's TOWGS84 (replacing any it had). */
export function withTowgs84(wkt: string, params: Towgs84): string {
  const start = /\bDATUM\s*\[/i.exec(wkt);
  if (!start) return wkt;
  let depth = 0;
  let end = -1;
  for (let i = start.index + start[0].length - 1; i < wkt.length; i++) {
    if (wkt[i] === '[') depth++;
    else if (wkt[i] === ']' && --depth === 0) {
      end = i;
      break;
    }
  }
  if (end === -1) return wkt;
  const datum = wkt.slice(start.index, end).replace(/,\s*TOWGS84\s*\[[^\]]*\]/i, '');
  return `${wkt.slice(0, start.index)}${datum},TOWGS84[${formatTowgs84(params)}]${wkt.slice(end)}`;
}

/** The whole file is refused: its datum needs 7 parameters nobody gave. */
export function datumShiftUnknown(crsName: string): HttpError {
  return new HttpError(
    422,
    'DATUM_SHIFT_UNKNOWN',
    `文件的坐标系是“${crsName}”，需要“七参数（向 WGS 84 转换）”才能准确落位，否则整体偏移约 50–100 米：` +
      '请向测绘单位索取七参数（ΔX,ΔY,ΔZ 米，旋转 X,Y,Z 秒，尺度 ppm），在导入页“七参数”一栏填写后重新预检；或在 GIS 软件中把图层转为 CGCS2000 后导出。未导入任何数据 ' +
      `(the file is in ${crsName}, which needs a datum shift to WGS 84: supply the 7 Helmert parameters dx,dy,dz,rx,ry,rz,ds ` +
      '(metres, arc-seconds, ppm; position vector, as PROJ +towgs84) as towgs84= on the API, --towgs84 on the command line or in the 七参数 field of the import page, ' +
      'or reproject the layer to CGCS2000; nothing was imported)',
  );
}
