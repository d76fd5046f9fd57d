import { AppError, type ProblemDetail } from '../../domain/app-error.js';
import { parsePeriod, periodEnd, periodStart } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { Queryable } from '../../store/db.js';
import { findLockingReviews, type LockingReview } from '../../store/reviews.queries.js';

/** A value about to be written or deleted: its indicator's and unit's ids and its period id (`2025Q2`). */
export interface ValueTarget {
  indicatorId: number;
  unitId: number;
  period: string;
}

/** A value that may not change, with the approved review that locks it. */
export interface LockedValue extends LockingReview {
  /** The value's position in the list checked. */
  index: number;
}

function keyOf(value: ValueTarget): {
  indicatorId: number;
  unitId: number;
  periodStart: string;
  periodEnd: string;
} {
  const parsed = parsePeriod(value.period);
  if (!parsed.ok) throw AppError.fromDomain('badInput', parsed.error, [{ field: 'period', ...parsed.error }]);
  return {
    indicatorId: value.indicatorId,
    unitId: value.unitId,
    periodStart: periodStart(parsed.value),
    periodEnd: periodEnd(parsed.value),
  };
}

/** Why a value is locked, naming the approved review (plan, unit, period), in Vietnamese and English. */
export function lockMessage(lock: Omit<LockingReview, 'index'>): { vi: string; en: string } {
  const unit = formatUnitRef({ set: lock.unitSet, code: lock.unitCode });
  return {
    vi: `Số liệu đã bị khóa: kỳ ${lock.period} của đơn vị ${unit} trong kế hoạch ${lock.planCode} đã được phê duyệt. Cần mở lại (kèm lý do) trước khi sửa.`,
    en: `The value is locked: period ${lock.period} of unit ${unit} in plan ${lock.planCode} has been approved. It must be reopened (with a reason) before any change.`,
  };
}

/**
 * The values among `values` that an approved review locks, in one query: a review of (plan P, unit U, period R)
 * locks the values of every indicator P has a target on, at U and every unit below U, for every period inside R
 * (R itself and shorter ones) — until it is reopened (issue 7, docs/auth-review.md, review and approval).
 */
export async function findLockedValues(q: Queryable, values: readonly ValueTarget[]): Promise<LockedValue[]> {
  return findLockingReviews(q, values.map(keyOf));
}

/**
 * Refuses with `locked` (HTTP 423) when an approved review locks the value (see findLockedValues); call it in the
 * transaction that writes or deletes the value, from every path: form, API and import (issue 7).
 */
export async function assertValuesEditable(q: Queryable, value: ValueTarget): Promise<void> {
  const [lock] = await findLockedValues(q, [value]);
  if (lock) throw new AppError('locked', lockMessage(lock));
}

/**
 * Refuses a batch with `locked` when any value is locked, listing every locked one in the details; `describe`
 * places each in its file (sheet, row) for the import's error list (issue 7).
 */
export async function assertValuesEditableBulk(
  q: Queryable,
  values: readonly ValueTarget[],
  describe: (index: number) => Omit<ProblemDetail, 'message_vi' | 'message_en'> = () => ({}),
): Promise<void> {
  const locks = await findLockedValues(q, values);
  if (locks.length === 0) return;
  const details = locks.map((lock) => {
    const m = lockMessage(lock);
    return { ...describe(lock.index), message_vi: m.vi, message_en: m.en };
  });
  throw new AppError(
    'locked',
    {
      vi: `${locks.length} số liệu thuộc kỳ đã phê duyệt và bị khóa; không có gì được ghi.`,
      en: `${locks.length} values belong to approved periods and are locked; nothing was written.`,
    },
    details,
  );
}
