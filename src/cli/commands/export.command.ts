import { Option } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../../app/export/export-formats.js';
import { withWorkspace } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const writeValuesExport = lazy(() => import('../../app/export/export-values.js'), 'writeValuesExport');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

export const registerExport: RegisterCommand = (program, runtime) => {
  const exportCommand = program.command('export').description('Xuất dữ liệu / export data');
  exportCommand
    .command('values')
    .description(
      'Xuất số liệu ra CSV, XLSX hay DHIS2 JSON (nhập lại được) / export values as CSV, XLSX or DHIS2 JSON (they import back)',
    )
    .addOption(
      new Option('--format <format>', 'định dạng / format')
        .choices([...EXPORT_FORMATS])
        .makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'tệp ghi ra / the file to write')
    .option('--plan <code>', 'chỉ tiêu của kế hoạch / the plan’s indicators')
    .option('--period <period>', 'kỳ này và các kỳ ngắn hơn trong nó / this period and those inside it')
    .option('--unit <code>', 'đơn vị này và các đơn vị trực thuộc / this unit and those under it')
    .action(
      async (options: {
        format: ExportFormat;
        out: string;
        plan?: string;
        period?: string;
        unit?: string;
      }) => {
        const rows = await withWorkspace(runtime.globals(), 'export values', async (ctx) =>
          writeValuesExport(ctx, await cliActor(ctx, runtime.globals()), options, options.out),
        );
        runtime.print({ file: options.out, format: options.format, rows }, (lang) =>
          lang === 'vi'
            ? `Đã xuất ${rows} số liệu ra «${options.out}» (${options.format}).`
            : `Exported ${rows} values to «${options.out}» (${options.format}).`,
        );
      },
    );
};
