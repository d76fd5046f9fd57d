import { Option } from 'commander';
import type { BoundaryLoadReport } from '../../contract/maps.js';
import { formatNumber } from '../../domain/format-number.js';
import { say, withWorkspace, type Lang } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const loadBoundaryFile = lazy(() => import('../../app/maps/load-boundaries.js'), 'loadBoundaryFile');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

/** What a load did, in a few lines: matched units per level, unmatched codes, the source credited. */
export function loadReportText(r: BoundaryLoadReport, lang: Lang): string {
  const n = (x: number) => formatNumber(x, lang, 0);
  const levels = Object.entries(r.levels)
    .map(([level, count]) => `${level} ${n(count)}`)
    .join(', ');
  const lines = [
    say(lang, {
      vi: `Đã nạp ranh giới (bộ ${r.set}): ${n(r.matched)}/${n(r.features)} đối tượng khớp đơn vị (${levels}); ghi mới hoặc thay đổi ${n(r.written)}. Nguồn: ${r.source}.`,
      en: `Boundaries loaded (set ${r.set}): ${n(r.matched)}/${n(r.features)} features matched units (${levels}); ${n(r.written)} new or changed. Source: ${r.source}.`,
    }),
  ];
  if (r.unmatched.length > 0) {
    const shown = r.unmatched.slice(0, 20).join(', ');
    const more = r.unmatched.length > 20 ? ` … (+${r.unmatched.length - 20})` : '';
    lines.push(
      say(lang, {
        vi: `Mã không khớp đơn vị nào (${n(r.unmatched.length)}): ${shown}${more}`,
        en: `Codes matching no unit (${n(r.unmatched.length)}): ${shown}${more}`,
      }),
    );
  }
  return lines.join('\n');
}

export const registerMaps: RegisterCommand = (program, runtime) => {
  const maps = program
    .command('maps')
    .description('Bản đồ: ranh giới đơn vị / maps: unit boundaries (docs/maps.md)');

  maps
    .command('load')
    .description(
      'Nạp ranh giới đơn vị từ tệp TopoJSON hoặc GeoJSON / load unit boundaries from a TopoJSON or GeoJSON file',
    )
    .argument('<file>', 'tệp .json, .topojson hoặc .geojson / the file')
    .addOption(
      new Option('--set <set>', 'bộ đơn vị của các mã / the unit set of the codes')
        .choices(['2025', 'pre2025'])
        .default('2025'),
    )
    .action(async (file: string, options: { set: '2025' | 'pre2025' }) => {
      const globals = runtime.globals();
      const report = await withWorkspace(globals, 'maps load', async (ctx) =>
        loadBoundaryFile(ctx, await cliActor(ctx, globals), { file, set: options.set }),
      );
      runtime.print(report, (lang) => loadReportText(report, lang));
    });
};
