import { useQuery } from '@tanstack/react-query';
import type { ReviewState } from '../../../src/domain/approval.js';
import type {
  EntryForm as ContractEntryForm,
  EntryMessage as Bilingual,
} from '../../../src/contract/entry.js';
import { cacheForm, cachedForm } from '../offline/offline-store';
import { ApiError, apiRequest } from './client';
import { useSession } from './session';

export type { EntryCell, EntryMessage as Bilingual, EntryRule } from '../../../src/contract/entry.js';

/** A unit's entry form as the page holds it (`GET /values/entry-form`). */
export type EntryForm = ContractEntryForm & {
  /** Set by the web app alone on a form kept in the browser and shown without a connection: when it was read. */
  cachedAt?: string;
};

/** The address of a unit's form: unit, period and plan when chosen. */
export interface EntryQuery {
  unit: string;
  period: string | null;
  plan: string | null;
}

export function entryFormKey(q: EntryQuery) {
  return ['entry-form', q.unit, q.period, q.plan] as const;
}

/**
 * The entry form of a unit for a period; never refetched behind the user's back (their drafts live in the cells).
 * Read online, it is kept in the browser for the signed-in user; without a connection that kept form is shown
 * (docs/web.md, "Offline entry").
 */
export function useEntryForm(q: EntryQuery) {
  const login = useSession(false).data?.login ?? null;
  return useQuery({
    queryKey: [...entryFormKey(q), login],
    enabled: q.unit !== '',
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    queryFn: async () => {
      const params = new URLSearchParams({ unit: q.unit });
      if (q.period) params.set('period', q.period);
      if (q.plan) params.set('plan', q.plan);
      const address = params.toString();
      try {
        const form = await apiRequest<EntryForm>(`/values/entry-form?${address}`);
        if (login) cacheForm(login, address, form);
        return form;
      } catch (error) {
        const kept =
          error instanceof ApiError && error.status === 0 && login ? cachedForm(login, address) : null;
        if (kept) return kept;
        throw error;
      }
    },
  });
}

/** What `PUT /values` takes: the value as the user wrote it (the server reads it with the same rules). */
export interface ValueSave {
  indicator: string;
  unit: string;
  period: string;
  value?: string | boolean | null;
  numerator?: string | null;
  denominator?: string | null;
  comment?: string | null;
  version: number | null;
}

/** The answer of a save: the new version and any outlier warnings. */
export interface ValueSaved {
  value: number | boolean | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  warnings: ({ code: string } & Bilingual)[];
}

export function saveValue(body: ValueSave): Promise<ValueSaved> {
  return apiRequest<ValueSaved>('/values', { method: 'PUT', body });
}

/** The value as stored now (after a 409: what the other person saved). */
export function readValue(key: { indicator: string; unit: string; period: string }): Promise<ValueSaved> {
  const params = new URLSearchParams(key);
  return apiRequest<ValueSaved>(`/values/one?${params.toString()}`);
}

/** Saves many values in one all-or-nothing request (`PUT /values/batch`). */
export function saveValues(values: ValueSave[]) {
  return apiRequest<{ saved: { indicator: string; unit: string; version: number }[] }>('/values/batch', {
    method: 'PUT',
    body: { values },
  });
}

/** A unit's review of a plan's period with its history (`GET /plans/{code}/reviews/{period}/{unit}`). */
export interface ReviewDetail {
  state: ReviewState;
  reason: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  history: {
    event: string;
    from: ReviewState;
    to: ReviewState;
    reason: string | null;
    actor: string;
    at: string;
  }[];
}

export function reviewKey(plan: string, period: string, unit: string) {
  return ['entry-review', plan, period, unit] as const;
}

export function useReview(plan: string | null, period: string, unit: string) {
  return useQuery({
    queryKey: reviewKey(plan ?? '', period, unit),
    enabled: plan !== null,
    queryFn: () =>
      apiRequest<ReviewDetail>(
        `/plans/${encodeURIComponent(plan ?? '')}/reviews/${encodeURIComponent(period)}/${encodeURIComponent(unit)}`,
      ),
  });
}

/** Submits the unit's period of the plan for review. */
export function submitReview(plan: string, period: string, unit: string) {
  return apiRequest<unknown>(
    `/plans/${encodeURIComponent(plan)}/reviews/${encodeURIComponent(period)}/submit`,
    { method: 'POST', body: { units: [unit] } },
  );
}
