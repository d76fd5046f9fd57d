/** How an indicator's values of shorter periods make the value of a longer one (DOMAIN.md §4). */
export type TimeAggregation = 'sum' | 'last' | 'average';

/** An indicator's value type (DOMAIN.md §4). */
export type ValueType = 'percent' | 'count' | 'number' | 'money' | 'boolean' | 'ratio';

/** A ratio value kept as its parts so that it rolls up correctly (DOMAIN.md §4). */
export interface RatioParts {
  numerator: number;
  denominator: number;
}

/** A value of one shorter period; `ordinal` orders the periods (later is larger), `period` is carried for tracing. */
export interface TimedValue {
  ordinal: number;
  value: number;
  period?: string;
}

/** A ratio's parts in one shorter period. */
export interface TimedRatio extends RatioParts {
  ordinal: number;
  period?: string;
}

/** Why values cannot be combined. */
export type NotAggregableReason =
  'noValues' | 'invalidValue' | 'duplicatePeriod' | 'percentNotAggregable' | 'numberMethodNotStated';

/** Values that cannot be combined, and why. */
export type NotAggregable = { kind: 'notAggregable'; reason: NotAggregableReason };

/** The Vietnamese and English sentence for each reason values cannot be combined. */
export const NOT_AGGREGABLE_MESSAGES: Readonly<Record<NotAggregableReason, { vi: string; en: string }>> = {
  noValues: { vi: 'Không có số liệu để tổng hợp.', en: 'There are no values to combine.' },
  invalidValue: { vi: 'Có số liệu không phải là số hữu hạn.', en: 'A value is not a finite number.' },
  duplicatePeriod: { vi: 'Có hai số liệu cho cùng một kỳ.', en: 'Two values are given for the same period.' },
  percentNotAggregable: {
    vi: 'Không thể cộng hay lấy trung bình các tỷ lệ phần trăm; hãy nhập chỉ tiêu dạng tỷ số (tử số, mẫu số).',
    en: 'Percentages cannot be summed or averaged; record the indicator as a ratio (numerator, denominator).',
  },
  numberMethodNotStated: {
    vi: 'Chưa quy định cách tổng hợp (cộng hay trung bình) cho chỉ tiêu dạng số thập phân.',
    en: 'No roll-up method (sum or average) is stated for this decimal-number indicator.',
  },
};

/** A value combined over time: the result and how many shorter periods it came from. */
export type OverTime = { kind: 'value'; value: number; count: number } | NotAggregable;

/** A ratio combined over time or up the tree: its summed parts and 100 × Σnumerator / Σdenominator (null when Σdenominator = 0). */
export type RatioTotal = { kind: 'ratio'; numerator: number; denominator: number; percent: number | null };

function percentOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : (numerator * 100) / denominator;
}

function hasDuplicateOrdinal(values: readonly { ordinal: number }[]): boolean {
  const seen = new Set<number>();
  for (const v of values) {
    if (seen.has(v.ordinal)) return true;
    seen.add(v.ordinal);
  }
  return false;
}

function latest<T extends { ordinal: number }>(values: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const v of values) if (best === undefined || v.ordinal > best.ordinal) best = v;
  return best;
}

/**
 * Combines the values of shorter periods into a longer one by the indicator's time aggregation, in the
 * indicator's unit (DOMAIN.md §4): `sum` for flows, `last` (the latest period's value) for stocks and rates,
 * `average` (arithmetic mean of the periods given) where stated; periods missing from `values` are not counted.
 */
export function aggregateOverTime(values: readonly TimedValue[], method: TimeAggregation): OverTime {
  if (values.length === 0) return { kind: 'notAggregable', reason: 'noValues' };
  if (values.some((v) => !Number.isFinite(v.value) || !Number.isFinite(v.ordinal))) {
    return { kind: 'notAggregable', reason: 'invalidValue' };
  }
  if (hasDuplicateOrdinal(values)) return { kind: 'notAggregable', reason: 'duplicatePeriod' };
  const count = values.length;
  if (method === 'last') {
    const last = latest(values);
    return last === undefined
      ? { kind: 'notAggregable', reason: 'noValues' }
      : { kind: 'value', value: last.value, count };
  }
  const total = values.reduce((s, v) => s + v.value, 0);
  return { kind: 'value', value: method === 'sum' ? total : total / count, count };
}

/**
 * Combines a ratio's parts over shorter periods (DOMAIN.md §4): `last` keeps the latest period's parts;
 * `sum` and `average` both pool them (Σnumerator / Σdenominator), the share over the whole longer period,
 * never the mean of the periods' percentages.
 */
export function aggregateRatioOverTime(
  values: readonly TimedRatio[],
  method: TimeAggregation,
): (RatioTotal & { count: number }) | NotAggregable {
  if (values.length === 0) return { kind: 'notAggregable', reason: 'noValues' };
  if (values.some((v) => ![v.ordinal, v.numerator, v.denominator].every(Number.isFinite))) {
    return { kind: 'notAggregable', reason: 'invalidValue' };
  }
  if (hasDuplicateOrdinal(values)) return { kind: 'notAggregable', reason: 'duplicatePeriod' };
  const count = values.length;
  const chosen = method === 'last' ? [latest(values)].filter((v) => v !== undefined) : values;
  const numerator = chosen.reduce((s, v) => s + v.numerator, 0);
  const denominator = chosen.reduce((s, v) => s + v.denominator, 0);
  return { kind: 'ratio', numerator, denominator, percent: percentOf(numerator, denominator), count };
}

/**
 * The children of a unit by value type. A `number` (days, scores, index values) has no rule in DOMAIN.md §4,
 * so its method must be stated; a `percent` carries no denominator and cannot be combined.
 */
export type RollUpInput =
  | { valueType: 'count' | 'money'; children: readonly number[] }
  | { valueType: 'number'; children: readonly number[]; method?: 'sum' | 'average' | undefined }
  | { valueType: 'percent'; children: readonly number[] }
  | { valueType: 'ratio'; children: readonly RatioParts[] }
  | { valueType: 'boolean'; children: readonly boolean[] };

/**
 * A unit's value rolled up from its children, typed by what it is: a sum, an (unweighted) average, a ratio's
 * summed parts, or counts of true/false; `unitCount` is how many children it came from.
 */
export type RollUp =
  | { kind: 'sum'; value: number; unitCount: number }
  | { kind: 'average'; value: number; unitCount: number }
  | (RatioTotal & { unitCount: number })
  | { kind: 'booleanCount'; trueCount: number; falseCount: number; unitCount: number }
  | NotAggregable;

function sumOf(children: readonly number[]): number {
  return children.reduce((s, v) => s + v, 0);
}

/**
 * Rolls the values of child units up to their parent (DOMAIN.md §4): `count` and `money` sum; `ratio` sums
 * numerators and denominators (shown as 100 × Σnum / Σden); `boolean` counts the children with true against
 * all children; `number` sums or averages as stated; `percent` is not aggregable (record it as a ratio).
 */
export function rollUp(input: RollUpInput): RollUp {
  if (input.valueType === 'percent') return { kind: 'notAggregable', reason: 'percentNotAggregable' };
  const unitCount = input.children.length;
  if (unitCount === 0) return { kind: 'notAggregable', reason: 'noValues' };
  switch (input.valueType) {
    case 'boolean': {
      const trueCount = input.children.filter((c) => c).length;
      return { kind: 'booleanCount', trueCount, falseCount: unitCount - trueCount, unitCount };
    }
    case 'ratio': {
      if (input.children.some((c) => !Number.isFinite(c.numerator) || !Number.isFinite(c.denominator))) {
        return { kind: 'notAggregable', reason: 'invalidValue' };
      }
      const numerator = sumOf(input.children.map((c) => c.numerator));
      const denominator = sumOf(input.children.map((c) => c.denominator));
      return { kind: 'ratio', numerator, denominator, percent: percentOf(numerator, denominator), unitCount };
    }
    case 'count':
    case 'money':
    case 'number': {
      if (!input.children.every(Number.isFinite)) return { kind: 'notAggregable', reason: 'invalidValue' };
      const method = input.valueType === 'number' ? input.method : 'sum';
      if (method === undefined) return { kind: 'notAggregable', reason: 'numberMethodNotStated' };
      const total = sumOf(input.children);
      return method === 'sum'
        ? { kind: 'sum', value: total, unitCount }
        : { kind: 'average', value: total / unitCount, unitCount };
    }
  }
}
