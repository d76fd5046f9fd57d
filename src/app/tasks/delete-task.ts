import { insertAuditRows } from '../../store/audit.queries.js';
import { auditEntry } from '../audit-entry.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { deleteTaskRow, findTaskByCode } from '../../store/tasks.queries.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { auditTask, taskNotFound } from './task-view.js';

/**
 * Deletes a task with its notes, links and supporting units (DOMAIN.md §7); requires plans:manage on the lead unit
 * and keeps the deleted task in the audit log.
 */
export async function deleteTask(
  ctx: AppContext,
  actor: Actor,
  input: { code: string },
): Promise<{ code: string; deleted: true }> {
  return ctx.db.transaction(async (tx) => {
    const old = await findTaskByCode(tx, input.code);
    if (!old) throw taskNotFound(input.code);
    authorize(
      actor,
      'plans:manage',
      old.leadUnitPath,
      formatUnitRef({ set: old.leadUnitSet, code: old.leadUnitCode }),
    );
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
