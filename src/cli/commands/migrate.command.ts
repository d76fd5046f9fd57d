import { adoptedChecksumsNotice, migrateSchema } from '../../app/workspace/migrate-schema.js';
import type { RegisterCommand } from '../main.js';
import { say, withWorkspace } from '../cli-context.js';

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
