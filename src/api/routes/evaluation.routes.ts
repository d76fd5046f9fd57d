import { z } from 'zod';
import { answerCacheFor } from '../../app/evaluation/answer-cache.js';
import { evaluateIndicatorAcrossUnitsAt } from '../../app/evaluation/evaluate-indicator-across-units.js';
import { evaluatePlanAt } from '../../app/evaluation/evaluate-plan.js';
import { traceActual } from '../../app/evaluation/trace-actual.js';
import { BANDS } from '../../domain/band.js';
import type { RegisterRoutes } from '../api-types.js';
import { sendAnswer } from '../answer-reply.js';
import { emptyReasonSchema, problemSchema } from '../problem.js';
import { periodText } from '../period-text.js';
import { requestActor } from '../request-actor.js';
import { DIRECTIONS } from '../../domain/achievement.js';
import { VALUE_TYPES } from '../../domain/aggregate.js';
import { UNIT_LEVELS } from '../../domain/unit-vocabulary.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const periodSchema = periodText('Kỳ đánh giá / evaluation period, DHIS2 id');
const unitText = z.string().min(1).max(140).meta({ description: 'A unit as users write it: 15, pre2025:10' });
const actualSchema = z.union([z.number(), z.boolean()]).nullable().meta({
  description:
    'The actual of the period: a number (a ratio as 100 × Σnumerator / Σdenominator; a boolean as the count of units saying yes), or done/not done for a reach milestone; null when there is no value',
});
const bandSchema = z.enum(BANDS).meta({ id: 'Band' });
const bandCountsSchema = z.object({
  exceeded: z.number().int(),
  over80: z.number().int(),
  from50to80: z.number().int(),
  under50: z.number().int(),
  noData: z.number().int(),
});
const boundariesSchema = z.object({ exceeded: z.number(), over80: z.number(), from50to80: z.number() });
const sourceSchema = z.enum(['entered', 'derived']).nullable().meta({
  description: 'entered at exactly this unit and period, or derived from values below it and inside it',
});

const actualsFromSchema = z.enum(['rollup', 'values']).meta({
  description:
    'rollup: the rollup rows answered what they can, the rest was computed from the values; values: every actual was computed from the values because the rollup rows are being rebuilt (dxmon rollup rebuild)',
});
const noticeSchema = z
  .object({ message_vi: z.string(), message_en: z.string() })
  .nullable()
  .meta({ description: 'What the reader is told when actualsFrom is values; null otherwise' });

const forecastSchema = z
  .object({
    value: z.number(),
    status: z.enum(['onTrack', 'atRisk', 'offTrack']).nullable(),
    method: z.enum(['leastSquares', 'singlePoint', 'proRata']),
    points: z.array(
      z.object({
        period: z.string(),
        x: z.number().meta({ description: 'Months from the start of the due period to the end of this one' }),
        y: z.number(),
      }),
    ),
  })
  .meta({ id: 'Forecast' });

const targetEvaluationSchema = z
  .object({
    indicator: z.string(),
    unit: z.string(),
    period: z.string().meta({ description: "The target's due period" }),
    actual: actualSchema,
    target: z.number().nullable(),
    ratio: z.number().nullable().meta({ description: 'Achievement ratio, 4 decimals (1.0211 = 102.11 %)' }),
    band: bandSchema,
    forecast: forecastSchema.nullable(),
    indicatorName: z.string(),
    indicatorNameEn: z.string().nullable(),
    valueType: z.enum(VALUE_TYPES),
    direction: z.enum(DIRECTIONS),
    measureUnit: z.string().nullable(),
    unitName: z.string(),
    targetUnit: z.string().meta({ description: 'The unit the target was set for' }),
    baseline: z.number().nullable(),
    leadUnit: z.string().nullable(),
    leadUnitName: z.string().nullable(),
    actualSource: sourceSchema,
    valueCount: z.number().int(),
    unitCount: z.number().int(),
    reason: z.string().nullable().meta({ description: 'Why there is no ratio, when there is none' }),
  })
  .meta({ id: 'TargetEvaluation' });

export const planEvaluationSchema = z
  .object({
    plan: z.string(),
    period: z.string(),
    unit: z.string(),
    total: z.number().int(),
    bands: bandCountsSchema,
    targets: z.array(targetEvaluationSchema),
    planName: z.string(),
    unitName: z.string(),
    boundaries: boundariesSchema,
    share: z
      .object({ a: z.number(), b: z.number(), percent: z.number().nullable() })
      .meta({ description: 'Targets met or exceeded out of all, and the share in percent (1 decimal)' }),
    actualsFrom: actualsFromSchema,
    notice: noticeSchema,
    reason: emptyReasonSchema,
  })
  .meta({ id: 'PlanEvaluation' });

const traceSchema = z
  .object({
    plan: z.string(),
    indicator: z.string(),
    unit: z.string(),
    unitName: z.string(),
    period: z.string(),
    actual: actualSchema,
    source: sourceSchema,
    valueCount: z.number().int(),
    unitCount: z.number().int(),
    ignoredCount: z.number().int(),
    values: z.array(
      z.object({
        unit: z.string(),
        unitName: z.string(),
        unitLevel: z.string(),
        period: z.string(),
        role: z.enum(['entered', 'contributing']).meta({
          description:
            'entered: the value of exactly this unit and period, used as is; contributing: one the actual was derived from',
        }),
        value: z.number().nullable(),
        numerator: z.number().nullable(),
        denominator: z.number().nullable(),
        comment: z.string().nullable(),
        createdBy: z.string().nullable().meta({ description: 'Who first entered the value' }),
        createdAt: z.string().meta({ description: 'When it was first entered' }),
        updatedBy: z.string().nullable().meta({ description: 'Who changed it last' }),
        updatedAt: z.string(),
        source: z.string(),
      }),
    ),
  })
  .meta({ id: 'ActualTrace' });

const acrossUnitsSchema = z
  .object({
    plan: z.string(),
    indicator: z.string(),
    indicatorName: z.string(),
    period: z.string(),
    parent: z.string(),
    level: z.enum(UNIT_LEVELS).nullable(),
    total: z.number().int(),
    bands: bandCountsSchema,
    boundaries: boundariesSchema,
    units: z.array(
      z.object({
        unit: z.string(),
        name: z.string(),
        level: z.enum(UNIT_LEVELS),
        actual: actualSchema,
        target: z.number().nullable(),
        targetUnit: z.string().nullable(),
        ratio: z.number().nullable(),
        band: bandSchema,
        rank: z.number().int().nullable(),
        actualSource: sourceSchema,
        valueCount: z.number().int(),
        unitCount: z.number().int(),
      }),
    ),
    actualsFrom: actualsFromSchema,
    notice: noticeSchema,
  })
  .meta({ id: 'IndicatorAcrossUnits' });

export const evaluationRoutes: RegisterRoutes = (api, ctx) => {
  // One cache per server process, kept per data version (docs/evaluation.md, "Cached answers").
  const cache = answerCacheFor(ctx);
  api.get(
    '/plans/:code/evaluation',
    {
      schema: {
        tags: ['evaluation'],
        summary: 'Đánh giá mức độ hoàn thành kế hoạch / Evaluate a plan',
        description:
          'Each target due in the year containing the period, its actual computed live from the values at and below the unit, ratio, band and forecast; counts per band (docs/domain.md §6). With `unit`, that unit’s own targets and the plan unit’s targets applied to its actuals.',
        params: z.object({ code: z.string().min(1).max(100) }),
        querystring: z.object({ period: periodSchema, unit: unitText.optional() }),
        response: { 200: planEvaluationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const input = { plan: request.params.code, period: request.query.period, unit: request.query.unit };
      const answer = await cache.answer(
        ctx,
        actor,
        ['plan', input.plan, input.period, input.unit ?? null],
        async () => {
          const { evaluation, readAt } = await evaluatePlanAt(ctx, actor, input);
          return { body: JSON.stringify(planEvaluationSchema.parse(evaluation)), readAt };
        },
      );
      return sendAnswer(request, reply, answer);
    },
  );

  api.get(
    '/plans/:code/targets/:indicator/trace',
    {
      schema: {
        tags: ['evaluation'],
        summary: 'Nguồn số liệu của một mục tiêu / Trace a target’s actual',
        description:
          'The values an actual was computed from: the one entered at the unit and period, or those below the unit and inside the period, with who entered each and when.',
        params: z.object({ code: z.string().min(1).max(100), indicator: z.string().min(1).max(100) }),
        querystring: z.object({ period: periodSchema, unit: unitText.optional() }),
        response: { 200: traceSchema, ...errors },
      },
    },
    async (request) =>
      traceActual(ctx, requestActor(request), {
        plan: request.params.code,
        indicator: request.params.indicator,
        period: request.query.period,
        unit: request.query.unit,
      }),
  );

  api.get(
    '/indicators/:code/evaluation',
    {
      schema: {
        tags: ['evaluation'],
        summary: 'Đánh giá một chỉ tiêu tại các đơn vị / Evaluate an indicator across units',
        description:
          'One indicator of a plan at every unit below `parent` (the plan unit by default): its direct children, or every unit of `level` — for maps and rankings of communes. Best ratio first.',
        params: z.object({ code: z.string().min(1).max(100) }),
        querystring: z.object({
          plan: z.string().min(1).max(100),
          period: periodSchema,
          parent: unitText.optional(),
          level: z.enum(UNIT_LEVELS).optional(),
        }),
        response: { 200: acrossUnitsSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const input = {
        plan: request.query.plan,
        indicator: request.params.code,
        period: request.query.period,
        parent: request.query.parent,
        level: request.query.level,
      };
      const question = [
        'acrossUnits',
        input.plan,
        input.indicator,
        input.period,
        input.parent ?? null,
        input.level ?? null,
      ];
      const answer = await cache.answer(ctx, actor, question, async () => {
        const { evaluation, readAt } = await evaluateIndicatorAcrossUnitsAt(ctx, actor, input);
        return { body: JSON.stringify(acrossUnitsSchema.parse(evaluation)), readAt };
      });
      return sendAnswer(request, reply, answer);
    },
  );
};
