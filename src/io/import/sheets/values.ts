// The `values` sheet (docs/domain.md §4).
import { z } from 'zod';
import { codeCell, numberCell, periodCell, textCell, unitRefCell, valueInputCell } from '../cells.js';
import { COMMENT_MAX } from '../format.js';
import type { ValueRecord } from '../records.js';
import { withRowRule } from './rule.js';

const VALUE_COLUMNS = ['value', 'numerator', 'denominator'] as const;

/**
 * A row of `values`: indicator, unit, period, and at least one of value, numerator and denominator (whether they
 * suit the indicator is validateValue's to say). PRESENT: the columns the sheet has; when it has none of the
 * three, its header row says so once (parse.ts) rather than every row.
 */
export const valuesRow = (present: ReadonlySet<string>) =>
  withRowRule(
    z.object({
      indicator_code: codeCell(),
      unit_code: unitRefCell(),
      period: periodCell(),
      value: valueInputCell().optional(),
      numerator: numberCell().optional(),
      denominator: numberCell().optional(),
      comment: textCell(COMMENT_MAX).optional(),
    }),
    (r, fail, failed) => {
      const given = VALUE_COLUMNS.some((c) => r[c] !== undefined || failed.has(c));
      if (!given && VALUE_COLUMNS.some((c) => present.has(c))) {
        fail(
          'value',
          'Chưa có giá trị (hoặc tử số và mẫu số với chỉ tiêu kiểu tỷ số).',
          'There is no value (nor a numerator and denominator, for a ratio indicator).',
        );
      } else if (!given) {
        fail('value');
      }
    },
  );

export const valueRecord = (d: z.output<ReturnType<typeof valuesRow>>, row: number): ValueRecord => ({
  row,
  indicatorCode: d.indicator_code,
  unitCode: d.unit_code,
  period: d.period,
  value: d.value ?? null,
  numerator: d.numerator ?? null,
  denominator: d.denominator ?? null,
  comment: d.comment ?? null,
});
