import { writeFile } from 'node:fs/promises';
import { PERIOD_EXAMPLES } from '../../domain/period.js';
import { printWarning, usageError, withWorkspace } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const buildEntryTemplate = lazy(
  () => import('../../app/templates/build-entry-template.js'),
  'buildEntryTemplate',
);
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

export const registerTemplate: RegisterCommand = (program, runtime) => {
  program
    .command('template')
    .description('Tạo mẫu nhập số liệu .xlsx cho một đơn vị / make the XLSX entry template for a unit')
    .requiredOption('--plan <code>', 'mã kế hoạch / plan code')
    .requiredOption(
      '--period <period>',
      `kỳ báo cáo / reporting period (${Object.values(PERIOD_EXAMPLES).join(', ')})`,
    )
    .option('--unit <code>', 'đơn vị báo cáo / reporting unit (15, pre2025:10, LCI-STTTT)')
    .option('--under <code>', 'mọi đơn vị thuộc đơn vị này / every unit under this one')
    .requiredOption('--out <file>', 'tệp .xlsx ghi ra / the .xlsx file to write')
    .action(async (options: { plan: string; period: string; unit?: string; under?: string; out: string }) => {
      if (!options.unit && !options.under) {
        throw usageError({ vi: 'Cần --unit hoặc --under.', en: '--unit or --under is required.' });
      }
      const built = await withWorkspace(runtime.globals(), 'template', async (ctx) =>
        buildEntryTemplate(ctx, await cliActor(ctx, runtime.globals()), options),
      );
      await writeFile(options.out, built.bytes);
      printWarning(runtime.output, runtime.globals().lang, built.reason);
      const result = { file: options.out, rows: built.rows, total: built.rows, reason: built.reason };
      runtime.print(result, (lang) =>
        lang === 'vi'
          ? `Đã ghi mẫu nhập «${options.out}»: ${built.rows} dòng.`
          : `Wrote the entry template «${options.out}»: ${built.rows} rows.`,
      );
    });
};
