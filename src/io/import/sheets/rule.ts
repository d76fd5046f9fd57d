// What every sheet's row schema shares: a row rule, run once every cell is read, that checks cells against each
// other (a plan ending before it starts) and sees only the cells that read well.
import type { z } from 'zod';

/**
 * Refuses a cell of the row, naming its column (a column name of the sheet); without a message, the row is
 * refused silently (what is wrong was said once for the whole sheet).
 */
export type FailCell = (column: string, message_vi?: string, message_en?: string) => void;

/**
 * SCHEMA with a row RULE: the rule gets the cells that read well (a cell that failed, or is empty, is absent),
 * `fail` to refuse a cell, and the columns of the cells that failed.
 */
export function withRowRule<S extends z.ZodObject>(
  schema: S,
  rule: (cells: Partial<z.output<S>>, fail: FailCell, failed: ReadonlySet<string>) => void,
): S {
  return schema.superRefine(
    (value, ctx) => {
      const failed = new Set(ctx.issues.map((i) => String(i.path?.[0])));
      const cells: Partial<z.output<S>> = { ...value };
      for (const column of failed) Reflect.deleteProperty(cells, column);
      rule(
        cells,
        (column, message_vi, message_en) => {
          const params =
            message_vi === undefined || message_en === undefined
              ? { rule: true, silent: true }
              : { rule: true, message_vi, message_en };
          ctx.addIssue({ code: 'custom', message: message_en ?? '', params, path: [column], input: value });
        },
        failed,
      );
    },
    // Also when a cell failed: the rule sees the cells that read well.
    { when: () => true },
  ) as unknown as S;
}
