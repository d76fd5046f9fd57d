// The `indicators` sheet (docs/domain.md §4).
import { z } from 'zod';
import { codeCell, enumCell, textCell } from '../cells.js';
import type { IndicatorRecord } from '../records.js';

/** A row of `indicators`: code, names, value type, and the optional unit, direction, aggregation and group. */
export const indicatorsRow = () =>
  z.object({
    code: codeCell(),
    name_vi: textCell(),
    name_en: textCell().optional(),
    value_type: enumCell('valueType'),
    unit: textCell().optional(),
    direction: enumCell('direction').optional(),
    time_aggregation: enumCell('timeAggregation').optional(),
    group: codeCell().optional(),
  });

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
});
