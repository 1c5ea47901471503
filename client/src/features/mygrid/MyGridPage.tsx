import { useState } from 'react';
import type { CaseListStatus } from '../../api/cases';
import type { SessionUser } from '../../api/session';
import { useT } from '../../i18n/useT';
import { SignInRequired } from '../../ui/SignInRequired';
import { navigate, usePathname } from '../../ui/route';
import { useSession } from '../../ui/session';
import { CaseView } from './CaseView';
import { Inbox, PAGE_SIZE } from './Inbox';
import { mygridText } from './strings';
import { useCaseFeed } from './useCaseFeed';
import { useCaseOverlay } from './useCaseMarker';
import './mygrid.css';

/** `/my-grid/123` → 123; the inbox at `/my-grid`. */
function caseIdFromPath(pathname: string): number | null {
  const match = /^\/my-grid\/(\d+)$/.exec(pathname);
  return match ? Number(match[1]) : null;
}

/** 我的网格: the grid worker's inbox of cases, ordered by deadline (leaders and admins: their scope). */
export function MyGridPage() {
  const { t } = useT(mygridText);
  return (
    <SignInRequired roles={['gridworker', 'leader', 'admin']} title={t('title')} description={t('description')}>
      <MyGridWorkspace />
    </SignInRequired>
  );
}

function MyGridWorkspace() {
  const { t } = useT(mygridText);
  const { user } = useSession();
  const pathname = usePathname();
  const caseId = caseIdFromPath(pathname);
  // Kept here so coming back from a case shows the list as it was left.
  const [filter, setFilter] = useState<CaseListStatus>('open');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const feed = useCaseFeed(user !== null);
  const overlay = useCaseOverlay();

  if (!user) return null;
  const showNew = () => {
    feed.clearNew();
    setFilter('open');
    navigate('/my-grid');
  };
  return (
    <div className="workspace-panel-content mygrid">
      <div className="mygrid-heading">
        <h1>{t('title')}</h1>
        <span className={`mygrid-live mygrid-live-${feed.state}`} role="status">
          {feed.state === 'reconnecting' ? t('reconnecting') : feed.state === 'live' ? t('live') : ''}
        </span>
      </div>
      {feed.newCount > 0 && (
        <p className="mygrid-toast" role="status">
          <span className="mygrid-badge">{feed.newCount}</span> {t('newCases', { count: feed.newCount })}{' '}
          <button type="button" className="link-button" onClick={showNew}>
            {t('newCasesShow')}
          </button>
          <button type="button" className="mygrid-toast-close" aria-label={t('newCasesDismiss')} title={t('newCasesDismiss')} onClick={feed.clearNew}>
            ×
          </button>
        </p>
      )}
      {caseId !== null ? (
        <CaseView id={caseId} overlay={overlay} />
      ) : (
        <>
          <p className="muted mygrid-intro">{t('intro')}</p>
          <MyGridsLine user={user} />
          <Inbox
            user={user}
            filter={filter}
            onFilter={(f) => {
              setFilter(f);
              setLimit(PAGE_SIZE);
            }}
            limit={limit}
            onMore={() => setLimit((n) => n + PAGE_SIZE)}
            overlay={overlay}
          />
        </>
      )}
    </div>
  );
}

function MyGridsLine({ user }: { user: SessionUser }) {
  const { t } = useT(mygridText);
  if (user.gridCodes.length === 0) return null;
  return <p className="field-hint">{t('myGrids', { codes: user.gridCodes.join('、') })}</p>;
}
