import { z } from 'zod';
import { listAudit } from '../../app/audit/list-audit.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';

export const auditRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi / The audit log',
        description:
          'Recorded changes, filtered by entity and key (e.g. entity=value&key=DX_A|15|2024, entity=review, entity=user), who (actor, in part), what (action), when (from inclusive, to exclusive) and unit (entries whose key names it; for a province, every entry of the province), a page at a time (limit, offset; total counts every match): who, when, from where, old and new. Oldest first unless order=desc. An administrator of a province reads the entries of their province. The audit log cannot be edited.',
        querystring: z.object({
          entity: z.string().min(1).max(100).optional(),
          key: z.string().min(1).max(400).optional(),
          actor: z.string().min(1).max(200).optional().meta({ description: 'Who, in part, any case' }),
          action: z
            .enum(['create', 'update', 'delete', 'approve', 'return', 'submit', 'reopen', 'login', 'logout'])
            .optional(),
          from: z
            .string()
            .min(1)
            .max(40)
            .optional()
            .meta({ description: 'From (inclusive), ISO date or time' }),
          to: z
            .string()
            .min(1)
            .max(40)
            .optional()
            .meta({ description: 'Before (exclusive), ISO date or time' }),
          unit: z.string().min(1).max(100).optional().meta({ description: 'Mã đơn vị (15, pre2025:10)' }),
          order: z.enum(['asc', 'desc']).default('asc'),
          limit: z.coerce.number().int().min(1).max(10_000).default(1000),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({
            entries: z.array(
              z
                .object({
                  id: z.number().int(),
                  at: z.string(),
                  actor: z.string().nullable(),
                  source: z.string(),
                  address: z.string().nullable(),
                  action: z.string(),
                  entity: z.string(),
                  key: z.string(),
                  old: z.unknown(),
                  new: z.unknown(),
                })
                .meta({ id: 'AuditEntry' }),
            ),
            total: z.number().int(),
          }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => listAudit(ctx, requestActor(request), request.query),
  );
};
