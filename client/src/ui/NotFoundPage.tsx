import { useEffect } from 'react';
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
  const title = t('notFound.title');
  useEffect(() => {
    // Tabs and history name the page for what it is; the app's own title comes back on leaving.
    const before = document.title;
    document.title = `${title} · ${t('app.title')}`;
    return () => {
      document.title = before;
    };
  }, [title, t]);
  return (
    <div className="status-overlay">
      <main className="status-card error-card not-found" aria-labelledby="not-found-title">
        <h1 id="not-found-title">{title}</h1>
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
