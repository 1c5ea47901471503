import type proj4 from 'proj4';

/** Every position through the projection's inverse (to WGS84 lon/lat); Z is kept for later dropping. */
export function reproject(geometry: unknown, converter: proj4.Converter): unknown {
  const walk = (c: unknown): unknown => {
    if (!Array.isArray(c)) return c;
    if (typeof c[0] === 'number') {
      const [lng, lat] = converter.inverse([c[0], c[1] as number]);
      return [lng, lat, ...c.slice(2)];
    }
    return c.map(walk);
  };
  if (typeof geometry !== 'object' || geometry === null) return geometry;
  const g = geometry as { type: string; coordinates?: unknown; geometries?: unknown[] };
  if (g.geometries) return { type: g.type, geometries: g.geometries.map((part) => reproject(part, converter)) };
  return { type: g.type, coordinates: walk(g.coordinates) };
}
