import { parseYear, withWorkspace } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import type { ReportSettingsPatch } from '../../app/report/report-settings.js';
import type { ReportSettingsView } from '../../contract/report.js';
import { parseWholeNumber, usageError } from '../cli-context.js';
import { lazy } from '../lazy.js';

const createPlan = lazy(() => import('../../app/plans/create-plan.js'), 'createPlan');
const listPlans = lazy(() => import('../../app/plans/list-plans.js'), 'listPlans');
const getReportSettings = lazy(() => import('../../app/report/report-settings.js'), 'getReportSettings');
const setReportSettings = lazy(() => import('../../app/report/report-settings.js'), 'setReportSettings');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

const REPORT_OPTIONS = [
  ['issuingBody', '--issuing-body <text>', 'cơ quan ban hành / issuing body (BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ)'],
  ['parentBody', '--parent-body <text>', 'cơ quan chủ quản / parent body (UBND TỈNH …)'],
  ['symbol', '--symbol <text>', 'ký hiệu / symbol (BC-BCĐ)'],
  ['place', '--place <text>', 'địa danh / place'],
  ['signer', '--signer <name>', 'người ký / signer'],
  ['signerTitle', '--signer-title <text>', 'chức vụ người ký / signer’s title (TRƯỞNG BAN)'],
] as const;

function settingsText(s: ReportSettingsView, lang: 'vi' | 'en'): string {
  const unset = lang === 'vi' ? '(mặc định)' : '(default)';
  const rows: [string, string | number | null][] = [
    ['issuing-body', s.issuingBody],
    ['parent-body', s.parentBody],
    ['number', s.number],
    ['symbol', s.symbol],
    ['place', s.place],
    ['signer', s.signer],
    ['signer-title', s.signerTitle],
  ];
  return [s.plan, ...rows.map(([k, v]) => `  ${k.padEnd(13)} ${v ?? unset}`)].join('\n');
}

export const registerPlans: RegisterCommand = (program, runtime) => {
  const plans = program.command('plans').description('Kế hoạch / plans');

  plans
    .command('list')
    .description('Liệt kê kế hoạch / list plans')
    .action(async () => {
      const list = await withWorkspace(runtime.globals(), 'plans list', async (ctx) =>
        listPlans(ctx, await cliActor(ctx, runtime.globals())),
      );
      runtime.print(list, (lang) =>
        [
          ...list.map(
            (p) =>
              `${p.code.padEnd(16)} ${p.startYear}–${p.endYear}  ${p.unit.padEnd(12)} ${p.name} (${p.targetCount} ${lang === 'vi' ? 'mục tiêu' : 'targets'})`,
          ),
          lang === 'vi' ? `${list.length} kế hoạch` : `${list.length} plans`,
        ].join('\n'),
      );
    });

  plans
    .command('add')
    .description('Thêm kế hoạch / add a plan')
    .requiredOption('--code <code>', 'mã / code')
    .requiredOption('--name <name>', 'tên / name')
    .requiredOption('--unit <code>', 'đơn vị của kế hoạch / the plan’s unit (15, pre2025:10)')
    .requiredOption('--start-year <year>', 'năm bắt đầu / first year')
    .option('--end-year <year>', 'năm kết thúc (mặc định = năm bắt đầu) / last year (default: the first)')
    .action(
      async (options: { code: string; name: string; unit: string; startYear: string; endYear?: string }) => {
        const startYear = parseYear(options.startYear, '--start-year');
        const endYear = options.endYear === undefined ? startYear : parseYear(options.endYear, '--end-year');
        const created = await withWorkspace(runtime.globals(), 'plans add', async (ctx) =>
          createPlan(ctx, await cliActor(ctx, runtime.globals()), {
            code: options.code,
            name: options.name,
            unit: options.unit,
            startYear,
            endYear,
          }),
        );
        runtime.print(created, (lang) =>
          lang === 'vi'
            ? `Đã thêm kế hoạch ${created.code} của ${created.unitName} (${created.startYear}–${created.endYear}).`
            : `Added plan ${created.code} of ${created.unitName} (${created.startYear}–${created.endYear}).`,
        );
      },
    );

  const reportSettings = plans
    .command('set-report')
    .description(
      'Thông tin phần đầu và chữ ký của báo cáo (không có tùy chọn: xem) / the report’s heading and signature settings (no option: show them)',
    )
    .requiredOption('--plan <code>', 'mã kế hoạch / plan code')
    .option('--number <n>', 'số văn bản / document number')
    .option(
      '--clear <fields>',
      'bỏ các giá trị này, cách nhau bởi dấu phẩy / clear these fields, comma-separated',
    );
  for (const [, flag, help] of REPORT_OPTIONS) reportSettings.option(flag, help);
  reportSettings.action(async (options: Record<string, string | undefined> & { plan: string }) => {
    const patch: ReportSettingsPatch = {};
    for (const [key] of REPORT_OPTIONS) {
      const v = options[key];
      if (v !== undefined) patch[key] = v;
    }
    if (options.number !== undefined)
      patch.number = parseWholeNumber(options.number, '--number', { min: 1, max: 999_999 });
    for (const field of (options.clear ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean)) {
      const known = REPORT_OPTIONS.find(([key, flag]) => flag.startsWith(`--${field} `) || key === field);
      if (known) patch[known[0]] = null;
      else if (field === 'number') patch.number = null;
      else
        throw usageError({
          vi: `--clear: không có trường «${field}».`,
          en: `--clear: there is no field «${field}».`,
        });
    }
    const globals = runtime.globals();
    const result = await withWorkspace(globals, 'plans set-report', async (ctx) => {
      const actor = await cliActor(ctx, globals);
      return Object.keys(patch).length === 0
        ? getReportSettings(ctx, actor, options.plan)
        : setReportSettings(ctx, actor, options.plan, patch);
    });
    runtime.print(result, (lang) => settingsText(result, lang));
  });
};
