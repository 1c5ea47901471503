import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { CoverageBalanceGrid } from '../../api/getCoverageBalance';
import { useT } from '../../i18n/useT';
import { useMapController } from '../../map/MapContext';
import { outOfRangeRows, type OutOfRangeRow } from './balance';
import { balanceText } from './balanceStrings';
import { LoadFailed, Loading } from './CoverageStatus';
import { sortRows, type TableSort } from './tableSort';

/** Rows a page: a city may have thousands of grids out of range. */
const PAGE_ROWS = 50;

/** By code is by community, then grid (codes nest). */
type SortKey = 'code' | 'households' | 'outside' | 'deviation';
type Sort = TableSort<SortKey>;

/** 规模不在目标内的网格: sortable and paged; a row brings its grid into view. */
export function BalanceSection({
  balance,
  selectedId,
  onSelect,
}: {
  balance: UseQueryResult<CoverageBalanceGrid[]>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useT(balanceText);
  const controller = useMapController();
  const grids = balance.data;
  const rows = useMemo(() => (grids ? outOfRangeRows(grids, (code) => controller?.regionName(code) ?? code) : []), [grids, controller]);

  let body;
  if (balance.isPending) body = <Loading text={t('loading')} />;
  else if (balance.isError) body = <LoadFailed error={balance.error} onRetry={() => void balance.refetch()} />;
  else if (rows.length === 0) {
    body = (
      <div className="empty-state" data-testid="coverage-balance-empty">
        <h3>{t('tableEmptyTitle')}</h3>
        <p>{t('tableEmptyText', { total: balance.data.length })}</p>
      </div>
    );
  } else body = <OutOfRangeTable rows={rows} total={balance.data.length} selectedId={selectedId} onSelect={onSelect} />;

  return (
    <section className="coverage-section" aria-labelledby="coverage-balance-heading" data-testid="coverage-balance">
      <h2 id="coverage-balance-heading">{t('tableHeading', { count: rows.length })}</h2>
      {body}
    </section>
  );
}

function OutOfRangeTable({ rows, total, selectedId, onSelect }: { rows: OutOfRangeRow[]; total: number; selectedId: string | null; onSelect: (id: string) => void }) {
  const { t } = useT(balanceText);
  // Furthest above the range first: the grids most in need of a look.
  const [sort, setSort] = useState<Sort>({ key: 'outside', desc: true });
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_ROWS));
  const current = Math.min(page, pages - 1);
  const sortBy = (key: SortKey) => {
    setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'code' }));
    setPage(0);
  };
  const above = rows.filter((r) => r.range === 'above').length;

  return (
    <>
      <p className="coverage-note">{t('tableSummary', { total, above, below: rows.length - above })}</p>
      <div className="coverage-table-scroll">
        <table className="coverage-table" data-testid="coverage-balance-table">
          <thead>
            <tr>
              <SortHeader column="code" label={t('colName')} sort={sort} onSort={sortBy} />
              <SortHeader column="households" label={t('colHouseholds')} sort={sort} onSort={sortBy} />
              <th scope="col">{t('colTarget')}</th>
              <SortHeader column="outside" label={t('colRange')} sort={sort} onSort={sortBy} />
              <SortHeader column="deviation" label={t('colDeviation')} title={t('deviationHint')} sort={sort} onSort={sortBy} />
            </tr>
          </thead>
          <tbody>
            {sorted.slice(current * PAGE_ROWS, (current + 1) * PAGE_ROWS).map((r) => (
              <BalanceRow key={r.id} row={r} selected={String(r.id) === selectedId} onSelect={onSelect} />
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="coverage-pager" aria-label={t('page', { page: current + 1, pages })}>
          <button type="button" className="secondary-button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('prev')}
          </button>
          <span>{t('page', { page: current + 1, pages })}</span>
          <button type="button" className="secondary-button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('next')}
          </button>
        </nav>
      )}
    </>
  );
}

function SortHeader({ column, label, title, sort, onSort }: { column: SortKey; label: string; title?: string; sort: Sort; onSort: (key: SortKey) => void }) {
  const { t } = useT(balanceText);
  return (
    <th scope="col" aria-sort={sort.key === column ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="coverage-sort" title={title ?? t('sortBy')} onClick={() => onSort(column)}>
        {label}
        <span className="coverage-sort-arrow" aria-hidden="true">
          {sort.key !== column ? '↕' : sort.desc ? '▼' : '▲'}
        </span>
      </button>
    </th>
  );
}

function BalanceRow({ row, selected, onSelect }: { row: OutOfRangeRow; selected: boolean; onSelect: (id: string) => void }) {
  const { t, num } = useT(balanceText);
  const pct = Math.round(row.deviation * 100);
  return (
    <tr className={selected ? 'is-selected' : undefined} data-grid-id={row.id}>
      <th scope="row">
        <button type="button" className="coverage-row-link" title={row.code} onClick={() => onSelect(String(row.id))}>
          {row.name}
        </button>
        <span className="coverage-balance-community" title={t('colCommunity')}>
          {row.communityName}
        </span>
      </th>
      <td className="coverage-balance-households">
        {num(row.households)}
        {row.estimate && (
          <span className="coverage-estimate" title={t('estimateHint')}>
            {t('estimate')}
          </span>
        )}
      </td>
      <td className="coverage-nowrap">{t('targetRange', { min: num(row.min), max: num(row.max) })}</td>
      <td>
        <span className={`coverage-range coverage-range-${row.range}`}>{t(row.range)}</span>
      </td>
      <td className="coverage-nowrap">{`${pct > 0 ? '+' : ''}${pct}%`}</td>
    </tr>
  );
}
