import type { ValueType } from '../domain/aggregate.js';
import type { ReviewEventType, ReviewState } from '../domain/approval.js';

// The review of a plan's period, unit by unit, as `GET /plans/{code}/reviews…` and the review events answer
// (docs/auth-review.md).

/** One unit of a plan's period in the review inbox: its state and activity. */
export interface ReviewStatusItem {
  unit: string;
  unitName: string;
  level: string;
  state: ReviewState;
  reason: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** When the unit last submitted the period, null when never. */
  lastSubmittedAt: string | null;
  /** When the period was last approved for the unit, null when never. */
  lastApprovedAt: string | null;
  /** Values the review covers (as an approval locks them) saved since the last approval; all of them when never. */
  changedSinceApproval: number;
}

export interface ReviewStatus {
  plan: string;
  period: string;
  counts: Record<ReviewState, number>;
  units: ReviewStatusItem[];
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

/** One unit's review of a plan's period with its whole history. */
export interface ReviewDetail extends ReviewStatusItem {
  plan: string;
  period: string;
  history: ReviewHistoryEvent[];
}

/** A value's figures: a ratio's parts beside its percentage; booleans as true/false. */
export interface ValueFigures {
  value: number | boolean | null;
  numerator: number | null;
  denominator: number | null;
}

/** One covered value changed since the last approval: as approved (null: it had none then) and as it is now. */
export interface ReviewChange {
  indicator: string;
  indicatorName: string;
  indicatorNameEn: string | null;
  valueType: ValueType;
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
  /** The last approval of the period for the unit (null: never approved, every covered value is listed). */
  approvedAt: string | null;
  approvedBy: string | null;
  changes: ReviewChange[];
}

export interface ReviewEventResult {
  plan: string;
  period: string;
  event: ReviewEventType;
  changed: { unit: string; from: ReviewState; to: ReviewState }[];
  /** Units left as they were because the event is not allowed from their state (bulk only). */
  skipped: { unit: string; state: ReviewState; code: string; message_vi: string; message_en: string }[];
}
