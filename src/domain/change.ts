import { roundHalfAwayFromZero } from './round.js';

/** Why a year-over-year change cannot be computed. */
export type ChangeNotComputableReason = 'missingValue' | 'previousZero' | 'previousNegative';

/**
 * A year-over-year change: the raw fraction (0.6629… = +66.29%) and the percentage rounded half away from
 * zero for display, or the reason there is none.
 */
export type Change =
  | { kind: 'change'; fraction: number; percent: number }
  | { kind: 'notComputable'; reason: ChangeNotComputableReason };

/** The Vietnamese and English sentence for each reason a change cannot be computed. */
export const CHANGE_NOT_COMPUTABLE_MESSAGES: Readonly<
  Record<ChangeNotComputableReason, { vi: string; en: string }>
> = {
  missingValue: {
    vi: 'Thiếu số liệu của một trong hai kỳ để so sánh.',
    en: 'One of the two periods compared has no value.',
  },
  previousZero: {
    vi: 'Số liệu kỳ trước bằng 0: không tính được tỷ lệ tăng, giảm.',
    en: 'The previous value is 0: no relative change can be computed.',
  },
  previousNegative: {
    vi: 'Số liệu kỳ trước âm: tỷ lệ tăng, giảm không có ý nghĩa.',
    en: 'The previous value is negative: a relative change would be misleading.',
  },
};

/**
 * The relative change (v − vPrev) / vPrev as a fraction, with the percentage rounded half away from zero to
 * `digits` decimals ("tăng 66,29%": 0.4736 against 0.2848 gives 66.29), docs/domain.md §6; not computable when a
 * value is missing or not finite, or vPrev is 0 or negative (dividing by a negative base flips the sign's meaning).
 */
export function yearOverYearChange(
  v: number | null | undefined,
  vPrev: number | null | undefined,
  digits = 2,
): Change {
  if (v === null || v === undefined || vPrev === null || vPrev === undefined) {
    return { kind: 'notComputable', reason: 'missingValue' };
  }
  if (!Number.isFinite(v) || !Number.isFinite(vPrev))
    return { kind: 'notComputable', reason: 'missingValue' };
  if (vPrev === 0) return { kind: 'notComputable', reason: 'previousZero' };
  if (vPrev < 0) return { kind: 'notComputable', reason: 'previousNegative' };
  const fraction = (v - vPrev) / vPrev;
  return { kind: 'change', fraction, percent: roundHalfAwayFromZero(((v - vPrev) * 100) / vPrev, digits) };
}
