import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { DataVersionWatch } from '../../app/data-version/data-version-watch.js';
import { readDataVersion } from '../../app/data-version/read-data-version.js';
import type { DataVersion } from '../../contract/data-version.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';

/** How often an open event stream gets a comment line, so proxies and browsers keep it open (docs/dashboard.md). */
export const HEARTBEAT_MS = 15_000;
/** How long an event stream stays open by default before the server ends it (the browser reconnects by itself). */
const STREAM_SECONDS_DEFAULT = 3600;

export const dataVersionSchema = z
  .object({
    version: z
      .number()
      .int()
      .meta({ description: 'Raised once for every committed change to dashboard data' }),
    changedAt: z
      .string()
      .meta({ description: 'When it was last raised, ISO 8601 in Vietnam’s time (+07:00)' }),
  })
  .meta({ id: 'DataVersion' });

/** One server-sent event carrying a data version. */
function versionEvent(v: DataVersion): string {
  return `id: ${v.version}\nevent: data-version\ndata: ${JSON.stringify(v)}\n\n`;
}

export const dataVersionRoutes: RegisterRoutes = (api, ctx) => {
  // One poll loop for every listener of this server; stopped, with every open stream ended, when the server closes.
  const watch = new DataVersionWatch(ctx, undefined, (error) =>
    api.log.warn({ err: error }, 'data version poll'),
  );
  const streams = new Set<PassThrough>();
  api.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
    await watch.close();
  });

  api.get(
    '/data-version',
    {
      schema: {
        tags: ['system'],
        summary: 'Phiên bản dữ liệu / Data version',
        description:
          'A number the database raises once for every committed change to what a dashboard shows (values, targets, plans, indicators, units, tasks, reviews, composite indices, report paragraphs), and when — the same in every server process on one database. A page holding an older number should read its data again.',
        response: { 200: dataVersionSchema, 401: problemSchema },
      },
    },
    async (request) => {
      requestActor(request);
      return readDataVersion(ctx);
    },
  );

  api.get(
    '/events',
    {
      // A stream stays open for as long as a page does: it must not hold the database's background work back.
      config: { background: true },
      schema: {
        tags: ['system'],
        summary: 'Sự kiện thay đổi dữ liệu / Live data events (server-sent events)',
        description: `A text/event-stream for a signed-in user: \`event: data-version\` with \`data: {"version":…,"changedAt":…}\` at once, then each time the data version changes (read every 250 ms by one loop per server process), and a comment line every ${HEARTBEAT_MS / 1000} s. The server ends the stream after \`seconds\` (the browser's EventSource reconnects by itself) and when it stops; \`seconds=0\` sends the current version and ends.`,
        querystring: z.object({
          seconds: z.coerce
            .number()
            .int()
            .min(0)
            .max(24 * 3600)
            .default(STREAM_SECONDS_DEFAULT)
            .meta({ description: 'How long the stream stays open; 0: the current version only' }),
        }),
        produces: ['text/event-stream'],
        response: {
          200: z.string().meta({ description: 'Server-sent events: event data-version, data DataVersion' }),
          401: problemSchema,
          400: problemSchema,
        },
      },
    },
    async (request, reply) => {
      requestActor(request);
      const stream = new PassThrough();
      streams.add(stream);
      let leave: () => void = () => undefined;
      const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), HEARTBEAT_MS);
      const lifetime =
        request.query.seconds > 0 ? setTimeout(() => stream.end(), request.query.seconds * 1000) : undefined;
      const cleanUp = () => {
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        leave();
        streams.delete(stream);
      };
      stream.once('close', cleanUp);
      stream.once('finish', cleanUp);
      reply.raw.once('close', () => stream.end());
      stream.write('retry: 2000\n\n');
      if (request.query.seconds === 0) {
        stream.end(versionEvent(await readDataVersion(ctx)));
      } else {
        leave = watch.listen((version) => {
          if (!stream.writableEnded) stream.write(versionEvent(version));
        });
      }
      return (
        reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache, no-transform')
          .header('x-accel-buffering', 'no')
          // Fastify streams a stream as is, without the JSON serializer.
          .send(stream as unknown as string)
      );
    },
  );
};
