import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { isApiError } from '../api/http';
import { commonText, type CommonKey } from '../i18n/common';
import { useT, type T } from '../i18n/useT';
import { useSession } from './session';
import { navigate } from './route';
import { WORKSPACE_PATHS } from '../../../server/src/contract/app-routes.ts';

/** Opens the sign-in dialog; focus returns to `opener` afterwards (or to the workspace panel). */
export type PromptSignIn = (opener?: HTMLElement | null) => void;

const SignInPromptContext = createContext<PromptSignIn | null>(null);

/** Holds the one sign-in dialog of the app, so the header and every workspace can open it. */
export function SignInPromptProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const openerRef = useRef<{ element: HTMLElement | null; inHeader: boolean }>({ element: null, inHeader: false });

  const prompt = useCallback<PromptSignIn>((opener) => {
    const element = opener ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    // Remembered now: once React replaces the opener, it no longer knows where it was.
    openerRef.current = { element, inHeader: element?.closest('.app-header') !== null && element !== null };
    setOpen(true);
  }, []);

  const close = useCallback(() => {
    setOpen(false);
    const { element, inHeader } = openerRef.current;
    openerRef.current = { element: null, inHeader: false };
    window.setTimeout(() => {
      // The opener may be gone after signing in (the header's 登录 became the account control, a
      // "请先登录" button became the workspace), or re-rendered while the dialog was open (the
      // session check finished): go to what replaced it.
      const target = element?.isConnected
        ? element
        : inHeader
          ? document.querySelector<HTMLElement>('.app-header .account-button, .app-header .account-sign-in')
          : document.getElementById('workspace-panel');
      target?.focus();
    }, 0);
  }, []);

  return (
    <SignInPromptContext.Provider value={prompt}>
      {children}
      {open && <SignInDialog onClose={close} />}
    </SignInPromptContext.Provider>
  );
}

export function useSignInPrompt(): PromptSignIn {
  const value = useContext(SignInPromptContext);
  if (!value) throw new Error('useSignInPrompt outside SignInPromptProvider');
  return value;
}

type FieldErrors = { username?: string; password?: string };

/** What went wrong, in words that say what to do next. */
export function signInErrorMessage(err: unknown, t: T<CommonKey>): string {
  if (!isApiError(err)) return t('signIn.unavailable');
  if (err.status === 401) return t('signIn.wrongCredentials');
  if (err.code === 'ACCOUNT_DISABLED') return t('signIn.accountDisabled');
  if (err.status === 429) {
    const details = err.details as { retryAfterSeconds?: unknown } | undefined;
    const seconds = typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 60;
    return t('signIn.tooManyAttempts', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  }
  if (err.status === 0 || err.status >= 500) return t('signIn.unavailable');
  return t('signIn.failed', { code: err.code, message: err.message });
}

function SignInDialog({ onClose }: { onClose: () => void }) {
  const { t } = useT(commonText);
  const { signIn } = useSession();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const ids = { title: useId(), intro: useId(), error: useId(), user: useId(), userError: useId(), pass: useId(), passError: useId() };

  // A modal <dialog> keeps focus inside, makes the page behind it inert and closes on Escape.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    usernameRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const nextFieldErrors: FieldErrors = {};
    if (username.trim() === '') nextFieldErrors.username = t('signIn.usernameRequired');
    if (password === '') nextFieldErrors.password = t('signIn.passwordRequired');
    setFieldErrors(nextFieldErrors);
    if (nextFieldErrors.username || nextFieldErrors.password) {
      setError(null);
      (nextFieldErrors.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const user = await signIn(username.trim(), password);
      onClose();
      // A grid worker signing in on the landing page goes to their cases (我的网格).
      if (user.role === 'gridworker' && window.location.pathname === '/') navigate(WORKSPACE_PATHS.mygrid);
    } catch (err) {
      setPending(false);
      setError(signInErrorMessage(err, t));
      if (isApiError(err) && err.status === 401) {
        // Most often the password was mistyped: let the user retype it at once.
        setPassword('');
        window.setTimeout(() => passwordRef.current?.focus(), 0);
      }
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="modal sign-in-dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.intro}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form className="modal-body" onSubmit={submit} noValidate>
        <div className="modal-header">
          <h2 id={ids.title}>{t('signIn.title')}</h2>
          <button type="button" className="icon-button" aria-label={t('signIn.close')} onClick={onClose}>
            ×
          </button>
        </div>
        <p id={ids.intro} className="muted modal-intro">
          {t('signIn.intro')}
        </p>
        {error && (
          <p id={ids.error} className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor={ids.user}>{t('signIn.username')}</label>
          <input
            ref={usernameRef}
            id={ids.user}
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={fieldErrors.username ? true : undefined}
            aria-describedby={fieldErrors.username ? ids.userError : undefined}
          />
          {fieldErrors.username && (
            <p id={ids.userError} className="field-error">
              {fieldErrors.username}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.pass}>{t('signIn.password')}</label>
          <div className="password-row">
            <input
              ref={passwordRef}
              id={ids.pass}
              name="password"
              type={showPassword ? 'text' : 'password'}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={fieldErrors.password || error ? true : undefined}
              aria-describedby={[fieldErrors.password ? ids.passError : '', error ? ids.error : ''].join(' ').trim() || undefined}
            />
            <button
              type="button"
              className="secondary-button"
              aria-pressed={showPassword}
              aria-controls={ids.pass}
              onClick={() => setShowPassword((v) => !v)}
            >
              {t('signIn.showPassword')}
            </button>
          </div>
          {fieldErrors.password && (
            <p id={ids.passError} className="field-error">
              {fieldErrors.password}
            </p>
          )}
        </div>
        <div className="modal-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            {t('signIn.cancel')}
          </button>
          <button type="submit" className="primary-button" disabled={pending} aria-busy={pending}>
            {pending ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
