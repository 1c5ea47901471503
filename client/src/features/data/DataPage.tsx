import { followLink, usePathname } from '../../ui/route';
import { useSession } from '../../ui/session';
import { SignInRequired } from '../../ui/SignInRequired';
import './data.css';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { useDataStrings } from './strings';

const SECTIONS = [
  { id: 'import', path: '/data', label: 'tabImport' },
  { id: 'export', path: '/data/export', label: 'tabExport' },
] as const;

/**
 * 数据导入导出: planners (within their region) and admins import at /data; every signed-in
 * account exports at /data/export. Leaders only export, so they see the export part alone.
 */
export function DataPage() {
  const { dt } = useDataStrings();
  return (
    <SignInRequired roles={[]} title={dt('title')} description={dt('description')}>
      <DataWorkspace />
    </SignInRequired>
  );
}

function DataWorkspace() {
  const { dt } = useDataStrings();
  const { user, hasRole } = useSession();
  const pathname = usePathname();
  if (!user) return null;
  const mayImport = hasRole('planner', 'admin');
  const current = mayImport ? (SECTIONS.find((s) => s.path === pathname) ?? SECTIONS[0]) : SECTIONS[1];

  return (
    <div className="workspace-panel-content data-page">
      <h1>{dt('title')}</h1>
      <p className="muted data-scope">{dt('scope', { region: user.regionName })}</p>
      {mayImport ? (
        <nav className="sub-nav data-tabs" aria-label={dt('sections')}>
          {SECTIONS.map((s) => (
            <a key={s.id} href={s.path} onClick={followLink(s.path)} aria-current={s.id === current.id ? 'page' : undefined}>
              {dt(s.label)}
            </a>
          ))}
        </nav>
      ) : (
        <p className="form-notice data-leader-note">{dt('leaderNote')}</p>
      )}
      {current.id === 'import' ? <ImportPanel user={user} /> : <ExportPanel user={user} />}
    </div>
  );
}
