import { z } from 'zod';
import { applyReviewEvent } from '../../app/review/apply-review-event.js';
import { getReview, listReviewStatus } from '../../app/review/list-review-status.js';
import { getReviewChanges } from '../../app/review/review-changes.js';
import { UNIT_LEVELS } from '../../domain/unit-vocabulary.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { periodText } from '../period-text.js';
import { requestActor } from '../request-actor.js';

const STATE = z.enum(['open', 'submitted', 'approved', 'returned']);
const LEVEL = z.enum(UNIT_LEVELS);
const EVENT = z.enum(['submit', 'return', 'approve', 'reopen']);

const itemSchema = z.object({
  unit: z.string(),
  unitName: z.string(),
  level: z.string(),
  state: STATE,
  reason: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  lastSubmittedAt: z.string().nullable(),
  lastApprovedAt: z.string().nullable(),
  changedSinceApproval: z.number().int(),
});

const figuresSchema = z.object({
  value: z.union([z.number(), z.boolean()]).nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
});

const changesSchema = z
  .object({
    plan: z.string(),
    period: z.string(),
    unit: z.string(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    changes: z.array(
      z.object({
        indicator: z.string(),
        indicatorName: z.string(),
        indicatorNameEn: z.string().nullable(),
        valueType: z.string(),
        unit: z.string(),
        unitName: z.string(),
        period: z.string(),
        approved: figuresSchema.nullable(),
        current: figuresSchema.extend({ version: z.number().int() }),
        changedBy: z.string().nullable(),
        changedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'ReviewChanges' });

const statusSchema = z
  .object({
    plan: z.string(),
    period: z.string(),
    counts: z.object({ open: z.number(), submitted: z.number(), approved: z.number(), returned: z.number() }),
    units: z.array(itemSchema),
  })
  .meta({ id: 'ReviewStatus' });

const resultSchema = z
  .object({
    plan: z.string(),
    period: z.string(),
    event: EVENT,
    changed: z.array(z.object({ unit: z.string(), from: STATE, to: STATE })),
    skipped: z.array(
      z.object({
        unit: z.string(),
        state: STATE,
        code: z.string(),
        message_vi: z.string(),
        message_en: z.string(),
      }),
    ),
  })
  .meta({ id: 'ReviewEventResult' });

const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  423: problemSchema,
};

export const reviewsRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/plans/:code/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Tình hình gửi, duyệt số liệu / Who has submitted',
        description:
          'Every unit expected to report a period of the plan (those holding a target of it, or with `level` every unit of that level under the plan’s unit or `under`) with its review state.',
        params: z.object({ code: z.string().min(1) }),
        querystring: z.object({
          period: periodText(),
          under: z.string().min(1).max(100).optional(),
          level: LEVEL.optional(),
        }),
        response: { 200: statusSchema, ...errors },
      },
    },
    async (request) =>
      listReviewStatus(ctx, requestActor(request), { plan: request.params.code, ...request.query }),
  );

  api.get(
    '/plans/:code/reviews/:period/:unit',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Một lượt duyệt và lịch sử / One review with its history',
        params: z.object({
          code: z.string().min(1),
          period: periodText(),
          unit: z.string().min(1),
        }),
        response: {
          200: itemSchema
            .extend({
              plan: z.string(),
              period: z.string(),
              history: z.array(
                z.object({
                  event: z.string(),
                  from: STATE,
                  to: STATE,
                  role: z.string(),
                  reason: z.string().nullable(),
                  actor: z.string(),
                  source: z.string(),
                  at: z.string(),
                }),
              ),
            })
            .meta({ id: 'ReviewDetail' }),
          ...errors,
        },
      },
    },
    async (request) =>
      getReview(ctx, requestActor(request), {
        plan: request.params.code,
        period: request.params.period,
        unit: request.params.unit,
      }),
  );

  api.get(
    '/plans/:code/reviews/:period/:unit/changes',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Số liệu thay đổi từ lần duyệt trước / Values changed since the last approval',
        description:
          'Every value the review covers (as an approval locks it) saved after the last approval, beside its version as approved (from the audit log at the approval; null when it had none), with who changed it and when. Never approved: every covered value.',
        params: z.object({
          code: z.string().min(1),
          period: periodText(),
          unit: z.string().min(1),
        }),
        response: { 200: changesSchema, ...errors },
      },
    },
    async (request) =>
      getReviewChanges(ctx, requestActor(request), {
        plan: request.params.code,
        period: request.params.period,
        unit: request.params.unit,
      }),
  );

  api.post(
    '/plans/:code/reviews/:period/:event',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Gửi, trả lại, phê duyệt, mở lại / Submit, return, approve, reopen',
        description:
          'One unit or many in one transaction: name them in `units`, or give `under` (and `level`) for every expected unit below one. Return and reopen need a `reason`. Approved values are locked until reopened.',
        params: z.object({ code: z.string().min(1), period: periodText(), event: EVENT }),
        body: z.object({
          units: z.array(z.string().min(1).max(100)).min(1).max(20_000).optional(),
          under: z.string().min(1).max(100).optional(),
          level: LEVEL.optional(),
          reason: z.string().max(2000).optional(),
        }),
        response: { 200: resultSchema, ...errors },
      },
    },
    async (request) =>
      applyReviewEvent(ctx, requestActor(request), {
        plan: request.params.code,
        period: request.params.period,
        event: request.params.event,
        ...request.body,
      }),
  );
};
