// Text in files from Chinese offices is UTF-8 or GBK (Excel's "CSV" and most Shapefile DBFs on a
// Chinese Windows are GBK). Valid UTF-8 is almost never valid-looking GBK by accident, so: UTF-8
// when the bytes are valid UTF-8, else GBK. WHATWG's "gbk" decoder is the GB18030 decoder, a
// superset of GBK and GB2312.

export type TextEncodingLabel = 'utf-8' | 'gbk';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes text; a leading byte-order mark is dropped. */
export function decodeText(bytes: Uint8Array, encoding?: TextEncodingLabel): { text: string; encoding: TextEncodingLabel } {
  const chosen = encoding ?? (isValidUtf8(bytes) ? 'utf-8' : 'gbk');
  const text = new TextDecoder(chosen).decode(bytes);
  return { text: text.startsWith('\uFEFF') ? text.slice(1) : text, encoding: chosen };
}

/**
 * The encoding a Shapefile's .cpg names, as a label TextDecoder knows, or null when the .cpg
 * names nothing usable. ArcGIS writes code pages ("936", "ANSI 936", "CP936"), QGIS writes
 * names ("UTF-8", "GBK", "System"); TextDecoder knows none of the code-page numbers.
 */
export function encodingOfCpg(cpg: string): string | null {
  const label = cpg.trim().toLowerCase().replace(/^ansi\s*/, '');
  if (label === '') return null;
  if (/^(utf-?8|65001)$/.test(label)) return 'utf-8';
  if (/^(cp|ms|windows-?)?936$/.test(label) || /^(gbk|gb2312|gb18030|gb_2312-80|x-gbk|cp54936|54936)$/.test(label)) return 'gbk';
  if (/^(cp|windows-?)?950$/.test(label) || label === 'big5') return 'big5';
  const windows = /^(?:cp|windows-?)?(125\d|874)$/.exec(label);
  if (windows) return `windows-${windows[1]}`;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** dBase language driver ids (byte 29 of the header) that say GBK. */
const GBK_LANGUAGE_DRIVERS = new Set([0x4d, 0x7a]);

/** The encoding of a DBF: its .cpg when that names one, else GBK's driver id, else by content. */
export function dbfEncoding(dbf: Uint8Array, cpg: string | null): string {
  const named = cpg === null ? null : encodingOfCpg(cpg);
  if (named !== null) return named;
  if (dbf.length > 29 && GBK_LANGUAGE_DRIVERS.has(dbf[29]!)) return 'gbk';
  return dbfTextIsUtf8(dbf) ? 'utf-8' : 'gbk';
}

/** Only the field names and the records are text: the rest of the header is binary. */
function dbfTextIsUtf8(dbf: Uint8Array): boolean {
  if (dbf.length < 32) return true;
  const headerLength = dbf[8]! | (dbf[9]! << 8);
  for (let at = 32; at + 32 <= Math.min(headerLength, dbf.length) && dbf[at] !== 0x0d; at += 32) {
    const name = dbf.subarray(at, at + 11);
    const end = name.indexOf(0);
    if (!isValidUtf8(end === -1 ? name : name.subarray(0, end))) return false;
  }
  return isValidUtf8(dbf.subarray(Math.min(headerLength, dbf.length)));
}
