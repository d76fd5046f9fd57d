import type { ProjectApprovalState } from '../domain/project.js';
import type { TaskKind, TaskStatus } from '../domain/task-status.js';

// Tasks and projects as the API and `dxmon tasks … --json` answer them (docs/tasks.md).

/** A unit as a task names it: the code users write (`15`, `pre2025:10`, `LCI-CAT`) and its name. */
export interface TaskUnitRef {
  code: string;
  name: string;
}

/** A project's budget (VND) and how much of it is disbursed (docs/domain.md §7). */
export interface ProjectBudget {
  planned: number;
  disbursed: number;
  /** disbursed / planned as a fraction (1 = all), null when nothing is planned. */
  rate: number | null;
  overDisbursed: boolean;
}

export interface ProjectApproval {
  state: ProjectApprovalState;
  submittedOn: string | null;
  approvedOn: string | null;
  rejectedOn: string | null;
}

/** A task as the CLI and API show it; `overdue` is derived at the reference date `at`, never stored. */
export interface TaskView {
  code: string;
  programme: string;
  programmeName: string;
  title: string;
  kind: TaskKind;
  leadUnit: TaskUnitRef;
  supportingUnits: TaskUnitRef[];
  start: string | null;
  due: string | null;
  recurring: boolean;
  status: TaskStatus;
  overdue: boolean;
  note: string | null;
  /** Present for projects only. */
  budget: ProjectBudget | null;
  approval: ProjectApproval | null;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

/** A task with its progress notes and links. */
export interface TaskDetail extends TaskView {
  notes: { date: string; author: string; text: string }[];
  links: { url: string; title: string }[];
}

/** A list of tasks (`GET /tasks`): `overdue` judged at `at`. */
export interface TaskList {
  at: string;
  tasks: TaskView[];
}

/** Projects with their budgets and the totals over them (VND) (`GET /projects`, `GET /projects/unapproved`). */
export interface ProjectList {
  projects: TaskView[];
  totals: ProjectBudget & { count: number };
}

/**
 * A new task or project as `POST /tasks` takes it (units by the codes users write); optional fields default to
 * empty, `kind` to `task`, `recurring` to status = recurring. `PATCH /tasks/{code}` takes any of them.
 */
export interface CreateTaskInput {
  code: string;
  programme: string;
  title: string;
  kind?: TaskKind;
  leadUnit: string;
  supportingUnits?: string[];
  start?: string | null;
  due?: string | null;
  recurring?: boolean;
  status: TaskStatus;
  note?: string | null;
  budgetPlanned?: number | null;
  budgetDisbursed?: number | null;
}
