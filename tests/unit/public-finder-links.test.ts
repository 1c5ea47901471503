import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { stationIdFromPath } from '../../client/src/features/public/origin';
import { navigationLinks, stationPath, stationUrl } from '../../client/src/ui/stationLinks';
import { stationText } from '../../client/src/ui/stationText';

// The finder's "导航" links: each app gets the station in its own coordinate system.

describe('navigationLinks', () => {
  const place = { name: '崇安寺街道党群服务中心', address: '无锡市梁溪区学前街274号', lng: 120.299181, lat: 31.5729228 };
  const links = navigationLinks(place);

  it('gives Amap GCJ-02 coordinates, lng first, marked as gaode', () => {
    const url = new URL(links.amap);
    expect(`${url.origin}${url.pathname}`).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('name')).toBe(place.name);
    const [lng, lat] = url.searchParams.get('position')!.split(',').map(Number);
    const [eLng, eLat] = gcoord.transform([place.lng, place.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(lng).toBeCloseTo(eLng, 6);
    expect(lat).toBeCloseTo(eLat, 6);
  });

  it('gives Baidu BD-09 coordinates, lat first, as bd09ll with html output', () => {
    const url = new URL(links.baidu);
    expect(`${url.origin}${url.pathname}`).toBe('https://api.map.baidu.com/marker');
    expect(url.searchParams.get('coord_type')).toBe('bd09ll');
    expect(url.searchParams.get('output')).toBe('html');
    expect(url.searchParams.get('title')).toBe(place.name);
    const [lat, lng] = url.searchParams.get('location')!.split(',').map(Number);
    const [eLng, eLat] = gcoord.transform([place.lng, place.lat], gcoord.WGS84, gcoord.BD09) as [number, number];
    expect(lng).toBeCloseTo(eLng, 6);
    expect(lat).toBeCloseTo(eLat, 6);
  });

  it('gives Tencent GCJ-02 coordinates, lat first, with the name and address', () => {
    const url = new URL(links.tencent);
    expect(`${url.origin}${url.pathname}`).toBe('https://apis.map.qq.com/uri/v1/marker');
    expect(url.searchParams.get('referer')).toBeTruthy();
    const marker = Object.fromEntries(url.searchParams.get('marker')!.split(';').map((part) => {
      const colon = part.indexOf(':');
      return [part.slice(0, colon), part.slice(colon + 1)];
    }));
    expect(marker['title']).toBe(place.name);
    expect(marker['addr']).toBe(place.address);
    const [lat, lng] = marker['coord']!.split(',').map(Number);
    const [eLng, eLat] = gcoord.transform([place.lng, place.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(lng).toBeCloseTo(eLng, 6);
    expect(lat).toBeCloseTo(eLat, 6);
  });

  it('keeps a name with Tencent separators from breaking its marker', () => {
    const url = new URL(navigationLinks({ ...place, name: '站点;title:假', address: null }).tencent);
    const parts = url.searchParams.get('marker')!.split(';');
    expect(parts).toHaveLength(2);
    expect(parts[1]).toBe('title:站点 title 假');
  });

  it('gives the phone a geo: URI in WGS84 with the name as label', () => {
    expect(links.geo).toBe(`geo:31.572923,120.299181?q=31.572923,120.299181(${encodeURIComponent(place.name)})`);
  });
});

describe('station addresses', () => {
  it('share the station page under PUBLIC_URL when set, else under the page origin', () => {
    expect(stationUrl(7, 'https://map.example.cn', 'http://10.0.0.5:3000')).toBe('https://map.example.cn/station/7');
    expect(stationUrl(7, 'https://example.cn/map/', 'http://10.0.0.5:3000')).toBe('https://example.cn/map/station/7');
    expect(stationUrl(7, null, 'http://10.0.0.5:3000')).toBe('http://10.0.0.5:3000/station/7');
  });
});

describe('the station card texts', () => {
  it('name the three open states as a resident reads them, not as a shop', () => {
    const zh = stationText.texts['zh-CN'];
    expect([zh['open.open'], zh['open.closingSoon'], zh['open.closed']]).toEqual(['开放中', '即将关闭', '已关闭']);
  });
});

describe('station paths', () => {
  it('round-trips ids and ignores other paths', () => {
    expect(stationIdFromPath(stationPath(42))).toBe('42');
    expect(stationIdFromPath('/station/a%20b')).toBe('a b');
    expect(stationIdFromPath('/')).toBeNull();
    expect(stationIdFromPath('/station')).toBeNull();
    expect(stationIdFromPath('/station/1/extra')).toBeNull();
  });
});
