import { disbursementRate, unapprovedProjects } from '../../domain/project.js';
import type { Actor, AppContext } from '../context.js';
import { findTaskRows } from './list-tasks.js';
import { referenceDate, toTaskViews } from './task-view.js';
import type { ProjectList, TaskView } from '../../contract/tasks.js';

function totalsOf(projects: readonly TaskView[]): ProjectList['totals'] {
  const planned = projects.reduce((s, p) => s + (p.budget?.planned ?? 0), 0);
  const disbursed = projects.reduce((s, p) => s + (p.budget?.disbursed ?? 0), 0);
  return { count: projects.length, planned, disbursed, ...disbursementRate(planned, disbursed) };
}

/** Lists projects (tasks of kind project) with each one's disbursement rate and the overall rate (docs/domain.md §7). */
export async function listProjects(
  ctx: AppContext,
  actor: Actor,
  input: { programme?: string; unit?: string; at?: string } = {},
): Promise<ProjectList> {
  const at = referenceDate(ctx, input.at);
  const rows = await findTaskRows(ctx, actor, { ...input, kind: 'project' }, at);
  const projects = await toTaskViews(ctx.db, rows, at);
  return { projects, totals: totalsOf(projects) };
}

/** The projects not yet approved ("kế hoạch chưa được phê duyệt"), by code, with the totals over them (docs/domain.md §7). */
export async function listUnapprovedProjects(
  ctx: AppContext,
  actor: Actor,
  input: { programme?: string; unit?: string; at?: string } = {},
): Promise<ProjectList> {
  const { projects } = await listProjects(ctx, actor, input);
  const unapproved = unapprovedProjects(
    projects.map((p) => ({ ...p, approvalState: p.approval?.state ?? 'drafted' })),
  ).map(({ approvalState: _state, ...p }) => p);
  return { projects: unapproved, totals: totalsOf(unapproved) };
}
