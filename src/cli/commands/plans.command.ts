import { createPlan } from '../../app/plans/create-plan.js';
import { listPlans } from '../../app/plans/list-plans.js';
import { parseYear, withWorkspace } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { cliActor } from '../cli-actor.js';

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
};
