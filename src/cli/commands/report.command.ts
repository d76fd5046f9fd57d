import { readFile } from 'node:fs/promises';
import { Option } from 'commander';
import { REPORT_FORMATS } from '../../app/report/report-formats.js';
import { NOTE_SECTIONS } from '../../domain/report-narrative/narrative-input.js';
import { usageError, withWorkspace } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const clearNotes = lazy(() => import('../../app/report/report-notes.js'), 'clearNotes');
const listNotes = lazy(() => import('../../app/report/report-notes.js'), 'listNotes');
const setNote = lazy(() => import('../../app/report/report-notes.js'), 'setNote');
const writeReportFile = lazy(() => import('../../app/report/render-report.js'), 'writeReportFile');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

interface ScopeOptions {
  plan: string;
  period: string;
  unit?: string;
}

const SECTION_HELP = `phần / section: ${NOTE_SECTIONS.join(', ')}`;

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw usageError({
      vi: `Không đọc được tệp «${file}»: ${reason}`,
      en: `Could not read the file «${file}»: ${reason}`,
    });
  }
}

export const registerReport: RegisterCommand = (program, runtime) => {
  const report = program
    .command('report')
    .description('Báo cáo sơ kết, tổng kết / the meeting report (docs/report.md)')
    .option('--plan <code>', 'mã kế hoạch / plan code')
    .option('--period <period>', 'kỳ báo cáo / report period (2024S1, 2024Q2, 2024)')
    .addOption(
      new Option('--format <format>', 'định dạng / format').choices([...REPORT_FORMATS]).default('md'),
    )
    .option('--out <file>', 'tệp ghi ra / the file to write')
    .option(
      '--unit <code>',
      'báo cáo của đơn vị này (xã, sở) / the report of this unit (a commune, a department)',
    )
    .action(async (options: Partial<ScopeOptions> & { format: string; out?: string }) => {
      const missing = (['plan', 'period', 'out'] as const).filter((k) => !options[k]);
      if (missing.length > 0) {
        const list = missing.map((k) => `--${k}`).join(', ');
        throw usageError({ vi: `Thiếu tùy chọn ${list}.`, en: `Missing option ${list}.` });
      }
      const out = options.out!;
      const globals = runtime.globals();
      const written = await withWorkspace(globals, 'report', async (ctx) =>
        writeReportFile(
          ctx,
          await cliActor(ctx, globals),
          {
            plan: options.plan!,
            period: options.period!,
            unit: options.unit,
            lang: globals.lang,
            format: options.format,
          },
          out,
        ),
      );
      runtime.print({ file: out, format: options.format, bytes: written.bytes }, (lang) =>
        lang === 'vi'
          ? `Đã ghi báo cáo ra «${out}» (${options.format}, ${written.bytes.toLocaleString('vi-VN')} byte).`
          : `Wrote the report to «${out}» (${options.format}, ${written.bytes.toLocaleString('en-US')} bytes).`,
      );
    });

  const notes = report
    .command('notes')
    .description('Các đoạn văn của Tổ giúp việc / the secretariat’s paragraphs');
  // --plan, --period and --unit belong to `report` itself: commander reads them there wherever they are written
  // (`dxmon report notes set --plan P …`), so the notes commands take them from it.
  const scopeOf = (): ScopeOptions => {
    const o = report.opts<Partial<ScopeOptions>>();
    const missing = (['plan', 'period'] as const).filter((k) => !o[k]);
    if (missing.length > 0) {
      const list = missing.map((k) => `--${k}`).join(', ');
      throw usageError({ vi: `Thiếu tùy chọn ${list}.`, en: `Missing option ${list}.` });
    }
    return { plan: o.plan!, period: o.period!, ...(o.unit ? { unit: o.unit } : {}) };
  };
  const scoped = (name: string, description: string) =>
    notes.command(name).description(`${description} (--plan, --period [--unit])`);

  scoped('list', 'Liệt kê / list').action(async () => {
    const options = scopeOf();
    const globals = runtime.globals();
    const result = await withWorkspace(globals, 'report notes list', async (ctx) =>
      listNotes(ctx, await cliActor(ctx, globals), options),
    );
    runtime.print(result, (lang) =>
      result.notes.length === 0
        ? lang === 'vi'
          ? `Chưa có đoạn văn nào cho ${result.plan}, kỳ ${result.period}, đơn vị ${result.unit}.`
          : `No paragraphs yet for ${result.plan}, period ${result.period}, unit ${result.unit}.`
        : result.notes
            .map((n) => `[${n.section}] (${n.updatedBy ?? '-'}, ${n.updatedAt})\n${n.text}`)
            .join('\n\n'),
    );
  });

  scoped('set', 'Ghi nội dung một phần từ tệp / save a section’s text from a file')
    .requiredOption('--section <section>', SECTION_HELP)
    .requiredOption('--file <file>', 'tệp văn bản UTF-8 (- là stdin) / UTF-8 text file')
    .action(async (given: { section: string; file: string }) => {
      const options = { ...scopeOf(), ...given };
      const text = await readText(options.file === '-' ? '/dev/stdin' : options.file);
      const globals = runtime.globals();
      const saved = await withWorkspace(globals, 'report notes set', async (ctx) =>
        setNote(ctx, await cliActor(ctx, globals), { ...options, text }),
      );
      runtime.print(saved, (lang) =>
        lang === 'vi' ? `Đã ghi phần ${saved.section}.` : `Saved the ${saved.section} section.`,
      );
    });

  scoped('clear', 'Xóa một phần, hoặc tất cả / clear a section, or all')
    .option('--section <section>', SECTION_HELP)
    .action(async (given: { section?: string }) => {
      const options = { ...scopeOf(), ...given };
      const globals = runtime.globals();
      const result = await withWorkspace(globals, 'report notes clear', async (ctx) =>
        clearNotes(ctx, await cliActor(ctx, globals), options),
      );
      runtime.print(result, (lang) =>
        lang === 'vi'
          ? `Đã xóa ${result.cleared} phần.`
          : `Cleared ${result.cleared} ${result.cleared === 1 ? 'section' : 'sections'}.`,
      );
    });
};
