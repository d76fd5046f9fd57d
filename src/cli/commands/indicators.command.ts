import { Option } from 'commander';
import { createIndicator } from '../../app/catalogue/create-indicator.js';
import { listIndicators } from '../../app/catalogue/list-indicators.js';
import type { Direction } from '../../domain/achievement.js';
import type { TimeAggregation, ValueType } from '../../domain/aggregate.js';
import { withWorkspace } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { cliActor } from '../cli-actor.js';
import { DIRECTIONS } from '../../domain/achievement.js';
import { TIME_AGGREGATIONS, VALUE_TYPES } from '../../domain/aggregate.js';

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
      }) => {
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
          }),
        );
        runtime.print(created, (lang) =>
          lang === 'vi'
            ? `Đã thêm chỉ tiêu ${created.code} (${created.valueType}, ${created.direction}, ${created.timeAggregation}).`
            : `Added indicator ${created.code} (${created.valueType}, ${created.direction}, ${created.timeAggregation}).`,
        );
      },
    );
};
