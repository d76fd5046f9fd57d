import type { FastifyRequest } from 'fastify';
import type { Actor } from '../app/context.js';
import { AppError } from '../domain/app-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/**
 * Who a request acts as: the user of its session or the API token it carried, as the auth hook
 * (src/api/auth.plugin.ts) attached it; refuses with 401 when there is none, so a route that forgot to be
 * protected still cannot act anonymously (issue 7). Public routes (config.public) do not call it.
 */
export function requestActor(request: FastifyRequest): Actor {
  if (request.actor) return request.actor;
  throw new AppError('unauthenticated', {
    vi: 'Cần đăng nhập (phiên làm việc hoặc mã truy cập API hợp lệ).',
    en: 'Authentication required (a valid session or API token).',
  });
}
