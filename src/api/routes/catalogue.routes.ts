import { z } from 'zod';
import { createIndicator } from '../../app/catalogue/create-indicator.js';
import { createIndicatorGroup } from '../../app/catalogue/create-indicator-group.js';
import { createValidationRule } from '../../app/catalogue/create-validation-rule.js';
import { createWorkspaceUnit } from '../../app/catalogue/create-workspace-unit.js';
import { listIndicatorGroups } from '../../app/catalogue/list-indicator-groups.js';
import { getIndicator, listIndicators } from '../../app/catalogue/list-indicators.js';
import { listValidationRules } from '../../app/catalogue/list-validation-rules.js';
import { updateIndicator } from '../../app/catalogue/update-indicator.js';
import { updateIndicatorGroup } from '../../app/catalogue/update-indicator-group.js';
import { updateValidationRule } from '../../app/catalogue/update-validation-rule.js';
import { updateWorkspaceUnit } from '../../app/catalogue/update-workspace-unit.js';
import { MISSING_VALUE_STRATEGIES, RULE_OPERATORS } from '../../domain/validation-rule.js';
import { WORKSPACE_UNIT_KINDS } from '../../domain/unit-vocabulary.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';
import { unitSchema } from './units.routes.js';
import { DIRECTIONS } from '../../domain/achievement.js';
import { TIME_AGGREGATIONS, VALUE_TYPES } from '../../domain/aggregate.js';

const GROUP_KINDS = ['pillar', 'foundation', 'custom'] as const;

const errors = { 400: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const code = z.string().min(1).max(100);
/** A group's place in lists: a whole number the database's integer column holds. */
const groupSort = z.number().int().min(-2_147_483_648).max(2_147_483_647);

export const indicatorSchema = z
  .object({
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string().nullable(),
    valueType: z.enum(VALUE_TYPES),
    measureUnit: z.string().nullable().meta({ description: 'Đơn vị tính, e.g. %, hộ, tỷ đồng' }),
    direction: z.enum(DIRECTIONS),
    timeAggregation: z.enum(TIME_AGGREGATIONS),
    group: z.string().nullable(),
    description: z.string().nullable(),
    min: z
      .number()
      .nullable()
      .meta({ description: 'Smallest plausible value (docs/domain.md §4); null: none' }),
    max: z
      .number()
      .nullable()
      .meta({ description: 'Largest plausible value (docs/domain.md §4); null: none' }),
  })
  .meta({ id: 'Indicator' });

const indicatorFields = {
  nameVi: z.string().min(1).max(500),
  nameEn: z.string().max(500).nullable().optional(),
  valueType: z.enum(VALUE_TYPES),
  measureUnit: z.string().max(100).nullable().optional(),
  direction: z.enum(DIRECTIONS).optional(),
  timeAggregation: z.enum(TIME_AGGREGATIONS).optional(),
  group: code.nullable().optional().meta({ description: 'A group code; a new code creates a custom group' }),
  description: z.string().max(5000).nullable().optional(),
  min: z.number().nullable().optional().meta({ description: 'Smallest plausible value; null removes it' }),
  max: z.number().nullable().optional().meta({ description: 'Largest plausible value; null removes it' }),
};

const groupSchema = z
  .object({
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    kind: z.enum(GROUP_KINDS),
    sort: z.number(),
  })
  .meta({ id: 'IndicatorGroup' });

export const validationRuleSchema = z
  .object({
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string().nullable(),
    description: z.string().nullable(),
    leftSide: z.string().meta({ description: 'Expression over indicator values, e.g. #{X} + #{Y}' }),
    operator: z.string(),
    rightSide: z.string(),
    missingValueStrategy: z.enum(MISSING_VALUE_STRATEGIES),
    indicators: z.array(z.string()),
  })
  .meta({ id: 'ValidationRule' });

const ruleFields = {
  nameVi: z.string().min(1).max(500),
  nameEn: z.string().max(500).nullable().optional(),
  description: z.string().max(5000).nullable().optional(),
  leftSide: z.string().min(1).max(2000),
  operator: z.enum(RULE_OPERATORS),
  rightSide: z.string().min(1).max(2000),
  missingValueStrategy: z.enum(MISSING_VALUE_STRATEGIES).optional(),
};

const unitFields = {
  name: z.string().min(1).max(500),
  nameEn: z.string().max(500).nullable().optional(),
  kind: z.enum(WORKSPACE_UNIT_KINDS),
  parent: z
    .string()
    .min(1)
    .meta({ description: 'Parent unit as users write it: 15, pre2025:10, or a workspace unit' }),
  subtype: z.string().max(100).nullable().optional(),
};

export const catalogueRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/indicators',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Danh mục chỉ tiêu / List indicators',
        querystring: z.object({
          group: z.string().min(1).optional(),
          valueType: z.enum(VALUE_TYPES).optional(),
          q: z.string().min(1).max(200).optional().meta({ description: 'Text in the code or names' }),
          limit: z.coerce.number().int().min(1).max(10_000).default(1000),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ indicators: z.array(indicatorSchema) }), 400: problemSchema },
      },
    },
    async (request) => {
      const { q, ...rest } = request.query;
      return { indicators: await listIndicators(ctx, { ...rest, search: q }) };
    },
  );

  api.get(
    '/indicators/:code',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Một chỉ tiêu / One indicator',
        params: z.object({ code }),
        response: { 200: indicatorSchema, 404: problemSchema },
      },
    },
    async (request) => getIndicator(ctx, request.params.code),
  );

  api.post(
    '/indicators',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Thêm chỉ tiêu / Create an indicator',
        body: z.object({ code, ...indicatorFields }).meta({ id: 'IndicatorCreate' }),
        response: { 201: indicatorSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createIndicator(ctx, requestActor(request), request.body);
      return reply.status(201).send(created);
    },
  );

  api.put(
    '/indicators/:code',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Sửa chỉ tiêu / Update an indicator',
        description: 'Absent fields stay as they are; the value type cannot change once values exist (409).',
        params: z.object({ code }),
        body: z
          .object({
            ...indicatorFields,
            nameVi: indicatorFields.nameVi.optional(),
            valueType: indicatorFields.valueType.optional(),
          })
          .meta({ id: 'IndicatorUpdate' }),
        response: { 200: indicatorSchema, ...errors },
      },
    },
    async (request) => updateIndicator(ctx, requestActor(request), request.params.code, request.body),
  );

  api.get(
    '/indicator-groups',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Nhóm chỉ tiêu / Indicator groups',
        response: { 200: z.object({ groups: z.array(groupSchema) }) },
      },
    },
    async () => ({ groups: await listIndicatorGroups(ctx) }),
  );

  api.post(
    '/indicator-groups',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Thêm nhóm chỉ tiêu / Create an indicator group',
        body: z.object({
          code,
          nameVi: z.string().min(1).max(500),
          nameEn: z.string().max(500).nullable().optional(),
          kind: z.enum(GROUP_KINDS).optional(),
          sort: groupSort.optional(),
        }),
        response: { 201: groupSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createIndicatorGroup(ctx, requestActor(request), request.body)),
  );

  api.put(
    '/indicator-groups/:code',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Sửa nhóm chỉ tiêu / Update an indicator group',
        params: z.object({ code }),
        body: z.object({
          nameVi: z.string().min(1).max(500).optional(),
          nameEn: z.string().min(1).max(500).optional(),
          kind: z.enum(GROUP_KINDS).optional(),
          sort: groupSort.optional(),
        }),
        response: { 200: groupSchema, ...errors },
      },
    },
    async (request) => updateIndicatorGroup(ctx, requestActor(request), request.params.code, request.body),
  );

  api.get(
    '/validation-rules',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Quy tắc kiểm tra số liệu / Validation rules',
        querystring: z.object({
          indicator: code.optional().meta({ description: 'Only rules naming this indicator' }),
        }),
        response: { 200: z.object({ rules: z.array(validationRuleSchema) }), 400: problemSchema },
      },
    },
    async (request) => ({ rules: await listValidationRules(ctx, request.query) }),
  );

  api.post(
    '/validation-rules',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Thêm quy tắc kiểm tra / Create a validation rule',
        description:
          'Left side, operator and right side over indicators of the same unit and period (#{CODE}, numbers, + - * /, parentheses); checked on every save and import.',
        body: z.object({ code, ...ruleFields }).meta({ id: 'ValidationRuleCreate' }),
        response: { 201: validationRuleSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createValidationRule(ctx, requestActor(request), request.body)),
  );

  api.put(
    '/validation-rules/:code',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Sửa quy tắc kiểm tra / Update a validation rule',
        params: z.object({ code }),
        body: z.object({
          ...ruleFields,
          nameVi: ruleFields.nameVi.optional(),
          leftSide: ruleFields.leftSide.optional(),
          operator: ruleFields.operator.optional(),
          rightSide: ruleFields.rightSide.optional(),
        }),
        response: { 200: validationRuleSchema, ...errors },
      },
    },
    async (request) => updateValidationRule(ctx, requestActor(request), request.params.code, request.body),
  );

  api.post(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Thêm đơn vị của không gian làm việc / Add a workspace unit',
        description:
          'An agency, village or other unit under an official one; its code may not repeat a current (2025) official code.',
        body: z.object({ code, ...unitFields }).meta({ id: 'WorkspaceUnitCreate' }),
        response: { 201: unitSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createWorkspaceUnit(ctx, requestActor(request), request.body)),
  );

  api.put(
    '/units/:code',
    {
      schema: {
        tags: ['units'],
        summary: 'Sửa đơn vị của không gian làm việc / Update a workspace unit',
        params: z.object({ code }),
        body: z.object({
          name: unitFields.name.optional(),
          nameEn: unitFields.nameEn,
          kind: unitFields.kind.optional(),
          parent: unitFields.parent.optional(),
          subtype: unitFields.subtype,
        }),
        response: { 200: unitSchema, ...errors },
      },
    },
    async (request) => updateWorkspaceUnit(ctx, requestActor(request), request.params.code, request.body),
  );
};
