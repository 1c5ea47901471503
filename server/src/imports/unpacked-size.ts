import zlib from 'node:zlib';
import type JSZip from 'jszip';

/** What jszip keeps of an entry before unpacking it; not in its public types. */
interface PackedEntry {
  compressedContent?: unknown;
  compression?: { magic?: unknown };
}

const DEFLATE = '\x08\x00';

/**
 * How many bytes the entries unpack to, or Infinity past `limit`. Measured by inflating with
 * zlib, which stops at the limit: a zip's headers can state any size, and jszip or a workbook
 * reader would inflate a bomb whole before noticing. Data that cannot be inflated counts as its
 * packed size (the reader then says it is damaged).
 */
export function unpackedBytes(files: readonly JSZip.JSZipObject[], limit: number): number {
  let total = 0;
  for (const file of files) {
    const entry = (file as unknown as { _data?: PackedEntry })._data;
    const content = entry?.compressedContent;
    if (!(content instanceof Uint8Array)) continue;
    if (entry?.compression?.magic !== DEFLATE) {
      total += content.byteLength;
    } else {
      try {
        total += zlib.inflateRawSync(content, { maxOutputLength: limit - total + 1 }).byteLength;
      } catch (err) {
        if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return Infinity;
        total += content.byteLength;
      }
    }
    if (total > limit) return Infinity;
  }
  return total;
}
