import fastifyCookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.js';
import { AppError } from '../domain/app-error.js';
import { API_VERSION, type Api, type Readiness } from './api-types.js';
import { installAuth, installSecurityHeaders } from './auth.plugin.js';
import { assertWellFormedText } from './input-guard.js';
import { sendProblem } from './problem.js';
import { ROUTES } from './routes/index.js';
import { fastifyTrustProxy, type TrustProxy } from './trust-proxy.js';
import { installWebApp, WEB_ROOT } from './web-app.js';

export interface ServerOptions {
  ctx: AppContext;
  logger?: boolean;
  /** Version string shown in the OpenAPI document and the health check. */
  version?: string;
  /** Shared with whoever prepares the workspace; data routes answer 503 until it is ready. */
  readiness?: Readiness;
  /**
   * The reverse proxies to believe (trust-proxy.ts): the client address (sign-in throttle, audit) and HTTPS (Secure
   * cookies) are read from X-Forwarded-For/-Proto as far as they wrote them. Never "every hop".
   */
  trustProxy?: TrustProxy;
  /**
   * The built web app's folder (web-app.ts), served at `/`; dist/web/ of the package when absent. null serves
   * no app: its pages then say how to build it.
   */
  webRoot?: string | null;
}

/** Builds the HTTP API (not listening): JSON under /api/v1, OpenAPI at /api/openapi.json, docs at /api/docs. */
export async function buildServer(options: ServerOptions): Promise<Api> {
  const app = Fastify({
    logger: options.logger ?? false,
    ...(options.trustProxy !== undefined ? { trustProxy: fastifyTrustProxy(options.trustProxy) } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendProblem(
      Object.assign(new Error(`${request.method} ${request.url}`), { statusCode: 404 }),
      request,
      reply,
    );
  // Outside /api, a page of the web app (its client routes) rather than a 404; set once the app is installed.
  let notFoundOrApp: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> = notFound;
  app.setNotFoundHandler((request, reply) => notFoundOrApp(request, reply));

  installSecurityHeaders(app as Api);
  app.decorate('readiness', options.readiness ?? { state: 'ready' });
  // A server that is stopping closes each connection after its answer, rather than keep it open for the next one.
  app.addHook('onSend', async (_request, reply) => {
    if (app.readiness.state === 'stopping') reply.header('connection', 'close');
  });
  // On the embedded database, background work (the steps of a large import) waits while a request is answered, so
  // that a request's statements are not queued behind a step between its other work (store/turns.ts).
  const holds = new WeakMap<object, () => void>();
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.background === true) return;
    const release = options.ctx.db.holdBackground?.();
    if (!release) return;
    holds.set(request, release);
    reply.raw.once('close', release);
  });
  // Released once answered, or when the client goes away (each release is harmless twice).
  app.addHook('onResponse', async (request) => holds.get(request)?.());
  app.addHook('onRequestAbort', async (request) => holds.get(request)?.());
  app.addHook('onRequest', async (request, reply) => {
    const { readiness } = app;
    if (
      readiness.state === 'ready' ||
      !request.url.startsWith('/api/v1/') ||
      request.url.startsWith('/api/v1/health')
    ) {
      return;
    }
    reply.header('retry-after', '2');
    const message =
      readiness.error ??
      (readiness.state === 'stopping'
        ? {
            vi: 'Máy chủ đang dừng và không nhận việc mới; hãy thử lại khi máy chủ chạy lại.',
            en: 'The server is stopping and takes no new work; try again once it runs again.',
          }
        : {
            vi: 'Đang chuẩn bị không gian làm việc (nạp danh mục đơn vị, dữ liệu mẫu); thử lại sau giây lát.',
            en: 'The workspace is being prepared (loading units and the demo); try again in a moment.',
          });
    await sendProblem(
      new AppError(readiness.state === 'failed' ? 'internal' : 'unavailable', message),
      request,
      reply,
    );
    return reply; // answered: the hooks after this one (authentication) do not run
  });

  // Parses the Cookie header into request.cookies (first value of a name wins), before authentication reads it.
  await app.register(fastifyCookie);
  // Every /api/v1 route not marked `config: { public: true }` needs a session or an API token (auth.plugin.ts).
  installAuth(app as Api, options.ctx);
  // After authentication, before the schemas: a NUL or a lone surrogate in a path parameter, the query or a JSON
  // body is a 400 naming the field, on every route (PostgreSQL would refuse it with a 500).
  app.addHook('preValidation', async (request) => assertWellFormedText(request));

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'DX Monitor API',
        description:
          'Theo dõi chỉ tiêu chuyển đổi số của Ban Chỉ đạo — targets, values, evaluation and reports for digital-transformation steering committees.',
        version: options.version ?? API_VERSION,
      },
      servers: [],
      tags: [
        { name: 'system', description: 'Health and metadata' },
        { name: 'units', description: 'Đơn vị — organisation units' },
        { name: 'session', description: 'Đăng nhập — sign in, sign out, who am I' },
        { name: 'users', description: 'Người dùng, vai trò, mã truy cập API — users, roles and API tokens' },
        { name: 'reviews', description: 'Gửi, duyệt số liệu — submission, review and approval' },
        { name: 'audit', description: 'Nhật ký thay đổi — the audit log' },
        { name: 'open data', description: 'Dữ liệu mở — approved values, without login' },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'dxm_session' },
          token: { type: 'http', scheme: 'bearer', description: 'API token dxm_…' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  notFoundOrApp = installWebApp(
    app as Api,
    options.webRoot === undefined ? WEB_ROOT : options.webRoot,
    notFound,
  );

  await app.register(
    async (api) => {
      for (const register of ROUTES) await register(api as Api, options.ctx);
    },
    { prefix: '/api/v1' },
  );
  return app as Api;
}
