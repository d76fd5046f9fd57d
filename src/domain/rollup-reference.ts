import type { TimeAggregation, ValueType } from './aggregate.js';

/**
 * The roll-up rule of docs/domain.md §4 (step by step in docs/evaluation.md, "How an actual is computed"), written
 * plainly over arrays: the reference the database's computation (src/store/aggregate.queries.ts, the rollup rows
 * of migration 0008) is tested against. It computes one answer at a time and looks at every value for it, so it
 * is meant for tests and small data, not for an evaluation.
 *
 * Dates are ISO texts (`YYYY-MM-DD`), compared as texts. Where the database's arithmetic decides an edge (a null
 * in a sum, a null latest value), this code does what the SQL does, and says so where it does it.
 */

/** A unit of the tree: its id and its parent's (null for a root). */
export interface RollupUnit {
  readonly id: number;
  readonly parentId: number | null;
}

/** How an indicator combines its values: over time, then up the tree. */
export interface RollupIndicator {
  readonly valueType: ValueType;
  readonly timeAggregation: TimeAggregation;
}

/**
 * A stored value of the indicator: the unit, the first and last day of its period, and what was entered (a
 * boolean as 1 or 0; a ratio as numerator and denominator). At least the value or both parts are present.
 */
export interface RollupValue {
  readonly unitId: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
}

/** What is asked: the indicator's value at a unit over a period (first and last day). */
export interface RollupRequest {
  readonly key: number;
  readonly unitId: number;
  readonly periodStart: string;
  readonly periodEnd: string;
}

/** Why an answer has no value although values exist below the unit. */
export type RollupGap = 'percentNotAggregable' | 'numberMethodNotStated' | 'zeroDenominator' | null;

/**
 * The answer, field for field the shape of the database's (AggregateResult in src/store/aggregate.queries.ts):
 * `value` by the value type; `numerator`/`denominator` a ratio's summed parts, or a boolean's true count and
 * unit count; `source` entered (a value at exactly the unit and period) or derived (values were used) or null;
 * `valueCount`/`unitCount` the values used and their units; `ignoredCount` the values below a percent or
 * number left out; `lastEnd` the last day of the latest value used; `gap` why there is no value.
 */
export interface RollupResult {
  key: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: 'entered' | 'derived' | null;
  valueCount: number;
  unitCount: number;
  ignoredCount: number;
  lastEnd: string | null;
  gap: RollupGap;
}

/** A unit tree ready for look-ups: every unit's ancestors, root first, the unit itself last. */
export interface RollupTree {
  readonly lineage: ReadonlyMap<number, readonly number[]>;
}

/** Builds the look-ups of a unit tree. Throws on a parent that is not in the list or on a cycle (test data). */
export function rollupTree(units: readonly RollupUnit[]): RollupTree {
  const parents = new Map(units.map((u) => [u.id, u.parentId]));
  const lineage = new Map<number, number[]>();
  for (const unit of units) {
    const line: number[] = [];
    let at: number | null = unit.id;
    while (at !== null) {
      if (line.includes(at)) throw new Error(`unit ${unit.id}: its parents make a cycle`);
      line.unshift(at);
      const parent = parents.get(at);
      if (parent === undefined) throw new Error(`unit ${at}: not in the tree`);
      at = parent;
    }
    lineage.set(unit.id, line);
  }
  return { lineage };
}

function lineageOf(tree: RollupTree, unitId: number): readonly number[] {
  const line = tree.lineage.get(unitId);
  if (!line) throw new Error(`unit ${unitId}: not in the tree`);
  return line;
}

/** Months a period spans, both ends' months counted (a quarter is 3, a year 12). */
export function monthsSpanned(periodStart: string, periodEnd: string): number {
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  return index(periodEnd) - index(periodStart) + 1;
}

const covers = (outer: RollupValue, inner: RollupValue): boolean =>
  outer.periodStart <= inner.periodStart && outer.periodEnd >= inner.periodEnd;

/** Σ of the present numbers; null when none is present (SQL's sum ignores nulls and is null over nothing). */
function sumPresent(numbers: readonly (number | null)[]): number | null {
  let sum: number | null = null;
  for (const n of numbers) if (n !== null) sum = (sum ?? 0) + n;
  return sum;
}

/** The latest of dates, or null for none. */
function latest(dates: readonly (string | null)[]): string | null {
  let max: string | null = null;
  for (const d of dates) if (d !== null && (max === null || d > max)) max = d;
  return max;
}

/**
 * A unit's values at the same unit with none covering another: sorted by start, longer first, a value is kept
 * when its end lies after every end before it. Two values of one unit never share a period (one value per
 * unit and period), so the order is total.
 */
function uncoveredAtUnit(values: readonly RollupValue[]): RollupValue[] {
  const sorted = [...values].sort((a, b) =>
    a.periodStart === b.periodStart
      ? a.periodEnd < b.periodEnd
        ? 1
        : a.periodEnd > b.periodEnd
          ? -1
          : 0
      : a.periodStart < b.periodStart
        ? -1
        : 1,
  );
  const kept: RollupValue[] = [];
  let coveredTo: string | null = null;
  for (const v of sorted) {
    if (coveredTo === null || coveredTo < v.periodEnd) kept.push(v);
    if (coveredTo === null || v.periodEnd > coveredTo) coveredTo = v.periodEnd;
  }
  return kept;
}

/** One unit's used values combined over time (step 3). */
interface PerUnit {
  unitId: number;
  count: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lastEnd: string;
  exact: boolean;
}

function overTime(
  indicator: RollupIndicator,
  unitId: number,
  used: readonly RollupValue[],
  request: RollupRequest,
): PerUnit {
  // The latest value: what remains at a unit does not overlap, so period ends differ.
  const newest = used.reduce((a, b) => (b.periodEnd > a.periodEnd ? b : a));
  const takesLatest = indicator.valueType === 'boolean' || indicator.timeAggregation === 'last';
  let value: number | null;
  if (takesLatest) {
    // The latest value as stored, even when it is null (a ratio entered by its parts): the SQL takes the first
    // element of the values ordered by period end, not the latest non-null one.
    value = newest.value;
  } else if (indicator.timeAggregation === 'sum') {
    value = sumPresent(used.map((v) => v.value));
  } else {
    // Σ value × months / Σ months. As in the SQL, a null value adds nothing above the line but its months below it
    // (sum(value * months) / sum(months)); with no value at all the mean is null.
    const weighted = sumPresent(
      used.map((v) => (v.value === null ? null : v.value * monthsSpanned(v.periodStart, v.periodEnd))),
    );
    const months = used.reduce((s, v) => s + monthsSpanned(v.periodStart, v.periodEnd), 0);
    value = weighted === null || months === 0 ? null : weighted / months;
  }
  const last = indicator.timeAggregation === 'last';
  return {
    unitId,
    count: used.length,
    value,
    numerator: last ? newest.numerator : sumPresent(used.map((v) => v.numerator)),
    denominator: last ? newest.denominator : sumPresent(used.map((v) => v.denominator)),
    lastEnd: newest.periodEnd,
    exact: used.some((v) => v.periodStart === request.periodStart && v.periodEnd === request.periodEnd),
  };
}

/** The values a request uses, by unit (steps 1 and 2 of docs/evaluation.md). */
function usedValues(
  tree: RollupTree,
  values: readonly RollupValue[],
  request: RollupRequest,
): Map<number, RollupValue[]> {
  const requestDepth = lineageOf(tree, request.unitId).length - 1;
  // Step 1: inside the period, at the unit or below it.
  const candidates = values.filter(
    (v) =>
      v.periodStart >= request.periodStart &&
      v.periodEnd <= request.periodEnd &&
      lineageOf(tree, v.unitId).includes(request.unitId),
  );
  const byUnit = new Map<number, RollupValue[]>();
  for (const v of candidates) byUnit.set(v.unitId, [...(byUnit.get(v.unitId) ?? []), v]);
  const used = new Map<number, RollupValue[]>();
  for (const [unitId, atUnit] of byUnit) {
    // Step 2 at the same unit, then from above: a value of a unit strictly above this one but at or below the
    // unit asked for that covers the period wins.
    const above = lineageOf(tree, unitId).slice(requestDepth, -1);
    const kept = uncoveredAtUnit(atUnit).filter(
      (v) => !above.some((a) => (byUnit.get(a) ?? []).some((d) => covers(d, v))),
    );
    if (kept.length > 0) used.set(unitId, kept);
  }
  return used;
}

/**
 * The indicator's value at the request's unit over its period, from the given values of that indicator
 * (docs/domain.md §4): values inside the period at or below the unit; a value covered by another at the same
 * unit, or at a unit above it still within the one asked for, is left out; what remains is combined per unit
 * over time by the time aggregation, then up the tree by the value type.
 */
export function rollUp(
  tree: RollupTree,
  indicator: RollupIndicator,
  values: readonly RollupValue[],
  request: RollupRequest,
): RollupResult {
  const perUnit = [...usedValues(tree, values, request)].map(([unitId, used]) =>
    overTime(indicator, unitId, used, request),
  );
  const own = perUnit.find((p) => p.unitId === request.unitId);
  const unitsAll = perUnit.length;
  const valuesAll = perUnit.reduce((s, p) => s + p.count, 0);
  const ownOnly = indicator.valueType === 'percent' || indicator.valueType === 'number';
  const numSum = sumPresent(perUnit.map((p) => p.numerator));
  const denSum = sumPresent(perUnit.map((p) => p.denominator));
  // A unit counts as true when its value is present and not 0 (SQL: count(*) FILTER (WHERE v <> 0)).
  const trueCount = perUnit.filter((p) => p.value !== null && p.value !== 0).length;

  let value: number | null;
  let numerator: number | null = null;
  let denominator: number | null = null;
  switch (indicator.valueType) {
    case 'ratio':
      value = numSum === null || denSum === null || denSum === 0 ? null : (100 * numSum) / denSum;
      numerator = numSum;
      denominator = denSum;
      break;
    case 'boolean':
      value = unitsAll > 0 ? trueCount : null;
      numerator = value;
      denominator = unitsAll > 0 ? unitsAll : null;
      break;
    case 'percent':
    case 'number':
      value = own?.value ?? null;
      break;
    default:
      value = sumPresent(perUnit.map((p) => p.value));
  }

  const valueCount = ownOnly ? (own?.count ?? 0) : valuesAll;
  let gap: RollupGap = null;
  // A denominator summing to 0 is a gap; one that is absent (no parts entered) is not (SQL: den_sum = 0 on null).
  if (indicator.valueType === 'ratio' && unitsAll > 0 && denSum === 0) gap = 'zeroDenominator';
  else if (indicator.valueType === 'percent' && !own && unitsAll > 0) gap = 'percentNotAggregable';
  else if (indicator.valueType === 'number' && !own && unitsAll > 0) gap = 'numberMethodNotStated';

  return {
    key: request.key,
    value,
    numerator,
    denominator,
    source: own?.exact ? 'entered' : valueCount > 0 ? 'derived' : null,
    valueCount,
    unitCount: ownOnly ? (own ? 1 : 0) : unitsAll,
    ignoredCount: ownOnly ? valuesAll - (own?.count ?? 0) : 0,
    lastEnd: ownOnly ? (own?.lastEnd ?? null) : latest(perUnit.map((p) => p.lastEnd)),
    gap,
  };
}
