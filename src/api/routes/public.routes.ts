import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listPublicValues, publicValuesCsv, PUBLIC_VALUES_MAX } from '../../app/public/list-public-values.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { periodText } from '../period-text.js';

const query = z.object({
  indicator: z.string().min(1).max(100).optional(),
  unit: z.string().min(1).max(100).optional(),
  period: periodText().optional(),
  limit: z.coerce.number().int().min(1).max(PUBLIC_VALUES_MAX).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

const valueSchema = z
  .object({
    indicator: z.string(),
    indicatorName: z.string(),
    unit: z.string(),
    unitName: z.string(),
    period: z.string(),
    value: z.number().nullable(),
  })
  .meta({ id: 'PublicValue' });

/** Sends a public body with its ETag and caching headers, or 304 when the client already holds it. */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string,
  type: string,
): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag);
  reply.header('cache-control', 'public, max-age=300');
  reply.header('access-control-allow-origin', '*');
  reply.header('vary', 'accept-encoding');
  const match = request.headers['if-none-match'];
  if (match !== undefined && match.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
    return reply.status(304).send();
  }
  return reply.type(type).send(body);
}

export const publicRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/public/values',
    {
      config: { public: true },
      schema: {
        tags: ['open data'],
        summary: 'Dữ liệu mở: số liệu đã phê duyệt / Open data: approved values (JSON)',
        description:
          'Approved values only, without login: indicator, unit code and name, period, value. Nothing unapproved, no comments, no users. Cached: ETag and Cache-Control.',
        querystring: query,
        response: { 200: z.object({ values: z.array(valueSchema) }), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const values = await listPublicValues(ctx, request.query);
      return sendCached(request, reply, JSON.stringify({ values }), 'application/json; charset=utf-8');
    },
  );

  api.get(
    '/public/values.csv',
    {
      config: { public: true },
      schema: {
        tags: ['open data'],
        summary: 'Dữ liệu mở: số liệu đã phê duyệt / Open data: approved values (CSV)',
        description:
          'The same values as CSV (UTF-8 with BOM): indicator, indicatorName, unit, unitName, period, value.',
        querystring: query,
        produces: ['text/csv'],
        response: {
          200: z
            .string()
            .meta({ description: 'CSV: indicator, indicatorName, unit, unitName, period, value' }),
          400: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const values = await listPublicValues(ctx, request.query);
      return sendCached(request, reply, publicValuesCsv(values), 'text/csv; charset=utf-8');
    },
  );
};
