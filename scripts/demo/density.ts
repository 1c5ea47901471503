// Where people live: a smooth residential density field used to size communities and grids and
// to place members. Peaks are read off the GCJ-02 source map at the old city (崇安寺), the old
// southern canal quarter (南长/清名桥), the railway-station quarter (北大街), 扬名 and 广益;
// the 惠山 hills west of the centre are thin.
import type { Position } from './geometry.ts';
import { LocalProjection } from './geometry.ts';
import { gcjToWgs } from './sources.ts';

interface Peak {
  at: Position;
  weight: number;
  sigmaKm: number;
}

const projection = new LocalProjection(120.3, 31.58);

const PEAKS: Peak[] = [
  { at: gcjToWgs([120.3036, 31.5769]), weight: 1.0, sigmaKm: 1.3 },
  { at: gcjToWgs([120.3115, 31.563]), weight: 0.7, sigmaKm: 1.4 },
  { at: gcjToWgs([120.299, 31.593]), weight: 0.55, sigmaKm: 1.3 },
  { at: gcjToWgs([120.29, 31.552]), weight: 0.5, sigmaKm: 1.4 },
  { at: gcjToWgs([120.33, 31.59]), weight: 0.35, sigmaKm: 1.6 },
  { at: gcjToWgs([120.31, 31.535]), weight: 0.3, sigmaKm: 1.2 },
];

const HILLS: Peak = { at: gcjToWgs([120.258, 31.585]), weight: 0.65, sigmaKm: 1.1 };

const BASE = 0.12;

function gaussian(p: Position, peak: Peak): number {
  const [x, y] = projection.toKm(p);
  const [cx, cy] = projection.toKm(peak.at);
  const d2 = (x - cx) ** 2 + (y - cy) ** 2;
  return Math.exp(-d2 / (2 * peak.sigmaKm * peak.sigmaKm));
}

/** Relative residential density, roughly in (0.05, 1.2]; 1 ≈ the old-city core. */
export function residentialDensity(p: Position): number {
  let value = BASE;
  for (const peak of PEAKS) value += peak.weight * gaussian(p, peak);
  return value * (1 - HILLS.weight * gaussian(p, HILLS));
}
