import type { Impact, OverlapDetail, Violation } from '../../api/gridEditTypes';
import { ImpactView } from './ImpactView';
import { fill, usePlannerStrings, type PlannerText } from './strings';
import type { PreviewState } from './usePreview';

export type CheckView = { status: 'idle' } | { status: 'unchanged' } | PreviewState;

export function violationText(v: Violation, text: PlannerText): string {
  const { s, num } = text;
  const template = s.violation[v.code];
  if (!template) return v.message;
  const details = (v.details ?? {}) as { areaSqm?: number | null; overlaps?: OverlapDetail[] };
  if (v.code === 'OUTSIDE_COMMUNITY') return fill(template, { area: num(details.areaSqm ?? 0) });
  if (v.code === 'GRID_OVERLAP') {
    const overlaps = details.overlaps ?? [];
    return fill(template, {
      names: overlaps.map((o) => `“${o.name}”`).join(s.listJoin) || s.none,
      area: num(overlaps.reduce((sum, o) => sum + o.areaSqm, 0)),
    });
  }
  return template;
}

export function ViolationList({ violations }: { violations: Violation[] }) {
  const text = usePlannerStrings();
  const overlap = violations.some((v) => v.code === 'GRID_OVERLAP');
  return (
    <>
      <ul className="planner-violations">
        {violations.map((v, i) => (
          <li key={`${v.code}-${i}`} data-code={v.code}>
            {violationText(v, text)}
          </li>
        ))}
      </ul>
      {overlap && <p className="planner-hint">{text.s.overlapHint}</p>}
    </>
  );
}

/** The live rule check of the shape being drawn: checking, fine (with the impact), or what is broken. */
export function CheckPanel({ view, onRetry, newGridId }: { view: CheckView; onRetry: () => void; newGridId?: number | null }) {
  const text = usePlannerStrings();
  const { s } = text;
  let body;
  switch (view.status) {
    case 'idle':
      body = <p className="muted">{s.checkIdle}</p>;
      break;
    case 'unchanged':
      body = <p className="muted">{s.checkUnchanged}</p>;
      break;
    case 'checking':
      body = (
        <p className="planner-checking">
          <span className="planner-spinner" aria-hidden="true" />
          {s.checking}
        </p>
      );
      break;
    case 'error':
      body = (
        <p className="planner-error">
          {fill(s.checkFailed, { message: view.error.message })}{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            {s.retry}
          </button>
        </p>
      );
      break;
    case 'invalid':
      body = (
        <div className="planner-broken">
          <p className="planner-error">{s.checkBroken}</p>
          <ViolationList violations={view.violations} />
        </div>
      );
      break;
    case 'valid':
      body = (
        <>
          <p className="planner-ok">{s.checkOk}</p>
          <ImpactView impact={view.impact as Impact} newGridId={newGridId ?? null} />
        </>
      );
      break;
  }
  return (
    <section className="planner-check" aria-labelledby="planner-check-heading" data-check={view.status} aria-live="polite">
      <h3 id="planner-check-heading">{s.check}</h3>
      {body}
    </section>
  );
}
