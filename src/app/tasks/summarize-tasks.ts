import {
  atRiskTasks,
  groupTasksByLeadUnit,
  groupTasksByProgramme,
  isOverdue,
  summarizeTasks as summarize,
  type TaskSummary,
} from '../../domain/task-status.js';
import { listProgrammes } from '../../store/tasks.queries.js';
import type { Actor, AppContext } from '../context.js';
import { badProgramme, findTaskRows } from './list-tasks.js';
import { referenceDate, asDomainTask, toTaskViews } from './task-view.js';
import type { TaskView } from '../../contract/tasks.js';

export interface TaskSummaryInput {
  programme?: string;
  /** Only tasks led by this unit or a unit under it. */
  unit?: string;
  /** The reference date for `overdue`, today in Vietnam by default. */
  at?: string;
}

async function checkedProgramme(ctx: AppContext, programme: string | undefined): Promise<void> {
  if (programme === undefined) return;
  const known = await listProgrammes(ctx.db);
  if (!known.some((p) => p.code === programme)) throw badProgramme(programme);
}

/**
 * Counts tasks per status with the derived overdue count at a reference date (docs/domain.md §7, §9): exactly
 * `{total, byStatus: {completed, recurring, inProgress, notStarted, overdue}}` as `dxmon tasks summary` prints it.
 */
export async function summarizeTasks(
  ctx: AppContext,
  actor: Actor,
  input: TaskSummaryInput = {},
): Promise<TaskSummary> {
  const at = referenceDate(ctx, input.at);
  await checkedProgramme(ctx, input.programme);
  const rows = await findTaskRows(ctx, actor, { programme: input.programme, unit: input.unit }, at);
  return summarize(rows.map(asDomainTask), at);
}

/** The task part of a report: counts overall, per programme and per lead unit, and the tasks to chase. */
export interface TaskReport {
  at: string;
  summary: TaskSummary;
  byProgramme: { programme: string; name: string; summary: TaskSummary }[];
  byLeadUnit: { unit: { code: string; name: string }; summary: TaskSummary }[];
  /** Overdue at `at`, by due date then code. */
  overdue: TaskView[];
  /** Not overdue yet but due within `horizonDays` days of `at`, by due date then code. */
  atRisk: TaskView[];
  horizonDays: number;
}

/**
 * Counts tasks per status overall, per programme and per lead unit at a reference date, and lists the overdue
 * and at-risk tasks with their lead units (docs/domain.md §7, §9).
 */
export async function buildTaskReport(
  ctx: AppContext,
  actor: Actor,
  input: TaskSummaryInput & { horizonDays?: number } = {},
): Promise<TaskReport> {
  const at = referenceDate(ctx, input.at);
  const horizonDays = input.horizonDays ?? 30;
  await checkedProgramme(ctx, input.programme);
  const rows = await findTaskRows(ctx, actor, { programme: input.programme, unit: input.unit }, at);
  const tasks = rows.map(asDomainTask);
  const names = new Map(rows.map((r) => [r.programmeCode, r.programmeName]));
  const unitNames = new Map(rows.map((r, i) => [tasks[i]!.leadUnitCode, r.leadUnitName]));
  const views = await toTaskViews(ctx.db, rows, at);
  const viewByCode = new Map(views.map((v) => [v.code, v]));
  const byDue = (a: TaskView, b: TaskView) =>
    (a.due ?? '').localeCompare(b.due ?? '') || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return {
    at,
    summary: summarize(tasks, at),
    byProgramme: [...groupTasksByProgramme(tasks)].map(([programme, group]) => ({
      programme,
      name: names.get(programme) ?? programme,
      summary: summarize(group, at),
    })),
    byLeadUnit: [...groupTasksByLeadUnit(tasks)].map(([code, group]) => ({
      unit: { code, name: unitNames.get(code) ?? code },
      summary: summarize(group, at),
    })),
    overdue: tasks
      .filter((t) => isOverdue(t, at))
      .map((t) => viewByCode.get(t.code)!)
      .sort(byDue),
    atRisk: atRiskTasks(tasks, at, horizonDays).map((t) => viewByCode.get(t.code)!),
    horizonDays,
  };
}
