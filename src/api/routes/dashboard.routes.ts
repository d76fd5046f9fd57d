import { z } from 'zod';
import { DashboardCache } from '../../app/dashboard/dashboard-cache.js';
import { dashboardLanding, planDashboardAt } from '../../app/dashboard/plan-dashboard.js';
import { answerCacheFor } from '../../app/evaluation/answer-cache.js';
import { listPublicPlans, publicPlanDashboard } from '../../app/dashboard/public-dashboard.js';
import { todayInVietnam } from '../../app/tasks/task-view.js';
import { BANDS } from '../../domain/band.js';
import { PERIOD_TYPES } from '../../domain/period.js';
import { UNIT_LEVELS } from '../../domain/unit-vocabulary.js';
import type { RegisterRoutes } from '../api-types.js';
import { sendAnswer } from '../answer-reply.js';
import { emptyReasonSchema, problemSchema } from '../problem.js';
import { periodText } from '../period-text.js';
import { requestActor } from '../request-actor.js';
import { dataVersionSchema } from './data-version.routes.js';
import { sendCached } from './public.routes.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const trace = z.string().meta({ description: 'The API path that explains this figure (its trace)' });
const unitRef = z.object({ code: z.string(), name: z.string() });
const actual = z.union([z.number(), z.boolean()]).nullable();
const langSchema = z
  .enum(['vi', 'en'])
  .default('vi')
  .meta({ description: 'The language of names and phrases' });

const periodSchema = z
  .object({
    id: z.string(),
    type: z.enum(PERIOD_TYPES),
    label: z.string().meta({ description: 'As a reader says it: "6 tháng đầu năm 2024", "Q2 2024"' }),
    start: z.string(),
    end: z.string(),
  })
  .meta({ id: 'DashboardPeriod' });

const dashboardSchema = z
  .object({
    lang: z.enum(['vi', 'en']),
    plan: z.object({
      code: z.string(),
      name: z.string(),
      startYear: z.number().int(),
      endYear: z.number().int(),
      unit: z.string(),
      unitName: z.string(),
    }),
    unit: z.object({ code: z.string(), name: z.string(), level: z.enum(UNIT_LEVELS) }),
    period: periodSchema,
    periods: z.array(periodSchema).meta({ description: 'The periods with values, for a picker' }),
    latestPeriod: z.string().nullable().meta({ description: 'The period a reader lands on' }),
    total: z.number().int(),
    bands: z.array(
      z.object({
        band: z.enum(BANDS),
        count: z.number().int(),
        phrase: z.string(),
        phraseVi: z.string(),
        phraseEn: z.string(),
        trace,
      }),
    ),
    boundaries: z.object({ exceeded: z.number(), over80: z.number(), from50to80: z.number() }),
    share: z
      .object({
        a: z.number(),
        b: z.number(),
        percent: z.number().nullable(),
        text: z.string().meta({ description: '"8/24, đạt 33,3%" in the reader’s language' }),
        trace,
      })
      .meta({ description: 'Targets met or exceeded out of all' }),
    targets: z.array(
      z
        .object({
          indicator: z.string(),
          indicatorName: z.string(),
          indicatorNameEn: z.string().nullable(),
          group: z
            .object({
              code: z.string(),
              name: z.string(),
              nameVi: z.string(),
              nameEn: z.string(),
              kind: z.string(),
            })
            .nullable()
            .meta({ description: 'The indicator’s group (pillar)' }),
          unit: z.string(),
          unitName: z.string(),
          period: z.string().meta({ description: 'The target’s due period' }),
          leadUnit: unitRef.nullable(),
          valueType: z.string(),
          direction: z.string().meta({ description: 'increase, decrease or reach (docs/domain.md)' }),
          measureUnit: z.string().nullable(),
          band: z.enum(BANDS),
          actual,
          target: z.number().nullable(),
          ratio: z.number().nullable(),
          forecastStatus: z.enum(['onTrack', 'atRisk', 'offTrack']).nullable(),
          forecastValue: z.number().nullable(),
          actualSource: z.enum(['entered', 'derived']).nullable(),
          trend: z.array(z.object({ period: z.string(), actual })).meta({
            description: 'The actuals of the recorded periods of the shown period’s type, up to it',
          }),
          trace,
        })
        .meta({ id: 'DashboardTarget' }),
    ),
    lagging: z.array(
      z.object({
        indicator: z.string(),
        indicatorName: z.string(),
        unit: z.string(),
        ratio: z.number().nullable(),
        leadUnit: unitRef.nullable(),
        trace,
      }),
    ),
    overdueTasks: z
      .array(
        z.object({
          code: z.string(),
          title: z.string(),
          programme: z.string(),
          due: z.string().nullable(),
          leadUnit: unitRef,
          trace,
        }),
      )
      .nullable()
      .meta({ description: 'Null on a public dashboard (tasks are not reviewed)' }),
    tasksAt: z.string().meta({ description: 'The date tasks are judged overdue at (today in Vietnam)' }),
    registers: z
      .array(
        z.object({
          indicator: z.string(),
          name: z.string(),
          from: z.string().nullable(),
          to: z.string(),
          lacking: z.number().int(),
          lackingBefore: z.number().int().nullable(),
          closed: z.number().int().nullable(),
          change: z.number().int().nullable(),
          trace,
        }),
      )
      .nullable()
      .meta({ description: 'Null on a public dashboard (registers are not reviewed)' }),
    index: z
      .array(
        z.object({
          methodology: z.string(),
          name: z.string(),
          year: z.number().int(),
          score: z.number(),
          rank: z.number().int(),
          of: z.number().int(),
          previousRank: z.number().int().nullable(),
          rankChange: z.number().int().nullable(),
          trace,
        }),
      )
      .nullable(),
    freshness: dataVersionSchema,
    actualsFrom: z.enum(['rollup', 'values']),
    notice: z.object({ message_vi: z.string(), message_en: z.string() }).nullable(),
    reason: emptyReasonSchema,
    links: z.object({
      evaluation: z.string(),
      report: z.string().nullable(),
      csv: z.string().nullable(),
      json: z.string().nullable(),
    }),
  })
  .meta({ id: 'Dashboard' });

const landingSchema = z
  .object({
    plan: z.string().nullable(),
    planName: z.string().nullable(),
    unit: z.string().nullable(),
    period: z.string().nullable(),
    reason: emptyReasonSchema,
  })
  .meta({ id: 'DashboardLanding' });

const publicPlanSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    unitName: z.string(),
    startYear: z.number().int(),
    endYear: z.number().int(),
    periods: z.array(z.string()),
    latestPeriod: z.string(),
    dashboard: z.string(),
  })
  .meta({ id: 'PublicPlan' });

const JSON_TYPE = 'application/json; charset=utf-8';

export const dashboardRoutes: RegisterRoutes = (api, ctx) => {
  // Per server process, emptied by every change of the data version (docs/dashboard.md): signed-in dashboards in
  // the answer cache the evaluations use (with ETag, docs/evaluation.md), public ones in their own.
  const answers = answerCacheFor(ctx);
  const cache = new DashboardCache();
  api.get(
    '/plans/:code/dashboard',
    {
      schema: {
        tags: ['evaluation'],
        summary: 'Bảng điều hành của kế hoạch / A plan’s dashboard in one request',
        description:
          'What a leader’s dashboard shows for a plan × unit × period: band counts in the committee’s phrases and the "a/b, x%" share, every target with its group, lead unit, actual, target, ratio, forecast and trend, the lagging targets, overdue tasks, registers with their change, composite index ranks, the periods with values, and the data version (freshness). Each figure carries the API path of its trace. Only what the reader may read is counted, as /evaluation.',
        params: z.object({ code: z.string().min(1).max(100) }),
        querystring: z.object({
          period: periodText('Kỳ / period; the latest with values when absent').optional(),
          unit: z.string().min(1).max(140).optional(),
          lang: langSchema,
        }),
        response: { 200: dashboardSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const input = {
        plan: request.params.code,
        period: request.query.period,
        unit: request.query.unit,
        lang: request.query.lang,
      };
      // Overdue tasks are judged today in Vietnam: the day is part of the question.
      const question = ['dashboard', input.plan, input.period ?? null, input.unit ?? null, input.lang];
      const answer = await answers.answer(ctx, actor, [...question, todayInVietnam(ctx)], async () => {
        const { dashboard, readAt } = await planDashboardAt(ctx, actor, input);
        return { body: JSON.stringify(dashboardSchema.parse(dashboard)), readAt };
      });
      return sendAnswer(request, reply, answer);
    },
  );

  api.get(
    '/dashboard/landing',
    {
      schema: {
        tags: ['evaluation'],
        summary: 'Nơi mở đầu sau khi đăng nhập / Where the app lands after sign-in',
        description:
          'The most recent plan in the user’s scope, the unit of it they may read, and its latest period with values. With no plan: nulls and a reason (200).',
        response: { 200: landingSchema, 401: problemSchema },
      },
    },
    async (request) => dashboardLanding(ctx, requestActor(request)),
  );

  api.get(
    '/public/plans',
    {
      config: { public: true },
      schema: {
        tags: ['open data'],
        summary: 'Dữ liệu mở: các kế hoạch / Open data: plans with approved data',
        description:
          'Plans whose own unit has an approved review, with the approved periods and the path of each public dashboard. Cached: ETag and Cache-Control.',
        response: { 200: z.object({ plans: z.array(publicPlanSchema) }) },
      },
    },
    async (request, reply) =>
      sendCached(request, reply, JSON.stringify({ plans: await listPublicPlans(ctx) }), JSON_TYPE),
  );

  api.get(
    '/public/plans/:code/dashboard',
    {
      config: { public: true },
      schema: {
        tags: ['open data'],
        summary: 'Dữ liệu mở: bảng điều hành / Open data: a plan’s dashboard',
        description:
          'The signed-in dashboard’s answer at the plan’s unit, computed for an approved period from approved data only (tasks and registers are null), with links to the CSV and JSON downloads. Cached: ETag and Cache-Control.',
        params: z.object({ code: z.string().min(1).max(100) }),
        querystring: z.object({
          period: periodText('Kỳ đã phê duyệt / an approved period; the latest when absent').optional(),
          lang: langSchema,
        }),
        response: { 200: dashboardSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const question = { plan: request.params.code, period: request.query.period, lang: request.query.lang };
      const dashboard = await cache.answer(ctx, 'public', { ...question, today: todayInVietnam(ctx) }, () =>
        publicPlanDashboard(ctx, question),
      );
      return sendCached(request, reply, JSON.stringify(dashboard), JSON_TYPE);
    },
  );
};
