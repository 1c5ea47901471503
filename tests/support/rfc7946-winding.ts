/**
 * The RFC 7946 ring order of every Polygon and MultiPolygon anywhere in a JSON value (a Feature, a
 * FeatureCollection, or any answer that carries geometries): each polygon's first ring
 * counter-clockwise, its holes clockwise, by the sign of the ring's area (shoelace formula on
 * longitude and latitude).
 */
export interface WindingReport {
  /** How many rings were checked. */
  rings: number;
  /** Where a ring runs the wrong way, as a JSON path. */
  wrong: string[];
}

type Ring = number[][];

function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

export function checkWinding(value: unknown): WindingReport {
  const report: WindingReport = { rings: 0, wrong: [] };
  const polygon = (rings: Ring[], path: string) =>
    rings.forEach((ring, i) => {
      report.rings++;
      const area = signedArea(ring);
      if (i === 0 ? !(area > 0) : !(area < 0)) report.wrong.push(`${path}[${i}] (${i === 0 ? 'outer ring' : 'hole'} ${area > 0 ? 'counter-clockwise' : 'clockwise'})`);
    });
  const visit = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const { type, coordinates } = v as { type?: unknown; coordinates?: unknown };
    if (type === 'Polygon' && Array.isArray(coordinates)) polygon(coordinates as Ring[], `${path}.coordinates`);
    else if (type === 'MultiPolygon' && Array.isArray(coordinates)) (coordinates as Ring[][]).forEach((p, i) => polygon(p, `${path}.coordinates[${i}]`));
    else for (const [key, child] of Object.entries(v)) visit(child, `${path}.${key}`);
  };
  visit(value, '$');
  return report;
}
