import { withWorkspace } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { showValue } from './values.command.js';
import { lazy } from '../lazy.js';

const createTarget = lazy(() => import('../../app/plans/create-target.js'), 'createTarget');
const listTargets = lazy(() => import('../../app/plans/list-targets.js'), 'listTargets');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

export const registerTargets: RegisterCommand = (program, runtime) => {
  const targets = program.command('targets').description('Mục tiêu của kế hoạch / a plan’s targets');

  targets
    .command('list')
    .description('Liệt kê mục tiêu / list targets')
    .requiredOption('--plan <code>', 'kế hoạch / plan')
    .option('--indicator <code>', 'mã chỉ tiêu / indicator code')
    .option('--unit <code>', 'đơn vị / unit')
    .option('--period <period>', 'kỳ / period')
    .action(async (options: { plan: string; indicator?: string; unit?: string; period?: string }) => {
      const list = await withWorkspace(runtime.globals(), 'targets list', async (ctx) =>
        listTargets(ctx, await cliActor(ctx, runtime.globals()), options),
      );
      runtime.print(list, (lang) =>
        [
          ...list.map((t) => {
            const baseline =
              t.baseline === null
                ? ''
                : ` (${lang === 'vi' ? 'cơ sở' : 'baseline'} ${showValue(lang, t.baseline)}${t.baselinePeriod ? ` ${t.baselinePeriod}` : ''})`;
            return `${t.indicator.padEnd(16)} ${t.unit.padEnd(12)} ${t.period.padEnd(8)} ${showValue(lang, t.target)}${baseline}`;
          }),
          lang === 'vi' ? `${list.length} mục tiêu` : `${list.length} targets`,
        ].join('\n'),
      );
    });

  targets
    .command('add')
    .description('Thêm mục tiêu / add a target')
    .requiredOption('--plan <code>', 'kế hoạch / plan')
    .requiredOption('--indicator <code>', 'mã chỉ tiêu / indicator code')
    .requiredOption('--unit <code>', 'đơn vị / unit')
    .requiredOption('--period <period>', 'kỳ phải đạt / period due (2025)')
    .requiredOption('--target <value>', 'giá trị mục tiêu / target value (95; true)')
    .option('--baseline <value>', 'giá trị cơ sở / baseline value')
    .option('--baseline-period <period>', 'kỳ cơ sở / baseline period')
    .option('--lead-unit <code>', 'đơn vị chủ trì / lead unit')
    .option('--note <text>', 'ghi chú / note')
    .action(
      async (options: {
        plan: string;
        indicator: string;
        unit: string;
        period: string;
        target: string;
        baseline?: string;
        baselinePeriod?: string;
        leadUnit?: string;
        note?: string;
      }) => {
        const created = await withWorkspace(runtime.globals(), 'targets add', async (ctx) =>
          createTarget(ctx, await cliActor(ctx, runtime.globals()), options),
        );
        runtime.print(created, (lang) =>
          lang === 'vi'
            ? `Đã thêm mục tiêu ${created.indicator} · ${created.unit} · ${created.period}: ${showValue(lang, created.target)} vào kế hoạch ${created.plan}.`
            : `Added target ${created.indicator} · ${created.unit} · ${created.period}: ${showValue(lang, created.target)} to plan ${created.plan}.`,
        );
      },
    );
};
