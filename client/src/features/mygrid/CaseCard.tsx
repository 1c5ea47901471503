import type { CaseSummary } from '../../api/cases';
import { useT } from '../../i18n/useT';
import { followLink } from '../../ui/route';
import { dueOf, dueText } from './caseTiming';
import { mygridText } from './strings';

export function caseLink(id: number): string {
  return `/my-grid/${id}`;
}

/** One case in the inbox: what, where, and how urgent; the whole card opens it. */
export function CaseCard({ item, now }: { item: CaseSummary; now: number }) {
  const { t, date } = useT(mygridText);
  const due = dueOf(item);
  const urgency = dueText(item, now, t);
  return (
    <a className="mygrid-card" href={caseLink(item.id)} onClick={followLink(caseLink(item.id))} data-case-code={item.code} data-overdue={item.overdue ? 'true' : undefined}>
      <span className="mygrid-card-top">
        <span className={`mygrid-status mygrid-status-${item.status}`}>{t(`status.${item.status}`)}</span>
        <span className="mygrid-category">{item.categoryName}</span>
        {item.escalation && (
          <span className="mygrid-escalation">{t(item.escalation === 'street' ? 'escalatedStreet' : 'escalatedCommunity')}</span>
        )}
      </span>
      <span className="mygrid-excerpt">{item.excerpt}</span>
      <span className="mygrid-card-meta">
        <span>{item.gridName}</span>
        {item.photoCount > 0 && <span>{t('photos', { n: item.photoCount })}</span>}
      </span>
      {urgency && due && (
        <span className={item.overdue ? 'mygrid-due mygrid-overdue' : 'mygrid-due'}>
          {urgency}
          <span className="mygrid-due-at"> · {t(due.kind === 'accept' ? 'acceptBy' : 'closeBy', { time: date(due.deadline) })}</span>
        </span>
      )}
    </a>
  );
}
