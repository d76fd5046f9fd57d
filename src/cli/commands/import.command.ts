import type { ImportProgress, ImportReport } from '../../app/import/import-workbook.js';
import { formatNumber } from '../../domain/format-number.js';
import { withWorkspace, type Lang } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';
import { startProgress } from '../progress.js';

const importWorkbook = lazy(() => import('../../app/import/import-workbook.js'), 'importWorkbook');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

const ROWS = { vi: 'dòng', en: 'rows' };

const PHASE: Record<ImportProgress['phase'], { vi: string; en: string }> = {
  read: { vi: 'đã đọc', en: 'read' },
  check: { vi: 'đã kiểm tra', en: 'checked' },
  write: { vi: 'đang ghi số liệu', en: 'writing values' },
  done: { vi: 'xong', en: 'done' },
};

/** The report as a person reads it: one line per sheet the file had, then the warnings. */
export function describeImport(lang: Lang, path: string, report: ImportReport): string {
  const vi = lang === 'vi';
  const head = report.dryRun
    ? vi
      ? `Chạy thử «${path}» (${report.format}): không có gì được ghi. Nếu nhập thật:`
      : `Dry run of «${path}» (${report.format}): nothing was written. A real import would:`
    : vi
      ? `Đã nhập «${path}» (${report.format}):`
      : `Imported «${path}» (${report.format}):`;
  const lines = [head];
  for (const sheet of Object.keys(report.sheets) as (keyof ImportReport['sheets'])[]) {
    const c = report.sheets[sheet];
    if (c.inserted + c.updated + c.unchanged === 0) continue;
    lines.push(
      vi
        ? `  ${sheet.padEnd(12)} thêm ${formatNumber(c.inserted, lang, 0)}, cập nhật ${formatNumber(c.updated, lang, 0)}, không đổi ${formatNumber(c.unchanged, lang, 0)}`
        : `  ${sheet.padEnd(12)} ${formatNumber(c.inserted, lang, 0)} added, ${formatNumber(c.updated, lang, 0)} updated, ${formatNumber(c.unchanged, lang, 0)} unchanged`,
    );
  }
  if (lines.length === 1) lines.push(vi ? '  (tệp không có dòng nào)' : '  (the file has no rows)');
  if (report.skippedSheets.length > 0) {
    const names = report.skippedSheets.map((n) => `«${n}»`).join(', ');
    lines.push(
      vi
        ? `Bỏ qua ${formatNumber(report.skippedSheets.length, lang, 0)} trang không thuộc mẫu nhập: ${names}`
        : `Skipped ${formatNumber(report.skippedSheets.length, lang, 0)} sheet(s) that are not import sheets: ${names}`,
    );
  }
  for (const w of report.warnings) {
    const where = [w.sheet, w.row === null ? null : `${vi ? 'dòng' : 'row'} ${w.row}`, w.column]
      .filter(Boolean)
      .join(', ');
    lines.push(`${vi ? 'Cảnh báo' : 'Warning'}: ${where}: ${vi ? w.message_vi : w.message_en}`);
  }
  return lines.join('\n');
}

export const registerImport: RegisterCommand = (program, runtime) => {
  program
    .command('import')
    .description(
      'Nhập tệp .xlsx, thư mục .csv hay tệp DHIS2 .json, tất cả hoặc không gì / import a workbook, a CSV folder or DHIS2 JSON, all or nothing',
    )
    .argument('<path>', 'tệp hoặc thư mục / file or folder')
    .option('--dry-run', 'chỉ báo cáo sẽ thay đổi gì / report what would change, write nothing', false)
    .action(async (path: string, options: { dryRun: boolean }) => {
      const globals = runtime.globals();
      // Rows read, checked, values written: a bar on a terminal, lines in a log (src/cli/progress.ts).
      const progress = startProgress({ lang: globals.lang, title: { vi: 'Nhập tệp', en: 'Import' } });
      const onProgress = (p: ImportProgress) =>
        progress.update({ step: PHASE[p.phase], done: p.done, total: p.total, unit: ROWS });
      const report = await withWorkspace(globals, 'import', async (ctx) =>
        importWorkbook(ctx, await cliActor(ctx, globals), { path, dryRun: options.dryRun, onProgress }),
      ).finally(() => progress.finish());
      runtime.print(report, (lang) => describeImport(lang, path, report));
    });
};
