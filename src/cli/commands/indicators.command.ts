import { Option } from 'commander';
import type { IndicatorSummary } from '../../contract/catalogue.js';
import { formatNumber } from '../../domain/format-number.js';
import { parseDecimal } from '../../domain/validate-value.js';
import type { Direction } from '../../domain/achievement.js';
import type { TimeAggregation, ValueType } from '../../domain/aggregate.js';
import { usageError, withWorkspace, type Lang } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { DIRECTIONS } from '../../domain/achievement.js';
import { TIME_AGGREGATIONS, VALUE_TYPES } from '../../domain/aggregate.js';
import { lazy } from '../lazy.js';

const createIndicator = lazy(() => import('../../app/catalogue/create-indicator.js'), 'createIndicator');
const listIndicators = lazy(() => import('../../app/catalogue/list-indicators.js'), 'listIndicators');
const updateIndicator = lazy(() => import('../../app/catalogue/update-indicator.js'), 'updateIndicator');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

/** A bound given to --min or --max: a number as a user writes it, or `none` to remove it. */
function parseBound(text: string, option: string): number | null {
  if (text.trim().toLowerCase() === 'none') return null;
  const parsed = parseDecimal(text);
  if (parsed.ok && !parsed.value.percent) return parsed.value.value;
  throw usageError({
    vi: `${option} «${text}» phải là một số (ví dụ 0, 36,8, 1.000) hoặc none để bỏ giới hạn.`,
    en: `${option} «${text}» must be a number (e.g. 0, 36.8, 1,000) or none to remove the bound.`,
  });
}

/** The plausible range an indicator sets, as its readers write numbers; empty when it sets none. */
function showBounds(lang: Lang, i: IndicatorSummary): string {
  if (i.min === null && i.max === null) return '';
  const n = (v: number | null): string => (v === null ? '…' : formatNumber(v, lang, 6));
  return lang === 'vi' ? `, giới hạn ${n(i.min)} – ${n(i.max)}` : `, bounds ${n(i.min)} – ${n(i.max)}`;
}

export const registerIndicators: RegisterCommand = (program, runtime) => {
  const indicators = program.command('indicators').description('Danh mục chỉ tiêu / the indicator catalogue');

  indicators
    .command('list')
    .description('Liệt kê chỉ tiêu / list indicators')
    .option('--group <code>', 'nhóm / group (digitalGovernment, …)')
    .option('--search <text>', 'tìm theo mã hoặc tên / find by code or name')
    .action(async (options: { group?: string; search?: string }) => {
      const list = await withWorkspace(runtime.globals(), 'indicators list', async (ctx) =>
        listIndicators(ctx, options),
      );
      runtime.print(list, (lang) =>
        [
          ...list.map(
            (i) =>
              `${i.code.padEnd(16)} ${i.valueType.padEnd(8)} ${lang === 'vi' ? i.nameVi : (i.nameEn ?? i.nameVi)}${i.measureUnit ? ` (${i.measureUnit})` : ''}`,
          ),
          lang === 'vi' ? `${list.length} chỉ tiêu` : `${list.length} indicators`,
        ].join('\n'),
      );
    });

  indicators
    .command('add')
    .description('Thêm chỉ tiêu / add an indicator')
    .requiredOption('--code <code>', 'mã / code')
    .requiredOption('--name-vi <name>', 'tên tiếng Việt / Vietnamese name')
    .addOption(
      new Option('--value-type <type>', 'kiểu giá trị / value type')
        .choices(VALUE_TYPES)
        .makeOptionMandatory(),
    )
    .option('--name-en <name>', 'tên tiếng Anh / English name')
    .option('--unit <unit>', 'đơn vị tính / unit of measure (%, hộ, tỷ đồng)')
    .addOption(new Option('--direction <d>', 'chiều / direction (increase)').choices(DIRECTIONS))
    .addOption(
      new Option('--time-aggregation <a>', 'cộng dồn theo thời gian / time aggregation (last)').choices(
        TIME_AGGREGATIONS,
      ),
    )
    .option('--group <code>', 'nhóm; mã mới tạo nhóm mới / group; a new code creates a group')
    .option('--min <n>', 'giá trị nhỏ nhất hợp lý / smallest plausible value')
    .option('--max <n>', 'giá trị lớn nhất hợp lý / largest plausible value')
    .action(
      async (options: {
        code: string;
        nameVi: string;
        valueType: string;
        nameEn?: string;
        unit?: string;
        direction?: string;
        timeAggregation?: string;
        group?: string;
        min?: string;
        max?: string;
      }) => {
        const min = options.min === undefined ? null : parseBound(options.min, '--min');
        const max = options.max === undefined ? null : parseBound(options.max, '--max');
        const created = await withWorkspace(runtime.globals(), 'indicators add', async (ctx) =>
          createIndicator(ctx, await cliActor(ctx, runtime.globals()), {
            code: options.code,
            nameVi: options.nameVi,
            nameEn: options.nameEn,
            valueType: options.valueType as ValueType,
            measureUnit: options.unit,
            direction: options.direction as Direction | undefined,
            timeAggregation: options.timeAggregation as TimeAggregation | undefined,
            group: options.group,
            min,
            max,
          }),
        );
        runtime.print(created, (lang) =>
          lang === 'vi'
            ? `Đã thêm chỉ tiêu ${created.code} (${created.valueType}, ${created.direction}, ${created.timeAggregation}${showBounds(lang, created)}).`
            : `Added indicator ${created.code} (${created.valueType}, ${created.direction}, ${created.timeAggregation}${showBounds(lang, created)}).`,
        );
      },
    );

  indicators
    .command('bounds')
    .description(
      'Đặt giới hạn hợp lý cho số liệu của chỉ tiêu / set the plausible range of an indicator’s values',
    )
    .argument('<code>', 'mã chỉ tiêu / indicator code')
    .option('--min <n>', 'giá trị nhỏ nhất; none để bỏ / smallest value; none removes it')
    .option('--max <n>', 'giá trị lớn nhất; none để bỏ / largest value; none removes it')
    .action(async (code: string, options: { min?: string; max?: string }) => {
      if (options.min === undefined && options.max === undefined) {
        throw usageError({
          vi: 'Hãy cho --min, --max hoặc cả hai (none để bỏ giới hạn).',
          en: 'Give --min, --max or both (none removes a bound).',
        });
      }
      const min = options.min === undefined ? undefined : parseBound(options.min, '--min');
      const max = options.max === undefined ? undefined : parseBound(options.max, '--max');
      const updated = await withWorkspace(runtime.globals(), 'indicators bounds', async (ctx) =>
        updateIndicator(ctx, await cliActor(ctx, runtime.globals()), code, { min, max }),
      );
      runtime.print(updated, (lang) => {
        const bounds = showBounds(lang, updated).replace(/^, /, '');
        return lang === 'vi'
          ? `Chỉ tiêu ${updated.code} (${updated.nameVi}): ${bounds || 'không đặt giới hạn riêng, dùng giới hạn của kiểu giá trị'}.`
          : `Indicator ${updated.code} (${updated.nameEn ?? updated.nameVi}): ${bounds || 'no bounds of its own, the value type’s limits apply'}.`;
      });
    });
};
