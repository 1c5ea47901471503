import type { MouseEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { WORKSPACES, navigate, type Workspace } from './route';

export function Header({ workspace }: { workspace: Workspace }) {
  const { t, lang, setLang } = useI18n();

  const follow = (path: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    // Let modified clicks open a new tab as links normally do.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(path);
  };

  const other = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <header className="app-header">
      <a className="skip-link" href="#workspace-panel">
        {t('app.skipToContent')}
      </a>
      <div className="brand">
        <span className="brand-title">{t('app.title')}</span>
        <span className="brand-district">{t('app.district')}</span>
      </div>
      <nav className="app-nav" aria-label={t('nav.label')}>
        {WORKSPACES.map((w) => (
          <a
            key={w.id}
            href={w.path}
            onClick={follow(w.path)}
            aria-current={w.id === workspace ? 'page' : undefined}
            data-workspace={w.id}
          >
            {t(w.label)}
          </a>
        ))}
      </nav>
      <button
        type="button"
        className="lang-switch"
        lang={other}
        aria-label={t('lang.switchToLabel')}
        title={t('lang.label')}
        onClick={() => setLang(other)}
      >
        {t('lang.switchTo')}
      </button>
    </header>
  );
}
