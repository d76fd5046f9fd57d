import { insertAuditRows } from '../../store/audit.queries.js';
import { auditEntry } from '../audit-entry.js';
import { AppError } from '../../domain/app-error.js';
import { insertTaskNote } from '../../store/tasks.queries.js';
import type { Actor, AppContext } from '../context.js';
import { referenceDate, resolveTaskFor, toTaskDetail } from './task-view.js';
import type { TaskDetail } from '../../contract/tasks.js';

/**
 * Adds a dated progress note to a task (docs/domain.md §7), written by the actor, dated today in Vietnam unless a date
 * is given. Progress is reported by the lead unit, so values:write on it suffices; audited.
 */
export async function addTaskNote(
  ctx: AppContext,
  actor: Actor,
  input: { code: string; text: string; date?: string },
): Promise<TaskDetail> {
  const text = input.text.trim();
  if (text === '') {
    throw new AppError('badInput', { vi: 'Ghi chú tiến độ trống.', en: 'The progress note is empty.' }, [
      { field: 'text', message_vi: 'Thiếu nội dung.', message_en: 'The text is missing.' },
    ]);
  }
  const date = referenceDate(ctx, input.date, 'date');
  return ctx.db.transaction(async (tx) => {
    const task = await resolveTaskFor(tx, actor, input.code, 'values:write');
    const note = await insertTaskNote(tx, { taskId: task.id, date, author: actor.name, text });
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'task_note',
        entityKey: `${task.code}#${note.id}`,
        provinceCode: task.provinceCode,
        oldData: null,
        newData: { task: task.code, date, author: actor.name, text },
      }),
    ]);
    return toTaskDetail(tx, task, referenceDate(ctx, undefined));
  });
}
