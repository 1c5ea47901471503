import { useEffect, useId, useRef, useState } from 'react';
import { commonText } from '../i18n/common';
import { useT } from '../i18n/useT';
import { useSession } from './session';
import { useSignInPrompt } from './SignInDialog';

/**
 * The header's account control: a 登录 button when signed out; when signed in, who it is (name
 * and role) as a disclosure button whose panel shows the scope and 退出登录.
 */
export function AccountMenu() {
  const { t } = useT(commonText);
  const session = useSession();
  const promptSignIn = useSignInPrompt();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [focusSignIn, setFocusSignIn] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const signInRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  // After signing out, keep keyboard users in the header instead of losing focus to <body>.
  useEffect(() => {
    if (focusSignIn && session.status === 'signed-out') {
      signInRef.current?.focus();
      setFocusSignIn(false);
    }
  }, [focusSignIn, session.status]);

  if (session.status === 'loading') return <div className="account account-pending" aria-hidden="true" />;

  if (session.status === 'signed-out' || !session.user) {
    return (
      <div className="account">
        <button
          ref={signInRef}
          type="button"
          className="secondary-button account-sign-in"
          onClick={(event) => promptSignIn(event.currentTarget)}
        >
          {t('session.signIn')}
        </button>
      </div>
    );
  }

  const { user } = session;
  const signOut = async () => {
    setPending(true);
    setError(null);
    try {
      await session.signOut();
      setOpen(false);
      setFocusSignIn(true);
    } catch {
      setError(t('session.signOutFailed'));
    } finally {
      setPending(false);
    }
  };

  return (
    <div
      className="account"
      ref={rootRef}
      onBlur={(event) => {
        // Tabbing out of the panel closes it, as clicking elsewhere does.
        // (A click on the panel's text moves focus nowhere: relatedTarget is null, keep it open.)
        const next = event.relatedTarget as Node | null;
        if (open && next && !rootRef.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={panelId}
        title={t('session.accountLabel', { name: user.displayName, role: t(`role.${user.role}`), region: user.regionName })}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="account-name">{user.displayName}</span>
        <span className="account-role">{t(`role.${user.role}`)}</span>
        <span className="account-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={panelId} className="account-panel" hidden={!open}>
        <p className="account-panel-name">
          {user.displayName} <span className="muted">{user.username}</span>
        </p>
        <p className="account-panel-line">{t(`role.${user.role}`)}</p>
        <p className="account-panel-line muted">{t('session.scope', { region: user.regionName })}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="secondary-button account-sign-out" disabled={pending} onClick={() => void signOut()}>
          {pending ? t('session.signingOut') : t('session.signOut')}
        </button>
      </div>
    </div>
  );
}
