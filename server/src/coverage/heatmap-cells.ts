/** What heatmap.sql answers: the region's figures, the plane, and the cells shown as "q r n,…". */
export interface HeatmapFigures {
  suppressed: number;
  total: number;
  lng0: number;
  lat0: number;
  k: number;
  cells: string | null;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Each cell's feature text up to its count ("geometry" and centre), by plane, size, q and r: the
 * cells are fixed, so their shapes are written once per process and a city's heatmap is mostly
 * joined from here. Bounded: past SHAPES_MAX entries it starts again.
 */
const shapes = new Map<string, string>();
const SHAPES_MAX = 200_000;
let shapesPlane = '';

/**
 * The cells as a GeoJSON FeatureCollection text: flat-topped hexagons `size` metres corner to
 * corner, centred at x = size/2 × 1.5q, y = size/2 × √3 (r + q/2) metres on the coverage plane.
 * Built here rather than in SQL: tens of thousands of cells for a city come out in milliseconds.
 */
export function hexagonCells(figures: HeatmapFigures | undefined, size: number): string {
  if (!figures?.cells) return '{"type":"FeatureCollection","features":[]}';
  const { lng0, lat0, k } = figures;
  const plane = `${lng0} ${lat0} ${k}`;
  if (plane !== shapesPlane || shapes.size > SHAPES_MAX) {
    shapes.clear();
    shapesPlane = plane;
  }
  const half = size / 2;
  const corners = Array.from({ length: 7 }, (_, i) => [
    (half * Math.cos((Math.PI / 3) * i)) / (111320 * k),
    (half * Math.sin((Math.PI / 3) * i)) / 110574,
  ] as const);
  const features: string[] = [];
  for (const cell of figures.cells.split(',')) {
    const last = cell.lastIndexOf(' ');
    const qr = cell.slice(0, last);
    const key = `${size} ${qr}`;
    let shape = shapes.get(key);
    if (shape === undefined) {
      const [q, r] = qr.split(' ').map(Number) as [number, number];
      const lng = lng0 + (half * 1.5 * q) / (111320 * k);
      const lat = lat0 + (half * Math.sqrt(3) * (r + q / 2)) / 110574;
      const ring = corners.map(([dx, dy]) => `[${round6(lng + dx)},${round6(lat + dy)}]`).join(',');
      shape = `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[${ring}]]},"properties":{"q":${q},"r":${r},"lng":${round6(lng)},"lat":${round6(lat)},"count":`;
      shapes.set(key, shape);
    }
    features.push(`${shape}${cell.slice(last + 1)}}}`);
  }
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}
