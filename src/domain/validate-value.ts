import type { ValueType } from './aggregate.js';
import type { DomainMessage, Result } from './result.js';
import { err, ok } from './result.js';
import { formatNumber } from './format-number.js';
import { foldVietnamese } from './text.js';

/**
 * Why a text was refused as a number:
 * `empty` — nothing written; `notANumber` — not a number in any accepted spelling;
 * `ambiguous` — `10.851` or `10,851`: a Vietnamese reader takes the separator for thousands, an English one
 * for decimals, and a wrong guess is off by a factor of 1000; `notFinite` — too large to hold.
 */
export type DecimalErrorReason = 'empty' | 'notANumber' | 'ambiguous' | 'notFinite';

/** Why a text was refused as a number; `input` is the text as given. */
export type DecimalError = DomainMessage & { code: 'badNumber'; reason: DecimalErrorReason; input: string };

/**
 * A number read from text; `percent` tells that it was written with a trailing `%` (`97%` gives 97);
 * `fractionDigits` counts the digits written after the decimal separator (null for `1e-7`).
 */
export type ParsedDecimal = { value: number; percent: boolean; fractionDigits: number | null };

/** Why a text was refused as a yes/no value; `input` is the text as given. */
export type BooleanError = DomainMessage & { code: 'badBoolean'; input: string };

/**
 * How numbers in text are written: `human` — as a person types them in a spreadsheet or CSV, Vietnamese or
 * English (see parseDecimal); `machine` — as a program writes them (DHIS2, JSON): `.` decimal point, no
 * grouping, so `10.851` is ten point eight five one.
 */
export type NumberStyle = 'human' | 'machine';

/** A value as it arrives from a file cell (text), a spreadsheet number cell or a JSON body. */
export type ValueInput = string | number | boolean | null | undefined;

/** The parts of a data value as given: `value`, and for a `ratio` its `numerator` and `denominator` (docs/domain.md §4). */
export type ValueParts = { value?: ValueInput; numerator?: ValueInput; denominator?: ValueInput };

/** Which part of a data value a problem concerns: the column of the `values` sheet at fault. */
export type ValuePart = 'value' | 'numerator' | 'denominator';

/** Why a data value was refused. */
export type ValueProblemCode =
  | 'missing'
  | 'badNumber'
  | 'badBoolean'
  | 'percentSign'
  | 'outOfRange'
  | 'notWhole'
  | 'negative'
  | 'zeroDenominator'
  | 'numeratorAboveDenominator'
  | 'ratioMismatch'
  | 'notRatio'
  | 'aboveCeiling'
  | 'belowMin'
  | 'aboveMax';

/**
 * The ceiling of counts and money, and of a ratio's numerator and denominator (docs/domain.md §4): no
 * plausible count or amount in VND reaches 10^15; a value that does is a typing or unit mistake.
 */
export const VALUE_CEILING = 1e15;

/** The bounds an indicator sets on its own values (docs/domain.md §4); null (or absent) where it sets none. */
export type IndicatorBounds = { min?: number | null; max?: number | null };

/** What a value is checked against: its indicator's value type and the indicator's own bounds. */
export type ValueRules = IndicatorBounds & { valueType: ValueType };

/** A problem with one part of a data value, naming the part (so a caller can name the cell). */
export type ValueProblem = DomainMessage & { code: ValueProblemCode; field: ValuePart };

/**
 * A data value checked against its indicator's value type, in the form it is stored (docs/domain.md §4):
 * `number` for percent (0–100), count, number and money; `boolean` for yes/no; `ratio` with its parts and
 * `value` = 100 × numerator / denominator (a percentage).
 */
export type NormalizedValue =
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'ratio'; numerator: number; denominator: number; value: number };

/**
 * The outcome of `validateValue`. On failure `problems` lists every part at fault (one entry per cell);
 * `message_vi` / `message_en` repeat the first problem's message for callers that show one line.
 */
export type ValueCheck =
  | { ok: true; normalized: NormalizedValue }
  | { ok: false; message_vi: string; message_en: string; problems: ValueProblem[] };

/** A target or baseline checked against its indicator's value type: a number (a percentage for `ratio`) or a boolean. */
export type TargetCheck =
  | { ok: true; normalized: number | boolean }
  | { ok: false; message_vi: string; message_en: string; problems: ValueProblem[] };

const SHOWN_MAX = 40;

const shown = (input: string): string => (input.length > SHOWN_MAX ? `${input.slice(0, SHOWN_MAX)}…` : input);

/** A number for a message: at most 12 significant digits, decimal comma in Vietnamese. */
function fmt(n: number, lang: 'vi' | 'en'): string {
  const s = String(Number(n.toPrecision(12)));
  return lang === 'vi' ? s.replace('.', ',') : s;
}

const FORMS_VI = 'ví dụ 36,8 hoặc 36.8; 1.234.567 hoặc 1234567';
const FORMS_EN = 'e.g. 36.8 or 36,8; 1234567 or 1,234,567';

/** The two readings of an ambiguous number: the separator taken for thousands, or for decimals. */
type Readings = { negative: boolean; whole: string; fraction: string };

function decimalError(input: string, reason: DecimalErrorReason, readings?: Readings): DecimalError {
  const s = shown(input);
  const [vi, en] = ((): [string, string] => {
    switch (reason) {
      case 'empty':
        return ['Chưa có số.', 'The number is missing.'];
      case 'notANumber':
        return [`«${s}» không phải là số (${FORMS_VI}).`, `«${s}» is not a number (${FORMS_EN}).`];
      case 'notFinite':
        return [`«${s}» là số quá lớn.`, `«${s}» is too large a number.`];
      case 'ambiguous': {
        const { negative, whole, fraction } = readings ?? { negative: false, whole: '', fraction: '' };
        const sign = negative ? '-' : '';
        const thousands = `${sign}${whole}${fraction}`;
        return [
          `«${s}» không rõ là ${thousands} hay ${sign}${whole},${fraction}: dấu chấm hoặc phẩy đứng trước đúng 3 chữ số có thể là phân cách hàng nghìn hoặc dấu thập phân. Hãy viết ${thousands} nếu là số nguyên, ${sign}${whole},${fraction}0 nếu là số thập phân, hoặc nhập vào ô kiểu số trong Excel.`,
          `«${s}» is ambiguous: ${thousands} or ${sign}${whole}.${fraction}? A dot or comma before exactly 3 digits may separate thousands or decimals. Write ${thousands} for the whole number, ${sign}${whole}.${fraction}0 for the decimal, or enter it in a number cell in Excel.`,
        ];
      }
    }
  })();
  return { code: 'badNumber', reason, input, message_vi: vi, message_en: en };
}

/**
 * Reads a number written in a cell as a Vietnamese or English user writes it (docs/domain.md §4, §9 number
 * formats): a plain number (`36.8`, `-2`, `1e-7`), a decimal comma (`36,8`), thousands grouped by dots,
 * commas or spaces (`1.234.567`, `1,234,567`, `1 234 567`), both (`1.234,5`, `1,234.5`: the last separator is
 * the decimal one) and an optional trailing `%` (`97%` gives 97, marked `percent`). A single dot or comma
 * before exactly three digits after a 1–3 digit whole part (`10.851`, `1,500`) is refused as ambiguous, not
 * guessed, unless a `%` follows (no one writes thousands of percent). With style `machine` only a plain
 * number with a `.` decimal point is read (`10.851` is then a decimal, `36,8` refused).
 */
export function parseDecimal(
  text: string,
  style: NumberStyle = 'human',
): Result<ParsedDecimal, DecimalError> {
  const input = text;
  let body = text.normalize('NFC').trim();
  if (body === '') return err(decimalError(input, 'empty'));
  if (style === 'machine') {
    const m = /^[-+]?\d+(?:\.(\d+))?(?:[eE][-+]?\d+)?$/.exec(body);
    if (!m) return err(decimalError(input, 'notANumber'));
    return finish(input, Number(body), false, /[eE]/.test(body) ? null : (m[1] ?? '').length);
  }
  let percent = false;
  if (body.endsWith('%')) {
    percent = true;
    body = body.slice(0, -1).trimEnd();
  }
  let sign = 1;
  const first = body.charAt(0);
  if (first === '-' || first === '+' || first === '\u2212') {
    if (first !== '+') sign = -1;
    body = body.slice(1);
  }
  body = body.replace(/[\u00a0\u202f\u2009]/g, ' ');
  let whole: string;
  let fraction = '';
  let m: RegExpExecArray | null;
  if (/^\d+$/.test(body)) {
    whole = body;
  } else if (/^\d+(?:\.\d+)?[eE][-+]?\d+$/.test(body)) {
    return finish(input, sign * Number(body), percent, null);
  } else if (body.includes(' ')) {
    m = /^([1-9]\d{0,2}(?: \d{3})+)(?:[.,](\d+))?$/.exec(body);
    if (!m) return err(decimalError(input, 'notANumber'));
    whole = (m[1] ?? '').replace(/ /g, '');
    fraction = m[2] ?? '';
  } else if (body.includes('.') && body.includes(',')) {
    const decimalSep = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const groupSep = decimalSep === '.' ? ',' : '.';
    const g = `\\${groupSep}`;
    const d = `\\${decimalSep}`;
    m = new RegExp(`^([1-9]\\d{0,2}(?:${g}\\d{3})+)${d}(\\d+)$`).exec(body);
    if (!m) return err(decimalError(input, 'notANumber'));
    whole = (m[1] ?? '').split(groupSep).join('');
    fraction = m[2] ?? '';
  } else if (body.includes('.') || body.includes(',')) {
    const sep = body.includes('.') ? '.' : ',';
    const count = body.split(sep).length - 1;
    if (count > 1) {
      if (!new RegExp(`^[1-9]\\d{0,2}(?:\\${sep}\\d{3})+$`).test(body)) {
        return err(decimalError(input, 'notANumber'));
      }
      whole = body.split(sep).join('');
    } else {
      m = new RegExp(`^(\\d*)\\${sep}(\\d+)$`).exec(body);
      if (!m) return err(decimalError(input, 'notANumber'));
      whole = m[1] ?? '';
      fraction = m[2] ?? '';
      if (!percent && /^[1-9]\d{0,2}$/.test(whole) && fraction.length === 3) {
        return err(decimalError(input, 'ambiguous', { negative: sign < 0, whole, fraction }));
      }
    }
  } else {
    return err(decimalError(input, 'notANumber'));
  }
  const value = sign * Number(`${whole === '' ? '0' : whole}.${fraction === '' ? '0' : fraction}`);
  return finish(input, value, percent, fraction.length);
}

function finish(
  input: string,
  value: number,
  percent: boolean,
  fractionDigits: number | null,
): Result<ParsedDecimal, DecimalError> {
  if (!Number.isFinite(value)) return err(decimalError(input, 'notFinite'));
  return ok({ value: value === 0 ? 0 : value, percent, fractionDigits });
}

const TRUE_WORDS = new Set(['true', '1', 'co']);
const FALSE_WORDS = new Set(['false', '0', 'khong']);

/**
 * Reads a yes/no value as the import format accepts it (docs/import.md, docs/domain.md §4 boolean): `true`/`false`,
 * `1`/`0`, `có`/`không`, in any letter case, with or without diacritics.
 */
export function parseBooleanWord(text: string): Result<boolean, BooleanError> {
  const folded = foldVietnamese(text);
  if (TRUE_WORDS.has(folded)) return ok(true);
  if (FALSE_WORDS.has(folded)) return ok(false);
  const s = shown(text);
  return err({
    code: 'badBoolean',
    input: text,
    message_vi: `«${s}» không phải là giá trị có/không (ghi true/false, 1/0 hoặc có/không).`,
    message_en: `«${s}» is not a yes/no value (write true/false, 1/0 or có/không).`,
  });
}

const PART_VI: Record<ValuePart, string> = { value: 'Giá trị', numerator: 'Tử số', denominator: 'Mẫu số' };
const PART_EN: Record<ValuePart, string> = {
  value: 'The value',
  numerator: 'The numerator',
  denominator: 'The denominator',
};
const TYPE_VI: Record<ValueType, string> = {
  percent: 'phần trăm',
  count: 'số đếm',
  number: 'số',
  money: 'tiền',
  boolean: 'có/không',
  ratio: 'tỷ số',
};

const isBlank = (v: ValueInput): v is null | undefined | '' =>
  v == null || (typeof v === 'string' && v.trim() === '');

function problem(
  field: ValuePart,
  code: ValueProblemCode,
  message_vi: string,
  message_en: string,
): ValueProblem {
  return { field, code, message_vi, message_en };
}

type Num = ParsedDecimal;

/** Reads one part as a number, or returns the problem. */
function readNumber(
  field: ValuePart,
  v: Exclude<ValueInput, null | undefined>,
  style: NumberStyle,
): Num | ValueProblem {
  if (typeof v === 'boolean') {
    return problem(
      field,
      'badNumber',
      `${PART_VI[field]} phải là số, không phải «${String(v)}».`,
      `${PART_EN[field]} must be a number, not «${String(v)}».`,
    );
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      return problem(
        field,
        'badNumber',
        `${PART_VI[field]} không phải là số hữu hạn.`,
        `${PART_EN[field]} is not a finite number.`,
      );
    }
    return { value: v, percent: false, fractionDigits: fractionDigitsOf(String(v)) };
  }
  const parsed = parseDecimal(v, style);
  if (!parsed.ok) {
    return problem(
      field,
      'badNumber',
      `${PART_VI[field]}: ${parsed.error.message_vi}`,
      `${PART_EN[field]}: ${parsed.error.message_en}`,
    );
  }
  return parsed.value;
}

function fractionDigitsOf(s: string): number | null {
  if (/e/i.test(s)) return null;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

const isProblem = (x: Num | ValueProblem): x is ValueProblem => 'code' in x;

function noPercentSign(field: ValuePart, n: Num, valueType: ValueType): ValueProblem | null {
  if (!n.percent) return null;
  return problem(
    field,
    'percentSign',
    `${PART_VI[field]} của chỉ tiêu kiểu ${TYPE_VI[valueType]} (${valueType}) không ghi dấu %.`,
    `${PART_EN[field]} of a ${valueType} indicator takes no % sign.`,
  );
}

/** A count, an amount or a ratio's part at or above VALUE_CEILING, the ceiling named. */
function aboveCeiling(field: ValuePart, v: number, what_vi: string, what_en: string): ValueProblem {
  return problem(
    field,
    'aboveCeiling',
    `${PART_VI[field]} ${fmt(v, 'vi')} không hợp lý: ${what_vi} phải nhỏ hơn giới hạn ${formatNumber(VALUE_CEILING, 'vi')} (10^15); kiểm tra lại số chữ số.`,
    `${PART_EN[field]} ${fmt(v, 'en')} is implausible: ${what_en} must be below the ceiling of ${formatNumber(VALUE_CEILING, 'en')} (10^15); check the number of digits.`,
  );
}

/**
 * Checks a value against the indicator's own minimum and maximum (docs/domain.md §4), both bounds allowed;
 * the bound at fault is named. A ratio's bounds apply to its percentage.
 */
function checkOwnBounds(v: number, rules: ValueRules): ValueProblem | null {
  // Grouped as readers write numbers (60.000 / 60,000) unless too large to read so.
  const shownValue = (lang: 'vi' | 'en'): string =>
    Math.abs(v) < VALUE_CEILING ? formatNumber(v, lang, 6) : fmt(v, lang);
  const { min, max } = rules;
  if (min !== undefined && min !== null && v < min) {
    return problem(
      'value',
      'belowMin',
      `Giá trị ${shownValue('vi')} nhỏ hơn mức tối thiểu ${formatNumber(min, 'vi', 6)} đặt cho chỉ tiêu này.`,
      `The value ${shownValue('en')} is below the minimum of ${formatNumber(min, 'en', 6)} set for this indicator.`,
    );
  }
  if (max !== undefined && max !== null && v > max) {
    return problem(
      'value',
      'aboveMax',
      `Giá trị ${shownValue('vi')} lớn hơn mức tối đa ${formatNumber(max, 'vi', 6)} đặt cho chỉ tiêu này.`,
      `The value ${shownValue('en')} is above the maximum of ${formatNumber(max, 'en', 6)} set for this indicator.`,
    );
  }
  return null;
}

/** Checks a number against the range of a value type; `field` names the part at fault. */
function checkRange(field: ValuePart, n: Num, valueType: ValueType): ValueProblem | null {
  const v = n.value;
  switch (valueType) {
    case 'percent':
    case 'ratio':
      return v >= 0 && v <= 100
        ? null
        : problem(
            field,
            'outOfRange',
            `${PART_VI[field]} ${fmt(v, 'vi')} là tỷ lệ phần trăm nên phải từ 0 đến 100.`,
            `${PART_EN[field]} ${fmt(v, 'en')} is a percentage, so it must be 0 to 100.`,
          );
    case 'count':
      if (v < 0) {
        return problem(
          field,
          'negative',
          `${PART_VI[field]} ${fmt(v, 'vi')} là số đếm nên không được âm.`,
          `${PART_EN[field]} ${fmt(v, 'en')} is a count, so it cannot be negative.`,
        );
      }
      if (v >= VALUE_CEILING) return aboveCeiling(field, v, 'số đếm', 'a count');
      return Number.isInteger(v)
        ? null
        : problem(
            field,
            'notWhole',
            `${PART_VI[field]} ${fmt(v, 'vi')} là số đếm nên phải là số nguyên.`,
            `${PART_EN[field]} ${fmt(v, 'en')} is a count, so it must be a whole number.`,
          );
    case 'money':
      if (v >= VALUE_CEILING) return aboveCeiling(field, v, 'số tiền', 'an amount of money');
      return v >= 0
        ? null
        : problem(
            field,
            'negative',
            `${PART_VI[field]} ${fmt(v, 'vi')} là số tiền nên không được âm.`,
            `${PART_EN[field]} ${fmt(v, 'en')} is an amount of money, so it cannot be negative.`,
          );
    case 'number':
    case 'boolean':
      return null;
  }
}

function readBoolean(field: ValuePart, v: Exclude<ValueInput, null | undefined>): boolean | ValueProblem {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (v === 1 || v === 0) return v === 1;
  } else {
    const b = parseBooleanWord(v);
    if (b.ok) return b.value;
  }
  const s = shown(String(v));
  return problem(
    field,
    'badBoolean',
    `${PART_VI[field]} «${s}» không phải là giá trị có/không (ghi true/false, 1/0 hoặc có/không).`,
    `${PART_EN[field]} «${s}» is not a yes/no value (write true/false, 1/0 or có/không).`,
  );
}

function missing(field: ValuePart, why_vi: string, why_en: string): ValueProblem {
  return problem(
    field,
    'missing',
    `Thiếu ${PART_VI[field].toLowerCase()}: ${why_vi}`,
    `${PART_EN[field]} is missing: ${why_en}`,
  );
}

function failed(problems: ValueProblem[]): {
  ok: false;
  message_vi: string;
  message_en: string;
  problems: ValueProblem[];
} {
  const firstProblem = problems[0];
  return {
    ok: false,
    message_vi: firstProblem?.message_vi ?? '',
    message_en: firstProblem?.message_en ?? '',
    problems,
  };
}

/**
 * Checks one data value against its indicator's value type and returns it in stored form (docs/domain.md §4):
 * `percent` a number 0–100 (a trailing `%` allowed); `count` a whole number ≥ 0; `number` any finite number;
 * `money` a number ≥ 0 (VND); `boolean` true/false, 1/0 or có/không; `ratio` a numerator and a denominator
 * (numbers, 0 ≤ numerator ≤ denominator, denominator > 0) whose value, when also given, must agree with
 * 100 × numerator / denominator to the digits written. Only a ratio takes a numerator or a denominator.
 * Counts, money and a ratio's parts stay below VALUE_CEILING; given ValueRules, the value (a ratio's
 * percentage) also lies within the indicator's own min and max. This is the one check every path that writes
 * a value goes through (save, import, DHIS2). Every part at fault is reported. Text is read as `style` says
 * (default `human`, see parseDecimal).
 */
export function validateValue(
  indicator: ValueType | ValueRules,
  parts: ValueParts,
  style: NumberStyle = 'human',
): ValueCheck {
  const rules: ValueRules = typeof indicator === 'string' ? { valueType: indicator } : indicator;
  const { valueType } = rules;
  const { value, numerator, denominator } = parts;
  const problems: ValueProblem[] = [];
  if (valueType !== 'ratio') {
    for (const [field, v] of [
      ['numerator', numerator],
      ['denominator', denominator],
    ] as const) {
      if (!isBlank(v)) {
        problems.push(
          problem(
            field,
            'notRatio',
            `Chỉ tiêu kiểu ${TYPE_VI[valueType]} (${valueType}) không dùng tử số và mẫu số; chỉ ghi giá trị (hoặc khai báo chỉ tiêu kiểu ratio).`,
            `A ${valueType} indicator takes no numerator or denominator; give the value only (or declare the indicator as ratio).`,
          ),
        );
      }
    }
    if (isBlank(value)) {
      problems.push(
        missing(
          'value',
          `chỉ tiêu kiểu ${TYPE_VI[valueType]} (${valueType}) cần một giá trị.`,
          `a ${valueType} indicator needs a value.`,
        ),
      );
      return failed(problems);
    }
    if (valueType === 'boolean') {
      const b = readBoolean('value', value);
      if (typeof b !== 'boolean') return failed([...problems, b]);
      return problems.length > 0 ? failed(problems) : { ok: true, normalized: { kind: 'boolean', value: b } };
    }
    const n = readNumber('value', value, style);
    if (isProblem(n)) return failed([...problems, n]);
    const p =
      (valueType === 'percent' ? null : noPercentSign('value', n, valueType)) ??
      checkRange('value', n, valueType) ??
      checkOwnBounds(n.value, rules);
    if (p) problems.push(p);
    return problems.length > 0
      ? failed(problems)
      : { ok: true, normalized: { kind: 'number', value: n.value } };
  }
  const parsed: Partial<Record<'numerator' | 'denominator', number>> = {};
  for (const [field, v] of [
    ['numerator', numerator],
    ['denominator', denominator],
  ] as const) {
    if (isBlank(v)) {
      problems.push(
        missing(
          field,
          'chỉ tiêu kiểu tỷ số (ratio) được ghi bằng tử số và mẫu số.',
          'a ratio indicator is given by its numerator and denominator.',
        ),
      );
      continue;
    }
    const n = readNumber(field, v, style);
    if (isProblem(n)) {
      problems.push(n);
      continue;
    }
    const p = noPercentSign(field, n, valueType);
    if (p) {
      problems.push(p);
    } else if (n.value < 0) {
      problems.push(
        problem(
          field,
          'negative',
          `${PART_VI[field]} ${fmt(n.value, 'vi')} không được âm.`,
          `${PART_EN[field]} ${fmt(n.value, 'en')} cannot be negative.`,
        ),
      );
    } else if (n.value >= VALUE_CEILING) {
      problems.push(aboveCeiling(field, n.value, 'tử số và mẫu số', 'a numerator or denominator'));
    } else {
      parsed[field] = n.value;
    }
  }
  const num = parsed.numerator;
  const den = parsed.denominator;
  if (den === 0) {
    problems.push(
      problem(
        'denominator',
        'zeroDenominator',
        'Mẫu số phải lớn hơn 0 (không có gì để tính tỷ lệ).',
        'The denominator must be greater than 0 (there is nothing to take a share of).',
      ),
    );
  } else if (num !== undefined && den !== undefined && num > den) {
    problems.push(
      problem(
        'numerator',
        'numeratorAboveDenominator',
        `Tử số ${fmt(num, 'vi')} lớn hơn mẫu số ${fmt(den, 'vi')}.`,
        `The numerator ${fmt(num, 'en')} is greater than the denominator ${fmt(den, 'en')}.`,
      ),
    );
  }
  let given: Num | null = null;
  if (!isBlank(value)) {
    const n = readNumber('value', value, style);
    if (isProblem(n)) problems.push(n);
    else given = n;
  }
  if (problems.length > 0 || num === undefined || den === undefined) return failed(problems);
  const percent = (num * 100) / den;
  if (given) {
    const rangeProblem = checkRange('value', given, 'ratio');
    if (rangeProblem) return failed([rangeProblem]);
    const tolerance = given.fractionDigits === null ? 0 : 0.5 * 10 ** -given.fractionDigits;
    if (Math.abs(given.value - percent) > tolerance + 1e-9 * Math.max(1, Math.abs(percent))) {
      const rounded = Number(percent.toFixed(2));
      return failed([
        problem(
          'value',
          'ratioMismatch',
          `Giá trị ${fmt(given.value, 'vi')} không khớp với 100 × tử số / mẫu số = ${fmt(rounded, 'vi')}; hãy để trống giá trị hoặc sửa lại.`,
          `The value ${fmt(given.value, 'en')} does not match 100 × numerator / denominator = ${fmt(rounded, 'en')}; leave the value empty or correct it.`,
        ),
      ]);
    }
  }
  const outside = checkOwnBounds(percent, rules);
  if (outside) return failed([outside]);
  return { ok: true, normalized: { kind: 'ratio', numerator: num, denominator: den, value: percent } };
}

/**
 * Checks a target or baseline against its indicator's value type (docs/domain.md §4, §5): a percentage 0–100 for
 * `percent` and `ratio` (a ratio is targeted as a percentage), a whole number ≥ 0 for `count`, a number ≥ 0
 * for `money`, any finite number for `number`, and yes/no (true/false, 1/0, có/không) for `boolean`.
 */
export function validateTargetValue(
  valueType: ValueType,
  input: ValueInput,
  style: NumberStyle = 'human',
): TargetCheck {
  if (isBlank(input)) {
    return failed([missing('value', 'mục tiêu cần một giá trị.', 'a target needs a value.')]);
  }
  if (valueType === 'boolean') {
    const b = readBoolean('value', input);
    return typeof b === 'boolean' ? { ok: true, normalized: b } : failed([b]);
  }
  const n = readNumber('value', input, style);
  if (isProblem(n)) return failed([n]);
  const p =
    (valueType === 'percent' || valueType === 'ratio' ? null : noPercentSign('value', n, valueType)) ??
    checkRange('value', n, valueType);
  return p ? failed([p]) : { ok: true, normalized: n.value };
}

/** Which bound of an indicator a problem concerns. */
export type BoundField = 'min' | 'max';

/** A bound an indicator may not set, naming it. */
export type BoundProblem = DomainMessage & { code: 'badBound'; field: BoundField };

/**
 * Checks the min and max an indicator sets on its values (docs/domain.md §4): each finite and within the value
 * type's own limits (0–100 for percent and ratio, 0 up to VALUE_CEILING for count and money), min ≤ max, and
 * none for a boolean. Returns every bound at fault; empty when they may be set.
 */
export function checkIndicatorBounds(valueType: ValueType, bounds: IndicatorBounds): BoundProblem[] {
  const problems: BoundProblem[] = [];
  const bad = (field: BoundField, vi: string, en: string): void => {
    problems.push({ code: 'badBound', field, message_vi: vi, message_en: en });
  };
  const [low, high] = ((): [number, number] => {
    switch (valueType) {
      case 'percent':
      case 'ratio':
        return [0, 100];
      case 'count':
      case 'money':
        return [0, VALUE_CEILING];
      case 'number':
      case 'boolean':
        return [-Infinity, Infinity];
    }
  })();
  const NAME_VI: Record<BoundField, string> = { min: 'Mức tối thiểu (min)', max: 'Mức tối đa (max)' };
  const NAME_EN: Record<BoundField, string> = { min: 'The minimum (min)', max: 'The maximum (max)' };
  for (const field of ['min', 'max'] as const) {
    const v = bounds[field];
    if (v === undefined || v === null) continue;
    if (valueType === 'boolean') {
      bad(
        field,
        `${NAME_VI[field]} không dùng cho chỉ tiêu kiểu có/không (boolean).`,
        `${NAME_EN[field]} does not apply to a yes/no (boolean) indicator.`,
      );
    } else if (!Number.isFinite(v)) {
      bad(field, `${NAME_VI[field]} phải là số hữu hạn.`, `${NAME_EN[field]} must be a finite number.`);
    } else if (v < low || v > high) {
      bad(
        field,
        `${NAME_VI[field]} ${fmt(v, 'vi')} nằm ngoài giới hạn của kiểu ${TYPE_VI[valueType]} (${valueType}): từ ${formatNumber(low, 'vi')} đến ${formatNumber(high, 'vi')}.`,
        `${NAME_EN[field]} ${fmt(v, 'en')} is outside the limits of a ${valueType} indicator: ${formatNumber(low, 'en')} to ${formatNumber(high, 'en')}.`,
      );
    }
  }
  const { min, max } = bounds;
  if (
    problems.length === 0 &&
    min !== undefined &&
    min !== null &&
    max !== undefined &&
    max !== null &&
    min > max
  ) {
    bad(
      'max',
      `Mức tối đa ${fmt(max, 'vi')} nhỏ hơn mức tối thiểu ${fmt(min, 'vi')}.`,
      `The maximum ${fmt(max, 'en')} is below the minimum ${fmt(min, 'en')}.`,
    );
  }
  return problems;
}
