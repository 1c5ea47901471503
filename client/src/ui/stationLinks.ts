import gcoord from 'gcoord';

// A station's links, the same on every card (the map's details, the finder's list, the station's
// own page). "导航": each map app expects its own coordinate system. Amap and Tencent want
// GCJ-02, Baidu wants BD-09 (bd09ll), and a phone's own map app reads a `geo:` URI in WGS84. The
// page never calls these hosts itself; the links are only followed when the user taps one.

export interface NavigationLinks {
  amap: string;
  baidu: string;
  tencent: string;
  geo: string;
}

/** The app name the map providers' URI APIs ask callers to state (`src`, `referer`). */
const CALLER = 'wgdj';

/** Six decimals is ~0.1 m: plenty, and keeps the links short. */
const round = (n: number) => Number(n.toFixed(6));

/** Tencent's marker parameter is `key:value` pairs joined by `;`: those two may not appear in a value. */
const tencentValue = (text: string) => encodeURIComponent(text.replace(/[;:]/g, ' ').trim());

export function navigationLinks(place: { name: string; address?: string | null; lng: number; lat: number }): NavigationLinks {
  const { name, lng, lat } = place;
  // gcoord.transform mutates an array it is given, so each call gets a fresh one.
  const [gLng, gLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const [bLng, bLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09) as [number, number];
  const amap = new URL('https://uri.amap.com/marker');
  amap.search = new URLSearchParams({
    position: `${round(gLng)},${round(gLat)}`,
    name,
    src: CALLER,
    coordinate: 'gaode',
    callnative: '1',
  }).toString();
  const baidu = new URL('https://api.map.baidu.com/marker');
  baidu.search = new URLSearchParams({
    // Baidu's URI API takes latitude first.
    location: `${round(bLat)},${round(bLng)}`,
    title: name,
    content: place.address ?? name,
    output: 'html',
    coord_type: 'bd09ll',
    src: `webapp.${CALLER}.finder`,
  }).toString();
  // Tencent's URI API takes GCJ-02, latitude first.
  const marker = [`coord:${round(gLat)},${round(gLng)}`, `title:${tencentValue(name)}`];
  if (place.address) marker.push(`addr:${tencentValue(place.address)}`);
  const tencent = `https://apis.map.qq.com/uri/v1/marker?marker=${marker.join(';')}&referer=${CALLER}`;
  const wLat = round(lat);
  const wLng = round(lng);
  const geo = `geo:${wLat},${wLng}?q=${wLat},${wLng}(${encodeURIComponent(name)})`;
  return { amap: amap.toString(), baidu: baidu.toString(), tencent, geo };
}

/** A station's own page (details, QR poster). */
export function stationPath(id: string | number): string {
  return `/station/${encodeURIComponent(String(id))}`;
}

/**
 * The address a station's page is shared under (QR code, copied link): from the server's
 * PUBLIC_URL when it has one, so a poster printed from a computer on the office network still
 * leads phones to the public site; else this page's own origin.
 */
export function stationUrl(id: string | number, publicUrl: string | null, pageOrigin: string): string {
  return `${(publicUrl ?? pageOrigin).replace(/\/+$/, '')}${stationPath(id)}`;
}
