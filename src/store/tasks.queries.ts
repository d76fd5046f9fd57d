import type { ProjectApprovalState } from '../domain/project.js';
import type { TaskKind, TaskStatus } from '../domain/task-status.js';
import { LIST_LIMIT_DEFAULT, type Queryable, type SqlParam } from './db.js';

/** A row of the `tasks` sheet once its lead unit is resolved: what `upsertTasks` writes (docs/import.md). */
export interface TaskUpsertRow {
  code: string;
  programme: string;
  title: string;
  leadUnitId: number;
  start: string | null;
  due: string | null;
  recurring: boolean;
  status: TaskStatus;
  note: string | null;
}

/** A task as stored, with its programme and lead unit named. Dates are `YYYY-MM-DD`. */
export interface TaskRow {
  id: number;
  code: string;
  programmeId: number;
  programmeCode: string;
  programmeName: string;
  title: string;
  kind: TaskKind;
  leadUnitId: number;
  leadUnitSet: string;
  leadUnitCode: string;
  leadUnitName: string;
  leadUnitPath: string;
  start: string | null;
  due: string | null;
  recurring: boolean;
  status: TaskStatus;
  note: string | null;
  budgetPlanned: number | null;
  budgetDisbursed: number | null;
  approvalState: ProjectApprovalState | null;
  submittedOn: string | null;
  approvedOn: string | null;
  rejectedOn: string | null;
  provinceCode: string | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
}

/** The fields a use case writes on one task (the whole row: an update passes every field). */
export interface TaskWrite {
  code: string;
  programmeId: number;
  title: string;
  kind: TaskKind;
  leadUnitId: number;
  start: string | null;
  due: string | null;
  recurring: boolean;
  status: TaskStatus;
  note: string | null;
  budgetPlanned: number | null;
  budgetDisbursed: number | null;
  approvalState: ProjectApprovalState | null;
  submittedOn: string | null;
  approvedOn: string | null;
  rejectedOn: string | null;
}

export interface TaskNoteRow {
  id: number;
  taskId: number;
  date: string;
  author: string;
  text: string;
  createdAt: Date;
}

export interface TaskLinkRow {
  id: number;
  taskId: number;
  url: string;
  title: string;
  createdBy: string | null;
  createdAt: Date;
}

export interface SupportingUnitRow {
  taskId: number;
  unitId: number;
  set: string;
  code: string;
  name: string;
}

export interface ProgrammeRow {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
}

const TASK_COLUMNS = `
  t.id, t.code, t.programme_id AS "programmeId", pr.code AS "programmeCode", pr.name_vi AS "programmeName", t.title, t.kind,
  t.lead_unit_id AS "leadUnitId", u.set_code AS "leadUnitSet", u.code AS "leadUnitCode", u.name AS "leadUnitName",
  u.path AS "leadUnitPath", t.start_date AS "start", t.due_date AS "due", t.recurring, t.status, t.note,
  t.budget_planned AS "budgetPlanned", t.budget_disbursed AS "budgetDisbursed", t.approval_state AS "approvalState",
  t.submitted_on AS "submittedOn", t.approved_on AS "approvedOn", t.rejected_on AS "rejectedOn",
  t.province_code AS "provinceCode", t.version, t.created_by AS "createdBy", t.created_at AS "createdAt",
  t.updated_by AS "updatedBy", t.updated_at AS "updatedAt"`;

const TASK_FROM = 'task t JOIN programme pr ON pr.id = t.programme_id JOIN unit u ON u.id = t.lead_unit_id';

/** Rows per batched `unnest` statement: bounds one statement's arrays (and PGlite's memory) in few round trips. */
const BATCH = 2000;

/**
 * Creates the programmes not yet known, by code (the name is the code until someone names it); returns the id of
 * every code given.
 */
export async function ensureProgrammes(q: Queryable, codes: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  await q.query(
    `INSERT INTO programme (code, name_vi) SELECT c, c FROM unnest($1::text[]) AS c
     ON CONFLICT (code) DO NOTHING`,
    [unique],
  );
  const rows = await q.query<{ id: number; code: string }>(
    'SELECT id, code FROM programme WHERE code = ANY($1::text[])',
    [unique],
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Inserts or renames a programme. */
export async function listProgrammes(q: Queryable): Promise<ProgrammeRow[]> {
  return q.query<ProgrammeRow>(
    'SELECT id, code, name_vi AS "nameVi", name_en AS "nameEn" FROM programme ORDER BY code',
  );
}

/**
 * Inserts or updates tasks by code from the `tasks` sheet (docs/import.md), in batches; programmes not yet known
 * are created. Only the sheet's columns are written (a project's budget and approval are left as they are), rows
 * that would not change are left alone, so importing the same file twice writes nothing. Returns the codes written
 * with whether each was new, for the audit log.
 */
export async function upsertTasks(
  q: Queryable,
  rows: readonly TaskUpsertRow[],
  actor: string | null = null,
): Promise<{ inserted: number; updated: number; written: { code: string; inserted: boolean }[] }> {
  const programmes = await ensureProgrammes(
    q,
    rows.map((r) => r.programme),
  );
  const written: { code: string; inserted: boolean }[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const result = await q.query<{ code: string; inserted: boolean }>(
      `INSERT INTO task (code, programme_id, title, lead_unit_id, start_date, due_date, recurring, status, note,
                         province_code, created_by, updated_by)
       SELECT i.code, i.programme_id, i.title, i.lead_unit_id, i.start_date::date, i.due_date::date, i.recurring,
              i.status, i.note, u.province_code, $10, $10
       FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::boolean[],
                   $8::text[], $9::text[])
            AS i(code, programme_id, title, lead_unit_id, start_date, due_date, recurring, status, note)
       JOIN unit u ON u.id = i.lead_unit_id
       ON CONFLICT (code) DO UPDATE SET
         programme_id = excluded.programme_id, title = excluded.title, lead_unit_id = excluded.lead_unit_id,
         start_date = excluded.start_date, due_date = excluded.due_date, recurring = excluded.recurring,
         status = excluded.status, note = excluded.note, province_code = excluded.province_code,
         version = task.version + 1, updated_by = excluded.updated_by, updated_at = now()
       WHERE (task.programme_id, task.title, task.lead_unit_id, task.start_date, task.due_date, task.recurring,
              task.status, task.note)
             IS DISTINCT FROM (excluded.programme_id, excluded.title, excluded.lead_unit_id, excluded.start_date,
              excluded.due_date, excluded.recurring, excluded.status, excluded.note)
       RETURNING task.code, (xmax = 0) AS inserted`,
      [
        batch.map((r) => r.code),
        batch.map((r) => programmes.get(r.programme) ?? null),
        batch.map((r) => r.title),
        batch.map((r) => r.leadUnitId),
        batch.map((r) => r.start),
        batch.map((r) => r.due),
        batch.map((r) => r.recurring),
        batch.map((r) => r.status),
        batch.map((r) => r.note),
        actor,
      ],
    );
    written.push(...result);
  }
  const inserted = written.filter((w) => w.inserted).length;
  return { inserted, updated: written.length - inserted, written };
}

/** Inserts one task; returns its id. */
export async function insertTask(q: Queryable, task: TaskWrite, actor: string): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO task (code, programme_id, title, kind, lead_unit_id, start_date, due_date, recurring, status, note,
                       budget_planned, budget_disbursed, approval_state, submitted_on, approved_on, rejected_on,
                       province_code, created_by, updated_by)
     SELECT $1, $2, $3, $4, $5, $6::date, $7::date, $8, $9, $10, $11, $12, $13, $14::date, $15::date, $16::date,
            u.province_code, $17, $17
     FROM unit u WHERE u.id = $5
     RETURNING id`,
    taskParams(task, actor),
  );
  return (rows[0] as { id: number }).id;
}

function taskParams(task: TaskWrite, actor: string): SqlParam[] {
  return [
    task.code,
    task.programmeId,
    task.title,
    task.kind,
    task.leadUnitId,
    task.start,
    task.due,
    task.recurring,
    task.status,
    task.note,
    task.budgetPlanned,
    task.budgetDisbursed,
    task.approvalState,
    task.submittedOn,
    task.approvedOn,
    task.rejectedOn,
    actor,
  ];
}

/**
 * Writes every field of a task when its version is still `expectedVersion` (optimistic concurrency); returns
 * the new version, or null when someone else changed it first.
 */
export async function updateTaskRow(
  q: Queryable,
  id: number,
  expectedVersion: number,
  task: TaskWrite,
  actor: string,
): Promise<number | null> {
  const rows = await q.query<{ version: number }>(
    `UPDATE task t SET code = $1, programme_id = $2, title = $3, kind = $4, lead_unit_id = $5, start_date = $6::date,
       due_date = $7::date, recurring = $8, status = $9, note = $10, budget_planned = $11, budget_disbursed = $12,
       approval_state = $13, submitted_on = $14::date, approved_on = $15::date, rejected_on = $16::date,
       province_code = u.province_code, updated_by = $17, updated_at = now(), version = t.version + 1
     FROM unit u
     WHERE u.id = $5 AND t.id = $18 AND t.version = $19
     RETURNING t.version`,
    [...taskParams(task, actor), id, expectedVersion],
  );
  return rows[0]?.version ?? null;
}

export async function deleteTaskRow(q: Queryable, id: number): Promise<void> {
  await q.query('DELETE FROM task WHERE id = $1', [id]);
}

export async function findTaskByCode(q: Queryable, code: string): Promise<TaskRow | null> {
  const rows = await q.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM ${TASK_FROM} WHERE t.code = $1`, [code]);
  return rows[0] ?? null;
}

/** The stored tasks with these codes, each with the lead unit it has now (one query whatever the count). */
export async function findTaskLeadUnits(
  q: Queryable,
  codes: readonly string[],
): Promise<{ code: string; leadUnitPath: string; leadUnitSet: string; leadUnitCode: string }[]> {
  if (codes.length === 0) return [];
  return q.query(
    `SELECT t.code, u.path AS "leadUnitPath", u.set_code AS "leadUnitSet", u.code AS "leadUnitCode"
     FROM task t JOIN unit u ON u.id = t.lead_unit_id WHERE t.code = ANY($1::text[])`,
    [[...new Set(codes)]],
  );
}

export interface TaskFilter {
  programme?: string;
  /** Only tasks whose lead unit lies in the subtree at this path. */
  leadUnitPath?: string;
  /** Only tasks whose lead unit lies under one of these paths (the reader's scope); absent: no restriction. */
  scopePaths?: readonly string[];
  status?: TaskStatus;
  kind?: TaskKind;
  /** Only tasks overdue on this date: due before it, not completed, not recurring (docs/domain.md §7). */
  overdueAt?: string;
  limit?: number;
  offset?: number;
}

/** Tasks matching a filter, by programme then code. */
export async function listTaskRows(q: Queryable, filter: TaskFilter): Promise<TaskRow[]> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  const add = (clause: string, value: SqlParam) => {
    params.push(value);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if (filter.programme !== undefined) add('pr.code = ?', filter.programme);
  if (filter.leadUnitPath !== undefined) add('starts_with(u.path, ?)', filter.leadUnitPath);
  if (filter.scopePaths !== undefined) {
    add('EXISTS (SELECT 1 FROM unnest(?::text[]) AS s(p) WHERE starts_with(u.path, s.p))', [
      ...filter.scopePaths,
    ]);
  }
  if (filter.status !== undefined) add('t.status = ?', filter.status);
  if (filter.kind !== undefined) add('t.kind = ?', filter.kind);
  if (filter.overdueAt !== undefined) {
    add(
      `(t.due_date < ?::date AND t.status NOT IN ('completed', 'recurring') AND NOT t.recurring)`,
      filter.overdueAt,
    );
  }
  params.push(filter.limit ?? LIST_LIMIT_DEFAULT, filter.offset ?? 0);
  return q.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM ${TASK_FROM}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY pr.code, t.code LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

/** The supporting units of the given tasks. */
export async function listSupportingUnits(
  q: Queryable,
  taskIds: readonly number[],
): Promise<SupportingUnitRow[]> {
  if (taskIds.length === 0) return [];
  return q.query<SupportingUnitRow>(
    `SELECT s.task_id AS "taskId", u.id AS "unitId", u.set_code AS "set", u.code, u.name
     FROM task_supporting_unit s JOIN unit u ON u.id = s.unit_id
     WHERE s.task_id = ANY($1::bigint[]) ORDER BY s.task_id, u.set_code, u.code`,
    [taskIds],
  );
}

/** Replaces a task's supporting units by these. */
export async function setSupportingUnits(
  q: Queryable,
  taskId: number,
  unitIds: readonly number[],
): Promise<void> {
  await q.query('DELETE FROM task_supporting_unit WHERE task_id = $1 AND NOT (unit_id = ANY($2::bigint[]))', [
    taskId,
    unitIds,
  ]);
  await q.query(
    `INSERT INTO task_supporting_unit (task_id, unit_id) SELECT $1, unnest($2::bigint[])
     ON CONFLICT DO NOTHING`,
    [taskId, unitIds],
  );
}

export async function insertTaskNote(
  q: Queryable,
  note: { taskId: number; date: string; author: string; text: string },
): Promise<TaskNoteRow> {
  const rows = await q.query<TaskNoteRow>(
    `INSERT INTO task_note (task_id, noted_on, author, text) VALUES ($1, $2::date, $3, $4)
     RETURNING id, task_id AS "taskId", noted_on AS "date", author, text, created_at AS "createdAt"`,
    [note.taskId, note.date, note.author, note.text],
  );
  return rows[0] as TaskNoteRow;
}

/** The progress notes of the given tasks, oldest first. */
export async function listTaskNotes(q: Queryable, taskIds: readonly number[]): Promise<TaskNoteRow[]> {
  if (taskIds.length === 0) return [];
  return q.query<TaskNoteRow>(
    `SELECT id, task_id AS "taskId", noted_on AS "date", author, text, created_at AS "createdAt"
     FROM task_note WHERE task_id = ANY($1::bigint[]) ORDER BY task_id, noted_on, id`,
    [taskIds],
  );
}

export async function insertTaskLink(
  q: Queryable,
  link: { taskId: number; url: string; title: string; createdBy: string },
): Promise<TaskLinkRow> {
  const rows = await q.query<TaskLinkRow>(
    `INSERT INTO task_link (task_id, url, title, created_by) VALUES ($1, $2, $3, $4)
     RETURNING id, task_id AS "taskId", url, title, created_by AS "createdBy", created_at AS "createdAt"`,
    [link.taskId, link.url, link.title, link.createdBy],
  );
  return rows[0] as TaskLinkRow;
}

export async function listTaskLinks(q: Queryable, taskIds: readonly number[]): Promise<TaskLinkRow[]> {
  if (taskIds.length === 0) return [];
  return q.query<TaskLinkRow>(
    `SELECT id, task_id AS "taskId", url, title, created_by AS "createdBy", created_at AS "createdAt"
     FROM task_link WHERE task_id = ANY($1::bigint[]) ORDER BY task_id, id`,
    [taskIds],
  );
}
