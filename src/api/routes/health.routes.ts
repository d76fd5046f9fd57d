import { z } from 'zod';
import { API_VERSION, type RegisterRoutes } from '../api-types.js';

const healthSchema = z.object({
  status: z.enum(['ok', 'preparing', 'failed', 'stopping']).meta({
    description:
      'preparing: the workspace is still being loaded; stopping: the server is shutting down and takes no new work',
  }),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
  time: z.string(),
});

export const healthRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Tình trạng máy chủ / Server health',
        response: { 200: healthSchema },
      },
    },
    async () => {
      const { state } = api.readiness;
      // While the workspace is prepared the database is busy; answer without waiting for it.
      if (state === 'ready') await ctx.db.query('SELECT 1');
      return {
        status: state === 'ready' ? ('ok' as const) : state,
        version: API_VERSION,
        database: ctx.db.kind,
        time: ctx.now().toISOString(),
      };
    },
  );
};
