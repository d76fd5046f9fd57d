import { insertAuditRows } from '../../store/audit.queries.js';
import { auditEntry } from '../audit-entry.js';
import { AppError } from '../../domain/app-error.js';
import { changeProjectApproval as nextApproval, type ProjectApprovalState } from '../../domain/project.js';
import { findTaskByCode, updateTaskRow } from '../../store/tasks.queries.js';
import type { Actor, AppContext } from '../context.js';
import { auditTask, referenceDate, resolveTaskFor, toTaskDetail } from './task-view.js';
import type { TaskDetail } from '../../contract/tasks.js';

/**
 * Moves a project's approval state as the transition table allows (drafted → submitted → approved | rejected,
 * rejected → drafted | submitted; docs/domain.md §7), stamping the date of the step (today in Vietnam unless given);
 * plans:manage on the lead unit; audited.
 */
export async function changeProjectApproval(
  ctx: AppContext,
  actor: Actor,
  input: { code: string; to: ProjectApprovalState; date?: string; version?: number },
): Promise<TaskDetail> {
  const date = referenceDate(ctx, input.date, 'date');
  return ctx.db.transaction(async (tx) => {
    const old = await resolveTaskFor(tx, actor, input.code, 'plans:manage');
    if (old.kind !== 'project') {
      throw new AppError('badInput', {
        vi: `«${old.code}» là nhiệm vụ, không phải dự án: không có trạng thái phê duyệt.`,
        en: `«${old.code}» is a task, not a project: it has no approval state.`,
      });
    }
    if (input.version !== undefined && input.version !== old.version) {
      throw new AppError('staleVersion', {
        vi: `Dự án «${old.code}» đã được người khác sửa; hãy tải lại.`,
        en: `Project «${old.code}» was changed by someone else; reload it.`,
      });
    }
    const from = old.approvalState ?? 'drafted';
    const moved = nextApproval(from, input.to);
    if (!moved.ok) throw AppError.fromDomain('conflict', moved.error);
    const version = await updateTaskRow(
      tx,
      old.id,
      old.version,
      {
        code: old.code,
        programmeId: old.programmeId,
        title: old.title,
        kind: old.kind,
        leadUnitId: old.leadUnitId,
        start: old.start,
        due: old.due,
        recurring: old.recurring,
        status: old.status,
        note: old.note,
        budgetPlanned: old.budgetPlanned,
        budgetDisbursed: old.budgetDisbursed,
        approvalState: moved.value,
        submittedOn: moved.value === 'submitted' ? date : old.submittedOn,
        approvedOn: moved.value === 'approved' ? date : moved.value === 'drafted' ? null : old.approvedOn,
        rejectedOn: moved.value === 'rejected' ? date : old.rejectedOn,
      },
      actor.name,
    );
    if (version === null) {
      throw new AppError('staleVersion', {
        vi: `Dự án «${old.code}» vừa được người khác sửa; hãy tải lại.`,
        en: `Project «${old.code}» was just changed by someone else; reload it.`,
      });
    }
    const row = (await findTaskByCode(tx, old.code))!;
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: moved.value === 'submitted' ? 'submit' : moved.value === 'approved' ? 'approve' : 'update',
        entity: 'task',
        entityKey: old.code,
        provinceCode: row.provinceCode,
        oldData: auditTask(old),
        newData: auditTask(row),
      }),
    ]);
    return toTaskDetail(tx, row, referenceDate(ctx, undefined));
  });
}
