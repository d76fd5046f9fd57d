import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReviewEventType } from '../../../src/domain/approval.js';
import type {
  ReviewChanges,
  ReviewDetail,
  ReviewEventResult,
  ReviewStatus,
} from '../../../src/contract/review.js';
import type { UnitLevel } from '../../../src/domain/unit-vocabulary.js';
import { apiRequest } from './client';
import type { Plan } from './types';

/**
 * The review inbox's reads and writes (docs/auth-review.md): the state of every unit of a plan's period, one unit's
 * history and its values changed since the last approval, and the events (submit, return, approve, reopen).
 */

export type {
  ReviewChange,
  ReviewChanges,
  ReviewDetail,
  ReviewEventResult,
  ReviewHistoryEvent,
  ReviewStatus,
  ReviewStatusItem as ReviewItem,
  ValueFigures,
} from '../../../src/contract/review.js';

/** Every query of the inbox starts with this key, so an event reads them all again. */
const REVIEWS_KEY = 'reviews';

const planPath = (plan: string) => `/plans/${encodeURIComponent(plan)}/reviews`;
const unitPath = (plan: string, period: string, unit: string) =>
  `${planPath(plan)}/${encodeURIComponent(period)}/${encodeURIComponent(unit)}`;

/** The units of a plan's period the reader may read, with their state (`level`: every unit of that level). */
export function useReviewStatus(plan: string, period: string | null, level: UnitLevel | null) {
  return useQuery({
    queryKey: [REVIEWS_KEY, 'status', plan, period, level],
    enabled: period !== null,
    queryFn: () => {
      const query = new URLSearchParams({ period: period ?? '' });
      if (level) query.set('level', level);
      return apiRequest<ReviewStatus>(`${planPath(plan)}?${query.toString()}`);
    },
    placeholderData: (previous) => previous,
  });
}

/** The plan itself, for those who decide (its unit is what "approve every submitted unit" names). */
export function usePlan(plan: string, enabled: boolean) {
  return useQuery({
    queryKey: ['plan', plan],
    enabled,
    queryFn: () => apiRequest<Plan>(`/plans/${encodeURIComponent(plan)}`),
    staleTime: 10 * 60_000,
  });
}

/** One unit's review with its whole history (null: none asked for). */
export function useReview(plan: string, period: string, unit: string | null) {
  return useQuery({
    queryKey: [REVIEWS_KEY, 'detail', plan, period, unit],
    enabled: unit !== null,
    queryFn: () => apiRequest<ReviewDetail>(unitPath(plan, period, unit ?? '')),
  });
}

/** One unit's values changed since its last approval, beside their approved version. */
export function useReviewChanges(plan: string, period: string, unit: string | null) {
  return useQuery({
    queryKey: [REVIEWS_KEY, 'changes', plan, period, unit],
    enabled: unit !== null,
    queryFn: () => apiRequest<ReviewChanges>(`${unitPath(plan, period, unit ?? '')}/changes`),
  });
}

/** What an event names: some units, or every expected unit under one (of one level). */
export type ReviewTargets = { units: string[] } | { under: string; level?: UnitLevel };

/** Submits, returns, approves or reopens; the inbox is read again afterwards, whatever the answer. */
export function useReviewEvent(plan: string, period: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { event: ReviewEventType; targets: ReviewTargets; reason?: string }) =>
      apiRequest<ReviewEventResult>(`${planPath(plan)}/${encodeURIComponent(period)}/${input.event}`, {
        method: 'POST',
        body: { ...input.targets, ...(input.reason ? { reason: input.reason } : {}) },
      }),
    onSettled: () => client.invalidateQueries({ queryKey: [REVIEWS_KEY] }),
  });
}
