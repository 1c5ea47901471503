import type { Impact, OverlapDetail, Violation } from '../../api/gridEditTypes';
import { ImpactView } from './ImpactView';
import { localMessage } from '../../i18n/localMessage';
import { useT } from '../../i18n/useT';
import { isPlannerKey, plannerText, type PlannerText } from './strings';
import type { PreviewState } from './usePreview';

export type CheckView = { status: 'idle' } | { status: 'unchanged' } | PreviewState;

export function violationText(v: Violation, text: PlannerText): string {
  const { t, num, lang } = text;
  const key = `violation.${v.code}`;
  if (!isPlannerKey(key)) return localMessage(v.message, lang);
  const details = (v.details ?? {}) as { areaSqm?: number | null; overlaps?: OverlapDetail[] };
  if (v.code === 'OUTSIDE_COMMUNITY') return t(key, { area: num(details.areaSqm ?? 0) });
  if (v.code === 'GRID_OVERLAP') {
    const overlaps = details.overlaps ?? [];
    return t(key, {
      names: overlaps.map((o) => `“${o.name}”`).join(t('listJoin')) || t('none'),
      area: num(overlaps.reduce((sum, o) => sum + o.areaSqm, 0)),
    });
  }
  return t(key);
}

export function ViolationList({ violations }: { violations: Violation[] }) {
  const text = useT(plannerText);
  const { t } = text;
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
      {overlap && <p className="planner-hint">{t('overlapHint')}</p>}
    </>
  );
}

/** The live rule check of the shape being drawn: checking, fine (with the impact), or what is broken. */
export function CheckPanel({ view, onRetry, newGridId }: { view: CheckView; onRetry: () => void; newGridId?: number | null }) {
  const { t } = useT(plannerText);
  let body;
  switch (view.status) {
    case 'idle':
      body = <p className="muted">{t('checkIdle')}</p>;
      break;
    case 'unchanged':
      body = <p className="muted">{t('checkUnchanged')}</p>;
      break;
    case 'checking':
      body = (
        <p className="planner-checking">
          <span className="planner-spinner" aria-hidden="true" />
          {t('checking')}
        </p>
      );
      break;
    case 'error':
      body = (
        <p className="planner-error">
          {t('checkFailed', { message: view.error.message })}{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            {t('retry')}
          </button>
        </p>
      );
      break;
    case 'invalid':
      body = (
        <div className="planner-broken">
          <p className="planner-error">{t('checkBroken')}</p>
          <ViolationList violations={view.violations} />
        </div>
      );
      break;
    case 'valid':
      body = (
        <>
          <p className="planner-ok">{t('checkOk')}</p>
          <ImpactView impact={view.impact as Impact} newGridId={newGridId ?? null} />
        </>
      );
      break;
  }
  return (
    <section className="planner-check" aria-labelledby="planner-check-heading" data-check={view.status} aria-live="polite">
      <h3 id="planner-check-heading">{t('check')}</h3>
      {body}
    </section>
  );
}
