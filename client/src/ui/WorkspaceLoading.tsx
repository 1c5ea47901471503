import { commonText } from '../i18n/common';
import { useT } from '../i18n/useT';
import type { Workspace } from './route';

/** Shown in the side panel while a workspace's code downloads (the first time it is opened). */
export function WorkspaceLoading({ workspace }: { workspace: Workspace }) {
  const { t } = useT(commonText);
  return (
    <div className="status-card workspace-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{t('status.loadingWorkspace', { name: t(`nav.${workspace}`) })}</span>
    </div>
  );
}
