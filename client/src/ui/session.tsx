import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getMe, login, logout, type Role, type SessionUser } from '../api/session';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out';

export interface SessionValue {
  status: SessionStatus;
  user: SessionUser | null;
  /** Throws the server's ApiError (401 INVALID_CREDENTIALS, 429 TOO_MANY_ATTEMPTS…) for the form to show. */
  signIn(username: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
  /** Whether the signed-in account has one of these roles. */
  hasRole(...roles: Role[]): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Who is signed in, shared by every workspace; asked of the server once at start. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [status, setStatus] = useState<SessionStatus>('loading');

  useEffect(() => {
    const controller = new AbortController();
    getMe(controller.signal)
      .then((me) => {
        setUser(me);
        setStatus(me ? 'signed-in' : 'signed-out');
      })
      .catch(() => setStatus('signed-out'));
    return () => controller.abort();
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const me = await login(username, password);
    setUser(me);
    setStatus('signed-in');
    return me;
  }, []);

  const signOut = useCallback(async () => {
    await logout();
    setUser(null);
    setStatus('signed-out');
  }, []);

  const value = useMemo<SessionValue>(
    () => ({ status, user, signIn, signOut, hasRole: (...roles) => user !== null && roles.includes(user.role) }),
    [status, user, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
