import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { PublicPlan } from './types';

/**
 * The open data's reads (docs/dashboard.md, "Public plans"): public routes only, so a visitor who never signed in
 * makes no request a session is needed for. The public dashboard itself is `usePublicDashboard` in dashboard.ts.
 */

/** The plans whose own unit has an approved review, with their approved periods. */
export function usePublicPlans() {
  return useQuery({
    queryKey: ['public', 'plans'],
    queryFn: async () => (await apiRequest<{ plans: PublicPlan[] }>('/public/plans')).plans,
  });
}

/**
 * A download link of the public dashboard (`links.csv` / `links.json`: every approved value) narrowed to the period
 * shown, so the file holds the approved values of that period — the figures the page shows.
 */
export function downloadHref(link: string, period: string): string {
  const url = new URL(link, window.location.origin);
  url.searchParams.set('period', period);
  return `${url.pathname}${url.search}`;
}
