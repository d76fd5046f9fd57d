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
        summary: 'Lịch sử thay đổi / History of an entity',
        description:
          'Every recorded change of one entity (e.g. entity=value&key=DX_A|15|2024, entity=review, entity=user), oldest first: who, when, from where, old and new. The audit log cannot be edited.',
        querystring: z.object({
          entity: z.string().min(1).max(100),
          key: z.string().min(1).max(400),
          limit: z.coerce.number().int().min(1).max(10_000).default(1000),
        }),
        response: {
          200: z.object({
            entries: z.array(
              z
                .object({
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
          }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => ({ entries: await listAudit(ctx, requestActor(request), request.query) }),
  );
};
