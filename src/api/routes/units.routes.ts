import { z } from 'zod';
import { getUnit, listUnits } from '../../app/units/list-units.js';
import { UNIT_KINDS, UNIT_LEVELS } from '../../domain/unit-vocabulary.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';

export const unitSchema = z
  .object({
    code: z
      .string()
      .meta({ description: 'Mã đơn vị: bare for the current set and workspace units, else set:code' }),
    set: z.string(),
    name: z.string(),
    shortName: z.string(),
    level: z.enum(UNIT_LEVELS),
    kind: z.enum(UNIT_KINDS),
    subtype: z.string().nullable(),
    parentCode: z.string().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
  })
  .meta({ id: 'Unit' });

const listQuery = z.object({
  parent: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'List the children of this unit (e.g. 15, pre2025:10)' }),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Find by name, diacritics optional ("lao cai")' }),
  level: z.enum(UNIT_LEVELS).optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  set: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .meta({ description: 'Unit set: 2025 (default), pre2025, workspace' }),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

export const unitsRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Danh sách đơn vị / List units',
        description: 'Children of a unit, units of a level, or a search by name with or without diacritics.',
        querystring: listQuery,
        response: { 200: z.object({ units: z.array(unitSchema) }), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { q, ...filter } = request.query;
      return { units: await listUnits(ctx, { ...filter, search: q }) };
    },
  );

  api.get(
    '/units/:code',
    {
      schema: {
        tags: ['units'],
        summary: 'Một đơn vị / One unit',
        params: z.object({ code: z.string().min(1) }),
        response: { 200: unitSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => getUnit(ctx, request.params.code),
  );
};
