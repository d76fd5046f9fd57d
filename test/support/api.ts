import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Api } from '../../src/api/api-types.js';
import { buildServer, type ServerOptions } from '../../src/api/server.js';
import { LOCAL_ADMIN } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';

/** A server whose `inject` signs every request in as an administrator of the whole installation. */
export type TestServer = Api & {
  /** The admin's API token (`Authorization: Bearer …`). */
  adminToken: string;
  /** The original inject: requests exactly as given, without credentials (for anonymous and auth tests). */
  anonymousInject: (options: InjectOptions | string) => Promise<LightMyRequestResponse>;
};

/**
 * Builds the server as buildServer does and creates an admin API token in its database, so tests that are not
 * about authentication can keep calling `app.inject(…)` as before (issue 7: every /api/v1 route needs a session
 * or a token). A request that sets its own Authorization or Cookie header is sent as given.
 */
export async function buildTestServer(options: ServerOptions): Promise<TestServer> {
  const app = await buildServer(options);
  const { token } = await createApiToken(options.ctx, LOCAL_ADMIN, {
    name: 'test-admin',
    role: 'admin',
    unit: '/',
  });
  const original = app.inject.bind(app) as (
    options: InjectOptions | string,
  ) => Promise<LightMyRequestResponse>;
  const authed = (opts: InjectOptions | string): Promise<LightMyRequestResponse> => {
    const given = typeof opts === 'string' ? { url: opts } : opts;
    const headers = { ...(given.headers ?? {}) } as Record<string, string>;
    const lower = Object.keys(headers).map((k) => k.toLowerCase());
    if (!lower.includes('authorization') && !lower.includes('cookie'))
      headers.authorization = `Bearer ${token}`;
    return original({ ...given, headers });
  };
  return Object.assign(app, {
    inject: authed,
    adminToken: token,
    anonymousInject: original,
  }) as unknown as TestServer;
}
