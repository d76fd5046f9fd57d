/**
 * Significant digits kept when a double is read as the decimal it stands for: every decimal of up to 15
 * significant digits survives the trip to a double and back, so `1.005` (stored as 1.00499999999999989…)
 * is read as 1.005 again, and arithmetic noise in the 16th–17th digit (0.1 + 0.2) is dropped.
 */
const DECIMAL_DIGITS = 15;

/** Significant digits kept by `withoutFloatNoise`: enough for any figure we show, well above binary noise. */
const NOISE_FREE_DIGITS = 12;

/**
 * Rounds x half away from zero to `digits` decimal places (negative digits round to tens, hundreds…),
 * reading x as the 15-significant-digit decimal it stands for so binary error cannot flip a half (docs/domain.md §6:
 * "shares and changes are rounded half away from zero to the digits shown"); NaN and ±Infinity pass through,
 * and a non-integer `digits` is a programming error (RangeError).
 */
export function roundHalfAwayFromZero(x: number, digits: number): number {
  if (!Number.isInteger(digits)) throw new RangeError(`digits must be an integer, got ${digits}`);
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  const negative = x < 0;
  // "d.dddddddddddddde±n": 15 significant digits and a decimal exponent.
  const [mantissa = '', exponentText = '0'] = Math.abs(x)
    .toExponential(DECIMAL_DIGITS - 1)
    .split('e');
  const significand = mantissa.replace('.', '');
  // x = 0.d1d2…d15 × 10^pointAt
  const pointAt = Number(exponentText) + 1;
  const kept = pointAt + digits;
  if (kept >= DECIMAL_DIGITS) return x;
  if (kept < 0) return 0;
  const head = kept === 0 ? 0n : BigInt(significand.slice(0, kept));
  const firstDropped = Number(significand.charAt(kept));
  const rounded = firstDropped >= 5 ? head + 1n : head;
  if (rounded === 0n) return 0;
  const magnitude = Number(`${rounded.toString()}e${-digits}`);
  return negative ? -magnitude : magnitude;
}

/**
 * Drops binary floating-point noise from a computed number by keeping 12 significant digits, so that
 * 36.4 / 45.5 (0.7999999999999999) compares as the 0.8 it is against band and status boundaries (docs/domain.md §6).
 */
export function withoutFloatNoise(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  return Number(x.toPrecision(NOISE_FREE_DIGITS));
}
