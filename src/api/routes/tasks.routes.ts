import { z } from 'zod';
import { addTaskLink } from '../../app/tasks/add-task-link.js';
import { addTaskNote } from '../../app/tasks/add-task-note.js';
import { changeProjectApproval } from '../../app/tasks/change-project-approval.js';
import { createTask } from '../../app/tasks/create-task.js';
import { deleteTask } from '../../app/tasks/delete-task.js';
import { exportTasks } from '../../app/tasks/export-tasks.js';
import { listProjects, listUnapprovedProjects } from '../../app/tasks/list-projects.js';
import { getTask, listTasks } from '../../app/tasks/list-tasks.js';
import { buildTaskReport, summarizeTasks } from '../../app/tasks/summarize-tasks.js';
import { updateTask } from '../../app/tasks/update-task.js';
import { TASK_STATUSES } from '../../domain/task-status.js';
import { TASK_KINDS } from '../../domain/task-status.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';
import { XLSX_TYPE } from './imports.routes.js';

const APPROVAL_STATES = ['drafted', 'submitted', 'approved', 'rejected'] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ description: 'YYYY-MM-DD' });

const unitRefSchema = z.object({ code: z.string(), name: z.string() }).meta({ id: 'TaskUnit' });

const countsSchema = z
  .object({
    total: z.number().int(),
    byStatus: z.object({
      completed: z.number().int(),
      recurring: z.number().int(),
      inProgress: z.number().int(),
      notStarted: z.number().int(),
      overdue: z
        .number()
        .int()
        .meta({ description: 'Derived at the reference date; overlaps the other counts' }),
    }),
  })
  .meta({ id: 'TaskSummary' });

const budgetSchema = z
  .object({
    planned: z.number(),
    disbursed: z.number(),
    rate: z
      .number()
      .nullable()
      .meta({ description: 'disbursed / planned (1 = all); null when nothing is planned' }),
    overDisbursed: z.boolean(),
  })
  .meta({ id: 'ProjectBudget' });

export const taskSchema = z
  .object({
    code: z.string(),
    programme: z.string(),
    programmeName: z.string(),
    title: z.string(),
    kind: z.enum(TASK_KINDS),
    leadUnit: unitRefSchema,
    supportingUnits: z.array(unitRefSchema),
    start: z.string().nullable(),
    due: z.string().nullable(),
    recurring: z.boolean(),
    status: z.enum(TASK_STATUSES),
    overdue: z
      .boolean()
      .meta({ description: 'Due before the reference date and not completed (never stored)' }),
    note: z.string().nullable(),
    budget: budgetSchema.nullable(),
    approval: z
      .object({
        state: z.enum(APPROVAL_STATES),
        submittedOn: z.string().nullable(),
        approvedOn: z.string().nullable(),
        rejectedOn: z.string().nullable(),
      })
      .nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Task' });

const taskDetailSchema = taskSchema
  .extend({
    notes: z.array(z.object({ date: z.string(), author: z.string(), text: z.string() })),
    links: z.array(z.object({ url: z.string(), title: z.string() })),
  })
  .meta({ id: 'TaskDetail' });

const projectListSchema = z
  .object({
    projects: z.array(taskSchema),
    totals: budgetSchema.extend({ count: z.number().int() }),
  })
  .meta({ id: 'ProjectList' });

const codeParams = z.object({ code: z.string().min(1).max(64) });

const scopeQuery = z.object({
  programme: z.string().min(1).max(64).optional().meta({ description: 'Programme code, e.g. DA06' }),
  unit: z
    .string()
    .min(1)
    .max(80)
    .optional()
    .meta({ description: 'Lead unit; its whole subtree counts (e.g. pre2025:10)' }),
  at: isoDate
    .optional()
    .meta({ description: 'Reference date for overdue (YYYY-MM-DD); today in Vietnam by default' }),
});

const nullableDate = isoDate.nullable();

const fieldsSchema = z.object({
  programme: z.string().min(1).max(64),
  title: z.string().min(1).max(2000),
  kind: z.enum(TASK_KINDS).optional(),
  leadUnit: z.string().min(1).max(80),
  supportingUnits: z.array(z.string().min(1).max(80)).max(200).optional(),
  start: nullableDate.optional(),
  due: nullableDate.optional(),
  recurring: z.boolean().optional(),
  status: z.enum(TASK_STATUSES),
  note: z.string().max(10_000).nullable().optional(),
  budgetPlanned: z.number().min(0).nullable().optional().meta({ description: 'VND, projects only' }),
  budgetDisbursed: z.number().min(0).nullable().optional().meta({ description: 'VND, projects only' }),
});

const createBody = fieldsSchema.extend({ code: z.string().min(1).max(64) }).meta({ id: 'TaskCreate' });

const updateBody = fieldsSchema
  .partial()
  .extend({
    newCode: z.string().min(1).max(64).optional(),
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'The version edited; refused with 409 when stale' }),
  })
  .meta({ id: 'TaskUpdate' });

const errors = { 400: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export const tasksRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Danh sách nhiệm vụ / List tasks',
        querystring: scopeQuery.extend({
          status: z.enum(TASK_STATUSES).optional(),
          kind: z.enum(TASK_KINDS).optional(),
          overdue: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true')
            .meta({ description: 'Only tasks overdue at the reference date' }),
          limit: z.coerce.number().int().min(1).max(10_000).default(1000),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ at: z.string(), tasks: z.array(taskSchema) }), ...errors },
      },
    },
    async (request) => listTasks(ctx, requestActor(request), request.query),
  );

  api.get(
    '/tasks/summary',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Đếm nhiệm vụ theo trạng thái / Count tasks per status',
        description: 'As `dxmon tasks summary --json`: `{total, byStatus}`; overdue is derived at `at`.',
        querystring: scopeQuery,
        response: { 200: countsSchema, ...errors },
      },
    },
    async (request) => summarizeTasks(ctx, requestActor(request), request.query),
  );

  api.get(
    '/tasks/report',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Nhiệm vụ theo chương trình, đơn vị; quá hạn, sắp đến hạn / Per programme and unit, overdue, at risk',
        querystring: scopeQuery.extend({ horizonDays: z.coerce.number().int().min(0).max(3660).default(30) }),
        response: {
          200: z
            .object({
              at: z.string(),
              summary: countsSchema,
              byProgramme: z.array(
                z.object({ programme: z.string(), name: z.string(), summary: countsSchema }),
              ),
              byLeadUnit: z.array(z.object({ unit: unitRefSchema, summary: countsSchema })),
              overdue: z.array(taskSchema),
              atRisk: z.array(taskSchema),
              horizonDays: z.number().int(),
            })
            .meta({ id: 'TaskReport' }),
          ...errors,
        },
      },
    },
    async (request) => buildTaskReport(ctx, requestActor(request), request.query),
  );

  api.get(
    '/tasks/export',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tải danh sách nhiệm vụ theo mẫu nhập / Download tasks as the import format’s tasks sheet',
        description:
          'An .xlsx with one `tasks` sheet (docs/import.md): the tasks the caller may read, filtered as `GET /tasks`. Changed and sent to `POST /imports`, it changes those tasks; supporting units, notes, links and budgets are not in it and stay as they are.',
        querystring: scopeQuery.extend({
          status: z.enum(TASK_STATUSES).optional(),
          kind: z.enum(TASK_KINDS).optional(),
          overdue: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true')
            .meta({ description: 'Only tasks overdue at the reference date' }),
        }),
        response: { 200: z.string().meta({ description: 'The XLSX workbook', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const built = await exportTasks(ctx, requestActor(request), request.query);
      return (
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${built.fileName}"`)
          // Fastify sends a Buffer as is, without the JSON serializer.
          .send(Buffer.from(built.bytes) as unknown as string)
      );
    },
  );

  api.post(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Thêm nhiệm vụ hoặc dự án / Create a task or project',
        body: createBody,
        response: { 201: taskDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const task = await createTask(ctx, requestActor(request), request.body);
      return reply.code(201).send(task);
    },
  );

  api.get(
    '/tasks/:code',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Một nhiệm vụ / One task with notes and links',
        params: codeParams,
        querystring: z.object({ at: isoDate.optional() }),
        response: { 200: taskDetailSchema, ...errors },
      },
    },
    async (request) =>
      getTask(ctx, requestActor(request), { code: request.params.code, at: request.query.at }),
  );

  api.patch(
    '/tasks/:code',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Sửa nhiệm vụ / Change a task',
        description:
          'Absent fields are kept, null clears an optional one; pass `version` to refuse stale edits.',
        params: codeParams,
        body: updateBody,
        response: { 200: taskDetailSchema, ...errors },
      },
    },
    async (request) => updateTask(ctx, requestActor(request), { ...request.body, code: request.params.code }),
  );

  api.delete(
    '/tasks/:code',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Xóa nhiệm vụ / Delete a task',
        params: codeParams,
        response: { 200: z.object({ code: z.string(), deleted: z.literal(true) }), ...errors },
      },
    },
    async (request) => deleteTask(ctx, requestActor(request), { code: request.params.code }),
  );

  api.post(
    '/tasks/:code/notes',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Thêm ghi chú tiến độ / Add a progress note',
        params: codeParams,
        body: z.object({ text: z.string().min(1).max(10_000), date: isoDate.optional() }),
        response: { 201: taskDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const task = await addTaskNote(ctx, requestActor(request), {
        code: request.params.code,
        ...request.body,
      });
      return reply.code(201).send(task);
    },
  );

  api.post(
    '/tasks/:code/links',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Đính kèm liên kết / Attach a document by link',
        params: codeParams,
        body: z.object({ url: z.string().min(1).max(2000), title: z.string().max(500).optional() }),
        response: { 201: taskDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const task = await addTaskLink(ctx, requestActor(request), {
        code: request.params.code,
        ...request.body,
      });
      return reply.code(201).send(task);
    },
  );

  api.post(
    '/tasks/:code/approval',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Chuyển trạng thái phê duyệt dự án / Move a project’s approval state',
        params: codeParams,
        body: z.object({
          to: z.enum(APPROVAL_STATES),
          date: isoDate.optional(),
          version: z.number().int().min(1).optional(),
        }),
        response: { 200: taskDetailSchema, ...errors },
      },
    },
    async (request) =>
      changeProjectApproval(ctx, requestActor(request), { code: request.params.code, ...request.body }),
  );

  const projectQuery = scopeQuery;

  api.get(
    '/projects',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Dự án và tỷ lệ giải ngân / Projects and disbursement rates',
        querystring: projectQuery,
        response: { 200: projectListSchema, ...errors },
      },
    },
    async (request) => listProjects(ctx, requestActor(request), request.query),
  );

  api.get(
    '/projects/unapproved',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Dự án chưa được phê duyệt / Projects not yet approved',
        querystring: projectQuery,
        response: { 200: projectListSchema, ...errors },
      },
    },
    async (request) => listUnapprovedProjects(ctx, requestActor(request), request.query),
  );
};
