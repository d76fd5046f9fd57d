import type { DomainMessage, Result } from './result.js';
import { err, ok } from './result.js';
import { roundHalfAwayFromZero, withoutFloatNoise } from './round.js';

/** The committee's achievement bands (docs/domain.md §6), best first, then "no data". */
export const BANDS = ['exceeded', 'over80', 'from50to80', 'under50', 'noData'] as const;

/** One achievement band (docs/domain.md §6). */
export type Band = (typeof BANDS)[number];

/**
 * The lower bound of each band as a ratio (1 = 100% of the target), included in the band; `under50` is
 * everything below `from50to80`. The keys keep their names when a plan moves the bounds.
 */
export interface BandBoundaries {
  exceeded: number;
  over80: number;
  from50to80: number;
}

/** The bounds of docs/domain.md §6: r ≥ 1, 0.8 ≤ r < 1, 0.5 ≤ r < 0.8, r < 0.5. */
export const DEFAULT_BAND_BOUNDARIES: Readonly<BandBoundaries> = Object.freeze({
  exceeded: 1,
  over80: 0.8,
  from50to80: 0.5,
});

/** The committee's own phrase for each band with the default bounds, in Vietnamese and English (docs/domain.md §6). */
export const BAND_PHRASES: Readonly<Record<Band, { vi: string; en: string }>> = {
  exceeded: { vi: 'hoàn thành và vượt kế hoạch giao', en: 'met or exceeded the planned target' },
  over80: { vi: 'đạt trên 80% kế hoạch giao', en: 'reached over 80% of the planned target' },
  from50to80: { vi: 'đạt 50% - 80% kế hoạch giao', en: 'reached 50%–80% of the planned target' },
  under50: { vi: 'dưới 50% kế hoạch giao', en: 'below 50% of the planned target' },
  noData: { vi: 'chưa có số liệu', en: 'no data yet' },
};

const FIELD_VI: Record<keyof BandBoundaries, string> = {
  exceeded: 'ngưỡng "hoàn thành và vượt"',
  over80: 'ngưỡng "đạt trên 80%"',
  from50to80: 'ngưỡng "đạt 50% - 80%"',
};

const FIELD_ORDER: readonly (keyof BandBoundaries)[] = ['exceeded', 'over80', 'from50to80'];

/**
 * Checks a plan's band bounds (ratios): each finite and above 0, and exceeded > over80 > from50to80, so
 * every ratio falls in exactly one band (docs/domain.md §6, "configurable per plan"); the first fault as a vi/en error.
 */
export function validateBandBoundaries(b: BandBoundaries): Result<BandBoundaries, DomainMessage> {
  for (const field of FIELD_ORDER) {
    const v = b[field];
    if (!Number.isFinite(v) || v <= 0) {
      return err({
        code: 'badBandBoundaries',
        message_vi: `Giá trị ${FIELD_VI[field]} (${field}) phải là một số dương, nhận được ${String(v)}.`,
        message_en: `The band bound "${field}" must be a positive number, got ${String(v)}.`,
      });
    }
  }
  for (let i = 1; i < FIELD_ORDER.length; i++) {
    const upper = FIELD_ORDER[i - 1];
    const lower = FIELD_ORDER[i];
    if (upper === undefined || lower === undefined) continue;
    if (!(b[upper] > b[lower])) {
      return err({
        code: 'badBandBoundaries',
        message_vi: `Giá trị ${FIELD_VI[upper]} (${upper} = ${b[upper]}) phải lớn hơn ${FIELD_VI[lower]} (${lower} = ${b[lower]}).`,
        message_en: `The band bound "${upper}" (${b[upper]}) must be greater than "${lower}" (${b[lower]}).`,
      });
    }
  }
  return ok({ exceeded: b.exceeded, over80: b.over80, from50to80: b.from50to80 });
}

/**
 * The band of an achievement ratio (a fraction, 1 = target met) with lower bounds included, after dropping
 * binary noise so 0.7999999999999999 counts as 0.8; null or NaN (no actual value) is `noData` (docs/domain.md §6).
 * The bounds are trusted to have passed `validateBandBoundaries`.
 */
export function bandOf(ratio: number | null, boundaries: BandBoundaries = DEFAULT_BAND_BOUNDARIES): Band {
  if (ratio === null || Number.isNaN(ratio)) return 'noData';
  const r = withoutFloatNoise(ratio);
  if (r >= boundaries.exceeded) return 'exceeded';
  if (r >= boundaries.over80) return 'over80';
  if (r >= boundaries.from50to80) return 'from50to80';
  return 'under50';
}

function percentText(ratio: number, lang: 'vi' | 'en'): string {
  const text = String(roundHalfAwayFromZero(ratio * 100, 1));
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/**
 * The phrase for a band in Vietnamese or English (docs/domain.md §6): the committee's own words with the default
 * bounds, and the same words naming the plan's own percentages when it moved them (e.g. "đạt trên 70% kế hoạch giao").
 */
export function bandPhrase(
  band: Band,
  lang: 'vi' | 'en',
  boundaries: BandBoundaries = DEFAULT_BAND_BOUNDARIES,
): string {
  const over = percentText(boundaries.over80, lang);
  const from = percentText(boundaries.from50to80, lang);
  const isDefault =
    boundaries.over80 === DEFAULT_BAND_BOUNDARIES.over80 &&
    boundaries.from50to80 === DEFAULT_BAND_BOUNDARIES.from50to80;
  if (isDefault || band === 'exceeded' || band === 'noData') return BAND_PHRASES[band][lang];
  if (band === 'over80') {
    return lang === 'vi' ? `đạt trên ${over}% kế hoạch giao` : `reached over ${over}% of the planned target`;
  }
  if (band === 'from50to80') {
    return lang === 'vi'
      ? `đạt ${from}% - ${over}% kế hoạch giao`
      : `reached ${from}%–${over}% of the planned target`;
  }
  return lang === 'vi' ? `dưới ${from}% kế hoạch giao` : `below ${from}% of the planned target`;
}

/** The number of targets in each band, every band present (0 when empty), for the report's totals (docs/domain.md §6). */
export function countBands(bands: readonly Band[]): Record<Band, number> {
  const counts: Record<Band, number> = { exceeded: 0, over80: 0, from50to80: 0, under50: 0, noData: 0 };
  for (const band of bands) counts[band] += 1;
  return counts;
}

/** A count "a/b" with its share in percent, rounded for display. */
export interface Share {
  a: number;
  b: number;
  percent: number | null;
}

/**
 * The share a/b in percent, rounded half away from zero to `digits` decimals ("14/38, đạt 36,8%": 36.8),
 * null when b is not a positive finite number or a is not finite (docs/domain.md §6).
 */
export function shareOf(a: number, b: number, digits = 1): Share {
  const percent =
    Number.isFinite(a) && Number.isFinite(b) && b > 0 ? roundHalfAwayFromZero((a * 100) / b, digits) : null;
  return { a, b, percent };
}
