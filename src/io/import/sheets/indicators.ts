// The `indicators` sheet (docs/domain.md §4).
import { z } from 'zod';
import { checkIndicatorBounds } from '../../../domain/validate-value.js';
import { codeCell, enumCell, numberCell, textCell } from '../cells.js';
import type { IndicatorRecord } from '../records.js';
import { withRowRule } from './rule.js';

/**
 * A row of `indicators`: code, names, value type, and the optional unit, direction, aggregation, group and
 * bounds; the bounds are checked against the value type by the rule every entry point applies
 * (checkIndicatorBounds: within the type's own limits, min ≤ max, none for a yes/no indicator).
 */
export const indicatorsRow = () =>
  withRowRule(
    z.object({
      code: codeCell(),
      name_vi: textCell(),
      name_en: textCell().optional(),
      value_type: enumCell('valueType'),
      unit: textCell().optional(),
      direction: enumCell('direction').optional(),
      time_aggregation: enumCell('timeAggregation').optional(),
      group: codeCell().optional(),
      min: numberCell().optional(),
      max: numberCell().optional(),
    }),
    (r, fail) => {
      if (r.value_type === undefined) return;
      for (const p of checkIndicatorBounds(r.value_type, { min: r.min, max: r.max })) {
        fail(p.field, p.message_vi, p.message_en);
      }
    },
  );

export const indicatorRecord = (
  d: z.output<ReturnType<typeof indicatorsRow>>,
  row: number,
): IndicatorRecord => ({
  row,
  code: d.code,
  nameVi: d.name_vi,
  nameEn: d.name_en ?? null,
  valueType: d.value_type,
  unit: d.unit ?? null,
  direction: d.direction ?? null,
  timeAggregation: d.time_aggregation ?? null,
  group: d.group ?? null,
  min: d.min ?? null,
  max: d.max ?? null,
});
