import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getCases, type CaseListStatus, type CaseSummary } from '../../api/cases';
import type { SessionUser } from '../../api/session';
import { useT } from '../../i18n/useT';
import { caseKeys } from './caseQueries';
import type { CaseMarker } from './CaseMarker';
import { CaseCard } from './CaseCard';
import { mygridText } from './strings';
import { TransferCard } from './TransferCard';
import { useInboxMarkers } from './useCaseMarker';
import { useNow } from './useNow';

export const PAGE_SIZE = 50;
const FILTERS: readonly CaseListStatus[] = ['open', 'closed', 'all'];

/** A transfer waiting for one of my grids: a worker's own grids; a supervisor's whole scope. */
function isIncomingTransfer(item: CaseSummary, user: SessionUser): boolean {
  if (!item.transferTo) return false;
  if (user.role === 'gridworker') return user.gridCodes.includes(item.transferTo.gridCode);
  return item.transferTo.gridCode.startsWith(user.regionCode);
}

export interface InboxProps {
  user: SessionUser;
  filter: CaseListStatus;
  onFilter: (filter: CaseListStatus) => void;
  limit: number;
  onMore: () => void;
  /** The workspace's marks on the shared map. */
  overlay: CaseMarker | null;
}

/** The inbox: transfers to my grids first, then the cases by the deadline that applies now (the server's order). */
export function Inbox({ user, filter, onFilter, limit, onMore, overlay }: InboxProps) {
  const { t } = useT(mygridText);
  const now = useNow();
  const query = { status: filter, limit };
  const cases = useQuery({
    queryKey: caseKeys.list(query),
    queryFn: ({ signal }) => getCases(query, signal),
    placeholderData: keepPreviousData,
  });

  const points = useMemo(() => cases.data?.cases.map((c) => ({ lng: c.lng, lat: c.lat, overdue: c.overdue })) ?? null, [cases.data]);
  useInboxMarkers(overlay, points, filter);

  const list = cases.data?.cases ?? [];
  const transfers = list.filter((c) => isIncomingTransfer(c, user));
  const rest = list.filter((c) => !isIncomingTransfer(c, user));

  return (
    <>
      <div className="mygrid-filters" role="group" aria-label={t('filterLabel')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} className="mygrid-filter" onClick={() => onFilter(f)}>
            {t(`filter.${f}`)}
          </button>
        ))}
      </div>
      {cases.isPending && (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> {t('loading')}
        </p>
      )}
      {cases.isError && !cases.data && (
        <div className="mygrid-error" role="alert">
          {t('loadError', { message: cases.error.message })}{' '}
          <button type="button" className="link-button" onClick={() => void cases.refetch()}>
            {t('retry')}
          </button>
        </div>
      )}
      {cases.data && (
        <>
          <p className="mygrid-count muted" aria-live="polite">
            {t('count', { total: cases.data.total })}
            {cases.isFetching && <span className="mygrid-refreshing"> · {t('refreshing')}</span>}
          </p>
          {transfers.length > 0 && (
            <section className="mygrid-transfers" aria-labelledby="mygrid-transfers-title">
              <h2 id="mygrid-transfers-title">{t('transfersTitle', { count: transfers.length })}</h2>
              <ul className="mygrid-list">
                {transfers.map((c) => (
                  <TransferCard key={c.id} item={c} now={now} />
                ))}
              </ul>
            </section>
          )}
          {list.length === 0 ? (
            <div className="empty-state mygrid-empty">
              <p>{filter === 'open' ? t('empty') : filter === 'closed' ? t('emptyClosed') : t('emptyAll')}</p>
              <p className="empty-note">{t('emptyNote')}</p>
            </div>
          ) : (
            <ul className="mygrid-list" aria-label={t(`filter.${filter}`)}>
              {rest.map((c) => (
                <li key={c.id}>
                  <CaseCard item={c} now={now} />
                </li>
              ))}
            </ul>
          )}
          {cases.data.total > list.length && (
            <button type="button" className="secondary-button mygrid-more" disabled={cases.isFetching} onClick={onMore}>
              {t('loadMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}
