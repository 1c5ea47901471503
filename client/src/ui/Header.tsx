import { commonText } from '../i18n/common';
import { useI18n } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { AccountMenu } from './AccountMenu';
import { WORKSPACES, followLink, type Workspace } from './route';
import { useSession } from './session';

/** `areaName`: the district, or the city when the platform holds several of its districts. */
export function Header({ workspace, areaName }: { workspace: Workspace; areaName: string }) {
  const { lang, setLang } = useI18n();
  const { t } = useT(commonText);
  const session = useSession();

  const other = lang === 'zh-CN' ? 'en' : 'zh-CN';
  // Role-only workspaces appear once the account may use them; their URLs still answer with a
  // clear "not allowed" page for everyone else.
  const visible = WORKSPACES.filter((w) => (!w.roles || session.hasRole(...w.roles)) && !(w.notFor && session.hasRole(...w.notFor)));
  return (
    <header className="app-header">
      <a className="skip-link" href="#workspace-panel">
        {t('app.skipToContent')}
      </a>
      <div className="brand">
        <span className="brand-title">{t('app.title')}</span>
        <span className="brand-district">{areaName}</span>
      </div>
      <nav className="app-nav" aria-label={t('nav.label')}>
        {visible.map((w) => (
          <a
            key={w.id}
            href={w.path}
            onClick={followLink(w.path)}
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
      <AccountMenu />
    </header>
  );
}
