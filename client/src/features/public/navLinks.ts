import gcoord from 'gcoord';

// "导航" links: each map app expects its own coordinate system. Amap wants GCJ-02 ("gaode"),
// Baidu wants BD-09 (bd09ll), and a phone's own map app reads a `geo:` URI in WGS84. The page
// never calls these hosts itself; the links are only followed when the user taps one.

export interface NavigationLinks {
  amap: string;
  baidu: string;
  geo: string;
}

/** Six decimals is ~0.1 m: plenty, and keeps the links short. */
const round = (n: number) => Number(n.toFixed(6));

export function navigationLinks(place: { name: string; address?: string | null; lng: number; lat: number }): NavigationLinks {
  const { name, lng, lat } = place;
  // gcoord.transform mutates an array it is given, so each call gets a fresh one.
  const [gLng, gLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const [bLng, bLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09) as [number, number];
  const amap = new URL('https://uri.amap.com/marker');
  amap.search = new URLSearchParams({
    position: `${round(gLng)},${round(gLat)}`,
    name,
    src: 'wgdj',
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
    src: 'webapp.wgdj.finder',
  }).toString();
  const wLat = round(lat);
  const wLng = round(lng);
  const geo = `geo:${wLat},${wLng}?q=${wLat},${wLng}(${encodeURIComponent(name)})`;
  return { amap: amap.toString(), baidu: baidu.toString(), geo };
}
