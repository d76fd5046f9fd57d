import { prepareWorkspace } from '../../app/workspace/prepare-workspace.js';
import { buildServer } from '../../api/server.js';
import { openDatabase } from '../../store/open-database.js';
import type { RegisterCommand } from '../main.js';
import { databaseTarget, say, usageError } from '../cli-context.js';

export const registerServe: RegisterCommand = (program, runtime) => {
  program
    .command('serve')
    .description('Chạy ứng dụng web và API / serve the web app and the API')
    .option('--port <port>', 'cổng / port', '3000')
    .option('--host <host>', 'địa chỉ / host', '127.0.0.1')
    .option(
      '--demo',
      'nạp không gian làm việc mẫu vào cơ sở dữ liệu trống / load the demo workspace into an empty database',
      false,
    )
    .action(async (options: { port: string; host: string; demo: boolean }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw usageError({
          vi: `Cổng «${options.port}» không hợp lệ.`,
          en: `Port «${options.port}» is invalid.`,
        });
      }
      const globals = runtime.globals();
      const opened = await openDatabase(databaseTarget(globals), { command: 'dxmon serve' });
      const ctx = { db: opened.db, now: () => new Date() };
      try {
        const prepared = await prepareWorkspace(ctx, { demo: options.demo });
        const app = await buildServer({ ctx });
        const address = await app.listen({ port, host: options.host });
        const shown = address.replace('127.0.0.1', 'localhost');
        opened.lock?.setServerUrl(shown);
        runtime.output.stderr(
          say(globals.lang, {
            vi: `DX Monitor đang chạy tại ${shown} (cơ sở dữ liệu: ${describe(opened.target)})${prepared.loadedSets.length ? `; đã nạp: ${prepared.loadedSets.join(', ')}` : ''}. Nhấn Ctrl+C để dừng.`,
            en: `DX Monitor is running at ${shown} (database: ${describe(opened.target)})${prepared.loadedSets.length ? `; loaded: ${prepared.loadedSets.join(', ')}` : ''}. Press Ctrl+C to stop.`,
          }),
        );
        await new Promise<void>((resolveStop) => {
          const stop = () => resolveStop();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await app.close();
      } finally {
        await opened.close();
      }
    });
};

function describe(target: { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string }): string {
  if (target.kind === 'embedded') return target.dataDir;
  const url = new URL(target.url);
  url.password = '';
  return url.toString();
}
