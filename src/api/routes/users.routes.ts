import { z } from 'zod';
import { PERMISSIONS } from '../../domain/permission.js';
import { addUser } from '../../app/users/add-user.js';
import { grantRole, revokeRole } from '../../app/users/grant-role.js';
import { getUser, listUsers } from '../../app/users/list-users.js';
import { resetPassword } from '../../app/users/reset-password.js';
import { setUserDisabled } from '../../app/users/set-user-disabled.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';

const ROLE = z.enum(['admin', 'secretariat', 'reporter', 'viewer']);

const userSchema = z
  .object({
    login: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    grants: z.array(
      z.object({
        role: ROLE,
        unit: z.string(),
        unitName: z.string().nullable(),
        permissions: z.array(z.enum(PERMISSIONS)),
      }),
    ),
  })
  .meta({ id: 'User' });

const grantBody = z.object({
  role: ROLE,
  unit: z
    .string()
    .min(1)
    .max(100)
    .meta({ description: 'Mã đơn vị (15, pre2025:10) or / for the whole installation' }),
});

const loginParams = z.object({ login: z.string().min(1).max(200) });
const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

export const usersRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Người dùng / List users',
        description:
          'The users the caller administers (every role they hold lies in the caller’s admin scope).',
        response: { 200: z.object({ users: z.array(userSchema) }), ...errors },
      },
    },
    async (request) => ({ users: await listUsers(ctx, requestActor(request)) }),
  );

  api.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Thêm người dùng / Add a user',
        description:
          'Without a password, a temporary one is generated, returned once, and must be changed at first sign-in.',
        body: z.object({
          login: z.string().min(1).max(64),
          displayName: z.string().min(1).max(200),
          email: z.string().email().max(200).nullable().optional(),
          password: z.string().min(1).max(1024).optional(),
          grants: z.array(grantBody).max(100).optional(),
        }),
        response: {
          201: z.object({ user: userSchema, temporaryPassword: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await addUser(ctx, requestActor(request), request.body)),
  );

  api.get(
    '/users/:login',
    {
      schema: {
        tags: ['users'],
        summary: 'Một người dùng / One user',
        params: loginParams,
        response: { 200: userSchema, ...errors },
      },
    },
    async (request) => getUser(ctx, requestActor(request), request.params.login),
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    api.post(
      `/users/:login/${action}`,
      {
        schema: {
          tags: ['users'],
          summary: disabled ? 'Khóa tài khoản / Disable a user' : 'Mở khóa tài khoản / Enable a user',
          description: disabled ? 'Every session of the user ends at once.' : undefined,
          params: loginParams,
          response: { 200: userSchema.extend({ sessionsEnded: z.number().int() }), ...errors },
        },
      },
      async (request) => setUserDisabled(ctx, requestActor(request), request.params.login, disabled),
    );
  }

  api.post(
    '/users/:login/password',
    {
      schema: {
        tags: ['users'],
        summary: 'Đặt lại mật khẩu / Reset a password',
        description:
          'Sets the given password, or generates one returned once; the user must change it at next sign-in, and every session of the user ends.',
        params: loginParams,
        body: z.object({ password: z.string().min(1).max(1024).optional() }).optional(),
        response: {
          200: z.object({
            login: z.string(),
            temporaryPassword: z.string().nullable(),
            sessionsEnded: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      resetPassword(ctx, requestActor(request), request.params.login, {
        password: request.body?.password ?? null,
      }),
  );

  api.post(
    '/users/:login/grants',
    {
      schema: {
        tags: ['users'],
        summary: 'Cấp vai trò / Grant a role over a unit',
        params: loginParams,
        body: grantBody,
        response: { 200: z.object({ user: userSchema, changed: z.boolean() }), ...errors },
      },
    },
    async (request) =>
      grantRole(ctx, requestActor(request), { login: request.params.login, ...request.body }),
  );

  api.delete(
    '/users/:login/grants',
    {
      schema: {
        tags: ['users'],
        summary: 'Thu hồi vai trò / Revoke a role over a unit',
        params: loginParams,
        querystring: grantBody,
        response: { 200: z.object({ user: userSchema }), ...errors },
      },
    },
    async (request) =>
      revokeRole(ctx, requestActor(request), { login: request.params.login, ...request.query }),
  );
};
