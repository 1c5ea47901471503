import type { MapCapture } from '../../map/overlays/CoverageLayers';
import { LABEL_FONT_FAMILY } from '../../map/style';

// The exported map as a sheet to print or put in a report: title, region and date above the
// map, a north arrow and a scale bar on it, the legend of the layers shown and the data note
// below. Sizes are in CSS pixels and drawn at the capture's pixel ratio (2× or more).

/**
 * One legend row: a filled swatch, an outline (no fill), the grey hatch of uncovered areas, a
 * dashed edge (the same areas over the choropleth) or a dot (a kind of station).
 */
export interface SheetLegendItem {
  label: string;
  fill?: string;
  outline?: string;
  hatch?: boolean;
  dashed?: boolean;
  dot?: boolean;
}

export interface SheetLegendGroup {
  title: string;
  items: SheetLegendItem[];
}

export interface SheetContent {
  title: string;
  subtitle: string;
  legend: SheetLegendGroup[];
  /** Lines under the legend: the data source, the privacy rule. */
  notes: string[];
  /** The north arrow's letter (北 / N). */
  north: string;
  /** `500 米` for 500: the scale bar's label. */
  scaleLabel: (meters: number) => string;
}

const PAD = 32;
const HEADER = 96;
const GAP = 20;
const SWATCH = 16;
const ROW = 24;
const COLUMN = 280;
const NOTE_LINE = 20;
const INK = '#1f1f1f';
const MUTED = '#595959';

const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px ${LABEL_FONT_FAMILY}`;

/** Legend groups in columns across the sheet's width: their positions and the height they take. */
function legendColumns(groups: readonly SheetLegendGroup[], width: number): { x: number; y: number; group: SheetLegendGroup }[] {
  const perRow = Math.max(1, Math.floor(width / COLUMN));
  return groups.map((group, i) => ({ x: (i % perRow) * COLUMN, y: Math.floor(i / perRow), group }));
}

function groupHeight(group: SheetLegendGroup): number {
  return ROW + group.items.length * ROW;
}

/** The composed sheet: a new canvas at the capture's pixel ratio. */
export function composeSheet(capture: MapCapture, content: SheetContent): HTMLCanvasElement {
  const s = capture.pixelRatio;
  const mapW = capture.canvas.width / s;
  const mapH = capture.canvas.height / s;
  const columns = legendColumns(content.legend, mapW);
  const rows = Math.max(0, ...columns.map((c) => c.y + 1));
  const rowHeights = Array.from({ length: rows }, (_, r) => Math.max(0, ...columns.filter((c) => c.y === r).map((c) => groupHeight(c.group))));
  const legendH = rowHeights.reduce((a, b) => a + b + GAP / 2, 0);
  const footerH = GAP + legendH + content.notes.length * NOTE_LINE + PAD;

  const out = document.createElement('canvas');
  out.width = Math.round((mapW + 2 * PAD) * s);
  out.height = Math.round((HEADER + mapH + footerH) * s);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  ctx.scale(s, s);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, mapW + 2 * PAD, HEADER + mapH + footerH);

  ctx.textBaseline = 'top';
  ctx.fillStyle = INK;
  ctx.font = font(28, true);
  ctx.fillText(content.title, PAD, PAD - 4);
  ctx.fillStyle = MUTED;
  ctx.font = font(16);
  ctx.fillText(content.subtitle, PAD, PAD + 38);

  ctx.drawImage(capture.canvas, PAD, HEADER, mapW, mapH);
  ctx.strokeStyle = '#8c8c8c';
  ctx.lineWidth = 1;
  ctx.strokeRect(PAD, HEADER, mapW, mapH);
  drawNorthArrow(ctx, PAD + mapW - 40, HEADER + 16, content.north);
  drawScaleBar(ctx, PAD + 12, HEADER + mapH - 12, capture.metersPerPixel, content.scaleLabel);

  let y = HEADER + mapH + GAP;
  rowHeights.forEach((h, r) => {
    for (const c of columns.filter((col) => col.y === r)) drawLegendGroup(ctx, PAD + c.x, y, c.group);
    y += h + GAP / 2;
  });
  ctx.fillStyle = MUTED;
  ctx.font = font(13);
  for (const note of content.notes) {
    ctx.fillText(note, PAD, y);
    y += NOTE_LINE;
  }
  return out;
}

function drawLegendGroup(ctx: CanvasRenderingContext2D, x: number, y: number, group: SheetLegendGroup): void {
  ctx.fillStyle = INK;
  ctx.font = font(15, true);
  ctx.fillText(group.title, x, y);
  group.items.forEach((item, i) => {
    const top = y + ROW + i * ROW;
    drawSwatch(ctx, x, top, item);
    ctx.fillStyle = INK;
    ctx.font = font(14);
    ctx.fillText(item.label, x + SWATCH + 8, top);
  });
}

function drawSwatch(ctx: CanvasRenderingContext2D, x: number, y: number, item: SheetLegendItem): void {
  if (item.dot || item.dashed) {
    drawMark(ctx, x, y, item);
    return;
  }
  if (item.fill) {
    ctx.fillStyle = item.fill;
    ctx.fillRect(x, y, SWATCH, SWATCH);
  }
  if (item.hatch) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, SWATCH, SWATCH);
    ctx.clip();
    ctx.strokeStyle = '#525252';
    ctx.lineWidth = 1;
    for (let d = -SWATCH; d < SWATCH; d += 4) {
      ctx.beginPath();
      ctx.moveTo(x + d, y + SWATCH);
      ctx.lineTo(x + d + SWATCH, y);
      ctx.stroke();
    }
    ctx.restore();
  }
  ctx.strokeStyle = item.outline ?? '#8c8c8c';
  ctx.lineWidth = item.outline ? 2 : 0.5;
  ctx.strokeRect(x, y, SWATCH, SWATCH);
}

/** A station's dot, or the dashed edge of the areas beyond every station's reach. */
function drawMark(ctx: CanvasRenderingContext2D, x: number, y: number, item: SheetLegendItem): void {
  if (item.dot) {
    ctx.fillStyle = item.fill ?? INK;
    ctx.beginPath();
    ctx.arc(x + SWATCH / 2, y + SWATCH / 2, SWATCH / 2 - 1, 0, 2 * Math.PI);
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1;
    ctx.stroke();
    return;
  }
  ctx.save();
  ctx.strokeStyle = '#525252';
  ctx.lineWidth = 2;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(x, y + SWATCH / 2);
  ctx.lineTo(x + SWATCH, y + SWATCH / 2);
  ctx.stroke();
  ctx.restore();
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, x: number, y: number, letter: string): void {
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(x - 4, y - 4, 32, 52);
  ctx.fillStyle = INK;
  ctx.font = font(14, true);
  ctx.textAlign = 'center';
  ctx.fillText(letter, x + 12, y);
  ctx.textAlign = 'left';
  ctx.beginPath();
  ctx.moveTo(x + 12, y + 18);
  ctx.lineTo(x + 22, y + 44);
  ctx.lineTo(x + 12, y + 38);
  ctx.lineTo(x + 2, y + 44);
  ctx.closePath();
  ctx.fill();
}

/** A round length (1, 2 or 5 × 10ⁿ metres) no longer than about 120 CSS pixels. */
export function scaleBarMeters(metersPerPixel: number, maxPixels = 120): number {
  const max = metersPerPixel * maxPixels;
  const pow = 10 ** Math.floor(Math.log10(max));
  for (const f of [5, 2, 1]) if (f * pow <= max) return f * pow;
  return pow;
}

function drawScaleBar(
  ctx: CanvasRenderingContext2D,
  x: number,
  bottom: number,
  metersPerPixel: number,
  label: (meters: number) => string,
): void {
  if (!(metersPerPixel > 0)) return;
  const meters = scaleBarMeters(metersPerPixel);
  const w = meters / metersPerPixel;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(x - 6, bottom - 34, w + 12, 38);
  ctx.fillStyle = INK;
  ctx.font = font(13);
  ctx.fillText(label(meters), x, bottom - 30);
  ctx.fillRect(x, bottom - 8, w, 4);
  ctx.fillRect(x, bottom - 14, 2, 10);
  ctx.fillRect(x + w - 2, bottom - 14, 2, 10);
}
