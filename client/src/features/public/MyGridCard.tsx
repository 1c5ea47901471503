import { useId } from 'react';
import type { GridLookup } from './useFinderData';
import { fill, usePublicStrings } from './strings';

interface Props {
  lookup: GridLookup;
  onRetry: () => void;
}

/** "我的网格": which grid the place is in, who leads it and which Party organisation serves it. */
export function MyGridCard({ lookup, onRetry }: Props) {
  const { s } = usePublicStrings();
  const headingId = useId();
  if (lookup.status === 'idle') return null;

  let body;
  if (lookup.status === 'loading') {
    body = <p className="finder-note">{s.gridLoading}</p>;
  } else if (lookup.status === 'outside') {
    body = <p className="finder-warning">{s.gridOutside}</p>;
  } else if (lookup.status === 'error') {
    body = (
      <div className="finder-error" role="alert">
        <p>{fill(s.gridError, { message: `${lookup.error.message} (${lookup.error.code})` })}</p>
        <button type="button" className="finder-secondary" onClick={onRetry}>
          {s.retry}
        </button>
      </div>
    );
  } else {
    const { grid, community, street, branch } = lookup.data;
    body = (
      <dl className="my-grid-facts">
        <dt>{s.gridName}</dt>
        <dd className="my-grid-name">{grid.name}</dd>
        <dt>{s.gridCode}</dt>
        <dd className="my-grid-code">{grid.code}</dd>
        <dt>{s.community}</dt>
        <dd>{community.name}</dd>
        <dt>{s.street}</dt>
        <dd>{street.name}</dd>
        <dt>{s.leader}</dt>
        <dd className="my-grid-leader">{grid.leaderName ?? s.none}</dd>
        <dt>{s.leaderPhone}</dt>
        <dd>
          {grid.leaderPhone ? (
            <a href={`tel:${grid.leaderPhone.replace(/[^\d+]/g, '')}`} aria-label={fill(s.callLabel, { name: grid.leaderName ?? s.leader, phone: grid.leaderPhone })}>
              {grid.leaderPhone}
            </a>
          ) : (
            s.none
          )}
        </dd>
        <dt>{s.branch}</dt>
        <dd>{branch?.name ?? s.none}</dd>
      </dl>
    );
  }

  return (
    <section className="my-grid" aria-labelledby={headingId} data-status={lookup.status}>
      <h2 id={headingId} tabIndex={-1}>
        {s.myGridTitle}
      </h2>
      {body}
    </section>
  );
}
