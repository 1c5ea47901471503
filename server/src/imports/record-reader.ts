import type { ErrorCode } from '../contract/error-codes.ts';
import { toWgs84, type Crs } from '../geo/crs.ts';
import type { ImportProblem } from './import-types.ts';
import { fallbackLabels, matchHeaders, type Cell, type FieldAliases, type FieldHeaders, type SourceData, type SourceRecord } from './import-fields.ts';
import { roundPosition } from './import-geometry.ts';
import { cellText, degrees, type ValueResult } from './import-values.ts';

export function problem(row: number, field: string | null, code: ErrorCode, zh: string, en: string): ImportProblem {
  return { row, field, code, message: `${zh} (${en})` };
}

/** The columns of one file, resolved once; `read` gives a reader per record. */
export class FieldMap<K extends string> {
  private readonly headers: FieldHeaders<K>;
  /** Each field's name as the file writes it (or its usual Chinese name when the file lacks it). */
  readonly labels: Record<K, string>;

  constructor(aliases: FieldAliases<K>, data: SourceData) {
    this.headers = matchHeaders(aliases, data.headers, data.truncatedHeaders);
    this.labels = fallbackLabels(aliases, data.headers);
  }

  has(field: K): boolean {
    return this.headers[field] !== null;
  }

  /** Each field under the name the file gives it, for problems found after reading. */
  get written(): Record<K, string> {
    const out = { ...this.labels };
    for (const field of Object.keys(out) as K[]) out[field] = this.headers[field] ?? this.labels[field];
    return out;
  }

  /** The fields the file has a column (or property) for. */
  get present(): K[] {
    return (Object.keys(this.labels) as K[]).filter((field) => this.has(field));
  }

  read(record: SourceRecord): RecordReader<K> {
    return new RecordReader(record, this.headers, this.labels);
  }
}

/**
 * Reads typed values out of one record and collects what is wrong with it, each problem under
 * the field's name as the file writes it.
 */
export class RecordReader<K extends string> {
  readonly problems: ImportProblem[] = [];

  constructor(
    readonly record: SourceRecord,
    private readonly headers: FieldHeaders<K>,
    private readonly labels: Record<K, string>,
  ) {}

  get row(): number {
    return this.record.row;
  }

  /** The field's name as the file writes it (or the usual name when the file lacks the column). */
  field(key: K): string {
    return this.headers[key] ?? this.labels[key];
  }

  cell(key: K): Cell {
    const header = this.headers[key];
    return header === null ? null : (this.record.values.get(header) ?? null);
  }

  isEmpty(key: K): boolean {
    return cellText(this.cell(key)) === null;
  }

  report(field: string | null, code: ErrorCode, zh: string, en: string): void {
    this.problems.push(problem(this.row, field, code, zh, en));
  }

  /** The parsed value; null when the cell is empty or bad (a bad one is reported). */
  optional<T>(key: K, parse: (cell: Cell) => ValueResult<T>): T | null {
    if (this.isEmpty(key)) return null;
    const cell = this.cell(key);
    // The database's text cannot hold it; a file that has one was damaged or made by a program.
    if (typeof cell === 'string' && cell.includes('\u0000')) {
      const name = this.field(key);
      this.report(name, 'BAD_VALUE', `“${name}”：含有空字符 (NUL)，请删除后重新导出`, `${name}: contains the NUL character (U+0000): remove it and export again`);
      return null;
    }
    const result = parse(cell);
    if (result.ok) return result.value;
    this.report(this.field(key), 'BAD_VALUE', `“${this.field(key)}”：${result.zh}`, `${this.field(key)}: ${result.en}`);
    return null;
  }

  /** Like `optional`, and an empty cell is reported as MISSING_FIELD. */
  required<T>(key: K, parse: (cell: Cell) => ValueResult<T>, what: { zh: string; en: string }): T | null {
    if (this.isEmpty(key)) {
      const name = this.field(key);
      this.report(name, 'MISSING_FIELD', `缺少${what.zh}：请填写“${name}”`, `${what.en} is missing: fill in “${name}”`);
      return null;
    }
    return this.optional(key, parse);
  }

  /**
   * A point from the longitude and latitude columns, converted from `crs` to WGS84. An empty one
   * is MISSING_COORDINATE (one problem per row, under the first empty column).
   */
  lngLat(lngKey: K, latKey: K, crs: Crs, missingHint?: { zh: string; en: string }): [number, number] | null {
    const empty = this.isEmpty(lngKey) ? lngKey : this.isEmpty(latKey) ? latKey : null;
    if (empty !== null) {
      const lng = this.field(lngKey);
      const lat = this.field(latKey);
      this.report(
        this.field(empty),
        'MISSING_COORDINATE',
        missingHint?.zh ?? `缺少坐标：请填写“${lng}”和“${lat}”（十进制度）`,
        missingHint?.en ?? `no coordinates: fill in “${lng}” and “${lat}” in decimal degrees`,
      );
      return null;
    }
    const lng = this.optional(lngKey, degrees);
    const lat = this.optional(latKey, degrees);
    if (lng === null || lat === null) return null;
    return this.checkedPoint([lng, lat], crs, this.field(lngKey), this.field(latKey));
  }

  /** A point in range, converted to WGS84; out of range is BAD_VALUE (often lng/lat swapped, or metres). */
  checkedPoint([lng, lat]: [number, number], crs: Crs, lngField: string, latField: string): [number, number] | null {
    if (!(lng >= -180 && lng <= 180)) {
      this.report(lngField, 'BAD_VALUE', `经度 ${lng} 超出 −180～180：是否与纬度填反，或是投影坐标（米）？`, `longitude ${lng} is outside ±180: swapped with latitude, or metres instead of degrees?`);
      return null;
    }
    if (!(lat >= -90 && lat <= 90)) {
      this.report(latField, 'BAD_VALUE', `纬度 ${lat} 超出 −90～90：是否与经度填反，或是投影坐标（米）？`, `latitude ${lat} is outside ±90: swapped with longitude, or metres instead of degrees?`);
      return null;
    }
    return roundPosition(toWgs84([lng, lat], crs));
  }
}
