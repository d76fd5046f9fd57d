import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AppContext } from '../app/context.js';

/** The Fastify instance with zod schemas as its type provider. */
export type Api = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A route module: registers its routes under /api/v1, with the use-case context at hand. */
export type RegisterRoutes = (api: Api, ctx: AppContext) => void | Promise<void>;

export const API_VERSION = '0.1.0';

/** Whether the workspace is ready to serve data; the server answers at once and prepares it after. */
export interface Readiness {
  state: 'preparing' | 'ready' | 'failed' | 'stopping';
  error?: { vi: string; en: string };
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness;
  }
}
