import { Component, lazy, Suspense, useEffect, type ReactNode } from 'react';
import { SignInRequired } from '../../ui/SignInRequired';
import { useT } from '../../i18n/useT';
import { plannerText } from './strings';
import './planner.css';

// Terra Draw and the editing tools load only when the workspace is opened, not with the public map.
const loadWorkspace = () => import('./PlannerWorkspace').then((m) => ({ default: m.PlannerWorkspace }));
const PlannerWorkspace = lazy(loadWorkspace);

/** 网格规划: for planners and admins; others see what it is and how to sign in. */
export function PlannerPage() {
  const { t } = useT(plannerText);
  // Fetch the tools while the visitor signs in, so they are there when needed.
  useEffect(() => {
    loadWorkspace().catch(() => undefined);
  }, []);
  const frame = (children: ReactNode) => (
    <div className="workspace-panel-content">
      <h1>{t('title')}</h1>
      {children}
    </div>
  );
  return (
    <SignInRequired roles={['planner', 'admin']} title={t('title')} description={t('description')}>
      <LoadFailure
        fallback={frame(
          <div className="planner-notice planner-notice-error" role="alert">
            <p>{t('loadFailed')}</p>
            <button type="button" className="planner-button" onClick={() => window.location.reload()}>
              {t('reloadPage')}
            </button>
          </div>,
        )}
      >
        <Suspense
          fallback={frame(
            <p className="muted" role="status">
              {t('loading')}
            </p>,
          )}
        >
          <PlannerWorkspace />
        </Suspense>
      </LoadFailure>
    </SignInRequired>
  );
}

/** Shows `fallback` instead of a blank page when the tools could not be loaded (e.g. after a new release). */
class LoadFailure extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('planner workspace', error);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
