import { roundHalfAwayFromZero } from './round.js';

export type Lang = 'vi' | 'en';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-US' };

/**
 * Writes a number in the reader's locale, rounded half away from zero to at most `digits` decimals
 * (docs/domain.md §9: vi 10.851 and 36,8; en 10,851 and 36.8). `fixed` keeps trailing zeros (DTI 0,6419).
 */
export function formatNumber(n: number, lang: Lang, digits = 2, fixed = false): string {
  const rounded = roundHalfAwayFromZero(n, digits);
  return new Intl.NumberFormat(LOCALES[lang], {
    minimumFractionDigits: fixed ? digits : 0,
    maximumFractionDigits: digits,
  }).format(rounded);
}

/** Writes a percentage given in percent units (36.842 → "36,8%" in vi at one decimal). */
export function formatPercent(percent: number, lang: Lang, digits = 1): string {
  return `${formatNumber(percent, lang, digits)}%`;
}
