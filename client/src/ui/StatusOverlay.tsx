import { commonText } from '../i18n/common';
import { useT } from '../i18n/useT';
import type { ApiError } from '../api/http';

/** Covers the map while the first data loads. */
export function LoadingOverlay() {
  const { t } = useT(commonText);
  return (
    <div className="status-overlay" role="status" aria-live="polite">
      <div className="status-card">
        <span className="spinner" aria-hidden="true" />
        <span>{t('status.loading')}</span>
      </div>
    </div>
  );
}

/** Says what failed, in the reader's language plus the server's own code, and offers a retry. */
export function ErrorOverlay({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useT(commonText);
  return (
    <div className="status-overlay">
      <div className="status-card error-card" role="alert">
        <h2>{t('status.errorTitle')}</h2>
        <p>{error.message}</p>
        <p className="muted">
          {t('status.errorCode', { code: error.code })}
          {error.status > 0 ? ` · HTTP ${error.status}` : ''}
        </p>
        <p className="muted">{t('status.errorHint')}</p>
        <button type="button" className="primary-button" onClick={onRetry}>
          {t('status.retry')}
        </button>
      </div>
    </div>
  );
}
