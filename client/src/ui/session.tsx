import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { queryRoot } from '../api/queryClient';
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
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: [queryRoot.session], queryFn: ({ signal }) => getMe(signal), staleTime: Infinity, retry: false });
  const user = me.data ?? null;
  const status: SessionStatus = me.isPending ? 'loading' : user ? 'signed-in' : 'signed-out';

  // What one account was shown must not be shown to the next: every other answer is asked again.
  const become = useCallback(
    (next: SessionUser | null) => {
      queryClient.setQueryData([queryRoot.session], next);
      void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== queryRoot.session });
    },
    [queryClient],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const signedIn = await login(username, password);
      become(signedIn);
      return signedIn;
    },
    [become],
  );

  const signOut = useCallback(async () => {
    await logout();
    become(null);
  }, [become]);

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
