import { AppError } from '../../domain/app-error.js';
import type { TaskKind, TaskStatus } from '../../domain/task-status.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { findTaskByCode, listTaskRows, type TaskRow } from '../../store/tasks.queries.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { readScope } from '../read-scope.js';
import { referenceDate, taskNotFound, toTaskDetail, toTaskViews } from './task-view.js';
import type { TaskDetail, TaskList } from '../../contract/tasks.js';

/** Filters of a task list; `unit` takes the lead unit's whole subtree. */
export interface TaskListInput {
  programme?: string;
  unit?: string;
  status?: TaskStatus;
  kind?: TaskKind;
  /** Only the tasks overdue at `at`. */
  overdue?: boolean;
  /** The reference date for `overdue` (`YYYY-MM-DD`), today in Vietnam by default. */
  at?: string;
  limit?: number;
  offset?: number;
}

/** The stored tasks matching the filters that the actor may read (lead unit in its scope), by programme and code. */
export async function findTaskRows(
  ctx: AppContext,
  actor: Actor,
  input: TaskListInput,
  at: string,
): Promise<TaskRow[]> {
  let leadUnitPath: string | undefined;
  if (input.unit !== undefined) {
    const unit = await resolveUnit(ctx.db, input.unit, 'unit');
    authorize(actor, 'read', unit.path, input.unit);
    leadUnitPath = unit.path;
  }
  return listTaskRows(ctx.db, {
    programme: input.programme,
    leadUnitPath,
    scopePaths: readScope(actor),
    status: input.status,
    kind: input.kind,
    overdueAt: input.overdue ? at : undefined,
    limit: input.limit,
    offset: input.offset,
  });
}

/** Lists tasks by programme, lead unit subtree, status, kind and overdue at a reference date (docs/domain.md §7). */
export async function listTasks(ctx: AppContext, actor: Actor, input: TaskListInput = {}): Promise<TaskList> {
  const at = referenceDate(ctx, input.at);
  const rows = await findTaskRows(ctx, actor, input, at);
  return { at, tasks: await toTaskViews(ctx.db, rows, at) };
}

/** One task with its notes and links, `overdue` at the reference date. */
export async function getTask(
  ctx: AppContext,
  actor: Actor,
  input: { code: string; at?: string },
): Promise<TaskDetail> {
  const at = referenceDate(ctx, input.at);
  const row = await findTaskByCode(ctx.db, input.code);
  if (!row) throw taskNotFound(input.code);
  authorize(actor, 'read', row.leadUnitPath, formatUnitRef({ set: row.leadUnitSet, code: row.leadUnitCode }));
  return toTaskDetail(ctx.db, row, at);
}

export function badProgramme(code: string): AppError {
  return new AppError('notFound', {
    vi: `Không có chương trình «${code}».`,
    en: `There is no programme «${code}».`,
  });
}
