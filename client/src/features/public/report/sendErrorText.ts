import type { ApiError } from '../../../api/http';
import type { T } from '../../../i18n/useT';
import type { ReportKey } from './strings';

/** Why a report was not taken, as a resident can act on it. */
export function sendErrorText(error: ApiError, t: T<ReportKey>): string {
  if (error.code === 'OUTSIDE_GRIDS') return t('outsideGrids');
  if (error.code === 'RATE_LIMITED') {
    const details = error.details as { retryAfterSeconds?: unknown } | null | undefined;
    const seconds = typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : null;
    return seconds === null ? t('rateLimitedSoon') : t('rateLimited', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  }
  if (error.code === 'NETWORK_ERROR') return t('networkError');
  return t('submitError', { message: error.message });
}
