import type { DomainMessage, Result } from './result.js';
import { err, ok } from './result.js';
import type { Task } from './task-status.js';

export type ProjectApprovalState = 'drafted' | 'submitted' | 'approved' | 'rejected';

/** A project: a task with a budget in VND and an approval state (docs/domain.md §7). */
export type Project = Task & {
  kind: 'project';
  budgetPlanned: number;
  budgetDisbursed: number;
  approvalState: ProjectApprovalState;
};

/**
 * The allowed changes of a project's approval state: a draft is submitted, a submission approved or rejected,
 * a rejected project revised (back to drafted) or submitted again; approval is final.
 */
export const PROJECT_APPROVAL_TRANSITIONS: Readonly<
  Record<ProjectApprovalState, readonly ProjectApprovalState[]>
> = {
  drafted: ['submitted'],
  submitted: ['approved', 'rejected'],
  rejected: ['drafted', 'submitted'],
  approved: [],
};

const STATE_VI: Record<ProjectApprovalState, string> = {
  drafted: 'đang soạn thảo',
  submitted: 'đã trình',
  approved: 'đã phê duyệt',
  rejected: 'bị từ chối',
};

/** Moves a project's approval state when the transition table allows it, else a vi/en error (docs/domain.md §7). */
export function changeProjectApproval(
  from: ProjectApprovalState,
  to: ProjectApprovalState,
): Result<ProjectApprovalState, DomainMessage> {
  if (PROJECT_APPROVAL_TRANSITIONS[from].includes(to)) return ok(to);
  return err({
    code: 'invalidTransition',
    message_vi: `Không thể chuyển dự án từ trạng thái "${STATE_VI[from]}" sang "${STATE_VI[to]}".`,
    message_en: `A project cannot move from "${from}" to "${to}".`,
  });
}

/**
 * The share of the planned budget disbursed, as a fraction (1 = all), null when nothing is planned;
 * `overDisbursed` flags disbursed > planned (docs/domain.md §7). Amounts are non-negative VND, checked at the edges.
 */
export function disbursementRate(
  planned: number,
  disbursed: number,
): { rate: number | null; overDisbursed: boolean } {
  return { rate: planned === 0 ? null : disbursed / planned, overDisbursed: disbursed > planned };
}

/** The projects not yet approved ("kế hoạch chưa được phê duyệt"), by code (docs/domain.md §7). */
export function unapprovedProjects<P extends Pick<Project, 'code' | 'approvalState'>>(
  projects: readonly P[],
): P[] {
  return projects
    .filter((p) => p.approvalState !== 'approved')
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
