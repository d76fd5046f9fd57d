import { withoutFloatNoise } from './round.js';

/** Which way an indicator is better (docs/domain.md §4): higher, lower, or a yes/no milestone. */
export const DIRECTIONS = ['increase', 'decrease', 'reach'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * What a target is compared with: the actual value of the evaluation period (already aggregated as in
 * docs/domain.md §4; a `ratio` indicator as its percentage), the target value, and for `decrease` an optional
 * baseline value. `reach` reads `actual` as done (true or 1) or not (false or 0) and ignores `target`.
 */
export interface AchievementInput {
  direction: Direction;
  actual: number | boolean | null | undefined;
  target: number | null | undefined;
  baseline?: number | null | undefined;
}

/** Which formula of docs/domain.md §6 produced a ratio, so a report can say how a figure was reached. */
export type AchievementRule =
  | 'actualOverTarget'
  | 'zeroTargetMet'
  | 'zeroTargetMissed'
  | 'progressFromBaseline'
  | 'atOrBelowTarget'
  | 'targetOverActual'
  | 'reachDone'
  | 'reachNotDone';

/** Why no ratio can be computed for a target. */
export type NotEvaluableReason =
  'noActual' | 'noTarget' | 'invalidActual' | 'invalidTarget' | 'targetNotPositive' | 'actualNotPositive';

/**
 * The achievement of a target: a ratio r (1 = exactly on target; not rounded, noise beyond 12 significant
 * digits dropped; may be negative or above 1) or the reason it cannot be evaluated.
 */
export type Achievement =
  | { kind: 'ratio'; ratio: number; rule: AchievementRule }
  | { kind: 'notEvaluable'; reason: NotEvaluableReason };

/** The Vietnamese and English sentence for each reason a target cannot be evaluated. */
export const NOT_EVALUABLE_MESSAGES: Readonly<Record<NotEvaluableReason, { vi: string; en: string }>> = {
  noActual: { vi: 'Chưa có số liệu thực hiện của kỳ.', en: 'No actual value for the period.' },
  noTarget: { vi: 'Chưa có giá trị mục tiêu.', en: 'The target has no target value.' },
  invalidActual: {
    vi: 'Số liệu thực hiện không hợp lệ cho chiều đánh giá của chỉ tiêu.',
    en: "The actual value is not valid for the indicator's direction.",
  },
  invalidTarget: {
    vi: 'Giá trị mục tiêu không phải là một số hữu hạn.',
    en: 'The target value is not a finite number.',
  },
  targetNotPositive: {
    vi: 'Mục tiêu âm: không tính được tỷ lệ hoàn thành cho chỉ tiêu càng cao càng tốt.',
    en: 'The target is negative: no achievement ratio for a higher-is-better indicator.',
  },
  actualNotPositive: {
    vi: 'Số liệu thực hiện không dương: không tính được tỷ lệ mục tiêu / thực hiện.',
    en: 'The actual value is not positive: the ratio target / actual cannot be computed.',
  },
};

function ratio(r: number, rule: AchievementRule): Achievement {
  return { kind: 'ratio', ratio: withoutFloatNoise(r), rule };
}

function notEvaluable(reason: NotEvaluableReason): Achievement {
  return { kind: 'notEvaluable', reason };
}

function reachRatio(actual: number | boolean): Achievement {
  if (actual === true || actual === 1) return ratio(1, 'reachDone');
  if (actual === false || actual === 0) return ratio(0, 'reachNotDone');
  return notEvaluable('invalidActual');
}

/**
 * The achievement ratio r of one target, as a fraction (1 = target met), by the indicator's direction
 * (docs/domain.md §6): `increase` r = actual / target, a target of 0 met (r = 1) by any actual ≥ 0 and missed
 * (r = 0) by a negative one; `decrease` r = (b − actual) / (b − target) when the baseline b > target, else
 * 1 when actual ≤ target and target / actual otherwise (actual > 0); `reach` 1 when done, else 0.
 * Ratios below 0 (a decrease indicator worse than its baseline, a negative actual) are kept as computed.
 */
export function achievementRatio(input: AchievementInput): Achievement {
  const { direction, actual, target, baseline } = input;
  if (actual === null || actual === undefined) return notEvaluable('noActual');
  if (direction === 'reach') return reachRatio(actual);
  if (typeof actual !== 'number' || !Number.isFinite(actual)) return notEvaluable('invalidActual');
  if (target === null || target === undefined) return notEvaluable('noTarget');
  if (!Number.isFinite(target)) return notEvaluable('invalidTarget');

  if (direction === 'increase') {
    if (target > 0) return ratio(actual / target, 'actualOverTarget');
    if (target === 0) return actual >= 0 ? ratio(1, 'zeroTargetMet') : ratio(0, 'zeroTargetMissed');
    return notEvaluable('targetNotPositive');
  }

  // decrease
  if (typeof baseline === 'number' && Number.isFinite(baseline) && baseline > target) {
    return ratio((baseline - actual) / (baseline - target), 'progressFromBaseline');
  }
  if (actual <= target) return ratio(1, 'atOrBelowTarget');
  if (actual > 0) return ratio(target / actual, 'targetOverActual');
  return notEvaluable('actualNotPositive');
}
