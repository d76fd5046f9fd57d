import { Option } from 'commander';
import { formatNumber } from '../../domain/format-number.js';
import { UNIT_LEVELS, unitLevelName } from '../../domain/unit-vocabulary.js';
import type { RegisterCommand } from '../main.js';
import { withWorkspace } from '../cli-context.js';
import { lazy } from '../lazy.js';
import { startProgress } from '../progress.js';

const listUnits = lazy(() => import('../../app/units/list-units.js'), 'listUnits');
const loadOfficialUnits = lazy(() => import('../../app/units/load-official-units.js'), 'loadOfficialUnits');
const loadUnitList = lazy(() => import('../../app/units/load-unit-list.js'), 'loadUnitList');

export const registerUnits: RegisterCommand = (program, runtime) => {
  const units = program
    .command('units')
    .description('Đơn vị hành chính và đơn vị của không gian làm việc / units');

  units
    .command('load-official')
    .description('Nạp danh mục đơn vị hành chính chính thức / load the official units')
    .addOption(
      new Option('--set <set>', 'bộ đơn vị / unit set').choices(['2025', 'pre2025']).makeOptionMandatory(),
    )
    .option(
      '--from <file>',
      'danh sách theo mẫu trang units / a list in the units sheet format (.xlsx, .csv, folder)',
    )
    .action(async (options: { set: '2025' | 'pre2025'; from?: string }) => {
      // One transaction without steps of its own: the bar shows the time going by (after 2 s).
      const progress = startProgress({
        lang: runtime.globals().lang,
        title: { vi: `Nạp bộ đơn vị ${options.set}`, en: `Loading the unit set ${options.set}` },
      });
      progress.update({ step: { vi: 'đang ghi đơn vị', en: 'writing units' } });
      const result = await withWorkspace(runtime.globals(), 'units load-official', (ctx) =>
        options.from ? loadUnitList(ctx, options.set, options.from) : loadOfficialUnits(ctx, options.set),
      ).finally(() => progress.finish());
      runtime.print(result, (lang) => {
        const n = (x: number) => formatNumber(x, lang, 0);
        const c = {
          province: n(result.counts.province),
          district: n(result.counts.district),
          commune: n(result.counts.commune),
        };
        const levels =
          options.set === '2025'
            ? `${c.province} ${lang === 'vi' ? 'tỉnh/thành phố' : 'provinces'}, ${c.commune} ${lang === 'vi' ? 'xã/phường/đặc khu' : 'communes'}`
            : `${c.province} ${lang === 'vi' ? 'tỉnh' : 'provinces'}, ${c.district} ${lang === 'vi' ? 'huyện' : 'districts'}, ${c.commune} ${lang === 'vi' ? 'xã' : 'communes'}`;
        const changed =
          lang === 'vi'
            ? `thêm ${n(result.inserted)}, cập nhật ${n(result.updated)}`
            : `${n(result.inserted)} added, ${n(result.updated)} updated`;
        const mapping = result.mapping
          ? lang === 'vi'
            ? `; liên kết cũ → mới: ${n(result.mapping.written)} mới ghi, ${n(result.mapping.unlinked)} không khớp mã`
            : `; old → new links: ${n(result.mapping.written)} written, ${n(result.mapping.unlinked)} without a matching code`
          : '';
        return `${lang === 'vi' ? 'Bộ đơn vị' : 'Unit set'} ${options.set} (${result.source}): ${levels} — ${changed}${mapping}.`;
      });
    });

  units
    .command('list')
    .description('Liệt kê đơn vị / list units')
    .addOption(new Option('--level <level>', 'cấp / level').choices(UNIT_LEVELS))
    .option('--parent <code>', 'đơn vị cha / parent unit (e.g. 15, pre2025:10)')
    .option('--set <set>', 'bộ đơn vị / unit set (2025, pre2025, workspace)')
    .option('--search <text>', 'tìm theo tên / find by name')
    .action(async (options: { level?: string; parent?: string; set?: string; search?: string }) => {
      const list = await withWorkspace(runtime.globals(), 'units list', (ctx) =>
        listUnits(ctx, {
          level: options.level as never,
          parent: options.parent,
          set: options.set,
          search: options.search,
        }),
      );
      const json = list.map(({ code, name, level, kind, parentCode }) => ({
        code,
        name,
        level,
        kind,
        parentCode,
      }));
      runtime.print(json, (lang) =>
        [
          ...list.map((u) => `${u.code.padEnd(12)} ${u.name} (${unitLevelName(u.level, lang)})`),
          lang === 'vi'
            ? `${formatNumber(list.length, lang, 0)} đơn vị`
            : `${formatNumber(list.length, lang, 0)} units`,
        ].join('\n'),
      );
    });
};
