import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { followLink, usePathname } from '../../ui/route';
import { useSession } from '../../ui/session';
import { SignInRequired } from '../../ui/SignInRequired';
import { AccountsSection } from './AccountsSection';
import { AuditSection } from './AuditSection';
import './admin.css';

const SECTIONS = [
  { id: 'accounts', path: '/admin', label: 'admin.tabAccounts' },
  { id: 'audit', path: '/admin/audit', label: 'admin.tabAudit' },
] as const;

/** 账号管理 for admins: accounts at /admin, the audit log at /admin/audit. */
export function AdminPage() {
  const { t } = useT(commonText);
  return (
    <SignInRequired roles={['admin']} title={t('admin.title')} description={t('admin.description')}>
      <AdminWorkspace />
    </SignInRequired>
  );
}

function AdminWorkspace() {
  const { t } = useT(commonText);
  const { user } = useSession();
  const pathname = usePathname();
  const current = SECTIONS.find((s) => s.path === pathname) ?? SECTIONS[0];
  if (!user) return null;
  return (
    <div className="workspace-panel-content admin-page">
      <div className="admin-heading">
        <h1>{t('admin.title')}</h1>
        <p className="muted">{t('admin.scope', { region: user.regionName })}</p>
      </div>
      <nav className="sub-nav" aria-label={t('admin.sections')}>
        {SECTIONS.map((s) => (
          <a key={s.id} href={s.path} onClick={followLink(s.path)} aria-current={s.id === current.id ? 'page' : undefined}>
            {t(s.label)}
          </a>
        ))}
      </nav>
      {current.id === 'accounts' ? <AccountsSection me={user} /> : <AuditSection />}
    </div>
  );
}
