/**
 * A dBase III table (the .dbf of a Shapefile) with UTF-8 text; the .cpg next to it says so.
 * Written here rather than with the `dbf` package @mapbox/shp-write uses, because that one writes
 * one byte per UTF-16 code unit (Chinese would be lost) and makes every text field 254 bytes wide.
 */
export type DbfField =
  /** Text, as wide as its longest value (at most 254 bytes). */
  | { name: string; type: 'C' }
  /** A whole number right-aligned in `width` characters. */
  | { name: string; type: 'N'; width: number }
  /** A logical: T, F, or ? for null. */
  | { name: string; type: 'L' };

export type DbfValue = string | number | boolean | null;

const MAX_TEXT_BYTES = 254;

export function writeDbf(fields: readonly DbfField[], records: readonly Record<string, DbfValue>[], now = new Date()): Buffer {
  for (const f of fields) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,9}$/.test(f.name)) throw new Error(`DBF field name "${f.name}" must be 1–10 ASCII letters, digits or _`);
  }
  const cells = records.map((record) => fields.map((f) => encodeValue(f, record[f.name] ?? null)));
  const widths = fields.map((f, i) => {
    if (f.type === 'L') return 1;
    if (f.type === 'N') return f.width;
    return Math.max(1, ...cells.map((row) => row[i]!.length));
  });

  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + widths.reduce((sum, w) => sum + w, 0);
  const out = Buffer.alloc(headerLength + recordLength * records.length + 1, 0);

  out.writeUInt8(0x03, 0); // dBase III without memo
  out.writeUInt8(now.getUTCFullYear() - 1900, 1);
  out.writeUInt8(now.getUTCMonth() + 1, 2);
  out.writeUInt8(now.getUTCDate(), 3);
  out.writeUInt32LE(records.length, 4);
  out.writeUInt16LE(headerLength, 8);
  out.writeUInt16LE(recordLength, 10);

  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.write(f.name, at, 'ascii');
    out.write(f.type, at + 11, 'ascii');
    out.writeUInt8(widths[i]!, at + 16);
    out.writeUInt8(0, at + 17); // no decimals: all our numbers are whole
  });
  out.writeUInt8(0x0d, headerLength - 1);

  let offset = headerLength;
  for (const row of cells) {
    out.writeUInt8(0x20, offset++); // not deleted
    row.forEach((bytes, i) => {
      const width = widths[i]!;
      const field = fields[i]!;
      // Text is left-aligned, numbers right-aligned; both padded with spaces.
      const pad = Buffer.alloc(width - bytes.length, 0x20);
      const cell = field.type === 'N' ? Buffer.concat([pad, bytes]) : Buffer.concat([bytes, pad]);
      cell.copy(out, offset);
      offset += width;
    });
  }
  out.writeUInt8(0x1a, offset); // end of file
  return out;
}

function encodeValue(field: DbfField, value: DbfValue): Buffer {
  switch (field.type) {
    case 'L':
      return Buffer.from(value === null ? '?' : value ? 'T' : 'F', 'ascii');
    case 'N': {
      if (value === null) return Buffer.alloc(0);
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`DBF field ${field.name} expects a whole number, got ${String(value)}`);
      const text = String(value);
      if (text.length > field.width) throw new Error(`DBF field ${field.name}: ${text} is wider than ${field.width}`);
      return Buffer.from(text, 'ascii');
    }
    case 'C':
      return value === null ? Buffer.alloc(0) : truncateUtf8(String(value), MAX_TEXT_BYTES);
  }
}

/** The UTF-8 bytes of text, cut at a character boundary so no half character ends a field. */
function truncateUtf8(text: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return bytes;
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // step back over continuation bytes
  return bytes.subarray(0, end);
}
