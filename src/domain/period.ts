import type { DomainMessage, Result } from './result.js';
import { err, ok } from './result.js';

/** The period types, shortest first (docs/domain.md §3); usable as a zod enum at the edges. */
export const PERIOD_TYPES = ['month', 'quarter', 'half', 'year'] as const;

export type PeriodType = (typeof PERIOD_TYPES)[number];

/**
 * A reporting period as DHIS2 writes it (docs/domain.md §3). `index` is 1 for a year, 1–2 for a half-year,
 * 1–4 for a quarter and 1–12 for a month. Build one with `parsePeriod` or the functions below, which keep
 * `id` equal to `formatPeriod` of the other fields.
 */
export interface Period {
  readonly id: string;
  readonly type: PeriodType;
  readonly year: number;
  readonly index: number;
}

/**
 * The forms a period identifier is written in, one per type, with an example of each: the API's descriptions,
 * the CLI's help and the messages below show them.
 */
export const PERIOD_EXAMPLES = {
  year: '2024',
  half: '2024S1',
  quarter: '2024Q2',
  month: '202406',
} as const satisfies Record<PeriodType, string>;

/**
 * The lengths a period text may have, the limits every edge checks before `parsePeriod`: a year is 4 characters
 * (`2024`), a half-year, a quarter or a month 6 (`2024S1`, `2024Q2`, `202406`).
 */
export const PERIOD_TEXT_LENGTH = { min: 4, max: 6 } as const;

/**
 * The longest period text an edge (API, CLI, import) hands to `parsePeriod`: anything up to this length gets the
 * parser's own message saying what is wrong (`2024-06`: write 202406; `2024Q01`: the quarter must be 1 to 4), not a
 * bare "too long"; a longer text is refused unread.
 */
export const PERIOD_INPUT_MAX = 20;

/** The first year a period may fall in. */
export const MIN_YEAR = 1900;
/** The last year a period may fall in. */
export const MAX_YEAR = 2100;

export type PeriodErrorReason =
  'empty' | 'whitespace' | 'lowercase' | 'format' | 'year' | 'half' | 'quarter' | 'month';

/** Why a period identifier was refused; `input` is the text as given. */
export type PeriodError = DomainMessage & { code: 'badPeriod'; reason: PeriodErrorReason; input: string };

/** Why a list of periods from one to another could not be made. */
export type PeriodSpanError = DomainMessage & {
  code: 'badPeriodSpan';
  reason: 'typeMismatch' | 'reversed';
  from: string;
  to: string;
};

/** A span of whole years, both ends included (a multi-year plan such as `2022..2025`). */
export interface YearRange {
  readonly from: number;
  readonly to: number;
}

export type YearRangeErrorReason = 'empty' | 'whitespace' | 'format' | 'year' | 'reversed';

/** Why a year range was refused; `input` is the text as given. */
export type YearRangeError = DomainMessage & {
  code: 'badYearRange';
  reason: YearRangeErrorReason;
  input: string;
};

const MONTHS_PER: Record<PeriodType, number> = { month: 1, quarter: 3, half: 6, year: 12 };
const RANK: Record<PeriodType, number> = { month: 1, quarter: 2, half: 3, year: 4 };
const TYPE_NAME_VI: Record<PeriodType, string> = {
  month: 'tháng',
  quarter: 'quý',
  half: '6 tháng',
  year: 'năm',
};
const TYPE_NAME_EN: Record<PeriodType, string> = {
  month: 'month',
  quarter: 'quarter',
  half: 'half-year',
  year: 'year',
};
const ROMAN = ['I', 'II', 'III', 'IV'];
/** The months' English names, January first. */
export const MONTH_NAMES_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const FORMS_VI = '2024 (năm), 2024S1 hoặc 2024S2 (6 tháng), 2024Q1 … 2024Q4 (quý), 202406 (tháng)';
const FORMS_EN = '2024 (year), 2024S1 or 2024S2 (half-year), 2024Q1 … 2024Q4 (quarter), 202406 (month)';
const SHOWN_MAX = 40;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Quotes user input for a message, cut short so a stray cell cannot flood the screen. */
const shown = (input: string): string => (input.length > SHOWN_MAX ? `${input.slice(0, SHOWN_MAX)}…` : input);

const isYearInRange = (year: number): boolean =>
  Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;

const periodsPerYear = (type: PeriodType): number => 12 / MONTHS_PER[type];

function idOf(type: PeriodType, year: number, index: number): string {
  switch (type) {
    case 'year':
      return String(year);
    case 'half':
      return `${year}S${index}`;
    case 'quarter':
      return `${year}Q${index}`;
    case 'month':
      return `${year}${pad2(index)}`;
  }
}

function make(type: PeriodType, year: number, index: number): Period {
  return { id: idOf(type, year, index), type, year, index };
}

/** Months since January of year 0 to the period's first month: a single axis for ordering and stepping. */
const startMonth = (p: Period): number => p.year * 12 + (p.index - 1) * MONTHS_PER[p.type];

/** The position of the period among those of its type, counted across years. */
const serial = (p: Period): number => p.year * periodsPerYear(p.type) + p.index - 1;

function fromSerial(type: PeriodType, n: number): Period | undefined {
  const perYear = periodsPerYear(type);
  const year = Math.floor(n / perYear);
  return isYearInRange(year) ? make(type, year, n - year * perYear + 1) : undefined;
}

function periodError(input: string, reason: PeriodErrorReason, year = 2024): PeriodError {
  const s = shown(input);
  const [vi, en] = periodErrorDetail(input, reason, year);
  return {
    code: 'badPeriod',
    reason,
    input,
    message_vi: `Kỳ báo cáo «${s}» không hợp lệ: ${vi}`,
    message_en: `Period «${s}» is invalid: ${en}`,
  };
}

function periodErrorDetail(input: string, reason: PeriodErrorReason, y: number): [string, string] {
  switch (reason) {
    case 'empty':
      return [`chưa có giá trị; dạng hợp lệ: ${FORMS_VI}`, `it is empty; accepted forms: ${FORMS_EN}`];
    case 'whitespace': {
      const compact = input.replace(/\s+/g, '');
      return isPeriodId(compact)
        ? [`có khoảng trắng, hãy viết «${compact}»`, `it contains whitespace; write «${compact}»`]
        : [
            `có khoảng trắng; dạng hợp lệ: ${FORMS_VI}`,
            `it contains whitespace; accepted forms: ${FORMS_EN}`,
          ];
    }
    case 'lowercase': {
      const upper = input.toUpperCase();
      return isPeriodId(upper)
        ? [
            `chữ S và Q phải viết hoa, hãy viết «${upper}»`,
            `S and Q must be capital letters; write «${upper}»`,
          ]
        : [
            `chữ S và Q phải viết hoa; dạng hợp lệ: ${FORMS_VI}`,
            `S and Q must be capital letters; accepted forms: ${FORMS_EN}`,
          ];
    }
    case 'format':
      return [`dạng hợp lệ: ${FORMS_VI}`, `accepted forms: ${FORMS_EN}`];
    case 'year':
      return [
        `năm phải từ ${MIN_YEAR} đến ${MAX_YEAR} (dạng hợp lệ: ${FORMS_VI})`,
        `the year must be ${MIN_YEAR} to ${MAX_YEAR} (accepted forms: ${FORMS_EN})`,
      ];
    case 'half':
      return [
        `nửa năm phải là S1 hoặc S2 (dạng ${y}S1, ${y}S2)`,
        `the half must be S1 or S2 (${y}S1, ${y}S2)`,
      ];
    case 'quarter':
      return [`quý phải từ 1 đến 4 (dạng ${y}Q1 … ${y}Q4)`, `the quarter must be 1 to 4 (${y}Q1 … ${y}Q4)`];
    case 'month':
      return [
        `tháng phải từ 01 đến 12 (dạng ${y}01 … ${y}12)`,
        `the month must be 01 to 12 (${y}01 … ${y}12)`,
      ];
  }
}

/**
 * Parses a DHIS2 period identifier (`2024`, `2024S1`, `2024Q2`, `202406`) strictly — uppercase letters, no
 * spaces, years 1900–2100 — into a Period, or says in both languages what is wrong (docs/domain.md §3).
 */
export function parsePeriod(id: string): Result<Period, PeriodError> {
  if (id === '') return err(periodError(id, 'empty'));
  if (/\s/.test(id)) return err(periodError(id, 'whitespace'));
  if (/^[0-9]{4}[sq][0-9]+$/.test(id)) return err(periodError(id, 'lowercase'));
  const match = /^([0-9]{4})(?:([SQ])([0-9]+)|([0-9]{2}))?$/.exec(id);
  if (!match) return err(periodError(id, 'format'));
  const [, yearText = '', letter, digits = '', monthText] = match;
  const year = Number(yearText);
  if (!isYearInRange(year)) return err(periodError(id, 'year'));
  if (letter === 'S' || letter === 'Q') {
    const type: PeriodType = letter === 'S' ? 'half' : 'quarter';
    const index = Number(digits);
    // One digit only, so `2024Q01` is refused rather than read as a second spelling of `2024Q1`.
    if (digits.length !== 1 || index < 1 || index > periodsPerYear(type)) {
      return err(periodError(id, type, year));
    }
    return ok(make(type, year, index));
  }
  if (monthText !== undefined) {
    const month = Number(monthText);
    if (month < 1 || month > 12) return err(periodError(id, 'month', year));
    return ok(make('month', year, month));
  }
  return ok(make('year', year, 1));
}

/** Tells whether a string is a valid period identifier as `parsePeriod` accepts it (docs/domain.md §3). */
export function isPeriodId(s: string): boolean {
  return parsePeriod(s).ok;
}

/** Writes a period back as its DHIS2 identifier, e.g. `2024Q2` (docs/domain.md §3). */
export function formatPeriod(p: Period): string {
  return idOf(p.type, p.year, p.index);
}

/** The number of months in a period of the given type: 1, 3, 6 or 12 (docs/domain.md §3). */
export function monthsPerPeriod(type: PeriodType): number {
  return MONTHS_PER[type];
}

/**
 * The first and last month (1–12, within the period's year, both included) a period covers (docs/domain.md §3).
 */
export function monthsOf(p: Period): [first: number, last: number] {
  const n = MONTHS_PER[p.type];
  return [(p.index - 1) * n + 1, p.index * n];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The first day of a period as an ISO date `YYYY-MM-DD` (docs/domain.md §3). */
export function periodStart(p: Period): string {
  const [first] = monthsOf(p);
  return `${p.year}-${pad2(first)}-01`;
}

/** The last day of a period, included, as an ISO date `YYYY-MM-DD` (docs/domain.md §3). */
export function periodEnd(p: Period): string {
  const [, last] = monthsOf(p);
  return `${p.year}-${pad2(last)}-${pad2(daysInMonth(p.year, last))}`;
}

/**
 * The period whose first and last days are exactly `start` and `end` (ISO dates), or undefined when no month,
 * quarter, half-year or year has those bounds. The windows the rollup rows keep (docs/domain.md §4).
 */
export function periodOfDates(start: string, end: string): Period | undefined {
  const match = /^(\d{4})-(\d{2})-01$/.exec(start);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (!isYearInRange(year) || month < 1 || month > 12) return undefined;
  for (const type of PERIOD_TYPES) {
    const months = MONTHS_PER[type];
    if ((month - 1) % months !== 0) continue;
    const p = make(type, year, (month - 1) / months + 1);
    if (periodEnd(p) === end) return p;
  }
  return undefined;
}

/** Ranks a period type by length: month 1, quarter 2, half 3, year 4 (docs/domain.md §3, §4 time aggregation). */
export function typeRank(type: PeriodType): number {
  return RANK[type];
}

/**
 * Tells whether periods of type `a` are shorter than those of type `b`, so values of `a` aggregate up to `b`
 * (docs/domain.md §4).
 */
export function isShorter(a: PeriodType, b: PeriodType): boolean {
  return RANK[a] < RANK[b];
}

/**
 * Orders periods by start date, then shorter first (`202401` < `2024Q1` < `2024S1` < `2024`), for sorting
 * (docs/domain.md §3).
 */
export function comparePeriods(a: Period, b: Period): number {
  return startMonth(a) - startMonth(b) || RANK[a.type] - RANK[b.type];
}

/**
 * Tells whether `outer` covers every month of `inner` (`2024Q2` ⊂ `2024S1` ⊂ `2024`); a period contains
 * itself (docs/domain.md §3).
 */
export function contains(outer: Period, inner: Period): boolean {
  const outerStart = startMonth(outer);
  const innerStart = startMonth(inner);
  return (
    outerStart <= innerStart && innerStart + MONTHS_PER[inner.type] <= outerStart + MONTHS_PER[outer.type]
  );
}

/** The periods of a type in a year, in order; empty when the year is outside 1900–2100 (docs/domain.md §3). */
export function periodsOfYear(year: number, type: PeriodType): Period[] {
  if (!isYearInRange(year)) return [];
  return Array.from({ length: periodsPerYear(type) }, (_, i) => make(type, year, i + 1));
}

/**
 * The periods of `type` that `p` contains, in order: `[p]` for its own type, empty for a longer type
 * (docs/domain.md §3).
 */
export function childPeriods(p: Period, type: PeriodType): Period[] {
  return periodsOfYear(p.year, type).filter((c) => contains(p, c));
}

/**
 * The period of `type` that contains `p` (the half of a quarter, the year of a month), or undefined when
 * `type` is shorter than `p`'s (docs/domain.md §3).
 */
export function parentPeriod(p: Period, type: PeriodType): Period | undefined {
  return periodsOfYear(p.year, type).find((c) => contains(c, p));
}

/**
 * The periods of one type from `from` to `to`, both included, in order — a time series axis (docs/domain.md §3, §6
 * forecast).
 */
export function periodsBetween(from: Period, to: Period): Result<Period[], PeriodSpanError> {
  if (from.type !== to.type) {
    const vi = `hai kỳ phải cùng loại (ở đây là ${TYPE_NAME_VI[from.type]} và ${TYPE_NAME_VI[to.type]})`;
    const en = `both must be of the same type (here ${TYPE_NAME_EN[from.type]} and ${TYPE_NAME_EN[to.type]})`;
    return err(spanError(from, to, 'typeMismatch', vi, en));
  }
  const first = serial(from);
  const last = serial(to);
  if (first > last) {
    return err(
      spanError(
        from,
        to,
        'reversed',
        'kỳ đầu không được sau kỳ cuối',
        'the first period must not come after the last',
      ),
    );
  }
  const out: Period[] = [];
  for (let n = first; n <= last; n += 1) {
    const p = fromSerial(from.type, n);
    if (p) out.push(p);
  }
  return ok(out);
}

function spanError(
  from: Period,
  to: Period,
  reason: PeriodSpanError['reason'],
  vi: string,
  en: string,
): PeriodSpanError {
  const a = formatPeriod(from);
  const b = formatPeriod(to);
  return {
    code: 'badPeriodSpan',
    reason,
    from: a,
    to: b,
    message_vi: `Không thể liệt kê các kỳ từ «${a}» đến «${b}»: ${vi}`,
    message_en: `Cannot list the periods from «${a}» to «${b}»: ${en}`,
  };
}

/**
 * The period of the same type just before `p` (`202501` → `202412`), or undefined before 1900 (docs/domain.md §3).
 */
export function previousPeriod(p: Period): Period | undefined {
  return fromSerial(p.type, serial(p) - 1);
}

/**
 * The period of the same type just after `p` (`202412` → `202501`), or undefined after 2100 (docs/domain.md §3).
 */
export function nextPeriod(p: Period): Period | undefined {
  return fromSerial(p.type, serial(p) + 1);
}

/**
 * The same period one year earlier (`2024Q2` → `2023Q2`), for year-over-year change, or undefined before 1900
 * (docs/domain.md §6).
 */
export function samePeriodLastYear(p: Period): Period | undefined {
  return isYearInRange(p.year - 1) ? make(p.type, p.year - 1, p.index) : undefined;
}

/**
 * Places a period on a continuous time axis in fractional years, at its mid-point counted in whole months
 * (each month weighs 1/12 whatever its days): 2024 → 2024.5, 2024S1 → 2024.25, 2024Q1 → 2024.125,
 * 202406 → 2024 + 5.5/12. Periods of different types share the axis, so a forecast can mix them
 * (docs/domain.md §6).
 */
export function periodOrdinal(p: Period): number {
  const [first, last] = monthsOf(p);
  return p.year + (first - 1 + last) / 24;
}

/**
 * The period as a reader says it: vi "Quý II/2024", "6 tháng đầu năm 2024"; en "Q2 2024", "First half of
 * 2024" (docs/domain.md §3, §9).
 */
export function periodLabel(p: Period, lang: 'vi' | 'en'): string {
  const y = p.year;
  const i = p.index;
  if (lang === 'vi') {
    switch (p.type) {
      case 'year':
        return `Năm ${y}`;
      case 'half':
        return i === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`;
      case 'quarter':
        return `Quý ${ROMAN[i - 1] ?? i}/${y}`;
      case 'month':
        return `Tháng ${i}/${y}`;
    }
  }
  switch (p.type) {
    case 'year':
      return String(y);
    case 'half':
      return i === 1 ? `First half of ${y}` : `Second half of ${y}`;
    case 'quarter':
      return `Q${i} ${y}`;
    case 'month':
      return `${MONTH_NAMES_EN[i - 1] ?? i} ${y}`;
  }
}

function yearRangeError(input: string, reason: YearRangeErrorReason): YearRangeError {
  const s = shown(input);
  const [vi, en] = yearRangeErrorDetail(input, reason);
  return {
    code: 'badYearRange',
    reason,
    input,
    message_vi: `Khoảng năm «${s}» không hợp lệ: ${vi}`,
    message_en: `Year range «${s}» is invalid: ${en}`,
  };
}

function yearRangeErrorDetail(input: string, reason: YearRangeErrorReason): [string, string] {
  switch (reason) {
    case 'empty':
      return [
        'chưa có giá trị (dạng năm đầu..năm cuối, ví dụ 2022..2025)',
        'it is empty (expected first..last year, e.g. 2022..2025)',
      ];
    case 'whitespace': {
      const compact = input.replace(/\s+/g, '');
      return parseYearRange(compact).ok
        ? [`có khoảng trắng, hãy viết «${compact}»`, `it contains whitespace; write «${compact}»`]
        : [
            'có khoảng trắng (dạng năm đầu..năm cuối, ví dụ 2022..2025)',
            'it contains whitespace (expected first..last year, e.g. 2022..2025)',
          ];
    }
    case 'format':
      return [
        'phải có dạng năm đầu..năm cuối, ví dụ 2022..2025',
        'expected first..last year, e.g. 2022..2025',
      ];
    case 'year':
      return [
        `năm phải từ ${MIN_YEAR} đến ${MAX_YEAR} (ví dụ 2022..2025)`,
        `years must be ${MIN_YEAR} to ${MAX_YEAR} (e.g. 2022..2025)`,
      ];
    case 'reversed': {
      const swapped = input.split('..').reverse().join('..');
      return [
        `năm đầu lớn hơn năm cuối, hãy viết «${swapped}»`,
        `the first year is after the last; write «${swapped}»`,
      ];
    }
  }
}

/**
 * Parses a multi-year span `2022..2025` (both years included, 1900–2100, first ≤ last) into a YearRange
 * (docs/domain.md §3, §5).
 */
export function parseYearRange(s: string): Result<YearRange, YearRangeError> {
  if (s === '') return err(yearRangeError(s, 'empty'));
  if (/\s/.test(s)) return err(yearRangeError(s, 'whitespace'));
  const match = /^([0-9]{4})\.\.([0-9]{4})$/.exec(s);
  if (!match) return err(yearRangeError(s, 'format'));
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (!isYearInRange(from) || !isYearInRange(to)) return err(yearRangeError(s, 'year'));
  if (from > to) return err(yearRangeError(s, 'reversed'));
  return ok({ from, to });
}

/** Writes a year range back as `2022..2025` (docs/domain.md §3). */
export function formatYearRange(r: YearRange): string {
  return `${r.from}..${r.to}`;
}
