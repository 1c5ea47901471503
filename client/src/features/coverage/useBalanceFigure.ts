import { useCallback, useMemo } from 'react';
import type { CoverageBalanceGrid } from '../../api/getCoverageBalance';
import { useT } from '../../i18n/useT';
import { balanceText } from './balanceStrings';

/** A grid's 网格规模 line for its popup (label, value), while the layer is on; undefined otherwise. */
export function useBalanceFigure(grids: readonly CoverageBalanceGrid[] | undefined, on: boolean): ((id: number) => [string, string] | null) | undefined {
  const { t, num } = useT(balanceText);
  const byId = useMemo(() => new Map((grids ?? []).map((g) => [g.id, g])), [grids]);
  const figure = useCallback(
    (id: number): [string, string] | null => {
      const g = byId.get(id);
      if (!g) return null;
      const vars = { households: num(g.households), min: num(g.min), max: num(g.max), range: t(g.range) };
      return [t('popupLabel'), t(g.householdsSource === 'estimate' ? 'popupEstimate' : 'popupValue', vars)];
    },
    [byId, t, num],
  );
  return on && grids ? figure : undefined;
}
