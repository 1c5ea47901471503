/** A heatmap row of heatmap.sql: one shown cell (q, r, n null when none) with the region's figures and the plane. */
export interface HeatmapRow {
  q: number | null;
  r: number | null;
  n: number | null;
  suppressed: number;
  total: number;
  lng0: number;
  lat0: number;
  k: number;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The cells as a GeoJSON FeatureCollection text: flat-topped hexagons `size` metres corner to
 * corner, centred at x = size/2 × 1.5q, y = size/2 × √3 (r + q/2) metres on the coverage plane.
 * Built here rather than in SQL: tens of thousands of cells for a city come out in milliseconds.
 */
export function hexagonCells(rows: readonly HeatmapRow[], size: number): string {
  const first = rows[0];
  if (!first) return '{"type":"FeatureCollection","features":[]}';
  const { lng0, lat0, k } = first;
  const half = size / 2;
  const corners = Array.from({ length: 7 }, (_, i) => [
    (half * Math.cos((Math.PI / 3) * i)) / (111320 * k),
    (half * Math.sin((Math.PI / 3) * i)) / 110574,
  ] as const);
  const features: string[] = [];
  for (const { q, r, n } of rows) {
    if (q === null || r === null || n === null) continue;
    const lng = lng0 + (half * 1.5 * q) / (111320 * k);
    const lat = lat0 + (half * Math.sqrt(3) * (r + q / 2)) / 110574;
    const ring = corners.map(([dx, dy]) => `[${round6(lng + dx)},${round6(lat + dy)}]`).join(',');
    features.push(
      `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[${ring}]]},"properties":{"count":${n},"q":${q},"r":${r},"lng":${round6(lng)},"lat":${round6(lat)}}}`,
    );
  }
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}
