import { z } from 'zod';
import {
  createApiToken,
  listApiTokens,
  MAX_TOKEN_DAYS,
  revokeApiToken,
} from '../../app/session/api-tokens.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';

const ROLE = z.enum(['admin', 'secretariat', 'reporter', 'viewer']);

const tokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    role: ROLE,
    unit: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'ApiToken' });

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const tokensRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/tokens',
    {
      schema: {
        tags: ['users'],
        summary: 'Mã truy cập API / List API tokens',
        response: { 200: z.object({ tokens: z.array(tokenSchema) }), ...errors },
      },
    },
    async (request) => ({ tokens: await listApiTokens(ctx, requestActor(request)) }),
  );

  api.post(
    '/tokens',
    {
      schema: {
        tags: ['users'],
        summary: 'Tạo mã truy cập API / Create an API token',
        description:
          'A token for a machine client, scoped to one role over one unit subtree, sent as `Authorization: Bearer dxm_…`. The token is shown in this response only; only its hash is stored.',
        body: z.object({
          name: z.string().min(1).max(80),
          role: ROLE,
          unit: z
            .string()
            .min(1)
            .max(100)
            .meta({ description: 'Mã đơn vị, or / for the whole installation' }),
          expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).optional(),
        }),
        response: { 201: z.object({ token: z.string(), summary: tokenSchema }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createApiToken(ctx, requestActor(request), request.body)),
  );

  api.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Thu hồi mã truy cập API / Revoke an API token',
        params: z.object({ id: z.coerce.number().int().min(1) }),
        response: { 200: tokenSchema, ...errors },
      },
    },
    async (request) => revokeApiToken(ctx, requestActor(request), request.params.id),
  );
};
