import type { ImportProgress, ImportReport } from '../../app/import/import-workbook.js';
import { formatNumber } from '../../domain/format-number.js';
import { withWorkspace, type Lang } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const importWorkbook = lazy(() => import('../../app/import/import-workbook.js'), 'importWorkbook');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

const PHASE: Record<ImportProgress['phase'], { vi: string; en: string }> = {
  read: { vi: 'đã đọc', en: 'read' },
  check: { vi: 'đã kiểm tra', en: 'checked' },
  write: { vi: 'đang ghi số liệu', en: 'writing values' },
  done: { vi: 'xong', en: 'done' },
};

/** A one-line progress bar redrawn in place on a terminal's stderr: rows read, checked, values written. */
function progressBar(lang: Lang, write: (text: string) => void): (p: ImportProgress) => void {
  const width = 30;
  return (p) => {
    const share = p.total === 0 ? 1 : p.done / p.total;
    const filled = Math.round(share * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const rows = lang === 'vi' ? 'dòng' : 'rows';
    const text = `\r${bar} ${Math.round(share * 100)}% ${PHASE[p.phase][lang]} ${formatNumber(p.done, lang, 0)}/${formatNumber(p.total, lang, 0)} ${rows}`;
    write(p.phase === 'done' ? `${text}\n` : text);
  };
}

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
      const tty = process.stderr.isTTY === true;
      const onProgress = tty ? progressBar(globals.lang, (text) => process.stderr.write(text)) : undefined;
      const report = await withWorkspace(globals, 'import', async (ctx) =>
        importWorkbook(ctx, await cliActor(ctx, globals), { path, dryRun: options.dryRun, onProgress }),
      );
      runtime.print(report, (lang) => describeImport(lang, path, report));
    });
};
