import type { AggregateRequest, AggregateResult } from '../../src/store/aggregate.queries.js';
import type { Queryable } from '../../src/store/db.js';

// The roll-up rule of docs/domain.md §4 and docs/evaluation.md ("How an actual is computed"), written out value by
// value in TypeScript, as plainly as it is stated: the oracle the database's answers (rollup rows and values alike)
// are checked against in src/store/value-rollup.test.ts. Slow on purpose: every request looks at every value.

interface RefValue {
  indicatorId: number;
  unitId: number;
  ancestors: number[];
  start: string;
  end: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

interface RefIndicator {
  valueType: string;
  timeAggregation: string;
}

/** Everything the oracle needs, read once from the database. */
export interface RuleData {
  values: RefValue[];
  indicators: Map<number, RefIndicator>;
}

const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

export async function readRuleData(q: Queryable): Promise<RuleData> {
  const values = await q.query<{
    indicator_id: number;
    unit_id: number;
    path: string;
    start: string;
    end: string;
    value: unknown;
    numerator: unknown;
    denominator: unknown;
  }>(
    `SELECT d.indicator_id::int, d.unit_id::int, u.path, d.period_start::text AS start, d.period_end::text AS end,
            d.value, d.numerator, d.denominator
     FROM data_value d JOIN unit u ON u.id = d.unit_id`,
  );
  const indicators = await q.query<{ id: number; value_type: string; time_aggregation: string }>(
    'SELECT id::int, value_type, time_aggregation FROM indicator',
  );
  return {
    values: values.map((v) => ({
      indicatorId: Number(v.indicator_id),
      unitId: Number(v.unit_id),
      ancestors: v.path.split('/').filter(Boolean).map(Number),
      start: v.start,
      end: v.end,
      value: num(v.value),
      numerator: num(v.numerator),
      denominator: num(v.denominator),
    })),
    indicators: new Map(
      indicators.map((i) => [Number(i.id), { valueType: i.value_type, timeAggregation: i.time_aggregation }]),
    ),
  };
}

const months = (start: string, end: string) =>
  Number(end.slice(0, 4)) * 12 +
  Number(end.slice(5, 7)) -
  (Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7))) +
  1;

const sumOf = (xs: (number | null)[]): number | null => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
};

/** The answer to one request by the rule as the documents state it. */
export function referenceAnswer(data: RuleData, request: AggregateRequest): AggregateResult {
  const indicator = data.indicators.get(request.indicatorId);
  if (!indicator) throw new Error(`no indicator ${request.indicatorId}`);
  // 1. Candidates: values at the unit or below it, for periods inside the request's.
  const cand = data.values.filter(
    (v) =>
      v.indicatorId === request.indicatorId &&
      v.ancestors.includes(request.unitId) &&
      v.start >= request.periodStart &&
      v.start <= request.periodEnd &&
      v.end <= request.periodEnd,
  );
  // 2. Entered wins over derived, at every level: dropped when another candidate at the same unit or a unit
  //    above it (still within the request's unit) covers its period.
  const used = cand.filter(
    (v) =>
      !cand.some((w) => w !== v && v.ancestors.includes(w.unitId) && w.start <= v.start && w.end >= v.end),
  );
  // 3. Over time, per unit.
  const byUnit = new Map<number, RefValue[]>();
  for (const v of used) byUnit.set(v.unitId, [...(byUnit.get(v.unitId) ?? []), v]);
  const perUnit = [...byUnit.entries()].map(([unitId, vs]) => {
    const latest = [...vs].sort((a, b) => (a.end < b.end ? 1 : -1))[0] as RefValue;
    const last = indicator.timeAggregation === 'last';
    const v =
      indicator.valueType === 'boolean' || last
        ? latest.value
        : indicator.timeAggregation === 'sum'
          ? sumOf(vs.map((x) => x.value))
          : (() => {
              const weighted = sumOf(
                vs.map((x) => (x.value === null ? null : x.value * months(x.start, x.end))),
              );
              const m = vs.reduce((a, x) => a + months(x.start, x.end), 0);
              return weighted === null || m === 0 ? null : weighted / m;
            })();
    return {
      unitId,
      n: vs.length,
      v,
      num: last ? latest.numerator : sumOf(vs.map((x) => x.numerator)),
      den: last ? latest.denominator : sumOf(vs.map((x) => x.denominator)),
      lastEnd: vs.reduce((a, x) => (x.end > a ? x.end : a), ''),
      exact: vs.some((x) => x.start === request.periodStart && x.end === request.periodEnd),
    };
  });
  // 4. Up the tree, by value type; 5. percent and number take the unit's own values only.
  const own = perUnit.filter((p) => p.unitId === request.unitId);
  const ownOnly = indicator.valueType === 'percent' || indicator.valueType === 'number';
  const unitsAll = perUnit.length;
  const valuesAll = perUnit.reduce((a, p) => a + p.n, 0);
  const valuesOwn = own.reduce((a, p) => a + p.n, 0);
  const trueCount = perUnit.filter((p) => p.v !== null && p.v !== 0).length;
  const numSum = sumOf(perUnit.map((p) => p.num));
  const denSum = sumOf(perUnit.map((p) => p.den));
  const vSum = sumOf(perUnit.map((p) => p.v));
  const vOwn = own[0]?.v ?? null;
  const lastAll = perUnit.reduce<string | null>(
    (a, p) => (a === null || p.lastEnd > a ? p.lastEnd : a),
    null,
  );
  const lastOwn = own[0]?.lastEnd ?? null;
  const boolean = indicator.valueType === 'boolean';
  const value =
    indicator.valueType === 'ratio'
      ? numSum !== null && denSum !== null && denSum !== 0
        ? (100 * numSum) / denSum
        : null
      : boolean
        ? unitsAll > 0
          ? trueCount
          : null
        : ownOnly
          ? vOwn
          : vSum;
  const valueCount = ownOnly ? valuesOwn : valuesAll;
  const gap =
    indicator.valueType === 'ratio' && unitsAll > 0 && denSum === 0
      ? 'zeroDenominator'
      : indicator.valueType === 'percent' && own.length === 0 && unitsAll > 0
        ? 'percentNotAggregable'
        : indicator.valueType === 'number' && own.length === 0 && unitsAll > 0
          ? 'numberMethodNotStated'
          : null;
  return {
    key: request.key,
    value,
    numerator: indicator.valueType === 'ratio' ? numSum : boolean && unitsAll > 0 ? trueCount : null,
    denominator: indicator.valueType === 'ratio' ? denSum : boolean && unitsAll > 0 ? unitsAll : null,
    source: own.some((p) => p.exact) ? 'entered' : valueCount > 0 ? 'derived' : null,
    valueCount,
    unitCount: ownOnly ? own.length : unitsAll,
    ignoredCount: ownOnly ? valuesAll - valuesOwn : 0,
    lastEnd: ownOnly ? lastOwn : lastAll,
    gap,
  };
}

/** The database's answer and the oracle's, with numbers compared to 9 significant digits. */
export function sameAnswer(a: AggregateResult, b: AggregateResult): boolean {
  const close = (x: number | null, y: number | null) =>
    x === null || y === null ? x === y : Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return (
    a.key === b.key &&
    close(a.value, b.value) &&
    close(a.numerator, b.numerator) &&
    close(a.denominator, b.denominator) &&
    a.source === b.source &&
    a.valueCount === b.valueCount &&
    a.unitCount === b.unitCount &&
    a.ignoredCount === b.ignoredCount &&
    a.lastEnd === b.lastEnd &&
    a.gap === b.gap
  );
}
