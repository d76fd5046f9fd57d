import { insertAuditRows } from '../../store/audit.queries.js';
import { auditEntry } from '../audit-entry.js';
import { AppError } from '../../domain/app-error.js';
import type { TaskKind, TaskStatus } from '../../domain/task-status.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import {
  ensureProgrammes,
  findTaskByCode,
  listSupportingUnits,
  setSupportingUnits,
  updateTaskRow,
} from '../../store/tasks.queries.js';
import { authorizeWrite, ROW_NAMES, rowUnit } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveTaskUnits } from './resolve-task-units.js';
import { checkTaskFields, toTaskWrite, type TaskFields } from './task-input.js';
import { auditTask, referenceDate, resolveTaskFor, taskRowUnit, toTaskDetail } from './task-view.js';
import type { TaskDetail } from '../../contract/tasks.js';

/**
 * The fields to change: absent ones are kept, `null` clears an optional one. `version`, when given, must be the
 * task's current version (optimistic concurrency: a stale edit is refused, never silently overwritten).
 */
export interface UpdateTaskInput {
  code: string;
  version?: number;
  newCode?: string;
  programme?: string;
  title?: string;
  kind?: TaskKind;
  leadUnit?: string;
  supportingUnits?: string[];
  start?: string | null;
  due?: string | null;
  recurring?: boolean;
  status?: TaskStatus;
  note?: string | null;
  budgetPlanned?: number | null;
  budgetDisbursed?: number | null;
}

/**
 * Changes a task (docs/domain.md §7): checks the result as a whole with validateTask, requires plans:manage on the
 * lead unit before and after, refuses a stale version, and records old and new in the audit log. A task made a
 * project starts drafted with a zero budget; a project made a task loses its budget and approval.
 */
export async function updateTask(ctx: AppContext, actor: Actor, input: UpdateTaskInput): Promise<TaskDetail> {
  return ctx.db.transaction(async (tx) => {
    const old = await resolveTaskFor(tx, actor, input.code, 'plans:manage');
    const oldLead = formatUnitRef({ set: old.leadUnitSet, code: old.leadUnitCode });
    if (input.version !== undefined && input.version !== old.version) {
      throw new AppError('staleVersion', {
        vi: `Nhiệm vụ «${old.code}» đã được người khác sửa (phiên bản ${old.version}, bạn sửa phiên bản ${input.version}); hãy tải lại.`,
        en: `Task «${old.code}» was changed by someone else (version ${old.version}, you edited version ${input.version}); reload it.`,
      });
    }
    const oldSupporting = await listSupportingUnits(tx, [old.id]);
    const status = input.status ?? old.status;
    const kind = input.kind ?? old.kind;
    const fields: TaskFields = {
      code: (input.newCode ?? old.code).trim(),
      programme: (input.programme ?? old.programmeCode).trim(),
      title: (input.title ?? old.title).trim(),
      kind,
      leadUnit: (input.leadUnit ?? oldLead).trim(),
      supportingUnits:
        input.supportingUnits ?? oldSupporting.map((s) => formatUnitRef({ set: s.set, code: s.code })),
      start: input.start !== undefined ? input.start : old.start,
      due: input.due !== undefined ? input.due : old.due,
      // Setting the status `recurring` implies the flag; otherwise the flag stays unless given.
      recurring: input.recurring ?? (status === 'recurring' ? true : old.recurring),
      status,
      note: input.note !== undefined ? input.note : old.note,
      budgetPlanned:
        kind !== 'project'
          ? null
          : input.budgetPlanned !== undefined
            ? input.budgetPlanned
            : old.budgetPlanned,
      budgetDisbursed:
        kind !== 'project'
          ? null
          : input.budgetDisbursed !== undefined
            ? input.budgetDisbursed
            : old.budgetDisbursed,
    };
    checkTaskFields(fields);
    const { lead, supporting } = await resolveTaskUnits(tx, fields.leadUnit, fields.supportingUnits);
    authorizeWrite(actor, 'plans:manage', {
      row: ROW_NAMES.task(old.code),
      current: [taskRowUnit(old)],
      next: [rowUnit(lead, 'leadUnit')],
    });
    if (fields.code !== old.code && (await findTaskByCode(tx, fields.code))) {
      throw new AppError('conflict', {
        vi: `Đã có nhiệm vụ mã «${fields.code}».`,
        en: `A task with code «${fields.code}» already exists.`,
      });
    }
    const programmeId = (await ensureProgrammes(tx, [fields.programme])).get(fields.programme) as number;
    const version = await updateTaskRow(
      tx,
      old.id,
      old.version,
      toTaskWrite(fields, { programmeId, leadUnitId: lead.id }, old),
      actor.name,
    );
    if (version === null) {
      throw new AppError('staleVersion', {
        vi: `Nhiệm vụ «${old.code}» vừa được người khác sửa; hãy tải lại.`,
        en: `Task «${old.code}» was just changed by someone else; reload it.`,
      });
    }
    await setSupportingUnits(
      tx,
      old.id,
      supporting.map((u) => u.id),
    );
    const row = (await findTaskByCode(tx, fields.code))!;
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'update',
        entity: 'task',
        entityKey: old.code,
        provinceCode: row.provinceCode,
        oldData: {
          ...auditTask(old),
          supportingUnits: oldSupporting.map((s) => formatUnitRef({ set: s.set, code: s.code })),
        },
        newData: { ...auditTask(row), supportingUnits: fields.supportingUnits },
      }),
    ]);
    return toTaskDetail(tx, row, referenceDate(ctx, undefined));
  });
}
