// The `targets` sheet (docs/domain.md §5).
import { z } from 'zod';
import { comparePeriods } from '../../../domain/period.js';
import { codeCell, periodCell, textCell, unitRefCell, valueInputCell } from '../cells.js';
import { COMMENT_MAX } from '../format.js';
import type { TargetRecord } from '../records.js';
import { withRowRule } from './rule.js';

/** A row of `targets`: plan, indicator, unit, period and target; a baseline's period comes before the target's. */
export const targetsRow = () =>
  withRowRule(
    z.object({
      plan_code: codeCell(),
      indicator_code: codeCell(),
      unit_code: unitRefCell(),
      period: periodCell(),
      target: valueInputCell(),
      baseline: valueInputCell().optional(),
      baseline_period: periodCell().optional(),
      lead_unit_code: unitRefCell().optional(),
      note: textCell(COMMENT_MAX).optional(),
    }),
    (r, fail, failed) => {
      const base = r.baseline_period;
      if (base !== undefined && r.baseline === undefined && !failed.has('baseline')) {
        fail(
          'baseline_period',
          'Có kỳ cơ sở nhưng thiếu giá trị cơ sở.',
          'A baseline period is given without a baseline value.',
        );
      } else if (base !== undefined && r.period !== undefined && comparePeriods(base, r.period) >= 0) {
        fail(
          'baseline_period',
          `Kỳ cơ sở ${base.id} phải trước kỳ của mục tiêu ${r.period.id}.`,
          `The baseline period ${base.id} must come before the target's period ${r.period.id}.`,
        );
      }
    },
  );

export const targetRecord = (d: z.output<ReturnType<typeof targetsRow>>, row: number): TargetRecord => ({
  row,
  planCode: d.plan_code,
  indicatorCode: d.indicator_code,
  unitCode: d.unit_code,
  period: d.period,
  target: d.target,
  baseline: d.baseline ?? null,
  baselinePeriod: d.baseline_period ?? null,
  leadUnitCode: d.lead_unit_code ?? null,
  note: d.note ?? null,
});
