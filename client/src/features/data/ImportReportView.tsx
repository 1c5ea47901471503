import { useMemo, useState, type Ref } from 'react';
import type { ImportAction, ImportProblem, ImportReport } from '../../api/importTypes';
import { useT } from '../../i18n/useT';
import { downloadCsv } from '../../ui/csv';
import { problemsCsv, problemsFileName } from './csvFiles';
import { ImportChanges } from './ImportChanges';
import { FORMAT_LABEL, isTabular } from './importKinds';
import { dataText, problemLabel, type DataKey, type DataT } from './strings';

const PROBLEM_ROWS_SHOWN = 200;
const ACTION_ROWS_STEP = 20;

type SortKey = 'row' | 'field' | 'code';

const CRS_NAMES: Record<string, DataKey> = { wgs84: 'crsWgs84', gcj02: 'crsGcj02', bd09: 'crsBd09' };

function crsName(crs: string, t: DataT): string {
  const key = CRS_NAMES[crs.toLowerCase()];
  return key ? t(key) : crs;
}

function compareProblems(key: SortKey): (a: ImportProblem, b: ImportProblem) => number {
  const byRow = (a: ImportProblem, b: ImportProblem) => a.row - b.row;
  if (key === 'row') return (a, b) => byRow(a, b) || (a.field ?? '').localeCompare(b.field ?? '', 'zh-CN');
  if (key === 'field') return (a, b) => (a.field ?? '').localeCompare(b.field ?? '', 'zh-CN') || byRow(a, b);
  return (a, b) => a.code.localeCompare(b.code) || byRow(a, b);
}

const ACTION_LABEL: Record<ImportAction['action'], DataKey> = {
  create: 'actionCreate',
  update: 'actionUpdate',
  unchanged: 'actionUnchanged',
};

/** The counts, how the file was read, the problems and each row's planned action. */
export function ImportReportView({
  report,
  headingKey = 'reportHeading',
  headingRef,
}: {
  report: ImportReport;
  headingKey?: DataKey;
  /** The heading takes the focus when a new report arrives, so screen readers read it. */
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { t } = useT(dataText);
  const tabular = isTabular(report.source.format);
  const rowHeader = tabular ? t('colRow') : t('colFeature');

  return (
    <section className="import-report" aria-labelledby="import-report-title" data-problems={report.problems.length}>
      <h3 id="import-report-title" ref={headingRef} tabIndex={-1}>
        {t(headingKey)}
      </h3>
      {!report.committed && (
        <p className="report-intro">{t(tabular ? 'reportIntro' : 'reportIntroFeatures', { total: report.total })}</p>
      )}
      <ul className="report-counts">
        <Count label={t('countCreate')} value={report.create} kind="create" />
        <Count label={t('countUpdate')} value={report.update} kind="update" />
        <Count label={t('countUnchanged')} value={report.unchanged} kind="unchanged" />
        <Count label={t('countProblems')} value={report.problems.length} kind="problems" />
      </ul>
      <SourceInfo report={report} />
      {report.notes.length > 0 && <NoteList report={report} />}
      {report.problems.length > 0 && <ProblemTable report={report} rowHeader={rowHeader} />}
      {report.actions.length > 0 && <ActionTable report={report} rowHeader={rowHeader} />}
    </section>
  );
}

function Count({ label, value, kind }: { label: string; value: number; kind: string }) {
  return (
    <li className="report-count" data-kind={kind} data-alert={kind === 'problems' && value > 0 ? 'true' : undefined}>
      <span className="report-count-value">{value.toLocaleString('zh-CN')}</span>
      <span className="report-count-label">{label}</span>
    </li>
  );
}

function SourceInfo({ report }: { report: ImportReport }) {
  const { t } = useT(dataText);
  const { source } = report;
  return (
    <details className="report-source">
      <summary>
        {t('sourceSummary', {
          parts: [t(FORMAT_LABEL[source.format]), source.sheet && t('sourceSheet', { sheet: source.sheet }), source.encoding?.toUpperCase(), crsName(source.crs, t)]
            .filter(Boolean)
            .join(t('listSep')),
        })}
      </summary>
      <dl>
        <dt>{t('sourceFile')}</dt>
        <dd>{source.name}</dd>
        <dt>{t('sourceFormat')}</dt>
        <dd>{t(FORMAT_LABEL[source.format])}</dd>
        {source.sheet && (
          <>
            <dt>{t('sheetTerm')}</dt>
            <dd>{source.sheet}</dd>
          </>
        )}
        <dt>{t('sourceEncoding')}</dt>
        <dd>{source.encoding ? source.encoding.toUpperCase() : t('encodingNone')}</dd>
        <dt>{t('sourceCrs')}</dt>
        <dd>{crsName(source.crs, t)}</dd>
        {source.towgs84 && (
          <>
            <dt>{t('sourceTowgs84')}</dt>
            <dd>{source.towgs84.join(', ')}</dd>
          </>
        )}
      </dl>
    </details>
  );
}

/** What the import leaves aside without stopping it: columns it does not read. */
function NoteList({ report }: { report: ImportReport }) {
  const { t } = useT(dataText);
  return (
    <div className="report-notes" role="note" aria-labelledby="import-notes-title">
      <h4 id="import-notes-title">{t('notesHeading', { count: report.notes.length })}</h4>
      <ul>
        {report.notes.map((n, i) => (
          <li key={i} data-code={n.code}>
            {n.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProblemTable({ report, rowHeader }: { report: ImportReport; rowHeader: string }) {
  const { t } = useT(dataText);
  const [sort, setSort] = useState<SortKey>('row');
  const sorted = useMemo(() => [...report.problems].sort(compareProblems(sort)), [report.problems, sort]);
  const shown = sorted.slice(0, PROBLEM_ROWS_SHOWN);
  const byCode = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of report.problems) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [report.problems]);

  const columns: { key: SortKey | null; label: string }[] = [
    { key: 'row', label: rowHeader },
    { key: 'field', label: t('colField') },
    { key: 'code', label: t('colProblem') },
    { key: null, label: t('colMessage') },
  ];

  const download = () => {
    const csv = problemsCsv(
      sorted,
      [rowHeader, t('colField'), t('colProblem'), t('colMessage')],
      (code) => problemLabel(code, t),
      t('wholeRow'),
    );
    downloadCsv(csv, problemsFileName(report.source.name));
  };

  return (
    <div className="report-problems">
      <div className="report-subheading">
        <h4 id="import-problems-title">{t('problemsHeading', { count: report.problems.length })}</h4>
        <button type="button" className="secondary-button small-button" onClick={download}>
          {t('problemsDownload')}
        </button>
      </div>
      {byCode.length > 1 && (
        <p className="problem-kinds">
          {t('problemsByCode')}
          {byCode.map(([code, count]) => (
            <span key={code} className="problem-kind">
              {t('problemsByCodeItem', { label: problemLabel(code, t), count })}
            </span>
          ))}
        </p>
      )}
      <div className="table-scroll report-table-scroll" tabIndex={0} role="region" aria-labelledby="import-problems-title">
        <table className="data-table problems-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  aria-sort={c.key === null ? undefined : sort === c.key ? 'ascending' : 'none'}
                >
                  {c.key === null ? (
                    c.label
                  ) : (
                    <button
                      type="button"
                      className="sort-button"
                      aria-label={t('sortBy', { column: c.label })}
                      onClick={() => setSort(c.key!)}
                    >
                      {c.label}
                      <span aria-hidden="true">{sort === c.key ? ' ▲' : ' ↕'}</span>
                    </button>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={`${p.row}:${p.field ?? ''}:${p.code}:${i}`} data-row={p.row} data-code={p.code}>
                <td className="cell-row" data-label={rowHeader}>
                  {p.row}
                </td>
                <td className="cell-field">{p.field ?? <span className="muted">{t('wholeRow')}</span>}</td>
                <td className="cell-problem">{problemLabel(p.code, t)}</td>
                <td className="cell-message">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > shown.length && (
        <p className="muted report-more">{t('problemsMore', { shown: shown.length, total: sorted.length })}</p>
      )}
    </div>
  );
}

function ActionTable({ report, rowHeader }: { report: ImportReport; rowHeader: string }) {
  const { t } = useT(dataText);
  const [limit, setLimit] = useState(ACTION_ROWS_STEP);
  const shown = report.actions.slice(0, limit);
  const listed = report.actions.length;
  // Rows with an action; the table lists the first 500 of them (the counts above have them all).
  const planned = report.create + report.update + report.unchanged;
  const hasChanges = report.update > 0;
  return (
    <details className="report-actions" open={report.problems.length === 0 ? true : undefined}>
      <summary>{t('actionsHeading')}</summary>
      <div className="table-scroll report-table-scroll" tabIndex={0} role="region" aria-label={t('actionsHeading')}>
        <table className="data-table actions-table">
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              <th scope="col">{t('colAction')}</th>
              <th scope="col">{t('colLabel')}</th>
              {hasChanges && <th scope="col">{t('colChanges')}</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.row} data-action={a.action}>
                <td className="cell-row">{a.row}</td>
                <td className="cell-action">
                  <span className="action-badge" data-action={a.action}>
                    {t(ACTION_LABEL[a.action])}
                  </span>
                </td>
                <td>{a.label}</td>
                {hasChanges && (
                  <td className="cell-changes">
                    <ImportChanges action={a} kind={report.kind} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="list-footer">
        <span className="muted">
          {t('actionsShowing', { shown: shown.length, total: planned })}
          {listed < planned ? ` ${t('actionsLimit', { shown: listed, rest: planned - listed })}` : ''}
        </span>
        {shown.length < listed && (
          <button type="button" className="secondary-button small-button" onClick={() => setLimit((n) => n + ACTION_ROWS_STEP * 5)}>
            {t('actionsMore')}
          </button>
        )}
      </div>
    </details>
  );
}
