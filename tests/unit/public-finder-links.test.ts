import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { navigationLinks } from '../../client/src/features/public/navLinks';
import { stationIdFromPath, stationPath } from '../../client/src/features/public/origin';

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

  it('gives the phone a geo: URI in WGS84 with the name as label', () => {
    expect(links.geo).toBe(`geo:31.572923,120.299181?q=31.572923,120.299181(${encodeURIComponent(place.name)})`);
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
