import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectApprovalState } from '../../../src/domain/project.js';
import type { TaskKind, TaskStatus, TaskSummary } from '../../../src/domain/task-status.js';
import type { CreateTaskInput, ProjectList, TaskDetail, TaskList } from '../../../src/contract/tasks.js';
import { apiRequest } from './client';

/**
 * Tasks and projects (docs/tasks.md): the list and its summary counts, one task with its notes and links, its
 * changes, and the projects with their budgets and approval. Every query starts with `tasks`, so a write reads
 * them all again.
 */

const TASKS_KEY = 'tasks';

/** The filters of the list; `unit` takes the lead unit's whole subtree, `overdue` at today in Vietnam. */
export interface TaskFilters {
  programme?: string;
  unit?: string;
  status?: TaskStatus;
  kind?: TaskKind;
  overdue?: boolean;
}

function query(filters: TaskFilters): string {
  const q = new URLSearchParams();
  if (filters.programme) q.set('programme', filters.programme);
  if (filters.unit) q.set('unit', filters.unit);
  if (filters.status) q.set('status', filters.status);
  if (filters.kind) q.set('kind', filters.kind);
  if (filters.overdue) q.set('overdue', 'true');
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

const taskPath = (code: string) => `/tasks/${encodeURIComponent(code)}`;

/** The tasks the reader may read, filtered. */
export function useTasks(filters: TaskFilters) {
  return useQuery({
    queryKey: [TASKS_KEY, 'list', filters],
    queryFn: () => apiRequest<TaskList>(`/tasks${query(filters)}`),
    placeholderData: (previous) => previous,
  });
}

/** The counts per status of the tasks of a programme and lead unit (`overdue` overlaps the others). */
export function useTaskSummary(filters: Pick<TaskFilters, 'programme' | 'unit'>) {
  return useQuery({
    queryKey: [TASKS_KEY, 'summary', filters],
    queryFn: () => apiRequest<TaskSummary>(`/tasks/summary${query(filters)}`),
    placeholderData: (previous) => previous,
  });
}

/** The address of the tasks' download in the import format (the `tasks` sheet of an .xlsx). */
export function tasksExportHref(filters: TaskFilters): string {
  return `/api/v1/tasks/export${query(filters)}`;
}

/** One task with its progress notes and links. */
export function useTask(code: string) {
  return useQuery({
    queryKey: [TASKS_KEY, 'detail', code],
    queryFn: () => apiRequest<TaskDetail>(taskPath(code)),
  });
}

/** The fields of a task as the API takes them; units by the codes users write. */
export type TaskInput = Omit<CreateTaskInput, 'code'>;

function useTaskWrite<I>(request: (input: I) => Promise<TaskDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (task) => client.setQueryData([TASKS_KEY, 'detail', task.code], task),
    onSettled: () => client.invalidateQueries({ queryKey: [TASKS_KEY] }),
  });
}

export function useCreateTask() {
  return useTaskWrite((input: TaskInput & { code: string }) =>
    apiRequest<TaskDetail>('/tasks', { method: 'POST', body: input }),
  );
}

/** Changes a task: absent fields are kept, null clears; a stale `version` is refused with 409. */
export function useUpdateTask(code: string) {
  return useTaskWrite((input: Partial<TaskInput> & { version: number }) =>
    apiRequest<TaskDetail>(taskPath(code), { method: 'PATCH', body: input }),
  );
}

export function useAddTaskNote(code: string) {
  return useTaskWrite((input: { text: string; date?: string }) =>
    apiRequest<TaskDetail>(`${taskPath(code)}/notes`, { method: 'POST', body: input }),
  );
}

export function useAddTaskLink(code: string) {
  return useTaskWrite((input: { url: string; title?: string }) =>
    apiRequest<TaskDetail>(`${taskPath(code)}/links`, { method: 'POST', body: input }),
  );
}

/** Moves a project's approval state (drafted → submitted → approved | rejected). */
export function useProjectApproval() {
  return useTaskWrite((input: { code: string; to: ProjectApprovalState; version: number }) =>
    apiRequest<TaskDetail>(`${taskPath(input.code)}/approval`, {
      method: 'POST',
      body: { to: input.to, version: input.version },
    }),
  );
}

export function useDeleteTask(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<{ code: string; deleted: true }>(taskPath(code), { method: 'DELETE' }),
    onSuccess: () => client.removeQueries({ queryKey: [TASKS_KEY, 'detail', code] }),
    onSettled: () => client.invalidateQueries({ queryKey: [TASKS_KEY] }),
  });
}

/** The projects the reader may read (or only those not yet approved), with their totals. */
export function useProjects(filters: Pick<TaskFilters, 'programme' | 'unit'>, unapproved: boolean) {
  return useQuery({
    queryKey: [TASKS_KEY, 'projects', filters, unapproved],
    queryFn: () => apiRequest<ProjectList>(`/projects${unapproved ? '/unapproved' : ''}${query(filters)}`),
    placeholderData: (previous) => previous,
  });
}

/** Moves a task to another status from the board (the flag `recurring` follows; a recurring task has no due date). */
export function useMoveTask() {
  return useTaskWrite((input: { code: string; status: TaskStatus; version: number }) =>
    apiRequest<TaskDetail>(taskPath(input.code), {
      method: 'PATCH',
      body: {
        status: input.status,
        version: input.version,
        ...(input.status === 'recurring' ? { recurring: true, due: null } : {}),
        ...(input.status === 'inProgress' || input.status === 'notStarted' ? { recurring: false } : {}),
      },
    }),
  );
}
