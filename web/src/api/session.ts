import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { forgetSession, rememberSession, rememberedSession } from '../offline/offline-store';
import { ApiError, apiRequest, setCsrfToken } from './client';
import type { DemoAccount, Session } from './types';

/** The query key of the signed-in session (null: nobody is signed in). */
export const SESSION_KEY = ['session'] as const;

/** Set while this tab holds a session, so a 401 can be told apart from never having signed in. */
const SIGNED_IN_MARK = 'dxmon.signedIn';

/** Remembers (for this tab) that a session is held, or forgets it (sign-out, expiry). */
export function markSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) window.sessionStorage.setItem(SIGNED_IN_MARK, '1');
    else window.sessionStorage.removeItem(SIGNED_IN_MARK);
  } catch {
    // Without storage the expiry message is simply not shown.
  }
}

/** Whether this tab held a session (so losing it is an expiry, not a first visit). */
export function wasSignedIn(): boolean {
  try {
    return window.sessionStorage.getItem(SIGNED_IN_MARK) === '1';
  } catch {
    return false;
  }
}

function adopt(session: Session): Session {
  setCsrfToken(session.csrfToken);
  markSignedIn(true);
  rememberSession(session);
  return session;
}

/**
 * Who is signed in, or null; never tells the shell of an expiry itself (RequireSession does). Without a connection,
 * the session remembered from the last visit, marked `offline` (docs/web.md, "Offline entry").
 */
export async function fetchSession(): Promise<Session | null> {
  try {
    return adopt(await apiRequest<Session>('/session', { on401: 'throw' }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      forgetSession();
      return null;
    }
    const remembered = error instanceof ApiError && error.status === 0 ? rememberedSession() : null;
    if (remembered) return remembered;
    throw error;
  }
}

/**
 * The signed-in session (null when signed out). With `ask` false it only reads what another part of the page asked
 * (undefined when none did): the route asks, the header follows (shell/route-page.tsx, `asksForSession`).
 */
export function useSession(ask = true) {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000, enabled: ask });
}

/** Signs in; the new session replaces the old in the cache. */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { login: string; password: string }) =>
      apiRequest<Session>('/session', { method: 'POST', body, on401: 'throw' }),
    onSuccess: (session) => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      client.setQueryData(SESSION_KEY, adopt(session));
    },
  });
}

/**
 * Signs out at once: ends the session on the server, then loads `then` (the sign-in page) afresh, so nothing read
 * under the session (cached answers, the CSRF token) outlives it in the page.
 */
export function useSignOut(then: string) {
  return useMutation({
    mutationFn: () => apiRequest<void>('/session', { method: 'DELETE', on401: 'throw' }).catch(ignore401),
    onSettled: () => {
      markSignedIn(false);
      forgetSession();
      setCsrfToken(null);
      window.location.assign(then);
    },
  });
}

function ignore401(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) return;
  throw error;
}

/** Changes the signed-in user's password; the session is read again (no longer "must change"). */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiRequest<{ sessionsEnded: number }>('/session/password', { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}

/** The demo accounts this server shows on its sign-in page (none unless a demo on a loopback address). */
export function useDemoAccounts() {
  return useQuery({
    queryKey: ['demo-accounts'],
    queryFn: async () => (await apiRequest<{ accounts: DemoAccount[] }>('/session/demo-accounts')).accounts,
    staleTime: 60_000,
  });
}
