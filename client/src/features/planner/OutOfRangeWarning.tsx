import { useId } from 'react';
import type { Impact, ImpactGrid } from '../../api/gridEditTypes';
import { useT } from '../../i18n/useT';
import { RangeLabel } from './SizeBar';
import { plannerText } from './strings';

/** The grids an edit would leave outside the household target (retired ones do not count). */
export function outOfRangeGrids(impact: Impact | null): ImpactGrid[] {
  return impact ? impact.grids.filter((g) => !g.retired && g.range !== 'within') : [];
}

interface Props {
  impact: Impact;
  grids: ImpactGrid[];
  /** The dry run names a grid a create would make by a placeholder: shown as 新网格. */
  newGridId: number | null;
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}

/**
 * A save that leaves grids outside the target is allowed (policy may want it) but not by
 * accident: the planner reads which grids and ticks a confirmation; the reason goes in the note.
 */
export function OutOfRangeWarning({ impact, grids, newGridId, confirmed, onConfirm }: Props) {
  const text = useT(plannerText);
  const { t, num } = text;
  const id = useId();
  return (
    <div className="planner-warning" role="alert" data-testid="out-of-range-warning">
      <h4>{t('outOfRangeTitle')}</h4>
      <p>{t('outOfRangeText', { min: num(impact.target.min), max: num(impact.target.max) })}</p>
      <ul>
        {grids.map((g) => (
          <li key={g.id} data-grid-id={g.id} data-households={g.households}>
            {g.id === newGridId ? t('newGridRef') : g.name}：{t('householdsN', { n: num(g.households) })} <RangeLabel range={g.range} text={text} />
          </li>
        ))}
      </ul>
      <div className="planner-toggle">
        <input id={`${id}-confirm`} type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />
        <label htmlFor={`${id}-confirm`}>{t('outOfRangeConfirm')}</label>
      </div>
    </div>
  );
}
