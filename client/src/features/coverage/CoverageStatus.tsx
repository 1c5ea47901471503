import { useT } from '../../i18n/useT';
import { coverageText } from './strings';

/** A spinner and what is being waited for. */
export function Loading({ text }: { text: string }) {
  return (
    <p className="coverage-loading" role="status">
      <span className="coverage-spinner" aria-hidden="true" />
      {text}
    </p>
  );
}

/** Why numbers are missing, with a button to ask again. */
export function LoadFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useT(coverageText);
  return (
    <div className="coverage-error" role="alert">
      <p>{t('error', { message: error.message })}</p>
      <button type="button" className="secondary-button" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}

/** Grey blocks where the KPIs will be, so the page keeps its shape while they load. */
export function KpiSkeleton({ text }: { text: string }) {
  return (
    <div className="coverage-skeleton" role="status" aria-label={text} data-testid="coverage-skeleton">
      <span className="coverage-skeleton-line is-heading" />
      <div className="coverage-kpis">
        {Array.from({ length: 9 }, (_, i) => (
          <span key={i} className="coverage-skeleton-block" />
        ))}
      </div>
    </div>
  );
}

/** Placeholder rows for the legend and the grid table while the grids' numbers load. */
export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div className="coverage-skeleton" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="coverage-skeleton-line" />
      ))}
    </div>
  );
}
