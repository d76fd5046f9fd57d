import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { RegisterUnit } from '../../contract/registers.js';
import type { Actor, AppContext } from '../../app/context.js';
import { formatNumber } from '../../domain/format-number.js';
import { type UnitLevel, REGISTER_LEVELS, unitLevelName } from '../../domain/unit-vocabulary.js';
import { withWorkspace } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const buildRegisterTemplate = lazy(
  () => import('../../app/registers/build-register-template.js'),
  'buildRegisterTemplate',
);
const getRegisterChange = lazy(
  () => import('../../app/registers/get-register-change.js'),
  'getRegisterChange',
);
const listLackingUnits = lazy(() => import('../../app/registers/list-lacking-units.js'), 'listLackingUnits');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function unitLines(units: readonly RegisterUnit[], limit = 50): string[] {
  const lines = units
    .slice(0, limit)
    .map((u) => `  ${u.code.padEnd(16)} ${u.name}${u.parentName ? ` — ${u.parentName}` : ''}`);
  if (units.length > limit) lines.push(`  … (+${units.length - limit})`);
  return lines;
}

export const registerRegisters: RegisterCommand = (program, runtime) => {
  const registers = program
    .command('registers')
    .description('Sổ theo dõi: thôn chưa có băng rộng, xã chưa có LAN… / registers (docs/domain.md §4)');
  const actor = (ctx: AppContext): Promise<Actor> => cliActor(ctx, runtime.globals());

  registers
    .command('change')
    .description('Thay đổi giữa hai kỳ: đã xóa, còn lại / change between two periods: closed and remaining')
    .requiredOption('--indicator <code>', 'chỉ tiêu có/không / yes/no indicator (e.g. REG_FIBRE)')
    .requiredOption('--from <period>', 'kỳ trước / earlier period (e.g. 2024Q1)')
    .requiredOption('--to <period>', 'kỳ sau / later period (e.g. 2024Q2)')
    .option('--unit <code>', 'các đơn vị thuộc / the units under (e.g. pre2025:10)')
    .action(async (options: { indicator: string; from: string; to: string; unit?: string }) => {
      const result = await withWorkspace(runtime.globals(), 'registers change', async (ctx) =>
        getRegisterChange(ctx, await actor(ctx), options),
      );
      const { change } = result;
      runtime.print(change, (lang) => {
        const vi = lang === 'vi';
        const sentence = result.phrase[lang];
        return [
          `${result.indicator}, ${change.from.period} → ${change.to.period}${options.unit ? ` (${options.unit})` : ''}: ${sentence}` +
            (change.opened.count > 0
              ? vi
                ? `; phát sinh mới ${formatNumber(change.opened.count, lang, 0)}`
                : `; ${formatNumber(change.opened.count, lang, 0)} newly lacking`
              : ''),
          `${vi ? 'Còn thiếu tại' : 'Lacking at'} ${change.from.period}: ${formatNumber(change.from.count, lang, 0)}; ${change.to.period}: ${formatNumber(change.to.count, lang, 0)}`,
          ...(change.closed.count ? [`${vi ? 'Đã xóa' : 'Closed'}:`, ...unitLines(change.closed.units)] : []),
          ...(change.to.count ? [`${vi ? 'Còn lại' : 'Remaining'}:`, ...unitLines(change.to.units)] : []),
          ...(change.opened.count
            ? [`${vi ? 'Phát sinh mới' : 'Opened'}:`, ...unitLines(change.opened.units)]
            : []),
        ].join('\n');
      });
    });

  registers
    .command('lacking')
    .description('Các đơn vị còn thiếu tại một kỳ / units still lacking at a period')
    .requiredOption('--indicator <code>', 'chỉ tiêu có/không / yes/no indicator')
    .requiredOption('--period <period>', 'kỳ / period')
    .option('--unit <code>', 'các đơn vị thuộc / the units under')
    .action(async (options: { indicator: string; period: string; unit?: string }) => {
      const result = await withWorkspace(runtime.globals(), 'registers lacking', async (ctx) =>
        listLackingUnits(ctx, await actor(ctx), options),
      );
      runtime.print(result, (lang) =>
        [
          lang === 'vi'
            ? `${result.indicator}, ${result.period}: còn ${formatNumber(result.count, lang, 0)}/${formatNumber(result.withValue, lang, 0)} ${result.noun.vi} chưa có`
            : `${result.indicator}, ${result.period}: ${formatNumber(result.count, lang, 0)} of ${formatNumber(result.withValue, lang, 0)} ${result.noun.en} still lacking`,
          ...unitLines(result.units),
        ].join('\n'),
      );
    });

  registers
    .command('template')
    .description(
      'Mẫu Excel nhập sổ theo dõi cho mọi thôn/xã / XLSX entry template for every village or commune',
    )
    .requiredOption('--indicator <code>', 'chỉ tiêu, lặp lại được / indicator, repeatable', collect)
    .requiredOption('--period <period>', 'kỳ / period')
    .requiredOption('--unit <code>', 'xã hoặc tỉnh / commune or province')
    .addOption(
      new Option('--level <level>', 'cấp đơn vị liệt kê / level listed (village)').choices(REGISTER_LEVELS),
    )
    .requiredOption('--out <file>', 'tệp .xlsx / output file')
    .action(
      async (options: {
        indicator: string[];
        period: string;
        unit: string;
        level?: UnitLevel;
        out: string;
      }) => {
        const template = await withWorkspace(runtime.globals(), 'registers template', async (ctx) =>
          buildRegisterTemplate(ctx, await actor(ctx), {
            indicators: options.indicator,
            period: options.period,
            unit: options.unit,
            level: options.level,
          }),
        );
        const out = resolve(options.out);
        await writeFile(out, template.bytes);
        const result = { file: out, rows: template.rows, units: template.units, level: template.level };
        runtime.print(result, (lang) =>
          lang === 'vi'
            ? `Đã ghi ${out}: ${formatNumber(template.rows, lang, 0)} dòng cho ${formatNumber(template.units, lang, 0)} đơn vị ${unitLevelName(template.level, 'vi')}.`
            : `Wrote ${out}: ${formatNumber(template.rows, lang, 0)} rows for ${formatNumber(template.units, lang, 0)} units of level ${unitLevelName(template.level, 'en')}.`,
        );
      },
    );
};
