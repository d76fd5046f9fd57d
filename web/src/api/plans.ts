import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { Plan, Target } from './types';

/** The plans of the units the signed-in user may read. */
export function usePlans() {
  return useQuery({
    queryKey: ['plans'],
    queryFn: async () => (await apiRequest<{ plans: Plan[] }>('/plans')).plans,
  });
}

/** One plan by its code. */
export function usePlan(code: string) {
  return useQuery({
    queryKey: ['plans', code],
    queryFn: () => apiRequest<Plan>(`/plans/${encodeURIComponent(code)}`),
  });
}

/** The targets of one plan. */
export function usePlanTargets(code: string) {
  return useQuery({
    queryKey: ['plans', code, 'targets'],
    queryFn: async () =>
      (await apiRequest<{ targets: Target[] }>(`/plans/${encodeURIComponent(code)}/targets`)).targets,
  });
}
