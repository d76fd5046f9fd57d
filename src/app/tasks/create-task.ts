import { insertAuditRows } from '../../store/audit.queries.js';
import { auditEntry } from '../audit-entry.js';
import { AppError } from '../../domain/app-error.js';
import {
  ensureProgrammes,
  findTaskByCode,
  insertTask,
  setSupportingUnits,
} from '../../store/tasks.queries.js';
import { authorizeWrite, ROW_NAMES, rowUnit } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveTaskUnits } from './resolve-task-units.js';
import { checkTaskFields, toTaskWrite, type TaskFields } from './task-input.js';
import { auditTask, referenceDate, toTaskDetail } from './task-view.js';
import type { CreateTaskInput, TaskDetail } from '../../contract/tasks.js';

export type { CreateTaskInput };

/**
 * Creates a task or project of a programme (docs/domain.md §7), creating the programme when new; requires
 * plans:manage on the lead unit, refuses a code already used, and records the creation in the audit log.
 */
export async function createTask(ctx: AppContext, actor: Actor, input: CreateTaskInput): Promise<TaskDetail> {
  const fields: TaskFields = {
    code: input.code.trim(),
    programme: input.programme.trim(),
    title: input.title.trim(),
    kind: input.kind ?? 'task',
    leadUnit: input.leadUnit.trim(),
    supportingUnits: input.supportingUnits ?? [],
    start: input.start ?? null,
    due: input.due ?? null,
    recurring: input.recurring ?? input.status === 'recurring',
    status: input.status,
    note: input.note ?? null,
    budgetPlanned: input.budgetPlanned ?? null,
    budgetDisbursed: input.budgetDisbursed ?? null,
  };
  checkTaskFields(fields);
  return ctx.db.transaction(async (tx) => {
    const { lead, supporting } = await resolveTaskUnits(tx, fields.leadUnit, fields.supportingUnits);
    authorizeWrite(actor, 'plans:manage', {
      row: ROW_NAMES.task(fields.code),
      next: [rowUnit(lead, 'leadUnit')],
    });
    if (await findTaskByCode(tx, fields.code)) {
      throw new AppError('conflict', {
        vi: `Đã có nhiệm vụ mã «${fields.code}».`,
        en: `A task with code «${fields.code}» already exists.`,
      });
    }
    const programmeId = (await ensureProgrammes(tx, [fields.programme])).get(fields.programme) as number;
    const id = await insertTask(
      tx,
      toTaskWrite(fields, { programmeId, leadUnitId: lead.id }, null),
      actor.name,
    );
    await setSupportingUnits(
      tx,
      id,
      supporting.map((u) => u.id),
    );
    const row = (await findTaskByCode(tx, fields.code))!;
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'task',
        entityKey: row.code,
        provinceCode: row.provinceCode,
        oldData: null,
        newData: { ...auditTask(row), supportingUnits: fields.supportingUnits },
      }),
    ]);
    return toTaskDetail(tx, row, referenceDate(ctx, undefined));
  });
}
