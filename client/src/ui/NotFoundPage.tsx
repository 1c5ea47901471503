import { commonText } from '../i18n/common';
import { useT } from '../i18n/useT';
import { followLink, usePathname } from './route';

/**
 * A path that is none of the app's pages (the server answered it with 404): says so, and leads
 * to the finder instead of showing it under a wrong address.
 */
export function NotFoundPage() {
  const { t } = useT(commonText);
  const pathname = usePathname();
  return (
    <div className="status-overlay">
      <main className="status-card error-card not-found" aria-labelledby="not-found-title">
        <h1 id="not-found-title">{t('notFound.title')}</h1>
        <p>{t('notFound.body', { path: pathname })}</p>
        <p>
          <a href="/" onClick={followLink('/')}>
            {t('notFound.home')}
          </a>
        </p>
      </main>
    </div>
  );
}
