import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { Plan } from './types';

/** The plans of the units the signed-in user may read. */
export function usePlans() {
  return useQuery({
    queryKey: ['plans'],
    queryFn: async () => (await apiRequest<{ plans: Plan[] }>('/plans')).plans,
  });
}
