import {
  rollUp,
  rollupTree,
  type RollupIndicator,
  type RollupTree,
  type RollupValue,
} from '../../src/domain/rollup-reference.js';
import type { TimeAggregation, ValueType } from '../../src/domain/aggregate.js';
import type { AggregateRequest, AggregateResult } from '../../src/store/aggregate.queries.js';
import type { Queryable } from '../../src/store/db.js';

// A database's units, indicators and values read once, for the roll-up rule's reference implementation
// (src/domain/rollup-reference.ts) to answer the requests the database answered.

/** Everything the reference needs, read once from the database. */
export interface RuleData {
  tree: RollupTree;
  indicators: Map<number, RollupIndicator>;
  values: Map<number, RollupValue[]>;
}

const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

export async function readRuleData(q: Queryable): Promise<RuleData> {
  const units = await q.query<{ id: number; parent_id: number | null }>('SELECT id, parent_id FROM unit');
  const indicators = await q.query<{ id: number; value_type: ValueType; time_aggregation: TimeAggregation }>(
    'SELECT id, value_type, time_aggregation FROM indicator',
  );
  const rows = await q.query<{
    indicator_id: number;
    unit_id: number;
    start: string;
    end: string;
    value: unknown;
    numerator: unknown;
    denominator: unknown;
  }>(
    `SELECT indicator_id, unit_id, period_start::text AS start, period_end::text AS end, value, numerator,
            denominator
     FROM data_value`,
  );
  const values = new Map<number, RollupValue[]>();
  for (const r of rows) {
    const list = values.get(Number(r.indicator_id)) ?? [];
    list.push({
      unitId: Number(r.unit_id),
      periodStart: r.start,
      periodEnd: r.end,
      value: num(r.value),
      numerator: num(r.numerator),
      denominator: num(r.denominator),
    });
    values.set(Number(r.indicator_id), list);
  }
  return {
    tree: rollupTree(
      units.map((u) => ({ id: Number(u.id), parentId: u.parent_id === null ? null : Number(u.parent_id) })),
    ),
    indicators: new Map(
      indicators.map((i) => [Number(i.id), { valueType: i.value_type, timeAggregation: i.time_aggregation }]),
    ),
    values,
  };
}

/** The reference implementation's answer to one request. */
export function referenceAnswer(data: RuleData, request: AggregateRequest): AggregateResult {
  const indicator = data.indicators.get(request.indicatorId);
  if (!indicator) throw new Error(`no indicator ${request.indicatorId}`);
  return rollUp(data.tree, indicator, data.values.get(request.indicatorId) ?? [], request);
}

/** The database's answer and the reference's, with numbers compared to a relative 10⁻⁹. */
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
