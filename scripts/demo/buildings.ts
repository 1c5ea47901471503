// Residential buildings (楼栋) inside the demo grids. Old-city grids get many small low-rise blocks
// (6–30 households each), grids elsewhere a few estates' larger buildings (48–160 households).
// Each grid is given a household total first (most 300–500, about a tenth outside that range on
// either side, the park area fewer; 胜利门社区 with exactly two grids over 500 next to grids with
// room), then buildings with those households are placed as rotated rectangles that keep clear of
// each other and of the grid's border, so every building's anchor lies well inside one grid.
import { residentialDensity } from './density.ts';
import { distanceToBoundary, pointInMultiPolygon, type MultiPolygonCoords, type Position } from './geometry.ts';
import { PROJECTION } from './layout.ts';
import { byText } from './model.ts';
import type { Rng } from './prng.ts';

/** The community that must show two grids over 500 households (a rebalance brings them into range). */
export const UNBALANCED_COMMUNITY = '320213021001';
export const PARK_COMMUNITY = '320213027400';
export const HOUSEHOLD_RANGE = { min: 300, max: 500 } as const;
/** Share of ordinary grids whose households fall outside the range, half on each side. */
const OUT_OF_RANGE_SHARE = 0.1;
/** Every building keeps this far (metres) from its grid's border. */
export const BORDER_MARGIN_M = 5;

export interface BuildingGrid {
  code: string;
  communityCode: string;
  geom: MultiPolygonCoords;
}

export interface Building {
  key: string;
  communityCode: string;
  gridCode: string;
  name: string;
  households: number;
  population: number;
  /** Closed outer ring, lng/lat, counter-clockwise. */
  ring: Position[];
}

type Kind = 'old' | 'estate';

const KINDS: Record<Kind, { households: [number, number] }> = {
  old: { households: [6, 30] },
  estate: { households: [48, 160] },
};

/** Old-quarter place-name stems and estate names (invented, in the style of 无锡's housing). */
const OLD_STEMS = [
  '崇安', '学前', '南禅', '清名', '槐树', '大成', '书院', '后西溪', '小娄巷', '迎龙桥', '黄泥桥', '西水墩', '南尖', '盛巷',
  '北塘', '江尖', '莲蓉', '五河', '芦庄', '塔影', '金星', '沁园', '永丰', '新民', '健康', '工运', '通扬', '丽新', '上马墩',
  '太保墩', '中山', '县前', '新生', '前西溪', '棉花巷', '羊腰湾', '大窑', '伯渎', '塘南', '惠农', '凤宾', '广丰',
];
const OLD_SUFFIXES = ['新村', '里', '坊', '小区', '新村', '弄'];
const ESTATE_PREFIXES = [
  '锦绣', '阳光', '金色', '绿洲', '春江', '运河', '梁溪', '太湖', '惠山', '清扬', '江南', '锡城', '广益', '兴源', '丽都',
  '山水', '颐和', '嘉和', '融创', '金科', '万象', '长泰', '天一', '蓝湾', '景泰', '华庭', '御景', '尚城', '朝阳', '滨河',
];
const ESTATE_SUFFIXES = ['花园', '苑', '家园', '雅苑', '名邸', '公寓', '新城', '华府'];

/** Metres in the district's local plane. */
function toM(p: Position): Position {
  const [x, y] = PROJECTION.toKm(p);
  return [x * 1000, y * 1000];
}

function toLngLat([x, y]: Position): Position {
  return PROJECTION.toLngLat([x / 1000, y / 1000]);
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

interface Rect {
  center: Position;
  halfLength: number;
  halfWidth: number;
  angle: number;
}

function corners(r: Rect, grow = 0): Position[] {
  const ux: Position = [Math.cos(r.angle), Math.sin(r.angle)];
  const uy: Position = [-ux[1], ux[0]];
  const a = r.halfLength + grow;
  const b = r.halfWidth + grow;
  return [
    [r.center[0] - a * ux[0] - b * uy[0], r.center[1] - a * ux[1] - b * uy[1]],
    [r.center[0] + a * ux[0] - b * uy[0], r.center[1] + a * ux[1] - b * uy[1]],
    [r.center[0] + a * ux[0] + b * uy[0], r.center[1] + a * ux[1] + b * uy[1]],
    [r.center[0] - a * ux[0] + b * uy[0], r.center[1] - a * ux[1] + b * uy[1]],
  ];
}

/** Points along the outline every ~3 m, so no part of the rectangle comes near the border. */
function outlineSamples(quad: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < 4; i++) {
    const a = quad[i] as Position;
    const b = quad[(i + 1) % 4] as Position;
    const steps = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / 3));
    for (let s = 0; s < steps; s++) out.push([a[0] + ((b[0] - a[0]) * s) / steps, a[1] + ((b[1] - a[1]) * s) / steps]);
  }
  return out;
}

/** Households per building summing exactly to `total`, each within the kind's range. */
export function splitHouseholds(total: number, kind: Kind, rng: Rng): number[] {
  const [lo, hi] = KINDS[kind].households;
  const out: number[] = [];
  let rest = total;
  while (rest > hi) {
    const v = rng.int(lo, Math.min(hi, rest - lo));
    out.push(v);
    rest -= v;
  }
  if (rest >= lo) out.push(rest);
  else if (rest > 0) throw new Error(`cannot split ${total} households into ${kind} buildings`);
  return rng.shuffle(out);
}

/** Footprint in metres for a building of `households`: about 10×15 m (a small walk-up) to 20×60 m (a slab block). */
function footprint(households: number, kind: Kind, rng: Rng): { length: number; width: number } {
  if (kind === 'old') {
    const t = (households - 6) / 24;
    return { length: 15 + 16 * t + rng.uniform(-2, 2), width: rng.uniform(9.5, 11.5) };
  }
  const t = (households - 48) / 112;
  return { length: 34 + 24 * t + rng.uniform(-2, 2), width: rng.uniform(14, 19.5) };
}

interface GridShape {
  grid: BuildingGrid;
  /** The grid in local metres. */
  plane: MultiPolygonCoords;
  inner: Position;
}

function shapeOf(grid: BuildingGrid): GridShape {
  const plane = grid.geom.map((polygon) => polygon.map((ring) => ring.map(toM)));
  let largest: Position[] = [];
  for (const polygon of plane) if ((polygon[0] ?? []).length > largest.length) largest = polygon[0] ?? [];
  const inner = toLngLat([
    largest.reduce((s, p) => s + p[0], 0) / Math.max(1, largest.length),
    largest.reduce((s, p) => s + p[1], 0) / Math.max(1, largest.length),
  ]);
  return { grid, plane, inner };
}

/** Spacing of the rows (metres): along a row between gable ends, and between rows. */
const SPACING: Record<Kind, { along: number; across: number }> = {
  old: { along: 4, across: 6 },
  estate: { along: 12, across: 20 },
};

function insideWithMargin(quad: readonly Position[], plane: MultiPolygonCoords): boolean {
  return outlineSamples(quad).every((p) => pointInMultiPolygon(p, plane) && distanceToBoundary(p, plane) >= BORDER_MARGIN_M);
}

/**
 * Buildings stand in parallel rows, as in a 新村 or an estate: the grid is cut into slots
 * (rows across, slots along) in a slightly rotated frame, slots that keep the margin from the
 * border are kept, and the buildings take a random choice of them. Slots never overlap, so
 * neither do buildings. When the grid is too small the frame is moved and the slots shrink.
 */
function placeInGrid(shape: GridShape, households: readonly number[], kind: Kind, rng: Rng): Rect[] {
  const sizes = households.map((h) => footprint(h, kind, rng));
  const slotLength = Math.max(...sizes.map((s) => s.length));
  const slotWidth = Math.max(...sizes.map((s) => s.width));
  const points = shape.plane.flatMap((polygon) => polygon[0] ?? []);
  for (let attempt = 0; attempt < 40; attempt++) {
    const scale = attempt < 10 ? 1 : attempt < 20 ? 0.9 : attempt < 30 ? 0.8 : 0.7;
    const angle = kind === 'estate' ? rng.uniform(-0.2, 0.2) : rng.uniform(-0.5, 0.5);
    const ux: Position = [Math.cos(angle), Math.sin(angle)];
    const uy: Position = [-ux[1], ux[0]];
    const us = points.map((p) => p[0] * ux[0] + p[1] * ux[1]);
    const vs = points.map((p) => p[0] * uy[0] + p[1] * uy[1]);
    const pitchU = slotLength * scale + SPACING[kind].along * scale;
    const pitchV = slotWidth * scale + SPACING[kind].across * scale;
    const slots: Rect[] = [];
    for (let v = Math.min(...vs) + rng.uniform(0, pitchV); v < Math.max(...vs); v += pitchV) {
      for (let u = Math.min(...us) + rng.uniform(0, pitchU); u < Math.max(...us); u += pitchU) {
        const center: Position = [u * ux[0] + v * uy[0], u * ux[1] + v * uy[1]];
        const slot: Rect = { center, halfLength: (slotLength * scale) / 2, halfWidth: (slotWidth * scale) / 2, angle };
        if (pointInMultiPolygon(center, shape.plane) && insideWithMargin(corners(slot), shape.plane)) slots.push(slot);
      }
    }
    if (slots.length < households.length) continue;
    const chosen = rng.shuffle(rng.sample(slots, households.length));
    return chosen.map((slot, i) => {
      const size = sizes[i] as { length: number; width: number };
      const halfLength = (size.length * scale) / 2;
      const halfWidth = (size.width * scale) / 2;
      // Within its slot a building may sit off-centre along the row.
      const slack = slot.halfLength - halfLength;
      const shift = rng.uniform(-slack, slack);
      return {
        center: [slot.center[0] + shift * ux[0], slot.center[1] + shift * ux[1]],
        halfLength,
        halfWidth,
        angle,
      };
    });
  }
  throw new Error(`grid ${shape.grid.code}: no room for ${households.length} buildings`);
}

/** Old-city low-rise where people live densest, estates elsewhere (a blend in between). */
function kindOf(shape: GridShape, maxDensity: number, rng: Rng): Kind {
  const t = residentialDensity(shape.inner) / maxDensity;
  const pOld = Math.min(1, Math.max(0, (t - 0.42) / 0.25));
  return rng.chance(pOld) ? 'old' : 'estate';
}

// Shared borders between grids, from the identical segments the noded tessellation gives neighbours.
function segmentKeys(geom: MultiPolygonCoords): Map<string, [Position, Position]> {
  const out = new Map<string, [Position, Position]>();
  for (const polygon of geom) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1] as Position;
        const b = ring[i] as Position;
        const ka = `${a[0]},${a[1]}`;
        const kb = `${b[0]},${b[1]}`;
        out.set(ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`, [a, b]);
      }
    }
  }
  return out;
}

/** Shared border segments (lng/lat) between two grids; empty when they do not share an edge. */
export function sharedBorder(a: BuildingGrid, b: BuildingGrid): [Position, Position][] {
  const mine = segmentKeys(a.geom);
  const theirs = segmentKeys(b.geom);
  return [...mine.entries()].filter(([k]) => theirs.has(k)).map(([, s]) => s);
}

export function borderLengthM(segments: readonly [Position, Position][]): number {
  return segments.reduce((t, [a, b]) => {
    const pa = toM(a);
    const pb = toM(b);
    return t + Math.hypot(pb[0] - pa[0], pb[1] - pa[1]);
  }, 0);
}

/** Distance in metres from a lng/lat point to the nearest of the given segments. */
export function distanceToSegmentsM(p: Position, segments: readonly [Position, Position][]): number {
  return distanceToBoundary(toM(p), [segments.map(([a, b]) => [toM(a), toM(b)])]);
}

export interface UnbalancedPlan {
  big: string[];
  /** For each big grid, the neighbour that takes its surplus. */
  receiver: Record<string, string>;
}

/**
 * 胜利门社区: two grids that do not touch each other get 540–580 households; each has its own
 * neighbour with room (340–400), the rest 380–470.
 */
function unbalancedTotals(grids: readonly BuildingGrid[], rng: Rng): { totals: Map<string, number>; plan: UnbalancedPlan } {
  const sorted = [...grids].sort((a, b) => byText(a.code, b.code));
  const border = (a: BuildingGrid, b: BuildingGrid) => borderLengthM(sharedBorder(a, b));
  let best: { score: number; big: [BuildingGrid, BuildingGrid]; recv: [BuildingGrid, BuildingGrid] } | null = null;
  for (const a of sorted) {
    for (const b of sorted) {
      if (byText(a.code, b.code) >= 0 || border(a, b) > 0) continue;
      for (const ra of sorted) {
        for (const rb of sorted) {
          const distinct = new Set([a.code, b.code, ra.code, rb.code]).size === 4;
          if (!distinct) continue;
          const score = Math.min(border(a, ra), border(b, rb));
          if (score > 80 && (!best || score > best.score)) best = { score, big: [a, b], recv: [ra, rb] };
        }
      }
    }
  }
  if (!best) throw new Error(`${UNBALANCED_COMMUNITY}: no two separate grids with their own neighbours`);
  const totals = new Map<string, number>();
  for (const g of sorted) totals.set(g.code, rng.int(380, 470));
  for (const g of best.big) totals.set(g.code, rng.int(540, 580));
  for (const g of best.recv) totals.set(g.code, rng.int(340, 400));
  return {
    totals,
    plan: {
      big: best.big.map((g) => g.code),
      receiver: { [best.big[0].code]: best.recv[0].code, [best.big[1].code]: best.recv[1].code },
    },
  };
}

/** Household totals per grid code. */
function householdTotals(grids: readonly BuildingGrid[], rng: Rng): { totals: Map<string, number>; plan: UnbalancedPlan } {
  const ordinary = grids.filter((g) => g.communityCode !== PARK_COMMUNITY && g.communityCode !== UNBALANCED_COMMUNITY);
  const outCount = Math.round(ordinary.length * OUT_OF_RANGE_SHARE);
  const shuffled = rng.shuffle(ordinary.map((g) => g.code));
  const below = new Set(shuffled.slice(0, Math.floor(outCount / 2)));
  const above = new Set(shuffled.slice(Math.floor(outCount / 2), outCount));
  const totals = new Map<string, number>();
  for (const g of grids) {
    if (g.communityCode === PARK_COMMUNITY) totals.set(g.code, rng.int(120, 260));
    else if (below.has(g.code)) totals.set(g.code, rng.int(230, 290));
    else if (above.has(g.code)) totals.set(g.code, rng.int(510, 600));
    else totals.set(g.code, rng.int(305, 495));
  }
  const unbalanced = unbalancedTotals(
    grids.filter((g) => g.communityCode === UNBALANCED_COMMUNITY),
    rng.fork(UNBALANCED_COMMUNITY),
  );
  for (const [code, total] of unbalanced.totals) totals.set(code, total);
  return { totals, plan: unbalanced.plan };
}

/** Block or estate names unique within a community. */
class Namer {
  private readonly used = new Set<string>();
  constructor(
    private readonly communityName: string,
    private readonly rng: Rng,
  ) {}

  next(kind: Kind): string {
    for (let attempt = 0; ; attempt++) {
      const name =
        kind === 'old'
          ? (attempt === 0 && this.used.size === 0 ? this.communityName.replace(/社区$/, '') + '新村' : this.rng.pick(OLD_STEMS) + this.rng.pick(OLD_SUFFIXES))
          : this.rng.pick(ESTATE_PREFIXES) + this.rng.pick(ESTATE_SUFFIXES);
      if (!this.used.has(name) && !/[路街]新村$/.test(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

export interface BuildingsResult {
  buildings: Building[];
  plan: UnbalancedPlan;
}

/**
 * Buildings for every grid. `communityNames` maps community codes to display names (for block
 * names such as 胜利门新村12幢).
 */
export function generateBuildings(grids: readonly BuildingGrid[], communityNames: ReadonlyMap<string, string>, rng: Rng): BuildingsResult {
  const shapes = [...grids].sort((a, b) => byText(a.code, b.code)).map(shapeOf);
  const maxDensity = Math.max(...shapes.map((s) => residentialDensity(s.inner)));
  const { totals, plan } = householdTotals(grids, rng.fork('totals'));
  const namers = new Map<string, Namer>();
  const buildings: Building[] = [];
  for (const shape of shapes) {
    const { code, communityCode } = shape.grid;
    const r = rng.fork(`grid/${code}`);
    const kind = kindOf(shape, maxDensity, r);
    const households = splitHouseholds(totals.get(code) ?? 0, kind, r);
    const rects = placeInGrid(shape, households, kind, r);
    let namer = namers.get(communityCode);
    if (!namer) {
      namer = new Namer(communityNames.get(communityCode) ?? '', rng.fork(`names/${communityCode}`));
      namers.set(communityCode, namer);
    }
    const block = namer.next(kind);
    // Numbered in reading order: north→south, then west→east.
    const order = rects.map((rect, i) => ({ rect, h: households[i] ?? 0 })).sort((a, b) => b.rect.center[1] - a.rect.center[1] || a.rect.center[0] - b.rect.center[0]);
    order.forEach(({ rect, h }, i) => {
      const ring = corners(rect).map((p) => toLngLat(p).map(round7) as Position);
      ring.push(ring[0] as Position);
      buildings.push({
        key: `${code}${String(i + 1).padStart(3, '0')}`,
        communityCode,
        gridCode: code,
        name: kind === 'old' ? `${block}${i + 1}幢` : `${block}${i + 1}号楼`,
        households: h,
        population: Math.round(h * r.uniform(2.3, 2.9)),
        ring,
      });
    });
  }
  return { buildings, plan };
}
