import type { CoverageBalanceGrid } from '../../api/getCoverageBalance';
import { useT } from '../../i18n/useT';
import { BALANCE_COLORS, balanceClass, classBounds, commonTarget, type TargetSummary, WITHIN_CLASS } from './balance';
import { balanceText, type BalanceT, type BalanceTextKey } from './balanceStrings';
import { Loading } from './CoverageStatus';

const SHARE_LABELS: readonly BalanceTextKey[] = ['farBelowShare', 'midBelowShare', 'nearBelowShare', 'withinShare', 'nearAboveShare', 'midAboveShare', 'farAboveShare'];

/** Each class's words: with the households of the one target, or by share when communities differ. */
function classLabels(target: TargetSummary | null, t: BalanceT, num: (n: number) => string): string[] {
  if (!target || !target.single) return SHARE_LABELS.map((k) => t(k));
  const { below, above } = classBounds(target.min, target.max);
  return [
    t('farBelow', { value: num(below[0]) }),
    t('midBelow', { from: num(below[0]), to: num(below[1]) }),
    t('nearBelow', { from: num(below[1]), to: num(target.min) }),
    t('withinRange', { min: num(target.min), max: num(target.max) }),
    t('nearAbove', { from: num(target.max), to: num(above[0]) }),
    t('midAbove', { from: num(above[0]), to: num(above[1]) }),
    t('farAbove', { value: num(above[1]) }),
  ];
}

/** The 网格规模 legend: 偏少 / 适中 / 偏多 with the target's numbers and how many grids are in each class. */
export function BalanceLegend({ grids }: { grids: readonly CoverageBalanceGrid[] | undefined }) {
  const { t, num } = useT(balanceText);
  if (!grids) return <Loading text={t('loading')} />;
  const target = commonTarget(grids);
  const labels = classLabels(target, t, (v) => num(v));
  const counts = BALANCE_COLORS.map(() => 0);
  for (const g of grids) counts[balanceClass(g)]! += 1;
  const estimates = grids.some((g) => g.householdsSource === 'estimate');
  return (
    <div className="coverage-legend" data-testid="coverage-balance-legend">
      <p className="coverage-legend-title">{t('legendTitle')}</p>
      {target && (
        <p className="coverage-note" data-testid="coverage-balance-target">
          {t(target.single ? 'legendTarget' : 'legendMixed', { min: num(target.min), max: num(target.max) })}
        </p>
      )}
      <ul>
        {BALANCE_COLORS.map((color, i) => (
          <li key={color} className={i === WITHIN_CLASS ? 'coverage-legend-within' : undefined}>
            <span className="coverage-swatch" style={{ background: color }} aria-hidden="true" />
            {labels[i]}
            <span className="coverage-legend-count">{t('gridCount', { count: num(counts[i]!) })}</span>
          </li>
        ))}
      </ul>
      {estimates && (
        <p className="coverage-note coverage-legend-estimate">
          <span className="coverage-swatch coverage-swatch-dashed" aria-hidden="true" />
          {t('legendEstimate')}
        </p>
      )}
    </div>
  );
}
