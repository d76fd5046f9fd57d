import { AppError } from '../../domain/app-error.js';
import { disbursementRate } from '../../domain/project.js';
import { isIsoDate, isOverdue, type Task } from '../../domain/task-status.js';
import type { TaskDetail, TaskUnitRef, TaskView } from '../../contract/tasks.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { Queryable } from '../../store/db.js';
import {
  findTaskByCode,
  listSupportingUnits,
  listTaskLinks,
  listTaskNotes,
  type TaskRow,
} from '../../store/tasks.queries.js';
import type { Permission } from '../auth/scope.js';
import { authorizeWrite, ROW_NAMES, rowUnit, type RowUnit } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';

const VN_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Vietnam (`YYYY-MM-DD`), the default reference date for `overdue`. */
export function todayInVietnam(ctx: AppContext): string {
  return VN_DATE.format(ctx.now());
}

/** The reference date a user gave, checked, or today in Vietnam. */
export function referenceDate(ctx: AppContext, at: string | undefined, field = 'at'): string {
  if (at === undefined) return todayInVietnam(ctx);
  if (!isIsoDate(at)) {
    throw new AppError(
      'badInput',
      {
        vi: `Ngày tham chiếu «${at}» không hợp lệ (định dạng YYYY-MM-DD).`,
        en: `The reference date «${at}» is not a valid YYYY-MM-DD date.`,
      },
      [
        {
          field,
          message_vi: `Ngày «${at}» không hợp lệ.`,
          message_en: `The date «${at}» is invalid.`,
        },
      ],
    );
  }
  return at;
}

/** The task as the domain rules take it. */
export function asDomainTask(row: TaskRow): Task {
  return {
    code: row.code,
    programme: row.programmeCode,
    leadUnitCode: formatUnitRef({ set: row.leadUnitSet, code: row.leadUnitCode }),
    status: row.status,
    recurring: row.recurring,
    start: row.start ?? undefined,
    due: row.due,
    kind: row.kind,
  };
}

/** Builds the views of stored tasks, with supporting units, at a reference date. */
export async function toTaskViews(q: Queryable, rows: readonly TaskRow[], at: string): Promise<TaskView[]> {
  const supporting = await listSupportingUnits(
    q,
    rows.map((r) => r.id),
  );
  const byTask = new Map<number, TaskUnitRef[]>();
  for (const s of supporting) {
    const list = byTask.get(s.taskId) ?? [];
    list.push({ code: formatUnitRef({ set: s.set, code: s.code }), name: s.name });
    byTask.set(s.taskId, list);
  }
  return rows.map((row) => toTaskView(row, byTask.get(row.id) ?? [], at));
}

function toTaskView(row: TaskRow, supportingUnits: TaskUnitRef[], at: string): TaskView {
  const project = row.kind === 'project';
  const planned = row.budgetPlanned ?? 0;
  const disbursed = row.budgetDisbursed ?? 0;
  return {
    code: row.code,
    programme: row.programmeCode,
    programmeName: row.programmeName,
    title: row.title,
    kind: row.kind,
    leadUnit: {
      code: formatUnitRef({ set: row.leadUnitSet, code: row.leadUnitCode }),
      name: row.leadUnitName,
    },
    supportingUnits,
    start: row.start,
    due: row.due,
    recurring: row.recurring,
    status: row.status,
    overdue: isOverdue(asDomainTask(row), at),
    note: row.note,
    budget: project ? { planned, disbursed, ...disbursementRate(planned, disbursed) } : null,
    approval: project
      ? {
          state: row.approvalState ?? 'drafted',
          submittedOn: row.submittedOn,
          approvedOn: row.approvedOn,
          rejectedOn: row.rejectedOn,
        }
      : null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

/** One task's view with its notes and links. */
export async function toTaskDetail(q: Queryable, row: TaskRow, at: string): Promise<TaskDetail> {
  const [view] = await toTaskViews(q, [row], at);
  const notes = await listTaskNotes(q, [row.id]);
  const links = await listTaskLinks(q, [row.id]);
  return {
    ...(view as TaskView),
    notes: notes.map((n) => ({ date: n.date, author: n.author, text: n.text })),
    links: links.map((l) => ({ url: l.url, title: l.title })),
  };
}

export function taskNotFound(code: string): AppError {
  return new AppError('notFound', {
    vi: `Không tìm thấy nhiệm vụ «${code}».`,
    en: `Task «${code}» was not found.`,
  });
}

/** The unit a task belongs to (its lead unit), as the write rule names it. */
export function taskRowUnit(task: TaskRow): RowUnit {
  return rowUnit({ path: task.leadUnitPath, set: task.leadUnitSet, code: task.leadUnitCode }, 'code');
}

/**
 * The task named by `code`, once the actor holds `permission` on the lead unit it has now (docs/domain.md §7; the
 * write rule of authorizeWrite).
 */
export async function resolveTaskFor(
  q: Queryable,
  actor: Actor,
  code: string,
  permission: Permission,
): Promise<TaskRow> {
  const task = await findTaskByCode(q, code);
  if (!task) throw taskNotFound(code);
  authorizeWrite(actor, permission, { row: ROW_NAMES.task(task.code), current: [taskRowUnit(task)] });
  return task;
}

/** What the audit log keeps of a task (its stored fields, by code). */
export function auditTask(row: TaskRow): Record<string, unknown> {
  return {
    code: row.code,
    programme: row.programmeCode,
    title: row.title,
    kind: row.kind,
    leadUnit: formatUnitRef({ set: row.leadUnitSet, code: row.leadUnitCode }),
    start: row.start,
    due: row.due,
    recurring: row.recurring,
    status: row.status,
    note: row.note,
    budgetPlanned: row.budgetPlanned,
    budgetDisbursed: row.budgetDisbursed,
    approvalState: row.approvalState,
    submittedOn: row.submittedOn,
    approvedOn: row.approvedOn,
    rejectedOn: row.rejectedOn,
    version: row.version,
  };
}
