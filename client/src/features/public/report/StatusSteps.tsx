import type { CaseStatus } from '../../../../../server/src/contract/cases.ts';
import { useT } from '../../../i18n/useT';
import { reportText } from './strings';

/** The way a report normally goes: 待受理 → 已受理 → 处置中 → 已办结 → 已回访. */
const STEPS: readonly CaseStatus[] = ['pending', 'accepted', 'in_progress', 'closed', 'rated'];

/** Where the report is on its way; rejected and merged reports leave the way and show no steps. */
export function StatusSteps({ status }: { status: CaseStatus }) {
  const { t } = useT(reportText);
  const current = STEPS.indexOf(status);
  if (current < 0) return null;
  return (
    <ol className="report-steps" aria-label={t('stepsLabel')}>
      {STEPS.map((step, i) => {
        // The last step reached is the end of the way: done, not waiting.
        const done = i < current || (i === current && i === STEPS.length - 1);
        const state = done ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={step} className="report-step" data-state={state} aria-current={i === current ? 'step' : undefined}>
            <span className="report-step-dot" aria-hidden="true">
              {done ? '✓' : i + 1}
            </span>
            <span className="report-step-name">{t(`status.${step}`)}</span>
            {state !== 'todo' && <span className="finder-sr-only">{state === 'done' ? t('stepDone') : t('stepCurrent')}</span>}
          </li>
        );
      })}
    </ol>
  );
}
