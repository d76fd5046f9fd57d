import type { RegisterCommand } from '../main.js';
import { say, withWorkspace } from '../cli-context.js';
import { adoptedChecksumsNotice } from '../../app/workspace/migrate-schema.js';
import { lazy } from '../lazy.js';

const migrateSchema = lazy(() => import('../../app/workspace/migrate-schema.js'), 'migrateSchema');

export const registerMigrate: RegisterCommand = (program, runtime) => {
  program
    .command('migrate')
    .description('Cập nhật lược đồ cơ sở dữ liệu / bring the database schema up to date')
    .action(async () => {
      const globals = runtime.globals();
      const { applied, adopted } = await withWorkspace(globals, 'migrate', (ctx) => migrateSchema(ctx), {
        migrate: false,
      });
      const notice = adoptedChecksumsNotice(adopted);
      if (notice) runtime.output.stderr(say(globals.lang, notice));
      runtime.print({ applied, adoptedChecksums: adopted }, (lang) => {
        if (applied.length === 0)
          return lang === 'vi' ? 'Lược đồ đã ở phiên bản mới nhất.' : 'The schema is up to date.';
        return lang === 'vi' ? `Đã áp dụng: ${applied.join(', ')}` : `Applied: ${applied.join(', ')}`;
      });
    });
};
