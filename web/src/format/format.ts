import { formatNumber, formatPercent } from '../../../src/domain/format-number.js';
import { parsePeriod, periodLabel } from '../../../src/domain/period.js';
import { formatVietnamDate, formatVietnamTime } from '../../../src/domain/vietnam-time.js';
import type { Lang } from '../i18n/i18n';

/**
 * What the pages show numbers, periods and times with: the project's own rules in src/domain, so the page and the
 * server's reports never disagree (numbers 36,8 and 10.851 in Vietnamese; dates dd/mm/yyyy in Vietnam's time).
 */

/** A whole count in the reader's locale (10.851 in Vietnamese, 10,851 in English). */
export function formatCount(n: number, lang: Lang): string {
  return formatNumber(n, lang, 0);
}

/** A period id (`2024S1`) as the reader says it ("6 tháng đầu năm 2024"); an id that is not a period as it is. */
export function formatPeriodId(id: string, lang: Lang): string {
  const parsed = parsePeriod(id);
  return parsed.ok ? periodLabel(parsed.value, lang) : id;
}

/** A year span: "2024", or "2021–2025". */
export function formatYears(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}

/** A date in Vietnam's time, dd/mm/yyyy. */
export const formatDate = formatVietnamDate;

/** A time and date in Vietnam's time, hh:mm dd/mm/yyyy. */
export const formatTime = formatVietnamTime;

/** An actual or a target in the reader's locale, at most two decimals (36,8 and 10.851 in Vietnamese). */
export function formatFigure(n: number, lang: Lang): string {
  return formatNumber(n, lang);
}

/** An achievement ratio (1.0211) as the share of the target, as the dashboard shows it ("102,1%"). */
export function formatRatio(ratio: number, lang: Lang): string {
  return formatPercent(ratio * 100, lang);
}

/**
 * A stored number as an input shows it for editing: the reader's decimal separator, no thousands grouping (a grouped
 * `10.851` would read back as ambiguous), so what the page shows parses back to the same number.
 */
export function editableNumber(n: number, lang: Lang): string {
  const plain = String(n);
  return lang === 'vi' ? plain.replace('.', ',') : plain;
}
