import { formatNumber } from '../../../src/domain/format-number.js';
import type { Lang } from '../i18n/i18n';

/** A score in [0, 1] as the published rankings write it, four decimals (0,8002 in Vietnamese). */
export function formatScore(score: number, lang: Lang): string {
  return formatNumber(score, lang, 4, true);
}

/** A change since last year as a signed percentage (0.6629 → "+66,29%"). */
export function formatChange(change: number, lang: Lang): string {
  const text = `${formatNumber(change * 100, lang, 2, true)}%`;
  return change > 0 ? `+${text}` : text;
}
