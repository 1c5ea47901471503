// Bulk loading with COPY … FROM STDIN (text format) through pg-copy-streams: rows are produced
// lazily and written with back-pressure, so millions of members never sit in memory at once.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { round7, type MultiPolygon, type Position } from '../demo/geometry.ts';

/** One COPY text-format field: \N for null, backslash escapes for the characters COPY treats specially. */
export function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function row(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(field).join('\t')}\n`;
}

/** A PostgreSQL text[] literal; the items never contain quotes, commas, braces or backslashes. */
export function textArray(items: readonly string[]): string {
  for (const item of items) if (/[",{}\\\s]/.test(item)) throw new Error(`array item needs quoting: ${item}`);
  return `{${items.join(',')}}`;
}

function xy([x, y]: Position): string {
  return `${round7(x)} ${round7(y)}`;
}

export function multiPolygonEwkt(geom: MultiPolygon): string {
  const polygons = geom.coordinates.map((p) => `(${p.map((ring) => `(${ring.map(xy).join(',')})`).join(',')})`);
  return `SRID=4326;MULTIPOLYGON(${polygons.join(',')})`;
}

export function pointEwkt(p: Position): string {
  return `SRID=4326;POINT(${xy(p)})`;
}

/** Batches lines into chunks of about 256 KiB, which is what the stream writes at a time. */
async function* chunks(lines: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  let buffer: string[] = [];
  let size = 0;
  for await (const line of lines) {
    buffer.push(line);
    size += line.length;
    if (size >= 256 * 1024) {
      yield buffer.join('');
      buffer = [];
      size = 0;
    }
  }
  if (buffer.length > 0) yield buffer.join('');
}

/** COPY table (columns) FROM STDIN with the given rows; returns the rows PostgreSQL reports. */
export async function copyInto(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  lines: Iterable<string> | AsyncIterable<string>,
): Promise<number> {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(Readable.from(chunks(lines)), stream);
  return stream.rowCount;
}
