import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { decodeText } from './decode-text.ts';
import { reason, unreadable } from './import-errors.ts';
import type { Cell, SourceData, SourceRecord } from './import-fields.ts';

// KML Placemarks to numbered features: the Placemark's <name> becomes the "name" field and
// ExtendedData (<Data>/<value> and <SimpleData>) become fields. togeojson closes open rings and
// drops rings of under 4 positions itself; a MultiGeometry of several parts becomes a
// GeometryCollection, which the grid normaliser turns into a MultiPolygon.

/** Properties togeojson adds from styles and metadata, not from the author's data. */
const STYLE_PROPERTIES = new Set(['styleUrl', 'styleHash', 'styleMapHash', 'stroke', 'stroke-opacity', 'stroke-width', 'fill', 'fill-opacity', 'icon', 'icon-scale', 'icon-color', 'icon-opacity', 'icon-offset', 'icon-offset-units', 'label-scale', 'label-color', 'label-opacity', 'visibility', 'description', 'timespan', 'timestamp', 'link']);

export function readKml(bytes: Uint8Array): SourceData {
  const { text } = decodeText(bytes);
  if (text.trim() === '') throw unreadable('文件是空的', 'the file is empty');
  const errors: string[] = [];
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (err) {
    throw unreadable('无法读取 KML：XML 格式有误，请重新导出', `the KML is not well-formed XML (${reason(err)}): export it again`);
  }
  if (errors.length > 0) {
    throw unreadable('无法读取 KML：XML 格式有误，请重新导出', `the KML is not well-formed XML (${errors[0]!.slice(0, 200)}): export it again`);
  }
  const root = doc.documentElement;
  if (!root || root.localName !== 'kml') {
    throw unreadable('文件不是 KML：根元素应为 <kml>', `not a KML document (the root element is <${root?.localName ?? ''}>, not <kml>)`);
  }

  let collection;
  try {
    // xmldom's Document has what togeojson reads (childNodes, tagName, getElementsByTagName, textContent).
    collection = kml(doc as unknown as Document);
  } catch (err) {
    throw unreadable('无法读取 KML 的内容，请在 Google Earth 或 GIS 软件中重新导出', `the KML could not be read (${reason(err)}): export it again`);
  }

  const headers: string[] = [];
  const seen = new Set<string>();
  const records: SourceRecord[] = collection.features.map((feature, index) => {
    const values = new Map<string, Cell>();
    for (const [key, value] of Object.entries(feature.properties ?? {})) {
      if (STYLE_PROPERTIES.has(key)) continue;
      values.set(key, toCell(value));
      if (!seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
    return { row: index + 1, values, geometry: feature.geometry };
  });
  return { headers, records };
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
