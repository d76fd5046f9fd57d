import type { ValueSummary } from '../../app/values/value-summary.js';
import { formatNumber } from '../../domain/format-number.js';
import { PERIOD_EXAMPLES } from '../../domain/period.js';
import { formatVietnamTime } from '../../domain/vietnam-time.js';
import { parseWholeNumber, printWarning, withWorkspace, type Lang } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const getValue = lazy(() => import('../../app/values/get-value.js'), 'getValue');
const listValueHistory = lazy(() => import('../../app/values/list-value-history.js'), 'listValueHistory');
const listValues = lazy(() => import('../../app/values/list-values.js'), 'listValues');
const saveValue = lazy(() => import('../../app/values/save-value.js'), 'saveValue');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

/** A number in the reader's locale (vi: 36,8 and 10.851), a boolean as có/không or yes/no. */
export function showValue(lang: Lang, value: number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return lang === 'vi' ? (value ? 'có' : 'không') : value ? 'yes' : 'no';
  return formatNumber(value, lang, 6);
}

function showParts(lang: Lang, v: Pick<ValueSummary, 'value' | 'numerator' | 'denominator'>): string {
  const value = showValue(lang, v.value);
  if (v.numerator === null || v.denominator === null) return value;
  return `${value}% (${showValue(lang, v.numerator)}/${showValue(lang, v.denominator)})`;
}

interface KeyOptions {
  indicator: string;
  unit: string;
  period: string;
}

export const registerValues: RegisterCommand = (program, runtime) => {
  const values = program.command('values').description('Số liệu chỉ tiêu / indicator values');

  values
    .command('set')
    .description('Nhập một số liệu / save one value')
    .requiredOption('--indicator <code>', 'mã chỉ tiêu / indicator code')
    .requiredOption('--unit <code>', 'đơn vị / unit (15, pre2025:10)')
    .requiredOption('--period <period>', `kỳ / period (${Object.values(PERIOD_EXAMPLES).join(', ')})`)
    .option('--value <value>', 'giá trị (36,8; true/false; có/không) / the value')
    .option('--numerator <n>', 'tử số (chỉ tiêu tỷ số) / numerator of a ratio')
    .option('--denominator <n>', 'mẫu số (chỉ tiêu tỷ số) / denominator of a ratio')
    .option('--comment <text>', 'ghi chú / comment')
    .option(
      '--version <n>',
      'phiên bản đang sửa (bỏ trống nếu là số liệu mới) / version being edited; omit for a new value',
    )
    .action(
      async (
        options: KeyOptions & {
          value?: string;
          numerator?: string;
          denominator?: string;
          comment?: string;
          version?: string;
        },
      ) => {
        const version =
          options.version === undefined ? null : parseWholeNumber(options.version, '--version', { min: 1 });
        const saved = await withWorkspace(runtime.globals(), 'values set', async (ctx) =>
          saveValue(ctx, await cliActor(ctx, runtime.globals()), { ...options, version }),
        );
        const { lang } = runtime.globals();
        for (const w of saved.warnings) printWarning(runtime.output, lang, w);
        runtime.print(saved, (lang) => {
          const what = `${saved.indicator} · ${saved.unit} · ${saved.period}: ${showParts(lang, saved)}`;
          if (saved.action === 'none') {
            return lang === 'vi'
              ? `Không thay đổi (đã đúng như vậy) — ${what}, phiên bản ${saved.version}.`
              : `Unchanged (already so) — ${what}, version ${saved.version}.`;
          }
          return lang === 'vi'
            ? `Đã lưu ${what} — phiên bản ${saved.version}.`
            : `Saved ${what} — version ${saved.version}.`;
        });
      },
    );

  values
    .command('get')
    .description('Xem một số liệu và phiên bản / show one value and its version')
    .requiredOption('--indicator <code>', 'mã chỉ tiêu / indicator code')
    .requiredOption('--unit <code>', 'đơn vị / unit')
    .requiredOption('--period <period>', 'kỳ / period')
    .action(async (options: KeyOptions) => {
      const value = await withWorkspace(runtime.globals(), 'values get', async (ctx) =>
        getValue(ctx, await cliActor(ctx, runtime.globals()), options),
      );
      runtime.print(value, (lang) => {
        if (!value) {
          return lang === 'vi'
            ? `Chưa có số liệu ${options.indicator} · ${options.unit} · ${options.period}.`
            : `No value of ${options.indicator} · ${options.unit} · ${options.period} yet.`;
        }
        const comment = value.comment ? ` — «${value.comment}»` : '';
        return lang === 'vi'
          ? `${value.indicator} · ${value.unit} (${value.unitName}) · ${value.period}: ${showParts(lang, value)}${comment}\nPhiên bản ${value.version}, sửa bởi ${value.updatedBy ?? '?'} lúc ${formatVietnamTime(value.updatedAt)} (${value.source}).`
          : `${value.indicator} · ${value.unit} (${value.unitName}) · ${value.period}: ${showParts(lang, value)}${comment}\nVersion ${value.version}, changed by ${value.updatedBy ?? '?'} at ${formatVietnamTime(value.updatedAt)} (${value.source}).`;
      });
    });

  values
    .command('list')
    .description('Liệt kê số liệu / list values')
    .option('--indicator <code>', 'mã chỉ tiêu / indicator code')
    .option('--unit <code>', 'đơn vị và các đơn vị trực thuộc / unit and the units below it')
    .option('--period <period>', 'kỳ / period')
    .option('--plan <code>', 'kế hoạch / plan')
    .action(async (options: { indicator?: string; unit?: string; period?: string; plan?: string }) => {
      const list = await withWorkspace(runtime.globals(), 'values list', async (ctx) =>
        listValues(ctx, await cliActor(ctx, runtime.globals()), options),
      );
      runtime.print(list, (lang) =>
        [
          ...list.map(
            (v) =>
              `${v.indicator.padEnd(16)} ${v.unit.padEnd(14)} ${v.period.padEnd(8)} ${showParts(lang, v)}`,
          ),
          lang === 'vi' ? `${list.length} số liệu` : `${list.length} values`,
        ].join('\n'),
      );
    });

  values
    .command('history')
    .description('Lịch sử thay đổi một số liệu / the changes of one value')
    .requiredOption('--indicator <code>', 'mã chỉ tiêu / indicator code')
    .requiredOption('--unit <code>', 'đơn vị / unit')
    .requiredOption('--period <period>', 'kỳ / period')
    .action(async (options: KeyOptions) => {
      const history = await withWorkspace(runtime.globals(), 'values history', async (ctx) =>
        listValueHistory(ctx, await cliActor(ctx, runtime.globals()), options),
      );
      runtime.print(history, (lang) =>
        history.changes.length === 0
          ? lang === 'vi'
            ? 'Chưa có thay đổi nào.'
            : 'No changes yet.'
          : history.changes
              .map(
                (c) =>
                  `${formatVietnamTime(c.at)}  ${(c.actor ?? '?').padEnd(14)} ${c.source.padEnd(6)} ${c.old ? showParts(lang, c.old) : '∅'} → ${c.new ? showParts(lang, c.new) : '∅'} (v${c.new?.version ?? '?'})`,
              )
              .join('\n'),
      );
    });
};
