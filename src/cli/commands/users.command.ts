import { Option } from 'commander';
import type { UserSummary } from '../../contract/users.js';
import { say, usageError, withWorkspace, type Lang } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const addUser = lazy(() => import('../../app/users/add-user.js'), 'addUser');
const grantRole = lazy(() => import('../../app/users/grant-role.js'), 'grantRole');
const revokeRole = lazy(() => import('../../app/users/grant-role.js'), 'revokeRole');
const listUsers = lazy(() => import('../../app/users/list-users.js'), 'listUsers');
const resetPassword = lazy(() => import('../../app/users/reset-password.js'), 'resetPassword');
const setUserDisabled = lazy(() => import('../../app/users/set-user-disabled.js'), 'setUserDisabled');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

const ROLES = ['admin', 'secretariat', 'reporter', 'viewer'];

/** Reads a password from standard input (the whole input, without its final line break). */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text === '') {
    throw usageError({ vi: 'Không đọc được mật khẩu từ stdin.', en: 'No password was read from stdin.' });
  }
  return text;
}

function describeUser(u: UserSummary, lang: Lang): string {
  const grants =
    u.grants.map((g) => `${g.role}@${g.unit}`).join(', ') ||
    (lang === 'vi' ? '(chưa có vai trò)' : '(no role)');
  const flags = [
    u.disabled ? (lang === 'vi' ? 'đã khóa' : 'disabled') : null,
    u.mustChangePassword ? (lang === 'vi' ? 'phải đổi mật khẩu' : 'must change password') : null,
  ].filter(Boolean);
  return `${u.login.padEnd(20)} ${u.displayName} — ${grants}${flags.length ? ` [${flags.join(', ')}]` : ''}`;
}

function temporaryPasswordText(lang: Lang, login: string, password: string): string {
  return say(lang, {
    vi: `Mật khẩu tạm của ${login} (chỉ hiện lần này, phải đổi khi đăng nhập): ${password}`,
    en: `Temporary password of ${login} (shown this once, to be changed at sign-in): ${password}`,
  });
}

const roleOption = () => new Option('--role <role>', 'vai trò / role').choices(ROLES);
const unitOption = () =>
  new Option('--unit <code>', 'đơn vị (mã, hoặc / cho toàn hệ thống) / unit code, or / for all');

export const registerUsers: RegisterCommand = (program, runtime) => {
  const users = program
    .command('users')
    .description('Người dùng và vai trò theo đơn vị / users and their roles');

  users
    .command('add <login>')
    .description('Thêm người dùng / add a user')
    .requiredOption('--name <name>', 'họ tên / display name')
    .option('--email <email>', 'thư điện tử / e-mail')
    .addOption(roleOption())
    .addOption(unitOption())
    .option(
      '--password-stdin',
      'đọc mật khẩu từ stdin (mặc định: tạo mật khẩu tạm) / read the password from stdin',
      false,
    )
    .action(
      async (
        login: string,
        options: { name: string; email?: string; role?: string; unit?: string; passwordStdin: boolean },
      ) => {
        if ((options.role === undefined) !== (options.unit === undefined)) {
          throw usageError({ vi: 'Cần cả --role và --unit.', en: 'Give both --role and --unit.' });
        }
        const password = options.passwordStdin ? await readPasswordFromStdin() : null;
        const globals = runtime.globals();
        const result = await withWorkspace(globals, 'users add', async (ctx) =>
          addUser(ctx, await cliActor(ctx, globals), {
            login,
            displayName: options.name,
            email: options.email ?? null,
            password,
            grants: options.role && options.unit ? [{ role: options.role, unit: options.unit }] : [],
          }),
        );
        runtime.print(result, (lang) =>
          [
            `${say(lang, { vi: 'Đã thêm', en: 'Added' })}: ${describeUser(result.user, lang)}`,
            ...(result.temporaryPassword
              ? [temporaryPasswordText(lang, result.user.login, result.temporaryPassword)]
              : []),
          ].join('\n'),
        );
      },
    );

  users
    .command('list')
    .description('Liệt kê người dùng / list users')
    .action(async () => {
      const globals = runtime.globals();
      const list = await withWorkspace(globals, 'users list', async (ctx) =>
        listUsers(ctx, await cliActor(ctx, globals)),
      );
      runtime.print(list, (lang) =>
        [
          ...list.map((u) => describeUser(u, lang)),
          say(lang, { vi: `${list.length} người dùng`, en: `${list.length} users` }),
        ].join('\n'),
      );
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(`${name} <login>`)
      .description(
        disabled
          ? 'Khóa tài khoản, kết thúc mọi phiên / disable a user, ending every session'
          : 'Mở khóa tài khoản / enable a user',
      )
      .action(async (login: string) => {
        const globals = runtime.globals();
        const result = await withWorkspace(globals, `users ${name}`, async (ctx) =>
          setUserDisabled(ctx, await cliActor(ctx, globals), login, disabled),
        );
        runtime.print(result, (lang) =>
          disabled
            ? say(lang, {
                vi: `Đã khóa ${result.login}; đã kết thúc ${result.sessionsEnded} phiên.`,
                en: `Disabled ${result.login}; ${result.sessionsEnded} sessions ended.`,
              })
            : say(lang, { vi: `Đã mở khóa ${result.login}.`, en: `Enabled ${result.login}.` }),
        );
      });
  }

  users
    .command('reset-password <login>')
    .description('Đặt lại mật khẩu (mật khẩu tạm) / reset a password (temporary)')
    .option('--password-stdin', 'đọc mật khẩu mới từ stdin / read the new password from stdin', false)
    .action(async (login: string, options: { passwordStdin: boolean }) => {
      const password = options.passwordStdin ? await readPasswordFromStdin() : null;
      const globals = runtime.globals();
      const result = await withWorkspace(globals, 'users reset-password', async (ctx) =>
        resetPassword(ctx, await cliActor(ctx, globals), login, { password }),
      );
      runtime.print(result, (lang) =>
        [
          say(lang, {
            vi: `Đã đặt lại mật khẩu của ${result.login}; đã kết thúc ${result.sessionsEnded} phiên.`,
            en: `Reset the password of ${result.login}; ${result.sessionsEnded} sessions ended.`,
          }),
          ...(result.temporaryPassword
            ? [temporaryPasswordText(lang, result.login, result.temporaryPassword)]
            : []),
        ].join('\n'),
      );
    });

  for (const name of ['grant', 'revoke'] as const) {
    users
      .command(`${name} <login>`)
      .description(
        name === 'grant'
          ? 'Cấp vai trò tại một đơn vị / grant a role over a unit'
          : 'Thu hồi vai trò / revoke a role',
      )
      .addOption(roleOption().makeOptionMandatory())
      .addOption(unitOption().makeOptionMandatory())
      .action(async (login: string, options: { role: string; unit: string }) => {
        const globals = runtime.globals();
        const result = await withWorkspace(globals, `users ${name}`, async (ctx) => {
          const actor = await cliActor(ctx, globals);
          const input = { login, role: options.role, unit: options.unit };
          return name === 'grant' ? grantRole(ctx, actor, input) : revokeRole(ctx, actor, input);
        });
        runtime.print(result, (lang) => describeUser(result.user, lang));
      });
  }
};
