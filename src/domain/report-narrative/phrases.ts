import { formatNumber, type Lang } from '../format-number.js';
import { MONTH_NAMES_EN, periodLabel, type Period } from '../period.js';
import type { UnitLevel } from '../unit-vocabulary.js';
import type { NarrativeTarget } from './narrative-input.js';

/**
 * A date as an administrative document writes it (docs/report.md): vi "ngày 05 tháng 3 năm 2020" — days 1–9 and
 * months 1–2 take a leading 0, months 3–12 none; en "5 March 2020". The input is `YYYY-MM-DD`.
 */
export function documentDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (lang === 'en') return `${d} ${MONTH_NAMES_EN[mo - 1] ?? mo} ${y}`;
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = mo <= 2 ? `0${mo}` : String(mo);
  return `ngày ${dd} tháng ${mm} năm ${y}`;
}

/** A date in a list (`29/02/2024`, en `29 Feb 2024` as `2024-02-29` would be ambiguous to nobody: ISO kept). */
export function shortDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || lang === 'en') return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** The period at the start of a sentence: "6 tháng đầu năm 2024", "Quý II/2024", "Năm 2023"; en "In the first half of 2024". */
export function periodAtStart(p: Period, lang: Lang): string {
  if (lang === 'vi') return periodLabel(p, 'vi');
  return `In ${periodInSentence(p, 'en')}`;
}

/** The period inside a sentence: "6 tháng đầu năm 2024", "Quý II/2024", "năm 2023", "tháng 6/2024"; en "the first half of 2024". */
export function periodInSentence(p: Period, lang: Lang): string {
  const label = periodLabel(p, lang);
  if (lang === 'vi') return p.type === 'year' || p.type === 'month' ? lowerFirst(label) : label;
  return p.type === 'half' ? `the ${lowerFirst(label)}` : label;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

export function upperFirst(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

const LEVEL_WORDS = /^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Xã|Phường|Thị trấn|Thôn|Bản) /;

/** A unit's name inside a sentence: the level word in lower case ("tỉnh Lào Cai"), any other name as it is. */
export function unitInSentence(name: string): string {
  return LEVEL_WORDS.test(name) ? lowerFirst(name) : name;
}

/** The place of the date line from a unit's name without its level word ("Tỉnh Lào Cai" → "Lào Cai"). */
export function placeOf(name: string): string {
  return name.replace(LEVEL_WORDS, '');
}

/** "toàn tỉnh" / "across the province": the whole of the report's unit, for a province, district or commune. */
export function wholeUnit(level: UnitLevel, lang: Lang): string | null {
  const words: Partial<Record<UnitLevel, { vi: string; en: string }>> = {
    province: { vi: 'toàn tỉnh', en: 'across the province' },
    district: { vi: 'toàn huyện', en: 'across the district' },
    commune: { vi: 'toàn xã', en: 'across the commune' },
  };
  return words[level]?.[lang] ?? null;
}

/** A count with its noun: vi "38 nhiệm vụ"; en "1 task", "38 tasks". */
export function counted(n: number, noun: { vi: string; enOne: string; enMany: string }, lang: Lang): string {
  const word = lang === 'vi' ? noun.vi : n === 1 ? noun.enOne : noun.enMany;
  return `${formatNumber(n, lang, 0)} ${word}`;
}

/** An indicator's name in the report's language (the Vietnamese one where no English name is set). */
export function indicatorName(
  t: { indicatorName: string; indicatorNameEn: string | null },
  lang: Lang,
): string {
  return lang === 'vi' ? t.indicatorName : (t.indicatorNameEn ?? t.indicatorName);
}

/** Whether a target's figures are percentages (a percent or a ratio indicator). */
export function isPercentage(t: Pick<NarrativeTarget, 'valueType'>): boolean {
  return t.valueType === 'percent' || t.valueType === 'ratio';
}

/**
 * An actual or target as the committee writes it: "97%", "10.851", "6 thôn" (the measure unit in Vietnamese only),
 * a milestone as done / not done, "chưa có" where there is none.
 */
export function targetFigure(
  t: Pick<NarrativeTarget, 'valueType' | 'direction' | 'measureUnit'>,
  v: number | boolean | null,
  lang: Lang,
): string {
  if (v === null) return lang === 'vi' ? 'chưa có số liệu' : 'no data';
  if (typeof v === 'boolean' || (t.direction === 'reach' && t.valueType === 'boolean')) {
    const done = v === true || v === 1;
    return lang === 'vi' ? (done ? 'đã đạt' : 'chưa đạt') : done ? 'done' : 'not done';
  }
  if (isPercentage(t)) return `${formatNumber(v, lang)}%`;
  return lang === 'vi' && t.measureUnit ? `${formatNumber(v, lang)} ${t.measureUnit}` : formatNumber(v, lang);
}

/** "97%/95%": actual over target (one measure unit at the end for counts: "6/0 thôn"). */
export function actualOverTarget(
  t: Pick<NarrativeTarget, 'valueType' | 'direction' | 'measureUnit' | 'actual' | 'target'>,
  lang: Lang,
): string {
  if (typeof t.actual === 'number' && t.target !== null && !isPercentage(t) && t.valueType !== 'boolean') {
    const unit = lang === 'vi' && t.measureUnit ? ` ${t.measureUnit}` : '';
    return `${formatNumber(t.actual, lang)}/${formatNumber(t.target, lang)}${unit}`;
  }
  return `${targetFigure(t, t.actual, lang)}/${targetFigure(t, t.target, lang)}`;
}

/** An API path with its query (values percent-encoded, empty ones left out). */
export function apiPath(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return `/api/v1${path}${text ? `?${text}` : ''}`;
}
