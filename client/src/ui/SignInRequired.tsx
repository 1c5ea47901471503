import type { ReactNode } from 'react';
import type { Role } from '../api/session';
import { commonText } from '../i18n/common';
import { useT } from '../i18n/useT';
import { useSession } from './session';
import { useSignInPrompt } from './SignInDialog';
import { roleList } from './roleNames';

export interface SignInRequiredProps {
  /** The roles that may use this workspace (e.g. `['planner']`); any signed-in account when empty. */
  roles: readonly Role[];
  /** The workspace's heading (its h1), shown in every state so the page always says where it is. */
  title: string;
  /** What the workspace offers, shown to those who cannot use it (yet). */
  description?: string;
  /** The workspace itself: rendered only for a signed-in account with one of `roles`. */
  children: ReactNode;
}

/**
 * Guards a workspace: while the session is being checked it says so; signed out it shows
 * "请先登录" with a sign-in button (the shared sign-in dialog); signed in with another role it
 * explains which role is needed and offers to switch accounts; otherwise it renders `children`.
 * The server still checks every request: this only decides what to show.
 */
export function SignInRequired({ roles, title, description, children }: SignInRequiredProps) {
  const { t } = useT(commonText);
  const session = useSession();
  const promptSignIn = useSignInPrompt();
  const needed = roleList(roles, t);

  if (session.status === 'signed-in' && (roles.length === 0 || session.hasRole(...roles))) return <>{children}</>;

  if (session.status === 'loading') {
    return (
      <div className="workspace-panel-content">
        <h1>{title}</h1>
        <p className="muted" role="status">
          {t('session.checking')}
        </p>
      </div>
    );
  }

  if (session.status === 'signed-out') {
    return (
      <div className="workspace-panel-content">
        <h1>{title}</h1>
        <div className="empty-state access-state" data-access="signed-out">
          <h2 className="access-title">{t('access.signInTitle')}</h2>
          <p>{roles.length > 0 ? t('access.signInFor', { roles: needed }) : t('access.signInAny')}</p>
          {description && <p className="empty-note">{description}</p>}
          <button type="button" className="primary-button access-action" onClick={(e) => promptSignIn(e.currentTarget)}>
            {t('session.signIn')}
          </button>
        </div>
      </div>
    );
  }

  const current = session.user ? t(`role.${session.user.role}`) : '';
  return (
    <div className="workspace-panel-content">
      <h1>{title}</h1>
      <div className="empty-state access-state access-forbidden" data-access="forbidden" role="alert">
        <h2 className="access-title">{t('access.forbiddenTitle')}</h2>
        <p>{t('access.forbiddenText', { role: current, roles: needed })}</p>
        <p className="empty-note">{t('access.forbiddenHint')}</p>
        <button
          type="button"
          className="secondary-button access-action"
          onClick={(e) => {
            const opener = e.currentTarget;
            void session.signOut().then(
              () => promptSignIn(opener),
              () => promptSignIn(opener),
            );
          }}
        >
          {t('access.switchAccount')}
        </button>
      </div>
    </div>
  );
}
