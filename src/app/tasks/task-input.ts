import { AppError, type ProblemDetail } from '../../domain/app-error.js';
import type { ProjectApprovalState } from '../../domain/project.js';
import { validateTask, type TaskKind, type TaskStatus } from '../../domain/task-status.js';
import type { TaskWrite } from '../../store/tasks.queries.js';

/** Every field of a task as a user gives it, units by the codes users write. */
export interface TaskFields {
  code: string;
  programme: string;
  title: string;
  kind: TaskKind;
  leadUnit: string;
  supportingUnits: string[];
  start: string | null;
  due: string | null;
  recurring: boolean;
  status: TaskStatus;
  note: string | null;
  budgetPlanned: number | null;
  budgetDisbursed: number | null;
}

const FIELD_NAMES: Record<string, string> = { leadUnitCode: 'leadUnit' };

function detail(field: string, vi: string, en: string): ProblemDetail {
  return { field, message_vi: vi, message_en: en };
}

/**
 * Checks a task's fields: the domain rules of validateTask (docs/domain.md §7), a title and a well-formed code, and
 * for projects a budget in non-negative VND (disbursing more than planned is flagged in views, not refused);
 * a plain task carries no budget. Throws badInput listing every problem.
 */
export function checkTaskFields(fields: TaskFields): void {
  const problems: ProblemDetail[] = [];
  const checked = validateTask({
    code: fields.code,
    programme: fields.programme,
    leadUnitCode: fields.leadUnit,
    status: fields.status,
    recurring: fields.recurring,
    start: fields.start ?? undefined,
    due: fields.due,
    kind: fields.kind,
  });
  if (!checked.ok) {
    for (const p of checked.error) {
      problems.push(detail(FIELD_NAMES[p.field] ?? p.field, p.message_vi, p.message_en));
    }
  }
  if (fields.title.trim() === '') {
    problems.push(detail('title', 'Thiếu tên nhiệm vụ (title).', 'The task title (title) is missing.'));
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(fields.code.trim()) && fields.code.trim() !== '') {
    problems.push(
      detail(
        'code',
        `Mã nhiệm vụ «${fields.code}» chỉ gồm chữ, số, dấu chấm, gạch dưới, gạch ngang (tối đa 64 ký tự).`,
        `The task code «${fields.code}» may hold only letters, digits, '.', '_' and '-' (at most 64).`,
      ),
    );
  }
  for (const [field, amount] of [
    ['budgetPlanned', fields.budgetPlanned],
    ['budgetDisbursed', fields.budgetDisbursed],
  ] as const) {
    if (amount === null) continue;
    if (fields.kind !== 'project') {
      problems.push(
        detail(
          field,
          `Chỉ dự án (kind = project) mới có kinh phí (${field}).`,
          `Only a project (kind = project) has a budget (${field}).`,
        ),
      );
    } else if (!Number.isFinite(amount) || amount < 0) {
      problems.push(
        detail(
          field,
          `Kinh phí (${field}) phải là số tiền không âm (VNĐ), không phải ${amount}.`,
          `The budget (${field}) must be a non-negative amount in VND, not ${amount}.`,
        ),
      );
    }
  }
  if (problems.length > 0) {
    throw new AppError(
      'badInput',
      { vi: `Nhiệm vụ «${fields.code}» không hợp lệ.`, en: `Task «${fields.code}» is invalid.` },
      problems,
    );
  }
}

/** The approval state a new project starts in. */
export const INITIAL_APPROVAL: ProjectApprovalState = 'drafted';

/** A project's approval as stored: its state and the days it was submitted, approved or rejected. */
export type TaskApproval = Pick<TaskWrite, 'approvalState' | 'submittedOn' | 'approvedOn' | 'rejectedOn'>;

/**
 * The row to write for checked task fields (docs/domain.md §7): a project keeps its budget (0 where not given) and
 * the approval it has (drafted when none); a plain task has neither.
 */
export function toTaskWrite(
  fields: TaskFields,
  ids: { programmeId: number; leadUnitId: number },
  approval: TaskApproval | null,
): TaskWrite {
  const project = fields.kind === 'project';
  return {
    code: fields.code,
    programmeId: ids.programmeId,
    title: fields.title,
    kind: fields.kind,
    leadUnitId: ids.leadUnitId,
    start: fields.start,
    due: fields.due,
    recurring: fields.recurring,
    status: fields.status,
    note: fields.note,
    budgetPlanned: project ? (fields.budgetPlanned ?? 0) : null,
    budgetDisbursed: project ? (fields.budgetDisbursed ?? 0) : null,
    approvalState: project ? (approval?.approvalState ?? INITIAL_APPROVAL) : null,
    submittedOn: project ? (approval?.submittedOn ?? null) : null,
    approvedOn: project ? (approval?.approvedOn ?? null) : null,
    rejectedOn: project ? (approval?.rejectedOn ?? null) : null,
  };
}
