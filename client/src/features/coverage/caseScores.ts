import type { GridScore } from '../../api/getCaseStats';
import type { ChoroplethState } from '../../map/overlays/CoverageLayers';
import { PU_BU, YL_GN_BU, YL_OR_BR } from '../../map/palettes';
import type { CaseTextKey } from './caseStrings';
import { classOf, paletteFor, quantileBreaks } from './metrics';

// The scorecard's columns that can colour the grids and sort the table.

export type ScoreId = 'acceptedOnTimeRate' | 'closedOnTimeRate' | 'satisfactionRate' | 'overdueNow' | 'cases';

export interface ScoreDef {
  id: ScoreId;
  label: CaseTextKey;
  value: (g: GridScore) => number | null;
  /** Rates are 0–1 and shown as per cent. */
  rate: boolean;
  palette: readonly string[];
}

export const SCORES: readonly ScoreDef[] = [
  { id: 'closedOnTimeRate', label: 'colClosed', value: (g) => g.closedOnTimeRate, rate: true, palette: YL_GN_BU },
  { id: 'acceptedOnTimeRate', label: 'colAccepted', value: (g) => g.acceptedOnTimeRate, rate: true, palette: YL_GN_BU },
  { id: 'satisfactionRate', label: 'colSatisfaction', value: (g) => g.satisfactionRate, rate: true, palette: YL_GN_BU },
  { id: 'overdueNow', label: 'colOverdue', value: (g) => g.overdueNow, rate: false, palette: YL_OR_BR },
  { id: 'cases', label: 'colCases', value: (g) => g.cases, rate: false, palette: PU_BU },
];

export function scoreById(id: ScoreId): ScoreDef {
  return SCORES.find((s) => s.id === id) ?? SCORES[0]!;
}

export interface ScoreChoropleth {
  breaks: number[];
  colors: string[];
  states: ChoroplethState[];
}

/** Each grid's class for the score (−1: nothing due yet), with the legend's breaks and colours. */
export function scoreChoropleth(grids: readonly GridScore[], score: ScoreDef): ScoreChoropleth {
  const values = grids.map(score.value).filter((v): v is number => v !== null);
  const breaks = quantileBreaks(values, score.palette.length, score.rate ? 2 : 0);
  const colors = paletteFor(score.palette, breaks.length + 1);
  const states = grids.map((g): ChoroplethState => {
    const v = score.value(g);
    return { id: String(g.gridId), cls: v === null ? -1 : classOf(v, breaks), hasBranch: true };
  });
  return { breaks, colors, states };
}
