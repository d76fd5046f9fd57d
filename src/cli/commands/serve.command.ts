import { Option, type Command } from 'commander';
import type { Readiness } from '../../api/api-types.js';
import { parseTrustProxy } from '../../api/trust-proxy.js';
import { AppError, isAppError } from '../../domain/app-error.js';
import { resolve } from 'node:path';
import type { DatabaseTarget, OpenedDatabase } from '../../store/open-database.js';
import type { PrepareStep } from '../../app/workspace/prepare-workspace.js';
import type { DemoAccountsResult } from '../../app/users/demo-accounts.js';
import { startProgress } from '../progress.js';
import type { RegisterCommand } from '../main.js';
import { databaseTarget, parseWholeNumber, say, usageError } from '../cli-context.js';

export const registerServe: RegisterCommand = (program, runtime) => {
  program
    .command('serve')
    .description('Chạy ứng dụng web và API / serve the web app and the API')
    // PORT and HOST in the environment (as platforms set them) replace the defaults; the flags still win.
    .addOption(new Option('--port <port>', 'cổng / port').env('PORT').default('3000'))
    .addOption(new Option('--host <host>', 'địa chỉ / host').env('HOST').default('127.0.0.1'))
    .option(
      '--demo',
      'nạp không gian làm việc mẫu vào cơ sở dữ liệu trống / load the demo workspace into an empty database',
      false,
    )
    .action(async (options: { port: string; host: string; demo: boolean }, command: Command) => {
      const port = parseWholeNumber(
        options.port.trim() === '' ? '3000' : options.port,
        command.getOptionValueSource('port') === 'env' ? 'PORT' : '--port',
        { min: 0, max: 65535 },
      );
      const host = options.host.trim() === '' ? '127.0.0.1' : options.host;
      const globals = runtime.globals();
      const target = databaseTarget(globals);
      if (target.kind === 'server') {
        throw usageError({ vi: 'serve không dùng --server.', en: 'serve does not take --server.' });
      }
      // Loaded here, not for `dxmon --help` or another command.
      const [
        { acquireDataDirLock },
        { DeferredDb },
        { openDatabase },
        { ensureFirstAdmin },
        { isLoopbackHost, prepareDemoAccounts },
        { adoptedChecksumsNotice },
        { prepareWorkspace },
        { seedFromSnapshot },
        { finishInterruptedImports, interruptedImportsNotice },
      ] = await Promise.all([
        import('../../store/data-dir-lock.js'),
        import('../../store/deferred-db.js'),
        import('../../store/open-database.js'),
        import('../../app/users/ensure-first-admin.js'),
        import('../../app/users/demo-accounts.js'),
        import('../../app/workspace/migrate-schema.js'),
        import('../../app/workspace/prepare-workspace.js'),
        import('../../app/workspace/workspace-snapshot.js'),
        import('../../app/import/interrupted-imports.js'),
      ]);
      // Behind a reverse proxy (HTTPS), DXMON_TRUST_PROXY=1 (the number of proxies, or a list of their addresses)
      // makes session cookies Secure and throttles by the client's address rather than the proxy's. Read before
      // the directory is taken: a value refused leaves it free.
      const trustProxy = parseTrustProxy(process.env.DXMON_TRUST_PROXY);
      // Take the directory first, answer at once, then open (on first start, create) the database.
      const lock =
        target.kind === 'embedded' ? acquireDataDirLock(resolve(target.dataDir), 'dxmon serve') : null;
      const db = new DeferredDb(target.kind === 'postgres' ? 'postgres' : 'pglite');
      // Aborted at SIGTERM or Ctrl+C: an import in flight stops at its next step and rolls back.
      const stopping = new AbortController();
      // Demo accounts (fixed, public passwords) only for a demo on a loopback address that no proxy makes
      // reachable from elsewhere (docs/web.md).
      const loopback = isLoopbackHost(host) && trustProxy === null;
      const demoAccounts = options.demo && loopback;
      const ctx = { db, now: () => new Date(), stopping: stopping.signal, demoAccounts };
      let opened: OpenedDatabase | null = null;
      let opening: Promise<OpenedDatabase> | null = null;
      try {
        const readiness: Readiness = { state: 'preparing' };
        // Loaded here, not at start-up: only serve and openapi need the web server.
        const { buildServer } = await import('../../api/server.js');
        const app = await buildServer({
          ctx,
          readiness,
          ...(trustProxy ? { trustProxy } : {}),
        });
        // Asked to stop from here on (SIGTERM, Ctrl+C): told before the address is printed, so that a stop sent as
        // soon as the server says where it listens is never the default action that kills the process mid-write.
        const stopAsked = new Promise<void>((resolveStop) => {
          const stop = () => resolveStop();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        const address = await app.listen({ port, host });
        const shown = address.replace('127.0.0.1', 'localhost');
        lock?.setServerUrl(shown);
        runtime.output.stderr(
          say(globals.lang, {
            vi: `DX Monitor đang chạy tại ${shown} (cơ sở dữ liệu: ${describe(target)}). Nhấn Ctrl+C để dừng.`,
            en: `DX Monitor is running at ${shown} (database: ${describe(target)}). Press Ctrl+C to stop.`,
          }),
        );
        // Listen first, then prepare: a new workspace answers at once and is ready a few seconds later.
        // A new embedded directory starts from the ready-made workspace built at install time, when it is current
        // (a copy of files: seconds instead of migrating and loading); else the slow path below prepares it.
        let seeded = false;
        const progress = startProgress({
          lang: globals.lang,
          title: { vi: 'Chuẩn bị không gian làm việc', en: 'Preparing the workspace' },
        });
        progress.update({ step: OPENING });
        opening = (async () => {
          // DXMON_SNAPSHOTS=0 takes the slow path (as when no ready-made workspace was built).
          if (target.kind === 'embedded' && process.env.DXMON_SNAPSHOTS !== '0') {
            seeded = await seedFromSnapshot(target.dataDir, options.demo ? 'demo' : 'base');
          }
          return openDatabase(target, {
            command: 'dxmon serve',
            share: true,
            ...(lock ? { lock } : {}),
          });
        })();
        const preparing = opening
          .then(async (database) => {
            opened = database;
            const notice = adoptedChecksumsNotice(database.migration?.adopted ?? []);
            if (notice) runtime.output.stderr(say(globals.lang, notice));
            db.resolve(database.db);
            // An import a stop interrupted is settled before anything else reads the database.
            const settled = await finishInterruptedImports(ctx, (p) =>
              progress.update({ step: FINISHING_IMPORT, done: p.done, total: p.total, unit: ROWS }),
            );
            const settledNotice = interruptedImportsNotice(settled);
            if (settledNotice) runtime.output.stderr(say(globals.lang, settledNotice));
            return prepareWorkspace(ctx, {
              demo: options.demo,
              onStep: (step, index, steps) =>
                progress.update({ step: PREPARE_STEP[step], done: index - 1, total: steps, unit: STEPS }),
              onImportProgress: (p) =>
                progress.update({ step: PREPARE_STEP.demo, done: p.done, total: p.total, unit: ROWS }),
            });
          })
          .then(
            async (prepared) => {
              progress.finish();
              // Demo accounts are made usable at each demo start on a loopback address, and disabled at any other.
              // A failure here leaves the server without demo accounts, not without a workspace.
              const demo = await prepareDemoAccounts(ctx, { enabled: demoAccounts }).catch(
                (error: unknown) => {
                  const reason = isAppError(error) ? { vi: error.message_vi, en: error.message_en } : null;
                  runtime.output.stderr(
                    say(globals.lang, {
                      vi: `Không chuẩn bị được tài khoản mẫu: ${reason?.vi ?? String(error)}`,
                      en: `The demo accounts could not be prepared: ${reason?.en ?? String(error)}`,
                    }),
                  );
                  return null;
                },
              );
              if (demoAccounts && demo) runtime.output.stderr(say(globals.lang, demoAccountsNotice(demo)));
              else if (options.demo && !loopback) {
                runtime.output.stderr(
                  say(
                    globals.lang,
                    trustProxy === null
                      ? {
                          vi: `Tài khoản mẫu bị tắt: máy chủ nghe trên ${host}, không phải địa chỉ nội bộ (localhost, 127.0.0.1, ::1).`,
                          en: `Demo accounts are disabled: the server listens on ${host}, not a loopback address (localhost, 127.0.0.1, ::1).`,
                        }
                      : {
                          vi: 'Tài khoản mẫu bị tắt: máy chủ đứng sau proxy ngược (DXMON_TRUST_PROXY), nên được truy cập từ nơi khác.',
                          en: 'Demo accounts are disabled: the server stands behind a reverse proxy (DXMON_TRUST_PROXY), so it is reached from elsewhere.',
                        },
                  ),
                );
              }
              // A workspace without (real) users gets its first administrator; the password is shown this once. A
              // demo on a loopback address has its demo administrator instead (docs/web.md, "Demo accounts").
              const firstAdmin = demoAccounts ? null : await ensureFirstAdmin(ctx);
              if (firstAdmin) {
                runtime.output.stderr(
                  say(globals.lang, {
                    vi: `Tài khoản quản trị đầu tiên: ${firstAdmin.login}, mật khẩu tạm (chỉ hiện lần này, phải đổi khi đăng nhập): ${firstAdmin.password}`,
                    en: `First administrator: ${firstAdmin.login}, temporary password (shown this once, to be changed at sign-in): ${firstAdmin.password}`,
                  }),
                );
              }
              if (stopping.signal.aborted) return;
              readiness.state = 'ready';
              runtime.output.stderr(
                say(globals.lang, {
                  vi: `Không gian làm việc đã sẵn sàng${seeded ? ' (từ không gian dựng sẵn khi cài đặt)' : ''}${prepared.loadedSets.length ? ` (đã nạp: ${prepared.loadedSets.join(', ')})` : ''}.`,
                  en: `The workspace is ready${seeded ? ' (from the ready-made workspace built at install)' : ''}${prepared.loadedSets.length ? ` (loaded: ${prepared.loadedSets.join(', ')})` : ''}.`,
                }),
              );
            },
            (error: unknown) => {
              progress.finish();
              db.reject(error);
              if (stopping.signal.aborted) return; // stopped while preparing: nothing failed
              readiness.state = 'failed';
              const reason = isAppError(error)
                ? { vi: error.message_vi, en: error.message_en }
                : { vi: String(error), en: String(error) };
              readiness.error = {
                vi: `Không chuẩn bị được không gian làm việc: ${reason.vi}`,
                en: `The workspace could not be prepared: ${reason.en}`,
              };
              runtime.output.stderr(say(globals.lang, readiness.error));
            },
          );
        await stopAsked;
        // Stop: take no new work, abort what can be aborted, let the rest finish (for a while), then close the
        // database; the data directory is given up only once the database is closed (openDatabase's close).
        readiness.state = 'stopping';
        runtime.output.stderr(
          say(globals.lang, {
            vi: 'Đang dừng: việc đang làm được hoàn tất hoặc hủy, rồi đóng cơ sở dữ liệu.',
            en: 'Stopping: work in flight is finished or aborted, then the database is closed.',
          }),
        );
        stopping.abort(
          new AppError('unavailable', {
            vi: 'Máy chủ đang dừng: việc nhập bị hủy, không có gì được ghi. Hãy gửi lại khi máy chủ chạy lại.',
            en: 'The server is stopping: the import was cancelled and nothing was written. Send it again once the server runs again.',
          }),
        );
        const closing = app.close();
        await settleWithin(closing, STOP_GRACE_MS);
        // Whatever has not answered by now is cut off: the process is to exit, not to wait on a client.
        app.server.closeAllConnections();
        await settleWithin(closing, STOP_GRACE_MS);
        await settleWithin(preparing, STOP_GRACE_MS);
      } finally {
        // A database still being opened (first start) is waited for and closed too: the directory is given up
        // only once nothing of this process can write to it any more.
        const database = opened ?? (opening ? await opening.catch(() => null) : null);
        if (database) await database.close();
        else lock?.release();
      }
    });
};

/** The console's list of the demo accounts, with their passwords (they are public: shown on the sign-in page). */
function demoAccountsNotice(demo: DemoAccountsResult): { vi: string; en: string } {
  const lines = (lang: 'vi' | 'en') =>
    demo.enabled
      .map((a) => `  ${a.login} / ${a.password} — ${a.persona[lang]} (${a.role}, ${a.unit})`)
      .join('\n');
  const skipped = demo.skipped.join(', ');
  return {
    vi: `Tài khoản mẫu (chỉ khi chạy trên địa chỉ nội bộ):\n${lines('vi')}${skipped ? `\n  Bỏ qua (tên đăng nhập đã có người dùng thật, hoặc thiếu đơn vị của tài khoản): ${skipped}` : ''}`,
    en: `Demo accounts (only while on a loopback address):\n${lines('en')}${skipped ? `\n  Skipped (a real user holds the login, or the account's unit is missing): ${skipped}` : ''}`,
  };
}

const OPENING = { vi: 'mở và cập nhật cơ sở dữ liệu', en: 'opening and migrating the database' };
const FINISHING_IMPORT = { vi: 'ghi nốt tệp nhập bị dừng giữa chừng', en: 'finishing an interrupted import' };
const STEPS = { vi: 'bước', en: 'steps' };
const ROWS = { vi: 'dòng', en: 'rows' };
const PREPARE_STEP: Record<PrepareStep, { vi: string; en: string }> = {
  'units-2025': { vi: 'nạp đơn vị hành chính 2025', en: 'loading the 2025 official units' },
  'units-pre2025': { vi: 'nạp đơn vị hành chính trước 2025', en: 'loading the pre-2025 official units' },
  demo: { vi: 'nạp không gian làm việc mẫu', en: 'loading the demo workspace' },
};

/** How long stopping waits for requests in flight (and the workspace being prepared) before it closes the database. */
const STOP_GRACE_MS = 10_000;

/** Waits for `work` to settle, but no longer than `ms`. */
async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]);
  clearTimeout(timer);
}

function describe(target: DatabaseTarget): string {
  if (target.kind !== 'postgres') return target.dataDir;
  const url = new URL(target.url);
  url.password = '';
  return url.toString();
}
