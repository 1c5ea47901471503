/**
 * The coordinate reference systems of OGC API – Features Part 2 (CRS by reference) that /ogc
 * serves. Coordinates go out in each CRS's own axis order, as Part 2 requires: EPSG:4326 and
 * EPSG:4490 are latitude, longitude; EPSG:4549 is northing, easting; CRS84 and EPSG:3857 keep
 * x first. Stored data is WGS84 (treated as CGCS2000, the two differ by centimetres).
 */
export interface Crs {
  uri: string;
  srid: number;
  /** First axis is north (latitude or northing): PostGIS's x, y are swapped on the way out and in. */
  northFirst: boolean;
  /** Degrees (longitude wraps at ±180°) rather than metres. */
  geographic: boolean;
  /** Decimals written: about 1 cm in either unit. */
  decimals: number;
}

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const epsg = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;

export const STORAGE_CRS: Crs = { uri: CRS84, srid: 4326, northFirst: false, geographic: true, decimals: 7 };

const SUPPORTED_CRS: readonly Crs[] = [
  STORAGE_CRS,
  { uri: epsg(4326), srid: 4326, northFirst: true, geographic: true, decimals: 7 },
  { uri: epsg(4490), srid: 4490, northFirst: true, geographic: true, decimals: 7 },
  { uri: epsg(3857), srid: 3857, northFirst: false, geographic: false, decimals: 2 },
  { uri: epsg(4549), srid: 4549, northFirst: true, geographic: false, decimals: 3 },
];

export const CRS_URIS = SUPPORTED_CRS.map((c) => c.uri);

/** The CRS a `crs` or `bbox-crs` value names by its URI, or undefined. */
export function crsByUri(uri: string): Crs | undefined {
  return SUPPORTED_CRS.find((c) => c.uri === uri);
}

/** The `Content-Crs` header value: the URI in angle brackets. */
export function contentCrs(crs: Crs): string {
  return `<${crs.uri}>`;
}
