import { z } from 'zod';
import { rollupStatus } from '../../app/rollup/rebuild-rollup.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';

const rollupStatusSchema = z
  .object({
    status: z.enum(['complete', 'rebuilding']).meta({
      description:
        'complete: reads use the rollup rows; rebuilding: a rebuild (dxmon rollup rebuild) has not finished, and reads compute from the values',
    }),
    startedAt: z.string().nullable().meta({ description: 'When the current or last rebuild started' }),
    startedBy: z.string().nullable(),
    finishedAt: z
      .string()
      .nullable()
      .meta({ description: 'When the last rebuild finished; null while one runs' }),
    batchesDone: z.number().int().meta({ description: 'Indicators rebuilt so far' }),
    batchesTotal: z.number().int(),
    valuesDone: z.number().int(),
    rowsDone: z.number().int(),
  })
  .meta({ id: 'RollupStatus' });

export const rollupRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/rollup',
    {
      schema: {
        tags: ['evaluation'],
        summary: 'Trạng thái số liệu tổng hợp / State of the rollup rows',
        description:
          'Whether the rollup rows that answer evaluations are complete or being rebuilt, and how far the current or last rebuild (dxmon rollup rebuild) got. Administrators of the whole installation only.',
        response: { 200: rollupStatusSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => rollupStatus(ctx, requestActor(request)),
  );
};
