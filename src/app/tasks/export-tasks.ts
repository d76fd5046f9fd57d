import { writeTasksWorkbook } from '../../io/tasks-workbook.js';
import type { Actor, AppContext } from '../context.js';
import { listTasks, type TaskListInput } from './list-tasks.js';

/**
 * The tasks the actor may read, filtered as a list is, as an .xlsx workbook in the import format's `tasks` sheet
 * (docs/tasks.md): filled in and imported back, it changes those tasks. Supporting units, progress notes, links and
 * a project's budget and approval are not columns of that sheet and stay as they are.
 */
export async function exportTasks(
  ctx: AppContext,
  actor: Actor,
  input: Omit<TaskListInput, 'limit' | 'offset'>,
): Promise<{ fileName: string; bytes: Uint8Array; count: number }> {
  const { at, tasks } = await listTasks(ctx, actor, { ...input, limit: 10_000 });
  const bytes = await writeTasksWorkbook(
    tasks.map((t) => ({
      code: t.code,
      programme: t.programme,
      title: t.title,
      leadUnitCode: t.leadUnit.code,
      start: t.start,
      due: t.due,
      recurring: t.recurring,
      status: t.status,
      note: t.note,
    })),
    { created: ctx.now() },
  );
  const scope = [input.programme, input.unit].filter((s): s is string => s !== undefined);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return { fileName: ['tasks', ...scope.map(safe), at].join('_') + '.xlsx', bytes, count: tasks.length };
}
