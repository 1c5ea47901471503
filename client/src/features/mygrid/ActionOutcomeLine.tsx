import type { ActionOutcome } from './useCaseAction';

/** What the last step did: announced to screen readers, red for a failure, amber for a conflict. */
export function ActionOutcomeLine({ outcome }: { outcome: ActionOutcome | null }) {
  if (!outcome) return null;
  return (
    <p className={`mygrid-outcome mygrid-outcome-${outcome.kind}`} role={outcome.kind === 'done' ? 'status' : 'alert'}>
      {outcome.text}
    </p>
  );
}
