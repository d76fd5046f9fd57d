// The `tasks` sheet (docs/domain.md §7).
import { z } from 'zod';
import { validateTask } from '../../../domain/task-status.js';
import { formatUnitRef } from '../../../domain/unit-ref.js';
import { booleanCell, codeCell, dateCell, enumCell, textCell, unitRefCell } from '../cells.js';
import { COMMENT_MAX } from '../format.js';
import type { TaskRecord } from '../records.js';
import { withRowRule } from './rule.js';

/** The column of each field validateTask names. */
const TASK_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  code: 'code',
  programme: 'programme',
  leadUnitCode: 'lead_unit_code',
  status: 'status',
  recurring: 'recurring',
  start: 'start',
  due: 'due',
};

/** A row of `tasks`, consistent as validateTask requires (a recurring task has no due date…). */
export const tasksRow = () =>
  withRowRule(
    z.object({
      code: codeCell(),
      programme: textCell(),
      title: textCell(),
      lead_unit_code: unitRefCell(),
      start: dateCell().optional(),
      due: dateCell().optional(),
      recurring: booleanCell().optional(),
      status: enumCell('taskStatus'),
      note: textCell(COMMENT_MAX).optional(),
    }),
    (r, fail, failed) => {
      const { code, programme, lead_unit_code: lead, status } = r;
      if (failed.size > 0 || !code || !programme || !r.title || !lead || !status) return;
      const checked = validateTask({
        code,
        programme,
        leadUnitCode: formatUnitRef(lead),
        status,
        recurring: r.recurring ?? status === 'recurring',
        ...(r.start === undefined ? {} : { start: r.start }),
        due: r.due ?? null,
        kind: 'task',
      });
      if (!checked.ok) {
        for (const p of checked.error) {
          fail(TASK_FIELD_COLUMNS[p.field] ?? String(p.field), p.message_vi, p.message_en);
        }
      }
    },
  );

export const taskRecord = (d: z.output<ReturnType<typeof tasksRow>>, row: number): TaskRecord => ({
  row,
  code: d.code,
  programme: d.programme,
  title: d.title,
  leadUnitCode: d.lead_unit_code,
  start: d.start ?? null,
  due: d.due ?? null,
  recurring: d.recurring ?? d.status === 'recurring',
  status: d.status,
  note: d.note ?? null,
});
