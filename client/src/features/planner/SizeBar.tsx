import type { SizeTarget } from '../../api/balance';
import { barScale, type SizeRange } from './balanceFigures';
import type { PlannerText } from './strings';

/** 偏少 / 适中 / 偏多, coloured by the range (the word is always shown: colour is not the only sign). */
export function RangeLabel({ range, text }: { range: SizeRange; text: PlannerText }) {
  return (
    <span className={`planner-range planner-range-${range}`} data-range={range}>
      {text.t(`range.${range}`)}
    </span>
  );
}

const pct = (f: number) => `${(f * 100).toFixed(1)}%`;

/** A bar from 0 with the target's range shaded, a marker at `households` and a faint one at `before`. */
export function SizeBar({ households, before = null, target, range }: { households: number; before?: number | null; target: SizeTarget; range: SizeRange }) {
  const scale = barScale(before === null ? [households] : [households, before], target);
  return (
    <span className={`planner-sizebar planner-sizebar-${range}`} aria-hidden="true">
      <span className="planner-sizebar-band" style={{ left: pct(scale.min), width: pct(scale.max - scale.min) }} />
      {before !== null && before !== households && <span className="planner-sizebar-before" style={{ left: pct(scale.at(before)) }} />}
      <span className="planner-sizebar-marker" style={{ left: pct(scale.at(households)) }} />
    </span>
  );
}
