// The `plans` sheet (docs/domain.md §5).
import { z } from 'zod';
import { codeCell, textCell, unitRefCell, yearCell } from '../cells.js';
import type { PlanRecord } from '../records.js';
import { withRowRule } from './rule.js';

/** A row of `plans`: code, name, unit, and a start year no later than its end year. */
export const plansRow = () =>
  withRowRule(
    z.object({
      code: codeCell(),
      name: textCell(),
      unit_code: unitRefCell(),
      start_year: yearCell(),
      end_year: yearCell(),
    }),
    (r, fail) => {
      if (r.start_year !== undefined && r.end_year !== undefined && r.end_year < r.start_year) {
        fail(
          'end_year',
          `Năm kết thúc ${r.end_year} trước năm bắt đầu ${r.start_year}.`,
          `The end year ${r.end_year} is before the start year ${r.start_year}.`,
        );
      }
    },
  );

export const planRecord = (d: z.output<ReturnType<typeof plansRow>>, row: number): PlanRecord => ({
  row,
  code: d.code,
  name: d.name,
  unitCode: d.unit_code,
  startYear: d.start_year,
  endYear: d.end_year,
});
