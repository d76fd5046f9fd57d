import { z } from 'zod';
import { createPlan } from '../../app/plans/create-plan.js';
import { createTarget } from '../../app/plans/create-target.js';
import { getPlan, listPlans } from '../../app/plans/list-plans.js';
import { listTargets } from '../../app/plans/list-targets.js';
import { saveTargets, TARGET_BATCH_LIMIT } from '../../app/plans/save-targets.js';
import { updatePlan } from '../../app/plans/update-plan.js';
import { updateTarget } from '../../app/plans/update-target.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { periodText } from '../period-text.js';
import { requestActor } from '../request-actor.js';
import { VALUE_TYPES } from '../../domain/aggregate.js';

const errors = { 400: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const code = z.string().min(1).max(100);
const year = z.number().int().min(1900).max(2100);
const unitText = z.string().min(1).max(140).meta({ description: 'A unit as users write it: 15, pre2025:10' });
const periodSchema = periodText('DHIS2 period id');
const valueInput = z.union([z.number(), z.boolean(), z.string()]).meta({
  description: 'A number (a percentage for ratio indicators) or, for boolean indicators, true/false',
});

const bandsSchema = z
  .object({ exceeded: z.number(), over80: z.number(), from50to80: z.number() })
  .meta({ id: 'BandBoundaries', description: 'Lower bound of each band as a ratio (1 = 100%)' });

export const planSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    unitName: z.string(),
    startYear: z.number().int(),
    endYear: z.number().int(),
    bands: z.record(z.string(), z.number()).nullable(),
    targetCount: z.number().int(),
  })
  .meta({ id: 'Plan' });

export const targetSchema = z
  .object({
    plan: z.string(),
    indicator: z.string(),
    indicatorName: z.string(),
    valueType: z.enum(VALUE_TYPES),
    unit: z.string(),
    unitName: z.string(),
    period: z.string(),
    target: z.union([z.number(), z.boolean()]).nullable(),
    baseline: z.union([z.number(), z.boolean()]).nullable(),
    baselinePeriod: z.string().nullable(),
    leadUnit: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Target' });

const targetFields = {
  indicator: code,
  unit: unitText,
  period: periodSchema,
  baseline: valueInput.nullable().optional(),
  baselinePeriod: periodSchema.nullable().optional(),
  leadUnit: unitText.nullable().optional().meta({ description: 'Đơn vị chủ trì / lead unit' }),
  note: z.string().max(5000).nullable().optional(),
};

export const plansRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Danh sách kế hoạch / List plans',
        response: { 200: z.object({ plans: z.array(planSchema) }) },
      },
    },
    async (request) => ({ plans: await listPlans(ctx, requestActor(request)) }),
  );

  api.get(
    '/plans/:code',
    {
      schema: {
        tags: ['plans'],
        summary: 'Một kế hoạch / One plan',
        params: z.object({ code }),
        response: { 200: planSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => getPlan(ctx, requestActor(request), request.params.code),
  );

  api.post(
    '/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Thêm kế hoạch / Create a plan',
        body: z
          .object({
            code,
            name: z.string().min(1).max(1000),
            unit: unitText,
            startYear: year,
            endYear: year,
            bands: bandsSchema.nullable().optional(),
          })
          .meta({ id: 'PlanCreate' }),
        response: { 201: planSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPlan(ctx, requestActor(request), request.body)),
  );

  api.put(
    '/plans/:code',
    {
      schema: {
        tags: ['plans'],
        summary: 'Sửa kế hoạch / Update a plan',
        params: z.object({ code }),
        body: z.object({
          name: z.string().min(1).max(1000).optional(),
          unit: unitText.optional(),
          startYear: year.optional(),
          endYear: year.optional(),
          bands: bandsSchema.nullable().optional(),
        }),
        response: { 200: planSchema, ...errors },
      },
    },
    async (request) => updatePlan(ctx, requestActor(request), request.params.code, request.body),
  );

  api.get(
    '/plans/:code/targets',
    {
      schema: {
        tags: ['plans'],
        summary: 'Mục tiêu của kế hoạch / A plan’s targets',
        params: z.object({ code }),
        querystring: z.object({
          indicator: code.optional(),
          unit: unitText.optional(),
          period: periodSchema.optional(),
        }),
        response: {
          200: z.object({ targets: z.array(targetSchema) }),
          400: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => ({
      targets: await listTargets(ctx, requestActor(request), { plan: request.params.code, ...request.query }),
    }),
  );

  api.post(
    '/plans/:code/targets',
    {
      schema: {
        tags: ['plans'],
        summary: 'Thêm mục tiêu / Add a target',
        params: z.object({ code }),
        body: z.object({ ...targetFields, target: valueInput }).meta({ id: 'TargetCreate' }),
        response: { 201: targetSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createTarget(ctx, requestActor(request), { plan: request.params.code, ...request.body })),
  );

  api.put(
    '/plans/:code/targets',
    {
      schema: {
        tags: ['plans'],
        summary: 'Sửa mục tiêu / Update a target',
        description: 'The target is named by indicator, unit and period; absent fields stay, null clears.',
        params: z.object({ code }),
        body: z.object({ ...targetFields, target: valueInput.optional() }).meta({ id: 'TargetUpdate' }),
        response: { 200: targetSchema, ...errors },
      },
    },
    async (request) =>
      updateTarget(ctx, requestActor(request), { plan: request.params.code, ...request.body }),
  );

  api.put(
    '/plans/:code/targets/batch',
    {
      schema: {
        tags: ['plans'],
        summary: 'Thêm và sửa nhiều mục tiêu một lần / Create and update many targets at once',
        description:
          'All or nothing, in one transaction: each row names a target by indicator, unit and period; an existing one is changed as `PUT /plans/{code}/targets` changes it (absent fields stay, null clears), a new one is added as `POST` adds it (its `target` is then needed). When any row is bad nothing is written and the problem lists every bad row by its position and field (`targets[3].target`); a row over a unit the caller may not manage refuses the whole (403). The web app’s target grid saves through it.',
        params: z.object({ code }),
        body: z
          .object({
            targets: z
              .array(z.object({ ...targetFields, target: valueInput.optional() }))
              .min(1)
              .max(TARGET_BATCH_LIMIT),
          })
          .meta({ id: 'TargetBatch' }),
        response: {
          200: z
            .object({
              saved: z.array(
                z.object({
                  indicator: z.string(),
                  unit: z.string(),
                  period: z.string(),
                  action: z.enum(['create', 'update', 'none']),
                }),
              ),
              targets: z.array(targetSchema),
            })
            .meta({ id: 'TargetsSaved' }),
          ...errors,
        },
      },
    },
    async (request) =>
      saveTargets(ctx, requestActor(request), { plan: request.params.code, targets: request.body.targets }),
  );
};
