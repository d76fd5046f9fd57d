import { z } from 'zod';
import { computeIndexResults } from '../../app/composite-index/compute-index-results.js';
import { copyMethodology } from '../../app/composite-index/copy-methodology.js';
import {
  editMethodologyNodes,
  validateMethodology,
} from '../../app/composite-index/edit-methodology-nodes.js';
import { importMethodologyNodes } from '../../app/composite-index/import-methodology-nodes.js';
import { getMethodology, listMethodologies } from '../../app/composite-index/list-methodologies.js';
import {
  indexTemplateNames,
  listIndexTemplates,
  loadIndexTemplate,
} from '../../app/composite-index/load-index-template.js';
import { publishIndexYear } from '../../app/composite-index/publish-index-year.js';
import { whatIfIndex } from '../../app/composite-index/what-if-index.js';
import { UNIT_LEVELS } from '../../domain/unit-vocabulary.js';
import type { RegisterRoutes } from '../api-types.js';
import { emptyReasonSchema, problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';

const NORMALIZATIONS = ['value', 'ratio', 'minmax', 'boolean'] as const;
const TEMPLATE_NAMES = indexTemplateNames() as [string, ...string[]];

const code = z.string().min(1).max(64);
const year = z.coerce.number().int().min(1900).max(2100).meta({ description: 'The year ranked (period Y)' });

const nodeInputSchema = z
  .object({
    code,
    parentCode: code.nullable().meta({ description: 'null for the root' }),
    name: z.string().min(1).max(500),
    weight: z
      .number()
      .min(0)
      .meta({ description: 'A fraction of the parent (0.4) or points (100); 0: not scored' }),
    indicatorCode: code.nullable().optional().meta({ description: 'Leaves only' }),
    normalization: z.enum(NORMALIZATIONS).nullable().optional(),
    reference: z
      .number()
      .nullable()
      .optional()
      .meta({ description: 'For `ratio` leaves: the value scoring 1' }),
  })
  .meta({ id: 'IndexNodeChange' });

const nodeSchema = z
  .object({
    code: z.string(),
    parentCode: z.string().nullable(),
    name: z.string(),
    weight: z.number(),
    indicatorCode: z.string().nullable(),
    normalization: z.enum(NORMALIZATIONS).nullable(),
    reference: z.number().nullable(),
    depth: z.number().int(),
    scored: z.boolean(),
    rootShare: z.number().meta({ description: 'The fraction of the root score this node carries' }),
    leaf: z.boolean(),
  })
  .meta({ id: 'IndexNode' });

const methodologySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    basedOn: z.string().nullable(),
    level: z.enum(UNIT_LEVELS),
    version: z.number().int(),
    published: z.array(z.object({ year: z.number().int(), level: z.string(), version: z.number().int() })),
  })
  .meta({ id: 'IndexMethodology' });

const methodologyDetailSchema = methodologySchema
  .omit({ published: true })
  .extend({
    versions: z.array(
      z.object({
        version: z.number().int(),
        note: z.string().nullable(),
        createdAt: z.string(),
        createdBy: z.string().nullable(),
        publishedYears: z.array(z.number().int()),
      }),
    ),
    nodes: z.array(nodeSchema),
  })
  .meta({ id: 'IndexMethodologyDetail' });

const resultSchema = z
  .object({
    unit: z.string(),
    name: z.string(),
    score: z.number().meta({ description: 'The root score in [0, 1]' }),
    rank: z.number().int().meta({ description: 'Ties share a rank and the next skips (1, 2, 2, 4)' }),
    previousScore: z.number().nullable(),
    previousRank: z.number().int().nullable(),
    change: z
      .number()
      .nullable()
      .meta({ description: '(score − previousScore) / previousScore; 0.6629 = +66.29 %' }),
    rankChange: z.number().int().nullable().meta({ description: 'Places moved up since last year' }),
    nodes: z.record(z.string(), z.number()).meta({ description: 'Score at every node below the root' }),
    nodeRanks: z.record(z.string(), z.number()).meta({ description: 'Rank at every node below the root' }),
    missing: z.array(z.string()).meta({ description: 'Leaves without a value, each scored 0' }),
  })
  .meta({ id: 'IndexResult' });

const resultsSchema = z
  .object({
    methodology: z.string(),
    name: z.string(),
    version: z.number().int(),
    year: z.number().int(),
    level: z.enum(UNIT_LEVELS),
    within: z.string().nullable(),
    published: z.boolean().meta({ description: 'True: the frozen results of a published year' }),
    computedAt: z.string(),
    nodes: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        parentCode: z.string().nullable(),
        depth: z.number().int(),
        scored: z.boolean(),
        rootShare: z.number(),
        leaf: z.boolean(),
      }),
    ),
    results: z.array(resultSchema),
  })
  .meta({ id: 'IndexResults' });

const rankedResultsSchema = resultsSchema
  .extend({
    total: z.number().int().meta({ description: 'Units ranked; 0 when no unit of the level has a value' }),
    reason: emptyReasonSchema,
  })
  .meta({ id: 'RankedIndexResults' });

const indexValue = z.union([z.number(), z.boolean(), z.null()]);

const whatIfSchema = z
  .object({
    methodology: z.string(),
    version: z.number().int(),
    year: z.number().int(),
    level: z.enum(UNIT_LEVELS),
    unit: z.string(),
    name: z.string(),
    score: z.number(),
    rank: z.number().int(),
    compared: z.number().int(),
    suggestions: z.array(
      z.object({
        node: z.string(),
        nodeName: z.string(),
        indicator: z.string(),
        scenarios: z.array(z.enum(['nextBetter', 'best', 'step'])),
        fromValue: indexValue,
        toValue: z.union([z.number(), z.boolean()]),
        sourceUnit: z.string().nullable(),
        sourceName: z.string().nullable(),
        score: z.number(),
        scoreGain: z.number(),
        rank: z.number().int(),
        rankGain: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'IndexWhatIf' });

const editSchema = z
  .object({
    upsert: z
      .array(nodeInputSchema)
      .max(5000)
      .optional()
      .meta({ description: 'Nodes added, or replaced by code' }),
    remove: z.array(code).max(5000).optional().meta({ description: 'Codes removed with their subtrees' }),
    baseVersion: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'The version edited; 409 when stale' }),
    note: z.string().max(2000).optional(),
  })
  .meta({ id: 'IndexMethodologyEdit' });

const validationSchema = z
  .object({
    code: z.string(),
    version: z.number().int(),
    valid: z.boolean(),
    problems: z.array(
      z.object({ nodeCode: z.string(), code: z.string(), message_vi: z.string(), message_en: z.string() }),
    ),
    unknownIndicators: z.array(z.string()),
  })
  .meta({ id: 'IndexValidation' });

const importedSchema = z
  .object({
    code: z.string(),
    status: z.enum(['created', 'updated', 'unchanged']),
    version: z.number().int(),
    nodes: z.number().int(),
  })
  .meta({ id: 'IndexMethodologyImported' });

const scopeQuery = z.object({
  year,
  level: z
    .enum(UNIT_LEVELS)
    .optional()
    .meta({ description: "The level ranked; the methodology's own by default" }),
  within: z.string().min(1).max(80).optional().meta({ description: 'Rank only the units below this one' }),
});

const methodologyParams = z.object({ methodology: code });
const codeParams = z.object({ code });
const errors = { 400: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export const compositeIndexRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/index/methodologies',
    {
      schema: {
        tags: ['index'],
        summary: 'Các phương pháp tính chỉ số / Index methodologies',
        response: { 200: z.object({ methodologies: z.array(methodologySchema) }), ...errors },
      },
    },
    async (request) => {
      requestActor(request);
      return { methodologies: await listMethodologies(ctx) };
    },
  );

  api.get(
    '/index/methodologies/:code',
    {
      schema: {
        tags: ['index'],
        summary: 'Một phương pháp, các phiên bản và cây chỉ số / One methodology, its versions and tree',
        params: codeParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: methodologyDetailSchema, ...errors },
      },
    },
    async (request) => {
      requestActor(request);
      return getMethodology(ctx, request.params.code, request.query.version);
    },
  );

  api.post(
    '/index/nodes',
    {
      schema: {
        tags: ['index'],
        summary: 'Nhập cây chỉ số (bảng index_nodes) / Import index_nodes rows',
        description:
          'Rows of the `index_nodes` sheet, upserted by methodology and code onto each methodology’s newest version; a changed methodology gets a new version. All or nothing.',
        body: z.object({
          rows: z
            .array(nodeInputSchema.extend({ methodology: code }))
            .min(1)
            .max(5000),
        }),
        response: { 200: z.object({ methodologies: z.array(importedSchema) }), ...errors },
      },
    },
    async (request) => {
      const actor = requestActor(request);
      const methodologies = await ctx.db.transaction((tx) =>
        importMethodologyNodes(tx, actor, request.body.rows),
      );
      return { methodologies };
    },
  );

  api.get(
    '/index/templates',
    {
      schema: {
        tags: ['index'],
        summary: 'Các mẫu phương pháp có sẵn (DTI) / Shipped methodology templates',
        response: {
          200: z.object({
            templates: z.array(z.object({ name: z.string(), level: z.enum(UNIT_LEVELS) })),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      requestActor(request);
      return { templates: listIndexTemplates() };
    },
  );

  api.post(
    '/index/templates/:name/load',
    {
      schema: {
        tags: ['index'],
        summary: 'Nạp một mẫu có sẵn / Load a shipped template',
        params: z.object({ name: z.enum(TEMPLATE_NAMES) }),
        response: {
          200: z.object({
            template: z.string().nullable(),
            methodologies: z.array(importedSchema),
            indicatorsCreated: z.array(z.string()),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { template, methodologies, indicatorsCreated } = await loadIndexTemplate(
        ctx,
        requestActor(request),
        request.params.name,
      );
      return { template, methodologies, indicatorsCreated };
    },
  );

  api.post(
    '/index/methodologies/:code/copy',
    {
      schema: {
        tags: ['index'],
        summary: 'Sao chép phương pháp để chỉnh sửa / Copy a methodology to edit it',
        params: codeParams,
        body: z.object({
          to: code,
          name: z.string().min(1).max(500).optional(),
          description: z.string().max(5000).optional(),
          version: z.number().int().min(1).optional(),
        }),
        response: {
          200: z.object({
            code: z.string(),
            basedOn: z.string(),
            version: z.number().int(),
            nodes: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      copyMethodology(ctx, requestActor(request), { from: request.params.code, ...request.body }),
  );

  api.patch(
    '/index/methodologies/:code/nodes',
    {
      schema: {
        tags: ['index'],
        summary: 'Sửa cây chỉ số (phiên bản mới) / Edit the tree (a new version)',
        description:
          'Applies the edit to the newest version and saves it as a new version; years already published keep theirs.',
        params: codeParams,
        body: editSchema,
        response: {
          200: z.object({
            code: z.string(),
            version: z.number().int(),
            changed: z.boolean(),
            nodes: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (request) => editMethodologyNodes(ctx, requestActor(request), request.params.code, request.body),
  );

  api.post(
    '/index/methodologies/:code/validate',
    {
      schema: {
        tags: ['index'],
        summary: 'Kiểm tra cây chỉ số, hoặc một sửa đổi / Validate the tree, or an edit, without saving',
        params: codeParams,
        body: editSchema.optional(),
        response: { 200: validationSchema, ...errors },
      },
    },
    async (request) => {
      requestActor(request);
      return validateMethodology(ctx, request.params.code, request.body ?? {});
    },
  );

  api.get(
    '/index/:methodology/results',
    {
      schema: {
        tags: ['index'],
        summary: 'Kết quả xếp hạng một năm / A year’s ranking',
        description:
          'Every unit of the level, best first; a published year returns its frozen results. Like `dxmon index compute --json`, with per-node ranks and missing leaves. When no unit of the level has a value of the year nothing is ranked: `total` 0, `results` empty and `reason` saying why.',
        params: methodologyParams,
        querystring: scopeQuery.extend({
          previousMethodology: code.optional().meta({ description: 'Where last year’s scores come from' }),
        }),
        response: { 200: rankedResultsSchema, ...errors },
      },
    },
    async (request) =>
      computeIndexResults(ctx, requestActor(request), {
        methodology: request.params.methodology,
        ...request.query,
      }),
  );

  api.post(
    '/index/:methodology/publish',
    {
      schema: {
        tags: ['index'],
        summary: 'Công bố kết quả một năm (đóng băng) / Publish a year (freezes it)',
        params: methodologyParams,
        body: z.object({
          year,
          level: z.enum(UNIT_LEVELS).optional(),
          within: z.string().min(1).max(80).optional(),
          previousMethodology: code.optional(),
        }),
        response: { 200: resultsSchema, ...errors },
      },
    },
    async (request) =>
      publishIndexYear(ctx, requestActor(request), {
        methodology: request.params.methodology,
        ...request.body,
      }),
  );

  api.get(
    '/index/:methodology/what-if',
    {
      schema: {
        tags: ['index'],
        summary: 'Thay đổi nào nâng hạng nhiều nhất / What would lift a unit most',
        params: methodologyParams,
        querystring: scopeQuery.extend({
          unit: z.string().min(1).max(80),
          top: z.coerce.number().int().min(1).max(100).default(5),
          step: z.coerce
            .number()
            .positive()
            .default(0.05)
            .meta({ description: 'The fixed raise, in the indicator’s unit' }),
        }),
        response: { 200: whatIfSchema, ...errors },
      },
    },
    async (request) =>
      whatIfIndex(ctx, requestActor(request), {
        methodology: request.params.methodology,
        ...request.query,
      }),
  );
};
