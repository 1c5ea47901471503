import { useT } from '../../i18n/useT';
import { followLink, usePathname } from '../../ui/route';
import { useSession } from '../../ui/session';
import { SignInRequired } from '../../ui/SignInRequired';
import './data.css';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { dataText } from './strings';

const SECTIONS = [
  { id: 'import', path: '/data', label: 'tabImport' },
  { id: 'export', path: '/data/export', label: 'tabExport' },
] as const;

/**
 * 数据导入导出: planners (within their region) and admins import at /data; every signed-in
 * account exports at /data/export. Leaders only export, so they see the export part alone.
 */
export function DataPage() {
  const { t } = useT(dataText);
  return (
    <SignInRequired roles={[]} title={t('title')} description={t('description')}>
      <DataWorkspace />
    </SignInRequired>
  );
}

function DataWorkspace() {
  const { t } = useT(dataText);
  const { user, hasRole } = useSession();
  const pathname = usePathname();
  if (!user) return null;
  const mayImport = hasRole('planner', 'admin');
  const current = mayImport ? (SECTIONS.find((s) => s.path === pathname) ?? SECTIONS[0]) : SECTIONS[1];

  return (
    <div className="workspace-panel-content data-page">
      <h1>{t('title')}</h1>
      <p className="muted data-scope">{t('scope', { region: user.regionName })}</p>
      {mayImport ? (
        <nav className="sub-nav data-tabs" aria-label={t('sections')}>
          {SECTIONS.map((s) => (
            <a key={s.id} href={s.path} onClick={followLink(s.path)} aria-current={s.id === current.id ? 'page' : undefined}>
              {t(s.label)}
            </a>
          ))}
        </nav>
      ) : (
        <p className="form-notice data-leader-note">{t('leaderNote')}</p>
      )}
      {current.id === 'import' ? <ImportPanel user={user} /> : <ExportPanel user={user} />}
    </div>
  );
}
