import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../i18n/i18n';
import { apiRequest } from './client';
import { SESSION_KEY } from './session';
import type { Dashboard, Landing, TaskDetail, TargetTrace, RegisterChange, RegisterLacking } from './types';

/**
 * The dashboard's reads (docs/dashboard.md). Every query whose data can change with a save starts its key with
 * LIVE_KEY: when the live events bring a newer data version, those queries are read again (useLiveDataVersion).
 */
export const LIVE_KEY = 'dashboard-live';

/** An API path as the server writes it in `trace` and `links` (`/api/v1/…`), as apiRequest takes it (`/…`). */
export function apiPathOf(link: string): string {
  return link.startsWith('/api/v1') ? link.slice('/api/v1'.length) : link;
}

/** Where a signed-in user lands: the most recent plan in their scope at its latest period with values. */
export function useLanding() {
  return useQuery({
    queryKey: [LIVE_KEY, 'landing'],
    queryFn: () => apiRequest<Landing>('/dashboard/landing'),
  });
}

/** What the dashboard asks for: a plan, and optionally a period and a unit at or below the plan's. */
export interface DashboardQuery {
  plan: string;
  period: string | null;
  unit: string | null;
}

function dashboardPath(base: string, q: DashboardQuery, lang: Lang): string {
  const query = new URLSearchParams({ lang });
  if (q.period) query.set('period', q.period);
  if (q.unit) query.set('unit', q.unit);
  return `${base}/${encodeURIComponent(q.plan)}/dashboard?${query.toString()}`;
}

/** A plan's dashboard for the signed-in reader (their scope), kept until the data version moves. */
export function useDashboard(q: DashboardQuery, lang: Lang) {
  return useQuery({
    queryKey: [LIVE_KEY, 'dashboard', q.plan, q.period, q.unit, lang],
    queryFn: () => apiRequest<Dashboard>(dashboardPath('/plans', q, lang)),
    placeholderData: (previous) => previous,
  });
}

/** A plan's public dashboard (approved data only, no sign-in). */
export function usePublicDashboard(q: DashboardQuery, lang: Lang) {
  return useQuery({
    queryKey: ['public', 'dashboard', q.plan, q.period, lang],
    queryFn: () => apiRequest<Dashboard>(dashboardPath('/public/plans', { ...q, unit: null }, lang)),
    placeholderData: (previous) => previous,
  });
}

/** What a figure's trace path answers, by the kind of figure. */
export type TraceAnswer =
  | { kind: 'target'; data: TargetTrace }
  | { kind: 'task'; data: TaskDetail }
  | { kind: 'registerChange'; data: RegisterChange }
  | { kind: 'registerLacking'; data: RegisterLacking };

/** The kind of trace a path is, or null for one the page does not read itself (the evaluation, an index). */
export function traceKind(link: string): TraceAnswer['kind'] | null {
  const path = apiPathOf(link).split('?')[0] ?? '';
  if (/^\/plans\/[^/]+\/targets\/[^/]+\/trace$/.test(path)) return 'target';
  if (/^\/tasks\/[^/]+$/.test(path)) return 'task';
  if (/^\/registers\/[^/]+\/change$/.test(path)) return 'registerChange';
  if (/^\/registers\/[^/]+\/lacking$/.test(path)) return 'registerLacking';
  return null;
}

/** The values, units and people behind one figure, read from its trace path. */
export function useTrace(link: string | null) {
  return useQuery({
    queryKey: [LIVE_KEY, 'trace', link],
    enabled: link !== null && traceKind(link) !== null,
    queryFn: async (): Promise<TraceAnswer> => {
      const path = apiPathOf(link ?? '');
      const kind = traceKind(path);
      if (kind === 'target') return { kind, data: await apiRequest<TargetTrace>(path) };
      if (kind === 'task') return { kind, data: await apiRequest<TaskDetail>(path) };
      if (kind === 'registerChange') return { kind, data: await apiRequest<RegisterChange>(path) };
      return { kind: 'registerLacking', data: await apiRequest<RegisterLacking>(path) };
    },
  });
}

/** How long the page waits before asking again for a stream the server refused. */
const REOPEN_MS = 5000;

/** The state of the live connection, for the page's freshness line. */
export type LiveState = 'connecting' | 'live' | 'retrying';

/**
 * Listens to the server's data-version events (`GET /api/v1/events`) while the page is open and, when a version
 * newer than `shownVersion` arrives, reads every live query again: a value saved anywhere (another user, an import,
 * another server process on the same database) appears without a reload. The browser's EventSource reconnects by
 * itself; a reconnection brings the current version at once, so nothing missed while away stays missed.
 */
export function useLiveDataVersion(shownVersion: number | null): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const shown = useRef(shownVersion);
  shown.current = shownVersion;
  // A stream the server refused (401 after the session ended, 503 while a restart prepares the workspace) is not
  // reopened by the browser: the page asks again after a pause, and checks the session, so an ended one is seen.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    let again: ReturnType<typeof setTimeout> | undefined;
    source.onopen = () => setState('live');
    source.onerror = () => {
      setState('retrying');
      if (source.readyState !== EventSource.CLOSED) return;
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      again = setTimeout(() => setAttempt((n) => n + 1), REOPEN_MS);
    };
    source.addEventListener('data-version', (event) => {
      setState('live');
      const { version } = JSON.parse((event as MessageEvent<string>).data) as { version: number };
      if (shown.current === null || version > shown.current) {
        void queryClient.invalidateQueries({ queryKey: [LIVE_KEY] });
      }
    });
    return () => {
      clearTimeout(again);
      source.close();
    };
  }, [queryClient, attempt]);
  return state;
}
