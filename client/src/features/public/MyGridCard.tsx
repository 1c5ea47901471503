import { useId } from 'react';
import type { GridLookup } from './useFinderData';
import { useT } from '../../i18n/useT';
import { publicText } from './strings';

interface Props {
  lookup: GridLookup;
  onRetry: () => void;
}

/** "我的网格": which grid the place is in, who leads it and which Party organisation serves it. */
export function MyGridCard({ lookup, onRetry }: Props) {
  const { t } = useT(publicText);
  const headingId = useId();
  if (lookup.status === 'idle') return null;

  let body;
  if (lookup.status === 'loading') {
    body = <p className="finder-note">{t('gridLoading')}</p>;
  } else if (lookup.status === 'outside') {
    body = <p className="finder-warning">{t('gridOutside')}</p>;
  } else if (lookup.status === 'error') {
    body = (
      <div className="finder-error" role="alert">
        <p>{t('gridError', { message: `${lookup.error.message} (${lookup.error.code})` })}</p>
        <button type="button" className="finder-secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      </div>
    );
  } else {
    const { grid, community, street, branch } = lookup.data;
    body = (
      <dl className="my-grid-facts">
        <dt>{t('gridName')}</dt>
        <dd className="my-grid-name">{grid.name}</dd>
        <dt>{t('gridCode')}</dt>
        <dd className="my-grid-code">{grid.code}</dd>
        <dt>{t('community')}</dt>
        <dd>{community.name}</dd>
        <dt>{t('street')}</dt>
        <dd>{street.name}</dd>
        <dt>{t('leader')}</dt>
        <dd className="my-grid-leader">{grid.leaderName ?? t('none')}</dd>
        <dt>{t('leaderPhone')}</dt>
        <dd>
          {grid.leaderPhone ? (
            <a href={`tel:${grid.leaderPhone.replace(/[^\d+]/g, '')}`} aria-label={t('callLabel', { name: grid.leaderName ?? t('leader'), phone: grid.leaderPhone })}>
              {grid.leaderPhone}
            </a>
          ) : (
            t('none')
          )}
        </dd>
        <dt>{t('branch')}</dt>
        <dd>{branch?.name ?? t('none')}</dd>
      </dl>
    );
  }

  return (
    <section className="my-grid" aria-labelledby={headingId} data-status={lookup.status}>
      <h2 id={headingId} tabIndex={-1}>
        {t('myGridTitle')}
      </h2>
      {body}
    </section>
  );
}
