import type { Geometry, Position } from 'geojson';

// Snapping for drawing and reshaping grids: a pointer within a few pixels of a vertex of a
// neighbouring grid or of the community boundary lands exactly on it, or else on the nearest
// point of such an edge, so shared borders line up without slivers or gaps.

type ScreenPoint = { x: number; y: number };
type Project = (lng: number, lat: number) => ScreenPoint;
type Unproject = (x: number, y: number) => { lng: number; lat: number };

export interface SnapResult {
  kind: 'vertex' | 'edge';
  coordinate: Position;
}

/** Terra Draw refuses coordinates with more decimals than its precision (9). */
const round9 = (v: number) => Math.round(v * 1e9) / 1e9;

/** Segments as [lng0, lat0, lng1, lat1] with their bounding boxes, for a quick box filter. */
export class SnapIndex {
  private readonly segments: Float64Array;
  private readonly count: number;

  private constructor(segments: number[]) {
    this.segments = Float64Array.from(segments);
    this.count = segments.length / 4;
  }

  static empty(): SnapIndex {
    return new SnapIndex([]);
  }

  /** Every ring and line of the geometries (points are ignored). */
  static fromGeometries(geometries: readonly (Geometry | null | undefined)[]): SnapIndex {
    const out: number[] = [];
    const addLine = (line: Position[]) => {
      for (let i = 0; i + 1 < line.length; i += 1) {
        const a = line[i]!;
        const b = line[i + 1]!;
        if (a[0] === undefined || a[1] === undefined || b[0] === undefined || b[1] === undefined) continue;
        out.push(a[0], a[1], b[0], b[1]);
      }
    };
    const visit = (g: Geometry | null | undefined) => {
      if (!g) return;
      switch (g.type) {
        case 'Polygon':
          g.coordinates.forEach(addLine);
          break;
        case 'MultiPolygon':
          g.coordinates.forEach((p) => p.forEach(addLine));
          break;
        case 'LineString':
          addLine(g.coordinates);
          break;
        case 'MultiLineString':
          g.coordinates.forEach(addLine);
          break;
        case 'GeometryCollection':
          g.geometries.forEach(visit);
          break;
        default:
          break;
      }
    };
    geometries.forEach(visit);
    return new SnapIndex(out);
  }

  get size(): number {
    return this.count;
  }

  /**
   * The vertex nearest to the screen point within `tolerancePx`, or else the nearest point on an
   * edge within it; vertices win so corners shared by three grids stay shared.
   */
  snap(x: number, y: number, tolerancePx: number, project: Project, unproject: Unproject): SnapResult | undefined {
    if (this.count === 0) return undefined;
    const corners = [unproject(x - tolerancePx, y - tolerancePx), unproject(x + tolerancePx, y + tolerancePx)];
    const minLng = Math.min(corners[0]!.lng, corners[1]!.lng);
    const maxLng = Math.max(corners[0]!.lng, corners[1]!.lng);
    const minLat = Math.min(corners[0]!.lat, corners[1]!.lat);
    const maxLat = Math.max(corners[0]!.lat, corners[1]!.lat);
    const tol2 = tolerancePx * tolerancePx;
    let bestVertex: Position | undefined;
    let bestVertexD2 = tol2;
    let bestEdge: Position | undefined;
    let bestEdgeD2 = tol2;
    const s = this.segments;
    for (let i = 0; i < this.count; i += 1) {
      const ax = s[i * 4]!;
      const ay = s[i * 4 + 1]!;
      const bx = s[i * 4 + 2]!;
      const by = s[i * 4 + 3]!;
      if (Math.max(ax, bx) < minLng || Math.min(ax, bx) > maxLng || Math.max(ay, by) < minLat || Math.min(ay, by) > maxLat) continue;
      const pa = project(ax, ay);
      const pb = project(bx, by);
      for (const [p, lng, lat] of [
        [pa, ax, ay],
        [pb, bx, by],
      ] as const) {
        const d2 = (p.x - x) ** 2 + (p.y - y) ** 2;
        if (d2 <= bestVertexD2) {
          bestVertexD2 = d2;
          bestVertex = [lng, lat];
        }
      }
      const dx = pb.x - pa.x;
      const dy = pb.y - pa.y;
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      const t = Math.max(0, Math.min(1, ((x - pa.x) * dx + (y - pa.y) * dy) / len2));
      const d2 = (pa.x + t * dx - x) ** 2 + (pa.y + t * dy - y) ** 2;
      if (d2 <= bestEdgeD2) {
        bestEdgeD2 = d2;
        // Mercator is conformal and a segment spans a few hundred metres: interpolating in
        // degrees stays within millimetres of the neighbour's edge.
        bestEdge = [round9(ax + t * (bx - ax)), round9(ay + t * (by - ay))];
      }
    }
    if (bestVertex) return { kind: 'vertex', coordinate: bestVertex };
    if (bestEdge) return { kind: 'edge', coordinate: bestEdge };
    return undefined;
  }
}
