import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';
import { LIVE_KEY } from './maps';

/** Where a reader lands after sign-in: the latest plan, the highest unit of it they may read, its latest period. */
export interface Landing {
  plan: string | null;
  planName: string | null;
  unit: string | null;
  period: string | null;
}

/** The reader's landing (`GET /dashboard/landing`); it moves when values arrive, so it is a live query. */
export function useLanding() {
  return useQuery({
    queryKey: [LIVE_KEY, 'landing'],
    queryFn: () => apiRequest<Landing>('/dashboard/landing'),
  });
}
