import { useMemo, useState } from 'react';
import { caseScorecardCsvUrl, type CaseScorecard, type GridScore } from '../../api/getCaseStats';
import { useT } from '../../i18n/useT';
import { caseText, type CaseTextKey } from './caseStrings';
import { formatNumber, formatShare } from './metrics';
import { sortRows, type TableSort } from './tableSort';

const TABLE_ROWS = 200;

type SortKey = 'gridCode' | 'cases' | 'acceptedOnTimeRate' | 'closedOnTimeRate' | 'medianHoursToClose' | 'satisfactionRate' | 'overdueNow';
type Sort = TableSort<SortKey>;

const COLUMNS: readonly { key: Exclude<SortKey, 'gridCode'>; label: CaseTextKey }[] = [
  { key: 'cases', label: 'colCases' },
  { key: 'acceptedOnTimeRate', label: 'colAccepted' },
  { key: 'closedOnTimeRate', label: 'colClosed' },
  { key: 'medianHoursToClose', label: 'colMedian' },
  { key: 'satisfactionRate', label: 'colSatisfaction' },
  { key: 'overdueNow', label: 'colOverdue' },
];

/** 各网格考核: the scorecard as a table, every column header a sort button, and the CSV download. */
export function CaseScoreTable({ card, onSelect }: { card: CaseScorecard; onSelect: (g: GridScore) => void }) {
  const { t, lang } = useT(caseText);
  const [sort, setSort] = useState<Sort>({ key: 'gridCode', desc: false });
  const rows = useMemo(() => sortRows(card.grids, sort), [card.grids, sort]);
  // Figures sort largest first on the first press; codes in order.
  const sortBy = (key: SortKey) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'gridCode' }));

  return (
    <section className="coverage-section" aria-labelledby="cases-table-heading">
      <h2 id="cases-table-heading">{t('tableHeading', { count: card.grids.length })}</h2>
      <div className="coverage-buttons">
        <a className="secondary-button" href={caseScorecardCsvUrl({ from: card.from, to: card.to })} download data-testid="cases-csv">
          {t('downloadCsv')}
        </a>
      </div>
      <p className="coverage-note">{t('downloadHint')}</p>
      <div className="coverage-table-scroll">
        <table className="coverage-table cases-table" data-testid="cases-table">
          <caption className="coverage-note">{t('tableCaption')}</caption>
          <thead>
            <tr>
              <SortHeader column="gridCode" label={t('colGrid')} sort={sort} onSort={sortBy} />
              {COLUMNS.map((c) => (
                <SortHeader key={c.key} column={c.key} label={t(c.label)} sort={sort} onSort={sortBy} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, TABLE_ROWS).map((g) => (
              <tr key={g.gridId}>
                <th scope="row">
                  <button type="button" className="coverage-row-link" onClick={() => onSelect(g)}>
                    {g.gridName}
                  </button>
                  <span className="coverage-code">{g.gridCode}</span>
                </th>
                <td>{formatNumber(g.cases, 0, lang)}</td>
                <td>{formatShare(g.acceptedOnTimeRate, lang)}</td>
                <td>{formatShare(g.closedOnTimeRate, lang)}</td>
                <td>{formatNumber(g.medianHoursToClose, 1, lang)}</td>
                <td>{formatShare(g.satisfactionRate, lang)}</td>
                <td className={g.overdueNow > 0 ? 'cases-overdue' : undefined}>{formatNumber(g.overdueNow, 0, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > TABLE_ROWS && <p className="coverage-note">{t('tableMore', { shown: TABLE_ROWS, total: rows.length })}</p>}
      <p className="coverage-note">{t('definitions')}</p>
    </section>
  );
}

function SortHeader({ column, label, sort, onSort }: { column: SortKey; label: string; sort: Sort; onSort: (key: SortKey) => void }) {
  const { t } = useT(caseText);
  return (
    <th scope="col" aria-sort={sort.key === column ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="coverage-sort" title={t('sortBy')} data-sort={column} onClick={() => onSort(column)}>
        {label}
        <span className="coverage-sort-arrow" aria-hidden="true">
          {sort.key !== column ? '↕' : sort.desc ? '▼' : '▲'}
        </span>
      </button>
    </th>
  );
}
