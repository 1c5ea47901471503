import { useQuery } from '@tanstack/react-query';
import { getReportStatus, type ReportStatus } from '../../../api/getReportStatus';
import { useT } from '../../../i18n/useT';
import { followLink } from '../../../ui/route';
import { toApiError } from '../../../ui/useDistrictData';
import { CodeLookup } from './CodeLookup';
import { RatingForm, reportStatusKey } from './RatingForm';
import { StatusSteps } from './StatusSteps';
import { reportText } from './strings';
import { useShowGrid } from './useShowGrid';

/** 办理进度 at /report/:code: where the report is, who answers for it, by when, and its history. */
export function StatusPage({ code }: { code: string }) {
  const { t } = useT(reportText);
  const query = useQuery({
    queryKey: reportStatusKey(code),
    queryFn: ({ signal }) => getReportStatus(code, signal),
    staleTime: 0,
  });
  useShowGrid(query.data?.gridCode ?? null);

  let body;
  if (query.data) body = <StatusDetails status={query.data} />;
  else if (query.isError) {
    const error = toApiError(query.error);
    body =
      error.code === 'CASE_NOT_FOUND' || error.status === 404 ? (
        <>
          <p className="report-error" role="alert">
            {t('statusNotFound', { code })}
          </p>
          <CodeLookup />
        </>
      ) : (
        <div className="report-error" role="alert">
          <p>{t('statusError', { message: error.message })}</p>
          <button type="button" className="finder-secondary" onClick={() => void query.refetch()}>
            {t('retry')}
          </button>
        </div>
      );
  } else body = <p role="status">{t('statusLoading')}</p>;

  return (
    <div className="workspace-panel-content report">
      <a className="link-button report-back" href="/report" onClick={followLink('/report')}>
        ← {t('backToReport')}
      </a>
      <h1>{t('statusTitle')}</h1>
      {body}
    </div>
  );
}

function StatusDetails({ status }: { status: ReportStatus }) {
  const { t, date } = useT(reportText);
  const open = status.status === 'pending' || status.status === 'accepted' || status.status === 'in_progress';
  return (
    <>
      <p className="report-code report-code-small" translate="no" data-testid="status-code">
        {status.code}
      </p>
      <p className="report-status" data-testid="status-now" data-status={status.status}>
        {t(`status.${status.status}`)}
      </p>
      <StatusSteps status={status.status} />
      {status.status === 'rejected' && <p className="finder-warning">{t('rejectedNote')}</p>}
      {status.status === 'merged' && <p className="finder-warning">{t('mergedNote')}</p>}
      <dl className="report-facts">
        <dt>{t('category')}</dt>
        <dd>{status.categoryName}</dd>
        <dt>{t('grid')}</dt>
        <dd>{status.gridName}</dd>
        <dt>{t('community')}</dt>
        <dd>{status.communityName}</dd>
        <dt>{t('leader')}</dt>
        <dd>{status.gridLeader ?? t('none')}</dd>
        <dt>{t('reportedAt')}</dt>
        <dd>{date(status.createdAt)}</dd>
        {status.status === 'pending' && (
          <>
            <dt>{t('acceptBy')}</dt>
            <dd>{date(status.acceptDeadline)}</dd>
          </>
        )}
        {open && (
          <>
            <dt>{t('deadline')}</dt>
            <dd>{date(status.deadline)}</dd>
          </>
        )}
        {status.photoCount > 0 && (
          <>
            <dt>{t('photoCount')}</dt>
            <dd>{t('photoCountValue', { count: status.photoCount })}</dd>
          </>
        )}
      </dl>
      <h2>{t('timelineTitle')}</h2>
      <ol className="report-timeline">
        {status.timeline.map((step, i) => (
          <li key={`${step.at}-${i}`}>
            <span className="report-timeline-status">{t(`status.${step.status}`)}</span>
            <time dateTime={step.at}>{date(step.at)}</time>
          </li>
        ))}
      </ol>
      {status.rating && <p className="report-rated" data-testid="status-rating">{t('ratingDone', { rating: t(`rating.${status.rating}`) })}</p>}
      {status.canRate && <RatingForm code={status.code} />}
    </>
  );
}
