import { z } from 'zod';
import { API_VERSION, type RegisterRoutes } from '../api-types.js';

const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
  time: z.string(),
});

export const healthRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Tình trạng máy chủ / Server health',
        response: { 200: healthSchema },
      },
    },
    async () => {
      await ctx.db.query('SELECT 1');
      return {
        status: 'ok' as const,
        version: API_VERSION,
        database: ctx.db.kind,
        time: ctx.now().toISOString(),
      };
    },
  );
};
