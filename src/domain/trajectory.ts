import type { Direction } from './achievement.js';
import { withoutFloatNoise } from './round.js';

/** An indicator's value in one year. */
export interface YearValue {
  year: number;
  value: number;
}

/**
 * A multi-year target and the yearly values measured so far: `points` holds the base year's value too (the
 * target's baseline), `baseYear` picks it (default: the earliest year given), and the latest year after it is
 * the current value.
 */
export interface TrajectoryInput {
  direction: Direction;
  points: readonly YearValue[];
  baseYear?: number | undefined;
  target: number;
  targetYear: number;
}

/** Open SDG's progress statuses, in our words (docs/domain.md §6). */
export type TrajectoryStatus =
  'achieved' | 'onTrack' | 'needsAcceleration' | 'limitedProgress' | 'deteriorating';

/** Why a target gets no trajectory status. */
export type NoTrajectoryReason =
  | 'directionNotSupported'
  | 'invalidValue'
  | 'duplicateYear'
  | 'noBaseValue'
  | 'tooFewPoints'
  | 'targetYearNotAfterBase'
  | 'baseNotPositive'
  | 'currentNegative'
  | 'targetNegative';

/**
 * A trajectory status with the figures behind it: the base and current values, the observed and required
 * compound annual growth rates (fractions per year) and R = d · CAGR_observed / |CAGR_required| (null when the
 * target is already met or the required rate is 0); or the reason there is none.
 */
export type Trajectory =
  | {
      kind: 'status';
      status: TrajectoryStatus;
      progress: number | null;
      cagrObserved: number | null;
      cagrRequired: number | null;
      base: YearValue;
      current: YearValue;
    }
  | { kind: 'noStatus'; reason: NoTrajectoryReason };

/** The Vietnamese and English sentence for each reason a target gets no trajectory status. */
export const NO_TRAJECTORY_MESSAGES: Readonly<Record<NoTrajectoryReason, { vi: string; en: string }>> = {
  directionNotSupported: {
    vi: 'Chỉ tiêu dạng đạt/không đạt không có xu hướng tăng trưởng.',
    en: 'A yes/no milestone has no growth trajectory.',
  },
  invalidValue: {
    vi: 'Có năm hoặc số liệu không phải là số hữu hạn.',
    en: 'A year or value is not a finite number.',
  },
  duplicateYear: { vi: 'Có hai số liệu cho cùng một năm.', en: 'Two values are given for the same year.' },
  noBaseValue: { vi: 'Không có số liệu của năm cơ sở.', en: 'The base year has no value.' },
  tooFewPoints: {
    vi: 'Cần số liệu của ít nhất hai năm (năm cơ sở và một năm sau đó).',
    en: 'Values for at least two years are needed (the base year and a later one).',
  },
  targetYearNotAfterBase: {
    vi: 'Năm mục tiêu phải sau năm cơ sở.',
    en: 'The target year must come after the base year.',
  },
  baseNotPositive: {
    vi: 'Giá trị năm cơ sở không dương: không tính được tốc độ tăng trưởng bình quân.',
    en: 'The base value is not positive: no compound annual growth rate can be computed.',
  },
  currentNegative: {
    vi: 'Giá trị hiện tại âm: không tính được tốc độ tăng trưởng bình quân.',
    en: 'The current value is negative: no compound annual growth rate can be computed.',
  },
  targetNegative: {
    vi: 'Giá trị mục tiêu âm: không tính được tốc độ tăng trưởng cần đạt.',
    en: 'The target value is negative: no required growth rate can be computed.',
  },
};

/**
 * The compound annual growth rate from v0 in year t0 to v1 in year t1, (v1/v0)^(1/(t1−t0)) − 1, as a fraction
 * per year (docs/domain.md §6, Open SDG); null when v0 ≤ 0, v1 < 0, t1 ≤ t0 or any input is not finite.
 */
export function cagr(v1: number, v0: number, t1: number, t0: number): number | null {
  if (![v1, v0, t1, t0].every(Number.isFinite)) return null;
  if (v0 <= 0 || v1 < 0 || t1 <= t0) return null;
  return Math.pow(v1 / v0, 1 / (t1 - t0)) - 1;
}

/**
 * Open SDG's status for a progress ratio R (a fraction, 1 = the required pace): `onTrack` from 0.95,
 * `needsAcceleration` from 0.6, `limitedProgress` from 0, `deteriorating` below 0, lower bounds included (docs/domain.md §6).
 */
export function progressStatus(progress: number): Exclude<TrajectoryStatus, 'achieved'> {
  const r = withoutFloatNoise(progress);
  if (r >= 0.95) return 'onTrack';
  if (r >= 0.6) return 'needsAcceleration';
  if (r >= 0) return 'limitedProgress';
  return 'deteriorating';
}

function noStatus(reason: NoTrajectoryReason): Trajectory {
  return { kind: 'noStatus', reason };
}

/**
 * The trajectory status Open SDG publishes for a multi-year target (docs/domain.md §6): `achieved` when the current
 * value (the latest year after the base) already meets the target, else R = d · CAGR(current, base) / |CAGR(target, base)| with d = +1 for
 * `increase` and −1 for `decrease`, classified by `progressStatus`; no status with fewer than two yearly points,
 * a base value ≤ 0, a negative current or target value, or a `reach` indicator.
 */
export function trajectoryStatus(input: TrajectoryInput): Trajectory {
  const { direction, points, baseYear, target, targetYear } = input;
  if (direction === 'reach') return noStatus('directionNotSupported');
  const numbers = [target, targetYear, ...points.flatMap((p) => [p.year, p.value])];
  if (baseYear !== undefined) numbers.push(baseYear);
  if (!numbers.every(Number.isFinite)) return noStatus('invalidValue');
  const sorted = [...points].sort((a, b) => a.year - b.year);
  if (sorted.some((p, i) => i > 0 && sorted[i - 1]?.year === p.year)) return noStatus('duplicateYear');

  const base = baseYear === undefined ? sorted[0] : sorted.find((p) => p.year === baseYear);
  if (base === undefined) return noStatus(baseYear === undefined ? 'tooFewPoints' : 'noBaseValue');
  const current = sorted.at(-1);
  if (current === undefined || current.year <= base.year) return noStatus('tooFewPoints');

  const d = direction === 'increase' ? 1 : -1;
  const cagrObserved = cagr(current.value, base.value, current.year, base.year);
  const cagrRequired = cagr(target, base.value, targetYear, base.year);
  const result = {
    cagrObserved,
    cagrRequired,
    base: { year: base.year, value: base.value },
    current: { year: current.year, value: current.value },
  };
  const met = d === 1 ? current.value >= target : current.value <= target;
  if (met) return { kind: 'status', status: 'achieved', progress: null, ...result };
  if (targetYear <= base.year) return noStatus('targetYearNotAfterBase');
  if (base.value <= 0) return noStatus('baseNotPositive');
  if (current.value < 0) return noStatus('currentNegative');
  if (target < 0) return noStatus('targetNegative');
  // cagr() is null only for the cases refused just above.
  if (cagrObserved === null || cagrRequired === null) return noStatus('invalidValue');
  if (cagrRequired === 0) {
    // target = base and not met: the value has moved the wrong way.
    return { kind: 'status', status: 'deteriorating', progress: null, ...result };
  }
  const progress = (d * cagrObserved) / Math.abs(cagrRequired);
  return { kind: 'status', status: progressStatus(progress), progress, ...result };
}
