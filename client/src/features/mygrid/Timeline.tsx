import type { CaseEvent } from '../../api/cases';
import { useT } from '../../i18n/useT';
import { mygridText } from './strings';

function gridMove(details: Record<string, unknown> | null): { from: string; to: string } | null {
  const from = details?.fromGridCode;
  const to = details?.toGridCode;
  return typeof from === 'string' && typeof to === 'string' ? { from, to } : null;
}

/** 办理记录: every step, oldest first, with who did it, when, and their note. */
export function Timeline({ events }: { events: readonly CaseEvent[] }) {
  const { t, date } = useT(mygridText);
  return (
    <ol className="mygrid-timeline">
      {events.map((e) => {
        const move = gridMove(e.details);
        const actor = e.actorName ?? e.actor ?? (e.kind === 'created' || e.kind === 'rated' ? t('residentActor') : t('systemActor'));
        return (
          <li key={e.id} data-kind={e.kind}>
            <span className="mygrid-timeline-head">
              <strong>{t(`event.${e.kind}`)}</strong>
              <span className="muted"> · {actor}</span>
            </span>
            <time className="mygrid-timeline-at muted" dateTime={e.at}>
              {date(e.at)}
            </time>
            {move && <span className="mygrid-timeline-move">{t('gridMove', move)}</span>}
            {e.note && <span className="mygrid-timeline-note">{e.note}</span>}
          </li>
        );
      })}
    </ol>
  );
}
