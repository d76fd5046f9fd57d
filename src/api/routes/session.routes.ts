import { z } from 'zod';
import { PERMISSIONS } from '../../domain/permission.js';
import { changeOwnPassword } from '../../app/session/change-password.js';
import { login } from '../../app/session/login.js';
import { logout } from '../../app/session/logout.js';
import { listDemoAccounts } from '../../app/users/demo-accounts.js';
import { isSecureRequest } from '../auth.plugin.js';
import type { RegisterRoutes } from '../api-types.js';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from '../session-cookie.js';
import { problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';

const grantSchema = z
  .object({
    role: z.enum(['admin', 'secretariat', 'reporter', 'viewer']),
    unit: z.string().meta({ description: 'Mã đơn vị, or / for the whole installation' }),
    unitName: z.string().nullable(),
    permissions: z
      .array(z.enum(PERMISSIONS))
      .meta({ description: 'What the role allows over the unit and the units under it' }),
  })
  .meta({ id: 'Grant' });

const sessionSchema = z
  .object({
    login: z.string(),
    displayName: z.string(),
    kind: z.enum(['user', 'token']),
    mustChangePassword: z.boolean(),
    grants: z.array(grantSchema),
    csrfToken: z
      .string()
      .nullable()
      .meta({ description: 'Send it as the x-csrf-token header on every POST, PUT, PATCH and DELETE' }),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'Session' });

const loginBody = z
  .object({
    login: z.string().min(1).max(200),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'LoginRequest' });

const demoAccountSchema = z
  .object({
    login: z.string(),
    password: z.string(),
    displayName: z.string(),
    role: z.enum(['admin', 'secretariat', 'reporter', 'viewer']),
    unit: z.string().meta({ description: 'Mã đơn vị / the unit the role is held over' }),
    persona: z.object({ vi: z.string(), en: z.string() }),
  })
  .meta({ id: 'DemoAccount' });

export const sessionRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/session/demo-accounts',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'Tài khoản mẫu / Demo accounts',
        description:
          'The demo accounts and their passwords, for the sign-in page: only while the server runs `dxmon serve --demo` on a loopback address (127.0.0.0/8, ::1, localhost); an empty list otherwise (docs/web.md).',
        response: { 200: z.object({ accounts: z.array(demoAccountSchema) }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { accounts: await listDemoAccounts(ctx) };
    },
  );

  api.post(
    '/session',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'Đăng nhập / Sign in',
        description:
          'Checks the login and password (throttled per account and per address; one generic message for every failure), starts a new session in an HttpOnly SameSite=Lax cookie and returns the CSRF token.',
        body: loginBody,
        response: { 200: sessionSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const result = await login(ctx, {
        login: request.body.login,
        password: request.body.password,
        address: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        previousToken: sessionTokenOf(request),
      });
      reply.header('set-cookie', sessionCookie(result.token, isSecureRequest(request)));
      reply.header('cache-control', 'no-store');
      return {
        login: result.user.login,
        displayName: result.user.displayName,
        kind: 'user' as const,
        mustChangePassword: result.user.mustChangePassword,
        grants: result.user.grants,
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt.toISOString(),
      };
    },
  );

  api.get(
    '/session',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: ['session'],
        summary: 'Phiên hiện tại / Who am I',
        description: 'The signed-in user (or API token) with its roles, and the CSRF token of the session.',
        response: { 200: sessionSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const actor = requestActor(request);
      const session = request.authSession;
      return {
        login: actor.name,
        displayName: session?.displayName ?? actor.name,
        kind: actor.kind === 'user' ? ('user' as const) : ('token' as const),
        mustChangePassword: session?.mustChangePassword ?? false,
        grants: request.authGrants ?? [],
        csrfToken: session?.csrfToken ?? null,
        expiresAt: session?.expiresAt.toISOString() ?? null,
      };
    },
  );

  api.delete(
    '/session',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: ['session'],
        summary: 'Đăng xuất / Sign out',
        description:
          'Ends the session at once: the cookie is refused from the next request on, wherever it was copied.',
        response: { 204: z.null(), 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      if (request.authSession) await logout(ctx, actor, request.authSession.token);
      reply.header('set-cookie', clearedSessionCookie(isSecureRequest(request)));
      return reply.status(204).send(null);
    },
  );

  api.put(
    '/session/password',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: ['session'],
        summary: 'Đổi mật khẩu / Change my password',
        description: "Changes the signed-in user's password; the user's other sessions end.",
        body: z.object({
          currentPassword: z.string().min(1).max(1024),
          newPassword: z.string().min(1).max(1024),
        }),
        response: {
          200: z.object({ sessionsEnded: z.number().int() }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) =>
      changeOwnPassword(ctx, requestActor(request), {
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        sessionId: request.authSession?.id ?? null,
      }),
  );
};
