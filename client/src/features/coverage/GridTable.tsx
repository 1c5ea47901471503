import { useMemo, useState } from 'react';
import type { CoverageGrid } from '../../api/getCoverageGrids';
import { useT } from '../../i18n/useT';
import { formatNumber } from './metrics';
import { coverageText } from './strings';
import { sortRows, type TableSort } from './tableSort';

const TABLE_ROWS = 200;

type SortKey = 'code' | 'members' | 'floating' | 'membersPer100Households' | 'nearestStationMeters';
type Sort = TableSort<SortKey>;

/** Grids matching the filter (name or code), sorted with empty values last. */
function tableRows(grids: readonly CoverageGrid[], filter: string, sort: Sort): CoverageGrid[] {
  const q = filter.trim();
  return sortRows(q ? grids.filter((g) => g.name.includes(q) || g.code.includes(q)) : grids, sort);
}

/** 各网格数据: every grid's numbers, filterable and sortable; a row opens the grid's details. */
export function GridTable({
  grids,
  selectedId,
  onSelect,
}: {
  grids: readonly CoverageGrid[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useT(coverageText);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'code', desc: false });
  const rows = useMemo(() => tableRows(grids, filter, sort), [grids, filter, sort]);
  // Counts sort largest first on the first click; codes sort in order.
  const sortBy = (key: SortKey) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'code' }));

  return (
    <details className="coverage-section coverage-table-wrap">
      <summary>{t('tableHeading', { count: grids.length })}</summary>
      <input
        type="search"
        className="coverage-filter"
        placeholder={t('tableFilter')}
        aria-label={t('tableFilter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="coverage-table-scroll">
        <table className="coverage-table" data-testid="coverage-table">
          <thead>
            <tr>
              <SortHeader column="code" label={t('colName')} sort={sort} onSort={sortBy} />
              <SortHeader column="members" label={t('colMembers')} sort={sort} onSort={sortBy} />
              <SortHeader column="floating" label={t('colFloating')} sort={sort} onSort={sortBy} />
              <SortHeader column="membersPer100Households" label={t('colPer100')} sort={sort} onSort={sortBy} />
              <SortHeader column="nearestStationMeters" label={t('colDistance')} sort={sort} onSort={sortBy} />
              <th scope="col">{t('colHasBranch')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, TABLE_ROWS).map((g) => (
              <GridRow key={String(g.id)} grid={g} selected={String(g.id) === selectedId} onSelect={onSelect} />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > TABLE_ROWS && <p className="coverage-note">{t('tableMore', { shown: TABLE_ROWS, total: rows.length })}</p>}
    </details>
  );
}

function SortHeader({
  column,
  label,
  sort,
  onSort,
}: {
  column: SortKey;
  label: string;
  sort: Sort;
  onSort: (key: SortKey) => void;
}) {
  const { t } = useT(coverageText);
  return (
    <th scope="col" aria-sort={sort.key === column ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="coverage-sort" title={t('sortBy')} onClick={() => onSort(column)}>
        {label}
        <span className="coverage-sort-arrow" aria-hidden="true">
          {sort.key !== column ? '↕' : sort.desc ? '▼' : '▲'}
        </span>
      </button>
    </th>
  );
}

function GridRow({ grid, selected, onSelect }: { grid: CoverageGrid; selected: boolean; onSelect: (id: string) => void }) {
  const { t, lang } = useT(coverageText);
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <th scope="row">
        <button type="button" className="coverage-row-link" onClick={() => onSelect(String(grid.id))}>
          {grid.name}
        </button>
        <span className="coverage-code">{grid.code}</span>
      </th>
      <td>{formatNumber(grid.members, 0, lang)}</td>
      <td>{formatNumber(grid.floating, 0, lang)}</td>
      <td>{formatNumber(grid.membersPer100Households, 1, lang)}</td>
      <td>{formatNumber(grid.nearestStationMeters, 0, lang)}</td>
      <td>{grid.hasBranch ? t('yes') : t('no')}</td>
    </tr>
  );
}
