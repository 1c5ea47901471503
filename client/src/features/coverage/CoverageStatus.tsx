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
