import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionResponse } from '#shared/contracts/auth.ts';
import type { Action } from '#shared/auth/permissions.ts';
import { api, configureApi } from './api.ts';

type SessionState = {
  /** undefined while loading, null when signed out. */
  session: SessionResponse | null | undefined;
  /**
   * When the server will end the session for inactivity, on this browser's clock: the server
   * sends a duration with every response, so a wrong clock here does not matter.
   */
  idleDeadline: number | null;
  /** Why the user is signed out: they chose to, they were idle, or the server ended the session. */
  signedOutReason: 'logout' | 'idle' | 'expired' | null;
  setSession(session: SessionResponse | null): void;
  refresh(): Promise<SessionResponse | null>;
  logout(reason?: 'logout' | 'idle'): Promise<void>;
  switchUnit(unitId: string): Promise<void>;
  can(action: Action): boolean;
};

const SessionContext = createContext<SessionState | null>(null);
/**
 * Typed, not parsed: the shell loads no schema library, so a page that needs none (the screening
 * workflow) does not pay for it. The server checks its answers against the same contract in tests.
 */
type SessionOrSignedOut = SessionResponse | { signedIn: false };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<SessionResponse | null | undefined>(undefined);
  const [idleDeadline, setIdleDeadline] = useState<number | null>(null);
  const [signedOutReason, setSignedOutReason] = useState<SessionState['signedOutReason']>(null);

  const setSession = useCallback((next: SessionResponse | null) => {
    setSessionState(next);
    configureApi({ csrfToken: next?.csrfToken ?? null });
    setIdleDeadline(next ? Date.now() + next.idleRemainingSeconds * 1000 : null);
    if (next) setSignedOutReason(null);
  }, []);

  const refresh = useCallback(async () => {
    const result = await api.get<SessionOrSignedOut>('/api/v1/auth/session');
    const next = result.signedIn ? result : null;
    setSession(next);
    return next;
  }, [setSession]);

  useEffect(() => {
    configureApi({
      onActivity: (seconds) => setIdleDeadline(Date.now() + seconds * 1000),
      onUnauthenticated: (code) => {
        setSessionState(null);
        configureApi({ csrfToken: null });
        setSignedOutReason(code === 'session_expired' ? 'expired' : null);
      },
    });
    void refresh().catch(() => setSession(null));
  }, [refresh, setSession]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      idleDeadline,
      signedOutReason,
      setSession,
      refresh,
      async logout(reason = 'logout') {
        await api.post('/api/v1/auth/logout').catch(() => undefined);
        setSession(null);
        setSignedOutReason(reason);
      },
      async switchUnit(unitId) {
        setSession(await api.post<SessionResponse>('/api/v1/auth/acting-unit', { unitId }));
      },
      can(action) {
        return Boolean(session?.permissions[action]);
      },
    }),
    [session, idleDeadline, signedOutReason, setSession, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** For pages behind the session guard: the session is always there. */
export function useSignedInSession(): SessionResponse {
  const { session } = useSession();
  if (!session) throw new Error('useSignedInSession outside the session guard');
  return session;
}
