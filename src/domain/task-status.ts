import type { DomainMessage, Result } from './result.js';
import { err, ok } from './result.js';

export const TASK_STATUSES = ['notStarted', 'inProgress', 'recurring', 'completed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** What a programme item is: a task or a project (the API's and the CLI's `kind`). */
export const TASK_KINDS = ['task', 'project'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** A task or project of a programme (docs/domain.md §7); dates are ISO calendar dates `YYYY-MM-DD`. */
export type Task = {
  code: string;
  programme: string;
  leadUnitCode: string;
  status: TaskStatus;
  recurring: boolean;
  start?: string;
  due?: string | null;
  kind: TaskKind;
};

/** A problem found in a task, naming the field at fault. */
export type TaskProblem = DomainMessage & { field: keyof Task };

export type TaskSummary = {
  total: number;
  byStatus: { completed: number; recurring: number; inProgress: number; notStarted: number; overdue: number };
};

/** The committee's wording for each status and for the derived `overdue` (docs/domain.md §1, §7). */
export const STATUS_PHRASES: Readonly<Record<TaskStatus | 'overdue', { vi: string; en: string }>> = {
  completed: { vi: 'đã hoàn thành', en: 'completed' },
  recurring: { vi: 'thực hiện thường xuyên', en: 'recurring' },
  inProgress: { vi: 'đang triển khai', en: 'in progress' },
  notStarted: { vi: 'chưa triển khai', en: 'not started' },
  overdue: { vi: 'quá hạn', en: 'overdue' },
};

const DAY_MS = 86_400_000;

/** Whether a string is a real calendar date written `YYYY-MM-DD` (docs/domain.md §7). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function dayNumber(isoDate: string): number {
  return (
    Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) /
    DAY_MS
  );
}

/** Whether a task is done regularly with no due date: flagged recurring or with status `recurring` (docs/domain.md §7). */
export function isRecurring(task: Task): boolean {
  return task.recurring || task.status === 'recurring';
}

/** Whether a task is overdue on a reference date: due strictly before it, not completed, not recurring (docs/domain.md §7). */
export function isOverdue(task: Task, referenceDate: string): boolean {
  return task.due != null && task.due < referenceDate && task.status !== 'completed' && !isRecurring(task);
}

function problem(field: keyof Task, code: string, message_vi: string, message_en: string): TaskProblem {
  return { field, code, message_vi, message_en };
}

/**
 * Checks a task's fields and their consistency, returning every problem found (docs/domain.md §7).
 * Rules: code, programme and lead unit are non-empty; start and due are real dates with due ≥ start;
 * status `recurring` requires recurring = true; a recurring task has no due date and is not `inProgress`
 * (it is `recurring` while under way). Completed tasks may have due dates in the past; a non-recurring task
 * may lack a due date (it is then never overdue).
 */
export function validateTask(task: Task): Result<Task, TaskProblem[]> {
  const problems: TaskProblem[] = [];
  const required = [
    ['code', 'mã nhiệm vụ', 'task code'],
    ['programme', 'chương trình', 'programme'],
    ['leadUnitCode', 'đơn vị chủ trì', 'lead unit'],
  ] as const;
  for (const [field, vi, en] of required) {
    if (task[field].trim() === '') {
      problems.push(
        problem(field, 'required', `Thiếu ${vi} (${field}).`, `The ${en} (${field}) is missing.`),
      );
    }
  }
  const { start, due } = task;
  for (const [field, value] of [
    ['start', start],
    ['due', due],
  ] as const) {
    if (value != null && !isIsoDate(value)) {
      problems.push(
        problem(
          field,
          'badDate',
          `Ngày "${value}" ở trường ${field} không hợp lệ (định dạng YYYY-MM-DD).`,
          `The date "${value}" in ${field} is not a valid YYYY-MM-DD date.`,
        ),
      );
    }
  }
  if (start != null && due != null && isIsoDate(start) && isIsoDate(due) && due < start) {
    problems.push(
      problem(
        'due',
        'dueBeforeStart',
        `Hạn hoàn thành (due ${due}) trước ngày bắt đầu (start ${start}).`,
        `The due date (due ${due}) is before the start date (start ${start}).`,
      ),
    );
  }
  if (task.status === 'recurring' && !task.recurring) {
    problems.push(
      problem(
        'recurring',
        'recurringStatusMismatch',
        'Nhiệm vụ có trạng thái "thực hiện thường xuyên" phải có recurring = true.',
        'A task with status "recurring" must have recurring = true.',
      ),
    );
  }
  if (task.recurring && due != null) {
    problems.push(
      problem(
        'due',
        'recurringWithDue',
        `Nhiệm vụ thực hiện thường xuyên không có hạn hoàn thành (due ${due}).`,
        `A recurring task has no due date (due ${due}).`,
      ),
    );
  }
  if (task.recurring && task.status === 'inProgress') {
    problems.push(
      problem(
        'status',
        'recurringInProgress',
        'Nhiệm vụ thực hiện thường xuyên đang thực hiện có trạng thái (status) "recurring", không phải "inProgress".',
        'A recurring task under way has status "recurring", not "inProgress".',
      ),
    );
  }
  return problems.length === 0 ? ok(task) : err(problems);
}

/** Counts tasks per status plus the derived overdue count, which overlaps the others (docs/domain.md §7, §9). */
export function summarizeTasks(tasks: readonly Task[], referenceDate: string): TaskSummary {
  const byStatus = { completed: 0, recurring: 0, inProgress: 0, notStarted: 0, overdue: 0 };
  for (const task of tasks) {
    byStatus[task.status] += 1;
    if (isOverdue(task, referenceDate)) byStatus.overdue += 1;
  }
  return { total: tasks.length, byStatus };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy(tasks: readonly Task[], key: (t: Task) => string): Map<string, Task[]> {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    const k = key(task);
    const group = groups.get(k);
    if (group) group.push(task);
    else groups.set(k, [task]);
  }
  return new Map([...groups].sort(([a], [b]) => compare(a, b)));
}

/** Groups tasks by programme, keys in ascending order, tasks in input order (docs/domain.md §7). */
export function groupTasksByProgramme(tasks: readonly Task[]): Map<string, Task[]> {
  return groupBy(tasks, (t) => t.programme);
}

/** Groups tasks by lead unit code, keys in ascending order, tasks in input order (docs/domain.md §7). */
export function groupTasksByLeadUnit(tasks: readonly Task[]): Map<string, Task[]> {
  return groupBy(tasks, (t) => t.leadUnitCode);
}

/**
 * The tasks at risk on a reference date: not completed, not recurring, due within `horizonDays` days
 * (reference ≤ due ≤ reference + horizon; already overdue ones are not included), by due date then code (docs/domain.md §7).
 */
export function atRiskTasks(tasks: readonly Task[], referenceDate: string, horizonDays: number): Task[] {
  const ref = dayNumber(referenceDate);
  return tasks
    .filter((t) => {
      if (t.status === 'completed' || isRecurring(t) || t.due == null) return false;
      const days = dayNumber(t.due) - ref;
      return days >= 0 && days <= horizonDays;
    })
    .sort((a, b) => compare(a.due ?? '', b.due ?? '') || compare(a.code, b.code));
}
