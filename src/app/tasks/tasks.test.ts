import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { unitInput as unit } from '../../../test/support/units-fixture.js';
import { expectError } from '../../../test/support/app-errors.js';
import { isAppError } from '../../domain/app-error.js';
import type { Db } from '../../store/db.js';
import { upsertTasks, type TaskUpsertRow } from '../../store/tasks.queries.js';
import { findUnit, refreshUnitPaths, upsertUnits } from '../../store/units.queries.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { addTaskLink } from './add-task-link.js';
import { addTaskNote } from './add-task-note.js';
import { changeProjectApproval } from './change-project-approval.js';
import { createTask, type CreateTaskInput } from './create-task.js';
import { deleteTask } from './delete-task.js';
import { listProjects, listUnapprovedProjects } from './list-projects.js';
import { getTask, listTasks } from './list-tasks.js';
import { buildTaskReport, summarizeTasks } from './summarize-tasks.js';
import { updateTask } from './update-task.js';

const admin: Actor = { ...LOCAL_ADMIN, source: 'cli' };
const TODAY = '2024-07-18';

describe.each(TEST_DB_KINDS)('tasks and projects on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let secretariatOf98: Actor;

  beforeAll(async () => {
    db = await createTestDb(kind);
    // 07:00 on 18 July in Vietnam is still 17 July in UTC: the default reference date is Vietnam's.
    ctx = { db, now: () => new Date('2024-07-18T00:30:00+07:00') };
    await upsertUnits(db, '2025', [
      unit('VN', 'Việt Nam', 'national', null),
      unit('99', 'Tỉnh Thử', 'province', 'VN'),
      unit('98', 'Tỉnh Khác', 'province', 'VN'),
      unit('99-CA', 'Công an tỉnh Thử', 'agency', '99'),
      unit('99-TT', 'Sở Thông tin tỉnh Thử', 'agency', '99'),
      unit('98-TT', 'Sở Thông tin tỉnh Khác', 'agency', '98'),
    ]);
    await refreshUnitPaths(db);
    const p98 = await findUnit(db, ['2025'], '98');
    secretariatOf98 = {
      kind: 'user',
      name: 'thu.ky',
      grants: [{ role: 'secretariat', unitPath: p98!.path }],
      source: 'api',
    };
  }, 120_000);
  afterAll(async () => db.close());

  const base = (over: Partial<CreateTaskInput> & { code: string }): CreateTaskInput => ({
    programme: 'DA06',
    title: `Nhiệm vụ ${over.code}`,
    leadUnit: '99-CA',
    status: 'inProgress',
    ...over,
  });

  it('creates tasks and counts them per status with overdue derived at the reference date', async () => {
    await createTask(ctx, admin, base({ code: 'T-YESTERDAY', due: '2024-07-17' }));
    await createTask(ctx, admin, base({ code: 'T-TODAY', due: TODAY }));
    await createTask(ctx, admin, base({ code: 'T-DONE-LATE', due: '2024-01-31', status: 'completed' }));
    await createTask(ctx, admin, base({ code: 'T-RECURRING', status: 'recurring', recurring: true }));
    await createTask(ctx, admin, base({ code: 'T-NOT-STARTED', status: 'notStarted', due: '2024-06-30' }));
    await createTask(ctx, admin, base({ code: 'T-NO-DUE', status: 'inProgress', leadUnit: '99-TT' }));
    await createTask(
      ctx,
      admin,
      base({ code: 'T-OTHER', programme: 'KH-CDS', leadUnit: '98-TT', due: '2024-08-01' }),
    );

    expect(await summarizeTasks(ctx, admin, { programme: 'DA06', at: TODAY })).toEqual({
      total: 6,
      byStatus: { completed: 1, recurring: 1, inProgress: 3, notStarted: 1, overdue: 2 },
    });
    // The default reference date is today in Vietnam (18 July), so the task due today is not yet overdue.
    expect((await summarizeTasks(ctx, admin, { programme: 'DA06' })).byStatus.overdue).toBe(2);
    // A day later the task due on the 18th is overdue too; the recurring one never is.
    expect((await summarizeTasks(ctx, admin, { programme: 'DA06', at: '2024-07-19' })).byStatus.overdue).toBe(
      3,
    );
    expect((await summarizeTasks(ctx, admin, { programme: 'DA06', at: '2030-01-01' })).byStatus.overdue).toBe(
      3,
    );
    expect((await summarizeTasks(ctx, admin, { at: TODAY })).total).toBe(7);
  });

  it('lists overdue tasks, tasks of a lead unit subtree, and refuses unknown programmes', async () => {
    const overdue = await listTasks(ctx, admin, { overdue: true, at: TODAY });
    expect(overdue.tasks.map((t) => t.code)).toEqual(['T-NOT-STARTED', 'T-YESTERDAY']);
    expect(overdue.tasks.every((t) => t.overdue)).toBe(true);
    const under98 = await listTasks(ctx, admin, { unit: '98', at: TODAY });
    expect(under98.tasks.map((t) => t.code)).toEqual(['T-OTHER']);
    expect(under98.tasks[0]!.leadUnit).toEqual({ code: '98-TT', name: 'Sở Thông tin tỉnh Khác' });
    await expectError(summarizeTasks(ctx, admin, { programme: 'NOPE' }), 'notFound');
    await expectError(summarizeTasks(ctx, admin, { at: '2024-02-30' }), 'badInput');
  });

  it('reports per programme and lead unit, with overdue and at-risk lists', async () => {
    const report = await buildTaskReport(ctx, admin, { at: TODAY, horizonDays: 14 });
    expect(report.byProgramme.map((p) => [p.programme, p.summary.total])).toEqual([
      ['DA06', 6],
      ['KH-CDS', 1],
    ]);
    expect(report.byLeadUnit.map((u) => [u.unit.code, u.summary.total, u.summary.byStatus.overdue])).toEqual([
      ['98-TT', 1, 0],
      ['99-CA', 5, 2],
      ['99-TT', 1, 0],
    ]);
    expect(report.overdue.map((t) => [t.code, t.leadUnit.code])).toEqual([
      ['T-NOT-STARTED', '99-CA'],
      ['T-YESTERDAY', '99-CA'],
    ]);
    // Due today and due in exactly 14 days are both within the horizon.
    expect(report.atRisk.map((t) => t.code)).toEqual(['T-TODAY', 'T-OTHER']);
  });

  it('refuses inconsistent tasks with every problem named, and codes already used', async () => {
    const error = await expectError(
      createTask(
        ctx,
        admin,
        base({ code: 'T-BAD', status: 'recurring', recurring: true, due: '2024-12-31', start: '2025-01-01' }),
      ),
      'badInput',
    );
    const fields = isAppError(error) ? error.details.map((d) => d.field) : [];
    // The due date is before the start, and a recurring task has none.
    expect(fields).toEqual(['due', 'due']);
    await expectError(createTask(ctx, admin, base({ code: 'T-BUDGET', budgetPlanned: 5 })), 'badInput');
    await expectError(createTask(ctx, admin, base({ code: 'T-YESTERDAY' })), 'conflict');
    await expectError(createTask(ctx, admin, base({ code: 'T-NOUNIT', leadUnit: 'NOPE' })), 'notFound');
  });

  it('updates with optimistic concurrency and audits every change', async () => {
    const before = await getTask(ctx, admin, { code: 'T-YESTERDAY', at: TODAY });
    const after = await updateTask(ctx, admin, {
      code: 'T-YESTERDAY',
      version: before.version,
      status: 'completed',
      supportingUnits: ['99-TT'],
    });
    expect(after).toMatchObject({ status: 'completed', overdue: false, version: before.version + 1 });
    expect(after.supportingUnits).toEqual([{ code: '99-TT', name: 'Sở Thông tin tỉnh Thử' }]);
    await expectError(
      updateTask(ctx, admin, { code: 'T-YESTERDAY', version: before.version, title: 'x' }),
      'staleVersion',
    );
    // Clearing the due date of a not-started task makes it never overdue.
    const cleared = await updateTask(ctx, admin, { code: 'T-NOT-STARTED', due: null });
    expect(cleared.due).toBeNull();
    const audit = await db.query<{ action: string; old: { status: string } | null; new: { status: string } }>(
      `SELECT action, old_data AS old, new_data AS new FROM audit_log WHERE entity = 'task' AND entity_key = 'T-YESTERDAY' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({ old: { status: 'inProgress' }, new: { status: 'completed' } });
  });

  it('keeps dated progress notes and links, and deletes a task with them', async () => {
    await addTaskNote(ctx, admin, { code: 'T-TODAY', text: 'Đã hoàn thành 80%', date: '2024-07-01' });
    const withLink = await addTaskLink(ctx, admin, {
      code: 'T-TODAY',
      url: 'https://laocai.gov.vn/kh-06',
      title: 'Kế hoạch',
    });
    expect(withLink.notes).toEqual([
      { date: '2024-07-01', author: 'local-admin', text: 'Đã hoàn thành 80%' },
    ]);
    expect(withLink.links).toEqual([{ url: 'https://laocai.gov.vn/kh-06', title: 'Kế hoạch' }]);
    await expectError(addTaskLink(ctx, admin, { code: 'T-TODAY', url: 'javascript:alert(1)' }), 'badInput');
    await expectError(addTaskNote(ctx, admin, { code: 'T-TODAY', text: '  ' }), 'badInput');
    expect(await deleteTask(ctx, admin, { code: 'T-TODAY' })).toEqual({ code: 'T-TODAY', deleted: true });
    await expectError(getTask(ctx, admin, { code: 'T-TODAY' }), 'notFound');
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM task_note')) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('lets a secretariat manage only tasks led within its unit and read only those', async () => {
    await expectError(createTask(ctx, secretariatOf98, base({ code: 'T-FORBIDDEN' })), 'forbidden');
    await expectError(updateTask(ctx, secretariatOf98, { code: 'T-YESTERDAY', title: 'x' }), 'forbidden');
    await createTask(ctx, secretariatOf98, base({ code: 'T-98', leadUnit: '98-TT', status: 'notStarted' }));
    // Moving a task of its own unit to another province's unit is refused too.
    await expectError(updateTask(ctx, secretariatOf98, { code: 'T-98', leadUnit: '99-CA' }), 'forbidden');
    const visible = await listTasks(ctx, secretariatOf98, { at: TODAY });
    expect(visible.tasks.map((t) => t.code)).toEqual(['T-98', 'T-OTHER']);
    expect((await summarizeTasks(ctx, secretariatOf98, { at: TODAY })).total).toBe(2);
  });

  it('computes disbursement rates and lists projects not yet approved through the approval steps', async () => {
    await createTask(
      ctx,
      admin,
      base({ code: 'P-A', kind: 'project', budgetPlanned: 2_000_000_000, budgetDisbursed: 500_000_000 }),
    );
    await createTask(
      ctx,
      admin,
      base({ code: 'P-B', kind: 'project', budgetPlanned: 1_000_000_000, budgetDisbursed: 1_200_000_000 }),
    );
    await createTask(ctx, admin, base({ code: 'P-C', kind: 'project' }));
    const all = await listProjects(ctx, admin);
    expect(
      all.projects.map((p) => [p.code, p.budget?.rate, p.budget?.overDisbursed, p.approval?.state]),
    ).toEqual([
      ['P-A', 0.25, false, 'drafted'],
      ['P-B', 1.2, true, 'drafted'],
      ['P-C', null, false, 'drafted'],
    ]);
    expect(all.totals).toEqual({
      count: 3,
      planned: 3_000_000_000,
      disbursed: 1_700_000_000,
      rate: 1_700_000_000 / 3_000_000_000,
      overDisbursed: false,
    });
    await expectError(changeProjectApproval(ctx, admin, { code: 'P-A', to: 'approved' }), 'conflict');
    await changeProjectApproval(ctx, admin, { code: 'P-A', to: 'submitted', date: '2024-03-01' });
    const approved = await changeProjectApproval(ctx, admin, {
      code: 'P-A',
      to: 'approved',
      date: '2024-04-01',
    });
    expect(approved.approval).toEqual({
      state: 'approved',
      submittedOn: '2024-03-01',
      approvedOn: '2024-04-01',
      rejectedOn: null,
    });
    await expectError(changeProjectApproval(ctx, admin, { code: 'P-A', to: 'drafted' }), 'conflict');
    await expectError(changeProjectApproval(ctx, admin, { code: 'T-98', to: 'submitted' }), 'badInput');
    const unapproved = await listUnapprovedProjects(ctx, admin);
    expect(unapproved.projects.map((p) => p.code)).toEqual(['P-B', 'P-C']);
    expect(unapproved.totals).toMatchObject({
      count: 2,
      planned: 1_000_000_000,
      disbursed: 1_200_000_000,
      overDisbursed: true,
    });
    const actions = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'task' AND entity_key = 'P-A' ORDER BY id`,
    );
    expect(actions.map((a) => a.action)).toEqual(['create', 'submit', 'approve']);
  });

  it('upserts the tasks sheet idempotently, creating unknown programmes and keeping project fields', async () => {
    const lead = (await findUnit(db, ['2025'], '99-CA'))!;
    const rows: TaskUpsertRow[] = [
      {
        code: 'I-1',
        programme: 'NEW-PROG',
        title: 'Một',
        leadUnitId: lead.id,
        start: '2024-01-01',
        due: null,
        recurring: true,
        status: 'recurring',
        note: null,
      },
      {
        code: 'I-2',
        programme: 'NEW-PROG',
        title: 'Hai',
        leadUnitId: lead.id,
        start: null,
        due: '2024-02-01',
        recurring: false,
        status: 'notStarted',
        note: 'n',
      },
      {
        code: 'P-B',
        programme: 'DA06',
        title: 'Dự án B',
        leadUnitId: lead.id,
        start: null,
        due: null,
        recurring: false,
        status: 'inProgress',
        note: null,
      },
    ];
    const first = await upsertTasks(db, rows, 'import');
    expect(first).toMatchObject({ inserted: 2, updated: 1 });
    expect(await upsertTasks(db, rows, 'import')).toMatchObject({ inserted: 0, updated: 0 });
    const changed = await upsertTasks(db, [{ ...rows[1]!, status: 'completed' }], 'import');
    expect(changed).toMatchObject({ inserted: 0, updated: 1 });
    expect(await summarizeTasks(ctx, admin, { programme: 'NEW-PROG', at: TODAY })).toEqual({
      total: 2,
      byStatus: { completed: 1, recurring: 1, inProgress: 0, notStarted: 0, overdue: 0 },
    });
    const project = await getTask(ctx, admin, { code: 'P-B' });
    expect(project).toMatchObject({ kind: 'project', title: 'Dự án B', budget: { planned: 1_000_000_000 } });
  });
});
