import { z } from 'zod';
import { getValue } from '../../app/values/get-value.js';
import { listValueHistory } from '../../app/values/list-value-history.js';
import { listValues } from '../../app/values/list-values.js';
import { getEntryForm } from '../../app/values/get-entry-form.js';
import { saveValue } from '../../app/values/save-value.js';
import { BATCH_LIMIT, saveValues } from '../../app/values/save-values.js';
import { AppError } from '../../domain/app-error.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { periodText } from '../period-text.js';
import { requestActor } from '../request-actor.js';
import { VALUE_TYPES } from '../../domain/aggregate.js';
import { MISSING_VALUE_STRATEGIES } from '../../domain/validation-rule.js';

const code = z.string().min(1).max(100);
const unitText = z.string().min(1).max(140).meta({ description: 'A unit as users write it: 15, pre2025:10' });
const periodSchema = periodText('DHIS2 period id');
const partInput = z.union([z.number(), z.boolean(), z.string()]).nullable().optional();

export const valueSchema = z
  .object({
    indicator: z.string(),
    unit: z.string(),
    unitName: z.string(),
    period: z.string(),
    valueType: z.enum(VALUE_TYPES),
    value: z.union([z.number(), z.boolean()]).nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    comment: z.string().nullable(),
    version: z.number().int().meta({ description: 'Send it back when editing (optimistic concurrency)' }),
    source: z.string(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Value' });

const valueState = z
  .object({
    value: z.union([z.number(), z.boolean()]).nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    comment: z.string().nullable(),
    version: z.number().int(),
  })
  .nullable();

const keyQuery = z.object({ indicator: code, unit: unitText, period: periodSchema });

const valueSave = z
  .object({
    indicator: code,
    unit: unitText,
    period: periodSchema,
    value: partInput.meta({
      description: 'Number, or true/false (1/0, có/không) for boolean indicators',
    }),
    numerator: partInput.meta({ description: 'Ratio indicators: the numerator' }),
    denominator: partInput.meta({ description: 'Ratio indicators: the denominator' }),
    comment: z.string().max(5000).nullable().optional(),
    version: z.number().int().min(1).nullable().optional(),
  })
  .meta({ id: 'ValueSave' });

const message = z.object({ message_vi: z.string(), message_en: z.string() });
const storedValue = {
  value: z.union([z.number(), z.boolean()]).nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  comment: z.string().nullable(),
  version: z.number().int().nullable().meta({ description: 'Null when nothing is stored yet' }),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
};

const entryFormSchema = z
  .object({
    unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    period: z.string(),
    plan: z.object({ code: z.string(), name: z.string() }).nullable(),
    plans: z.array(z.object({ code: z.string(), name: z.string() })),
    periods: z
      .array(z.object({ id: z.string(), state: z.enum(['open', 'submitted', 'approved', 'returned']) }))
      .meta({
        description: 'The plan’s periods that have begun, newest first, with the unit’s review state',
      }),
    groups: z.array(
      z.object({
        code: z
          .string()
          .nullable()
          .meta({ description: 'The indicator group (pillar); `registers` for the unit’s own registers' }),
        nameVi: z.string().nullable(),
        nameEn: z.string().nullable(),
        cells: z.array(
          z.object({
            indicator: z.string(),
            nameVi: z.string(),
            nameEn: z.string().nullable(),
            valueType: z.enum(VALUE_TYPES),
            measureUnit: z.string().nullable(),
            min: z.number().nullable(),
            max: z.number().nullable(),
            target: z.number().nullable(),
            targetPeriod: z.string().nullable(),
            ...storedValue,
            previous: z
              .object({ period: z.string(), value: z.union([z.number(), z.boolean()]).nullable() })
              .nullable(),
            lock: message.nullable().meta({ description: 'Why the value is locked (an approved review)' }),
          }),
        ),
      }),
    ),
    rules: z.array(
      z.object({
        code: z.string(),
        nameVi: z.string(),
        nameEn: z.string().nullable(),
        leftSide: z.string(),
        operator: z.string(),
        rightSide: z.string(),
        missingValueStrategy: z.enum(MISSING_VALUE_STRATEGIES),
      }),
    ),
    ruleValues: z.record(z.string(), z.number()),
    registers: z.object({
      indicators: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string().nullable() })),
      villages: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          cells: z.array(
            z.object({
              indicator: z.string(),
              value: z.boolean().nullable(),
              version: z.number().int().nullable(),
              lock: message.nullable(),
            }),
          ),
        }),
      ),
    }),
  })
  .meta({ id: 'EntryForm' });

export const valuesRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/values',
    {
      schema: {
        tags: ['values'],
        summary: 'Danh sách số liệu / List values',
        description:
          'Filters: indicator, unit (and every unit below it), period, plan (its indicators under its unit).',
        querystring: z.object({
          indicator: code.optional(),
          unit: unitText.optional(),
          period: periodSchema.optional(),
          plan: code.optional(),
          limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ values: z.array(valueSchema) }), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => ({ values: await listValues(ctx, requestActor(request), request.query) }),
  );

  api.get(
    '/values/one',
    {
      schema: {
        tags: ['values'],
        summary: 'Một số liệu và phiên bản / One value and its version',
        querystring: keyQuery,
        response: { 200: valueSchema, 400: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const value = await getValue(ctx, requestActor(request), request.query);
      if (!value) {
        const { indicator, unit, period } = request.query;
        throw new AppError('notFound', {
          vi: `Chưa có số liệu ${indicator} cho đơn vị ${unit}, kỳ ${period}.`,
          en: `No value of ${indicator} for unit ${unit}, period ${period} yet.`,
        });
      }
      return value;
    },
  );

  api.put(
    '/values',
    {
      schema: {
        tags: ['values'],
        summary: 'Nhập một số liệu / Save one value',
        description:
          'Send `version` as read (null or absent for a new value). A stale version is refused with 409 naming the current version, who changed it and when; nothing is overwritten. The value is checked against the indicator’s value type, its plausible range and the validation rules (400); a value far from the unit’s own history is saved with a warning in `warnings`.',
        body: valueSave,
        response: {
          200: valueSchema
            .extend({
              action: z.enum(['create', 'update', 'none']),
              warnings: z
                .array(
                  z.object({ code: z.enum(['outlier']), message_vi: z.string(), message_en: z.string() }),
                )
                .meta({
                  description:
                    'Worth a second look, saved all the same: a value far from the unit’s own history (docs/domain.md §4)',
                }),
            })
            .meta({ id: 'ValueSaved' }),
          400: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
          423: problemSchema,
        },
      },
    },
    async (request) => saveValue(ctx, requestActor(request), request.body),
  );

  api.put(
    '/values/batch',
    {
      schema: {
        tags: ['values'],
        summary: 'Nhập nhiều số liệu một lần / Save many values at once',
        description:
          'All or nothing, in one transaction: each value is checked as `PUT /values` checks one (permission, type and range, approval lock, `version`, validation rules once all are written). When any fails nothing is written and the problem lists every failing value by its position (`values[3].value`): 400 bad values or broken rules, 409 stale versions, 423 locked values. The web app’s register grid saves a commune’s villages through it.',
        body: z.object({ values: z.array(valueSave).min(1).max(BATCH_LIMIT) }),
        response: {
          200: z
            .object({
              saved: z.array(
                z.object({
                  indicator: z.string(),
                  unit: z.string(),
                  period: z.string(),
                  version: z.number().int(),
                  action: z.enum(['create', 'update', 'none']),
                }),
              ),
            })
            .meta({ id: 'ValuesSaved' }),
          400: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
          423: problemSchema,
        },
      },
    },
    async (request) => saveValues(ctx, requestActor(request), request.body),
  );

  api.get(
    '/values/entry-form',
    {
      schema: {
        tags: ['values'],
        summary: 'Biểu nhập số liệu của một đơn vị / A unit’s entry form',
        description:
          'What a unit reports for a period (docs/data-entry.md, "The entry form"): the indicators of the plan’s targets at the unit, and those at a unit above whose actual is rolled up from values below (count, money, ratio; a department only those it leads), grouped by pillar, each with its target, stored value and version, the previous period’s value and its lock; the unit’s own registers; the validation rules they are under; the register grid of its villages. Needs the right to enter values at the unit. `period` defaults to the plan’s latest begun quarter not yet approved, `plan` to the latest plan over the unit.',
        querystring: z.object({
          unit: unitText,
          period: periodSchema.optional(),
          plan: code.optional(),
        }),
        response: { 200: entryFormSchema, 400: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => getEntryForm(ctx, requestActor(request), request.query),
  );

  api.get(
    '/values/history',
    {
      schema: {
        tags: ['values'],
        summary: 'Lịch sử thay đổi một số liệu / A value’s history',
        querystring: keyQuery,
        response: {
          200: z.object({
            indicator: z.string(),
            unit: z.string(),
            period: z.string(),
            changes: z.array(
              z.object({
                at: z.string(),
                actor: z.string().nullable(),
                source: z.string(),
                action: z.string(),
                old: valueState,
                new: valueState,
              }),
            ),
          }),
          400: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => listValueHistory(ctx, requestActor(request), request.query),
  );
};
