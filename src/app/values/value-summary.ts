import type { ValueType } from '../../domain/aggregate.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { ValueListRow } from '../../store/values.queries.js';

/** A stored number shown as its value type reads it: booleans stored 1/0 become true/false (docs/domain.md §4). */
export function fromStored(valueType: ValueType, n: number | null): number | boolean | null {
  if (n === null) return null;
  return valueType === 'boolean' ? n !== 0 : n;
}

/** A value as the API and CLI show it: codes as users write them, the version to send back when editing. */
export interface ValueSummary {
  indicator: string;
  unit: string;
  unitName: string;
  period: string;
  valueType: ValueType;
  value: number | boolean | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  version: number;
  source: string;
  updatedBy: string | null;
  updatedAt: string;
}

export function toValueSummary(row: ValueListRow): ValueSummary {
  return {
    indicator: row.indicatorCode,
    unit: formatUnitRef({ set: row.unitSet, code: row.unitCode }),
    unitName: row.unitName,
    period: row.period,
    valueType: row.valueType,
    value: fromStored(row.valueType, row.value),
    numerator: row.numerator,
    denominator: row.denominator,
    comment: row.comment,
    version: row.version,
    source: row.source,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}
