import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReviewEventType, ReviewState } from '../../../src/domain/approval.js';
import type { UnitLevel } from '../../../src/domain/unit-vocabulary.js';
import { apiRequest } from './client';
import type { Plan } from './types';

/**
 * The review inbox's reads and writes (docs/auth-review.md): the state of every unit of a plan's period, one unit's
 * history and its values changed since the last approval, and the events (submit, return, approve, reopen).
 */

/** One unit of `GET /plans/{code}/reviews`. */
export interface ReviewItem {
  unit: string;
  unitName: string;
  level: string;
  state: ReviewState;
  reason: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  lastSubmittedAt: string | null;
  lastApprovedAt: string | null;
  changedSinceApproval: number;
}

export interface ReviewStatus {
  plan: string;
  period: string;
  counts: Record<ReviewState, number>;
  units: ReviewItem[];
}

/** One event of a review's history, oldest first. */
export interface ReviewHistoryEvent {
  event: ReviewEventType;
  from: ReviewState;
  to: ReviewState;
  role: string;
  reason: string | null;
  actor: string;
  source: string;
  at: string;
}

export interface ReviewDetail extends ReviewItem {
  plan: string;
  period: string;
  history: ReviewHistoryEvent[];
}

/** A value's figures: a ratio's parts beside its percentage. */
export interface ValueFigures {
  value: number | boolean | null;
  numerator: number | null;
  denominator: number | null;
}

/** A value changed since the last approval, beside its approved version (null: it had none). */
export interface ReviewChange {
  indicator: string;
  indicatorName: string;
  indicatorNameEn: string | null;
  valueType: string;
  unit: string;
  unitName: string;
  period: string;
  approved: ValueFigures | null;
  current: ValueFigures & { version: number };
  changedBy: string | null;
  changedAt: string;
}

export interface ReviewChanges {
  plan: string;
  period: string;
  unit: string;
  approvedAt: string | null;
  approvedBy: string | null;
  changes: ReviewChange[];
}

/** What an event answers: the units moved and those skipped (their state did not allow it), with why. */
export interface ReviewEventResult {
  changed: { unit: string; from: ReviewState; to: ReviewState }[];
  skipped: { unit: string; state: ReviewState; code: string; message_vi: string; message_en: string }[];
}

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
