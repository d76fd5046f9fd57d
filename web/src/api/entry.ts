import { useQuery } from '@tanstack/react-query';
import type { ValueType } from '../../../src/domain/aggregate.js';
import type { ReviewState } from '../../../src/domain/approval.js';
import type { MissingValueStrategy } from '../../../src/domain/validation-rule.js';
import { cacheForm, cachedForm } from '../offline/offline-store';
import { ApiError, apiRequest } from './client';
import { useSession } from './session';

/** A text in both languages, as the API's messages come. */
export interface Bilingual {
  message_vi: string;
  message_en: string;
}

/** One cell of the entry form (`GET /values/entry-form`, docs/data-entry.md "The entry form"). */
export interface EntryCell {
  indicator: string;
  nameVi: string;
  nameEn: string | null;
  valueType: ValueType;
  measureUnit: string | null;
  min: number | null;
  max: number | null;
  target: number | null;
  targetPeriod: string | null;
  value: number | boolean | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  version: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
  previous: { period: string; value: number | boolean | null } | null;
  lock: Bilingual | null;
}

export interface EntryRule {
  code: string;
  nameVi: string;
  nameEn: string | null;
  leftSide: string;
  operator: string;
  rightSide: string;
  missingValueStrategy: MissingValueStrategy;
}

export interface RegisterGridCell {
  indicator: string;
  value: boolean | null;
  version: number | null;
  lock: Bilingual | null;
}

export interface EntryForm {
  unit: { code: string; name: string; level: string };
  period: string;
  plan: { code: string; name: string } | null;
  plans: { code: string; name: string }[];
  /** The plan's periods that have begun, newest first, with the unit's review state. */
  periods: { id: string; state: ReviewState }[];
  groups: { code: string | null; nameVi: string | null; nameEn: string | null; cells: EntryCell[] }[];
  rules: EntryRule[];
  ruleValues: Record<string, number>;
  registers: {
    indicators: { code: string; nameVi: string; nameEn: string | null }[];
    villages: { code: string; name: string; cells: RegisterGridCell[] }[];
  };
  /** Set by the web app alone on a form kept in the browser and shown without a connection: when it was read. */
  cachedAt?: string;
}

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
