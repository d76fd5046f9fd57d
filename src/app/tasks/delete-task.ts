import { insertAuditRows } from '../../store/audit.queries.js';
import { auditEntry } from '../audit-entry.js';
import { deleteTaskRow } from '../../store/tasks.queries.js';
import type { Actor, AppContext } from '../context.js';
import { auditTask, resolveTaskFor } from './task-view.js';

/**
 * Deletes a task with its notes, links and supporting units (docs/domain.md §7); requires plans:manage on the lead unit
 * and keeps the deleted task in the audit log.
 */
export async function deleteTask(
  ctx: AppContext,
  actor: Actor,
  input: { code: string },
): Promise<{ code: string; deleted: true }> {
  return ctx.db.transaction(async (tx) => {
    const old = await resolveTaskFor(tx, actor, input.code, 'plans:manage');
    await deleteTaskRow(tx, old.id);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'delete',
        entity: 'task',
        entityKey: old.code,
        provinceCode: old.provinceCode,
        oldData: auditTask(old),
        newData: null,
      }),
    ]);
    return { code: old.code, deleted: true as const };
  });
}
