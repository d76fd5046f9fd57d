import { z } from 'zod';
import { buildRegisterTemplate } from '../../app/registers/build-register-template.js';
import { getRegisterChange } from '../../app/registers/get-register-change.js';
import { listLackingUnits } from '../../app/registers/list-lacking-units.js';
import { listRegisters } from '../../app/registers/list-registers.js';
import { REGISTER_LEVELS, UNIT_LEVELS } from '../../domain/unit-vocabulary.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { periodText } from '../period-text.js';
import { requestActor } from '../request-actor.js';

const registerUnitSchema = z
  .object({
    code: z.string().meta({ description: 'Unit code as users write it (bare, or set:code)' }),
    name: z.string(),
    parentCode: z.string().nullable(),
    parentName: z.string().nullable(),
  })
  .meta({ id: 'RegisterUnit' });

const unitSetSchema = z.object({ count: z.number().int(), units: z.array(registerUnitSchema) });

const indicatorParams = z.object({ indicator: z.string().min(1).max(80) });

const unitQuery = z
  .string()
  .min(1)
  .max(80)
  .optional()
  .meta({ description: 'Count the units under this one (e.g. pre2025:10); all units by default' });

const errors = { 400: problemSchema, 403: problemSchema, 404: problemSchema };

const nounSchema = z.object({ vi: z.string(), en: z.string() });

export const registersRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/registers',
    {
      schema: {
        tags: ['registers'],
        summary: 'Danh sách sổ theo dõi / The registers kept under a unit',
        description:
          'The yes/no indicators no plan targets with values at villages or communes under `unit` (anywhere without it): each with the level it is kept at, the noun a sentence names those units with, and the periods with values, oldest first.',
        querystring: z.object({ unit: unitQuery }),
        response: {
          200: z
            .object({
              unit: z.string().nullable(),
              registers: z.array(
                z
                  .object({
                    indicator: z.string(),
                    nameVi: z.string(),
                    nameEn: z.string().nullable(),
                    level: z.enum(UNIT_LEVELS),
                    noun: nounSchema,
                    periods: z.array(z.string()),
                  })
                  .meta({ id: 'RegisterSummary' }),
              ),
            })
            .meta({ id: 'RegisterList' }),
          ...errors,
        },
      },
    },
    async (request) => listRegisters(ctx, requestActor(request), { unit: request.query.unit }),
  );

  api.get(
    '/registers/:indicator/lacking',
    {
      schema: {
        tags: ['registers'],
        summary: 'Đơn vị còn thiếu tại một kỳ / Units lacking a register at a period',
        params: indicatorParams,
        querystring: z.object({ period: periodText(), unit: unitQuery }),
        response: {
          200: z
            .object({
              indicator: z.string(),
              period: z.string(),
              unit: z.string().nullable(),
              withValue: z.number().int(),
              count: z.number().int(),
              units: z.array(registerUnitSchema),
              noun: nounSchema,
            })
            .meta({ id: 'LackingUnits' }),
          ...errors,
        },
      },
    },
    async (request) =>
      listLackingUnits(ctx, requestActor(request), {
        indicator: request.params.indicator,
        period: request.query.period,
        unit: request.query.unit,
      }),
  );

  api.get(
    '/registers/:indicator/change',
    {
      schema: {
        tags: ['registers'],
        summary: 'Thay đổi giữa hai kỳ: đã xóa, còn lại / Change between two periods',
        description:
          'As `dxmon registers change --json` (`from`, `to`, `closed`, `opened`), plus the indicator and the sentence the report prints.',
        params: indicatorParams,
        querystring: z.object({
          from: z.string().min(1).max(20),
          to: z.string().min(1).max(20),
          unit: unitQuery,
        }),
        response: {
          200: z
            .object({
              indicator: z.string(),
              from: unitSetSchema.extend({ period: z.string() }),
              to: unitSetSchema.extend({ period: z.string() }),
              closed: unitSetSchema,
              opened: unitSetSchema,
              phrase: z.object({ vi: z.string(), en: z.string() }),
            })
            .meta({ id: 'RegisterChange' }),
          ...errors,
        },
      },
    },
    async (request) => {
      const result = await getRegisterChange(ctx, requestActor(request), {
        indicator: request.params.indicator,
        ...request.query,
      });
      return { indicator: result.indicator, ...result.change, phrase: result.phrase };
    },
  );

  api.get(
    '/registers/template',
    {
      schema: {
        tags: ['registers'],
        summary: 'Mẫu Excel nhập sổ theo dõi / XLSX register entry template',
        description:
          'A `values` sheet with a row per village (or commune) under `unit` and indicator, có/không drop-downs; imports back as is. Needs the right to enter values at `unit`. Several indicators: repeat `indicator` or separate codes by commas.',
        querystring: z.object({
          indicator: z.union([z.string().min(1), z.array(z.string().min(1))]),
          period: periodText(),
          unit: z.string().min(1).max(80),
          level: z.enum(REGISTER_LEVELS).optional(),
        }),
        response: {
          200: z.string().meta({ description: 'The XLSX workbook', format: 'binary' }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { indicator, ...rest } = request.query;
      const indicators = (Array.isArray(indicator) ? indicator : [indicator])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const template = await buildRegisterTemplate(ctx, requestActor(request), { indicators, ...rest });
      return (
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${template.fileName}"`)
          // Fastify sends a Buffer as is, without the JSON serializer.
          .send(Buffer.from(template.bytes) as unknown as string)
      );
    },
  );
};
