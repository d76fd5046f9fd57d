import { Option } from 'commander';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from '../../app/session/token-days.js';
import { parseWholeNumber, say, withWorkspace } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { formatVietnamTime } from '../../domain/vietnam-time.js';
import { lazy } from '../lazy.js';

const createApiToken = lazy(() => import('../../app/session/api-tokens.js'), 'createApiToken');
const listApiTokens = lazy(() => import('../../app/session/api-tokens.js'), 'listApiTokens');
const revokeApiToken = lazy(() => import('../../app/session/api-tokens.js'), 'revokeApiToken');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

export const registerTokens: RegisterCommand = (program, runtime) => {
  const tokens = program
    .command('tokens')
    .description('Mã truy cập API cho máy / API tokens for machine clients');

  tokens
    .command('create')
    .description('Tạo mã truy cập (chỉ hiện một lần) / create a token (shown once)')
    .requiredOption('--name <name>', 'tên / name')
    .addOption(
      new Option('--role <role>', 'vai trò / role')
        .choices(['admin', 'secretariat', 'reporter', 'viewer'])
        .makeOptionMandatory(),
    )
    .requiredOption('--unit <code>', 'đơn vị (mã, hoặc /) / unit code, or /')
    .option('--days <n>', `hiệu lực (ngày, 1–${MAX_TOKEN_DAYS}) / days valid`, String(DEFAULT_TOKEN_DAYS))
    .action(async (options: { name: string; role: string; unit: string; days: string }) => {
      const days = parseWholeNumber(options.days, '--days', { min: 1, max: MAX_TOKEN_DAYS });
      const globals = runtime.globals();
      const result = await withWorkspace(globals, 'tokens create', async (ctx) =>
        createApiToken(ctx, await cliActor(ctx, globals), { ...options, expiresInDays: days }),
      );
      runtime.print(result, (lang) =>
        [
          say(lang, {
            vi: `Mã truy cập số ${result.summary.id} (${result.summary.role}@${result.summary.unit}), hết hạn ${formatVietnamTime(result.summary.expiresAt)}. Chỉ hiện lần này:`,
            en: `API token ${result.summary.id} (${result.summary.role}@${result.summary.unit}), expires ${formatVietnamTime(result.summary.expiresAt)} (Vietnam time). Shown this once:`,
          }),
          result.token,
        ].join('\n'),
      );
    });

  tokens
    .command('list')
    .description('Liệt kê mã truy cập / list tokens')
    .action(async () => {
      const globals = runtime.globals();
      const list = await withWorkspace(globals, 'tokens list', async (ctx) =>
        listApiTokens(ctx, await cliActor(ctx, globals)),
      );
      runtime.print(list, (lang) =>
        [
          ...list.map(
            (t) =>
              `${String(t.id).padStart(4)} ${t.name.padEnd(24)} ${t.role}@${t.unit} ${t.status} ${formatVietnamTime(t.expiresAt)}`,
          ),
          say(lang, { vi: `${list.length} mã truy cập`, en: `${list.length} tokens` }),
        ].join('\n'),
      );
    });

  tokens
    .command('revoke <id>')
    .description('Thu hồi mã truy cập / revoke a token')
    .action(async (id: string) => {
      const n = parseWholeNumber(id, '<id>', { min: 1 });
      const globals = runtime.globals();
      const result = await withWorkspace(globals, 'tokens revoke', async (ctx) =>
        revokeApiToken(ctx, await cliActor(ctx, globals), n),
      );
      runtime.print(result, (lang) =>
        say(lang, { vi: `Đã thu hồi mã truy cập số ${result.id}.`, en: `Revoked API token ${result.id}.` }),
      );
    });
};
