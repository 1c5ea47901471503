import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { casePhotoUrl, getCase } from '../../api/cases';
import { useT } from '../../i18n/useT';
import { followLink } from '../../ui/route';
import { CaseActions } from './CaseActions';
import { caseKeys } from './caseQueries';
import type { CaseMarker } from './CaseMarker';
import { dueOf, dueText } from './caseTiming';
import { PhonePanel } from './PhonePanel';
import { mygridText } from './strings';
import { Timeline } from './Timeline';
import { useCaseMarker } from './useCaseMarker';
import { useNow } from './useNow';

/** One case: where (on the shared map), what, photos, the phone, what to do next and what was done. */
export function CaseView({ id, overlay }: { id: number; overlay: CaseMarker | null }) {
  const { t, date } = useT(mygridText);
  const now = useNow();
  const detail = useQuery({ queryKey: caseKeys.detail(id), queryFn: ({ signal }) => getCase(id, signal) });
  const c = detail.data;
  const flyTo = useCaseMarker(overlay, c ? [c.lng, c.lat] : null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = c !== undefined;
  useEffect(() => {
    // Opening a case takes keyboard and screen-reader users to its heading.
    if (loaded) headingRef.current?.focus();
  }, [id, loaded]);

  const back = (
    <a className="mygrid-back" href="/my-grid" onClick={followLink('/my-grid')}>
      ← {t('back')}
    </a>
  );
  if (detail.isPending) {
    return (
      <>
        {back}
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> {t('caseLoading')}
        </p>
      </>
    );
  }
  if (!c) {
    return (
      <>
        {back}
        <div className="mygrid-error" role="alert">
          {t('caseError', { message: detail.error?.message ?? '' })}{' '}
          <button type="button" className="link-button" onClick={() => void detail.refetch()}>
            {t('retry')}
          </button>
        </div>
      </>
    );
  }

  const due = dueOf(c);
  const urgency = dueText(c, now, t);
  return (
    <article className="mygrid-case" data-case-code={c.code} data-status={c.status}>
      {back}
      <h2 ref={headingRef} tabIndex={-1} className="mygrid-case-title">
        <span className={`mygrid-status mygrid-status-${c.status}`}>{t(`status.${c.status}`)}</span> {c.categoryName}
      </h2>
      <p className="muted mygrid-case-code">
        {t('code', { code: c.code })} · {t('reportedAt', { time: date(c.createdAt) })}
      </p>
      {urgency && due && (
        <p className={c.overdue ? 'mygrid-due mygrid-overdue' : 'mygrid-due'}>
          {urgency} · {t(due.kind === 'accept' ? 'acceptBy' : 'closeBy', { time: date(due.deadline) })}
        </p>
      )}
      {c.escalation && <p className="mygrid-escalation">{t(c.escalation === 'street' ? 'escalatedStreet' : 'escalatedCommunity')}</p>}
      {c.transferTo && <p className="mygrid-transfer-route">{t('transferFrom', { from: c.gridName, to: c.transferTo.gridName })}</p>}
      {c.mergedInto && <p className="muted">{t('mergedInto', { code: c.mergedInto })}</p>}

      <h3>{t('descriptionTitle')}</h3>
      <p className="mygrid-description">{c.description}</p>

      <h3>{t('place')}</h3>
      <p>
        {t('placeText', { grid: c.gridName, gridCode: c.gridCode, community: c.communityName })}
        {c.partyOrg && (
          <>
            <br />
            <span className="muted">{t('partyOrg', { name: c.partyOrg })}</span>
          </>
        )}
      </p>
      <button type="button" className="link-button" onClick={flyTo}>
        {t('showOnMap')}
      </button>

      {c.photos.length > 0 && (
        <>
          <h3>{t('photosTitle')}</h3>
          <ul className="mygrid-photos">
            {c.photos.map((p) => (
              <li key={p.seq}>
                <a href={casePhotoUrl(c.id, p.seq)} target="_blank" rel="noreferrer">
                  <img src={casePhotoUrl(c.id, p.seq)} loading="lazy" width={p.width} height={p.height} alt={t('photoAlt', { n: p.seq })} />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t('phoneTitle')}</h3>
      <PhonePanel key={c.id} caseId={c.id} hasPhone={c.hasPhone} />

      {c.rating && <p>{t('ratingTitle', { rating: t(`rating.${c.rating}`) })}{c.ratingComment ? `：${c.ratingComment}` : ''}</p>}

      <CaseActions detail={c} />

      <h2>{t('timelineTitle')}</h2>
      <Timeline events={c.events} />
    </article>
  );
}
