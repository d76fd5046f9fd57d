import { Option, type Command } from 'commander';
import type { IndexResults, RankedIndexResults, WhatIfIndexResult } from '../../contract/composite-index.js';
import type { Actor, AppContext } from '../../app/context.js';
import { type UnitLevel, UNIT_LEVELS, unitLevelName } from '../../domain/unit-vocabulary.js';
import { formatNumber, formatPercent } from '../../domain/format-number.js';
import { roundHalfAwayFromZero } from '../../domain/round.js';
import {
  parseWholeNumber,
  parseYear,
  printWarning,
  usageError,
  withWorkspace,
  type Lang,
} from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const computeIndexResults = lazy(
  () => import('../../app/composite-index/compute-index-results.js'),
  'computeIndexResults',
);
const copyMethodology = lazy(
  () => import('../../app/composite-index/copy-methodology.js'),
  'copyMethodology',
);
const validateMethodology = lazy(
  () => import('../../app/composite-index/edit-methodology-nodes.js'),
  'validateMethodology',
);
const getMethodology = lazy(
  () => import('../../app/composite-index/list-methodologies.js'),
  'getMethodology',
);
const listMethodologies = lazy(
  () => import('../../app/composite-index/list-methodologies.js'),
  'listMethodologies',
);
const loadIndexTemplate = lazy(
  () => import('../../app/composite-index/load-index-template.js'),
  'loadIndexTemplate',
);
const publishIndexYear = lazy(
  () => import('../../app/composite-index/publish-index-year.js'),
  'publishIndexYear',
);
const whatIfIndex = lazy(() => import('../../app/composite-index/what-if-index.js'), 'whatIfIndex');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

/** A score to 4 decimals in the reader's locale (vi: 0,6419). */
export function formatScore(lang: Lang, score: number | null): string {
  return score === null ? '—' : formatNumber(score, lang, 4, true);
}

/** A relative change as a signed percentage with 2 decimals (vi: +66,29%), no sign when it rounds to zero. */
export function formatChange(lang: Lang, change: number | null): string {
  if (change === null) return '—';
  const percent = roundHalfAwayFromZero(change * 100, 2);
  return `${percent > 0 ? '+' : ''}${formatNumber(percent, lang, 2, true)}%`;
}

/** A positive decimal such as --step 0.05 (a comma is read as the decimal point). */
function parsePositive(text: string, option: string): number {
  const n = Number(text.replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0) {
    throw usageError({
      vi: `${option} «${text}» phải là một số dương.`,
      en: `${option} «${text}» must be a positive number.`,
    });
  }
  return n;
}

/** Pads to a width in characters as the terminal shows them (composed Vietnamese letters count once). */
function pad(text: string, width: number, right = false): string {
  const t = text.normalize('NFC');
  const fill = ' '.repeat(Math.max(0, width - [...t].length));
  return right ? fill + t : t + fill;
}

/** The ranking as a table, best first, with what was missing. */
export function rankingText(lang: Lang, r: IndexResults): string {
  const vi = lang === 'vi';
  const level = unitLevelName(r.level, lang);
  const state = r.published
    ? vi
      ? `đã công bố (${r.computedAt.slice(0, 10)})`
      : `published (${r.computedAt.slice(0, 10)})`
    : vi
      ? 'chưa công bố'
      : 'not published';
  const head = vi
    ? `${r.name} — ${r.methodology} phiên bản ${r.version}, năm ${r.year}, ${level}${r.within ? ` thuộc ${r.within}` : ''}: ${state}`
    : `${r.name} — ${r.methodology} version ${r.version}, ${r.year}, level ${level}${r.within ? ` within ${r.within}` : ''}: ${state}`;
  const columns = vi
    ? ['Hạng', 'Đơn vị', 'Tên', 'Điểm', 'Năm trước', 'Thay đổi']
    : ['Rank', 'Unit', 'Name', 'Score', 'Last year', 'Change'];
  const leafCount = r.nodes.filter((n) => n.leaf).length;
  // Units without a single value are ranked (scoring 0) but summed up in one line, not a table of zeros.
  const empty = r.results.filter((x) => leafCount > 0 && x.missing.length === leafCount);
  const shown = r.results.filter((x) => !empty.includes(x));
  const rows = shown.map((x) => [
    String(x.rank),
    x.unit,
    x.name,
    formatScore(lang, x.score),
    formatScore(lang, x.previousScore),
    formatChange(lang, x.change),
  ]);
  const widths = columns.map((c, i) =>
    Math.max([...c].length, ...rows.map((row) => [...(row[i] ?? '')].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0, i === 0 || i >= 3))
      .join('  ')
      .trimEnd();
  const scoredLeaves = new Set(r.nodes.filter((n) => n.leaf && n.rootShare > 0).map((n) => n.code));
  const missing = shown
    .map((x) => ({ unit: x.unit, codes: x.missing.filter((c) => scoredLeaves.has(c)) }))
    .filter((x) => x.codes.length > 0);
  // Nothing to rank: no unit of the level has a value; say why rather than rank every unit first.
  const reason = 'reason' in r ? (r as RankedIndexResults).reason : null;
  if (reason) return [head, '', vi ? reason.message_vi : reason.message_en].join('\n');
  const out = [head, '', line(columns), ...rows.map(line)];
  if (r.results.length === 0) out.push(vi ? '(không có đơn vị nào)' : '(no unit)');
  if (missing.length > 0) {
    out.push('', vi ? 'Thiếu số liệu (tính 0 điểm):' : 'Missing values (scored 0):');
    for (const m of missing) out.push(`  ${m.unit}: ${m.codes.join(', ')}`);
  }
  if (empty.length > 0) {
    const first = empty[0];
    const listed = empty.slice(0, 8).map((x) => x.unit);
    const units = `${listed.join(', ')}${empty.length > listed.length ? `, … (+${empty.length - listed.length})` : ''}`;
    out.push(
      '',
      vi
        ? `${empty.length} đơn vị chưa có số liệu nào của năm ${r.year} (0 điểm, hạng ${first?.rank ?? ''}): ${units}`
        : `${empty.length} units without any value for ${r.year} (score 0, rank ${first?.rank ?? ''}): ${units}`,
    );
  }
  return out.join('\n');
}

const SCENARIOS: Record<string, { vi: string; en: string }> = {
  nextBetter: { vi: 'bằng đơn vị xếp ngay trên', en: 'matching the next better unit' },
  best: { vi: 'bằng đơn vị tốt nhất', en: 'matching the best unit' },
  step: { vi: 'tăng một bước', en: 'one step up' },
};

function whatIfText(lang: Lang, r: WhatIfIndexResult): string {
  const vi = lang === 'vi';
  const value = (v: number | boolean | null) =>
    v === null
      ? '—'
      : typeof v === 'boolean'
        ? v
          ? vi
            ? 'có'
            : 'yes'
          : vi
            ? 'không'
            : 'no'
        : formatScore(lang, v);
  const out = [
    vi
      ? `${r.name} (${r.unit}): ${formatScore(lang, r.score)}, hạng ${r.rank}/${r.compared} — ${r.methodology} phiên bản ${r.version}, năm ${r.year}`
      : `${r.name} (${r.unit}): ${formatScore(lang, r.score)}, rank ${r.rank}/${r.compared} — ${r.methodology} version ${r.version}, ${r.year}`,
  ];
  if (r.suggestions.length === 0) {
    out.push(vi ? 'Không có thay đổi đơn lẻ nào nâng điểm.' : 'No single change raises the score.');
    return out.join('\n');
  }
  out.push(vi ? 'Thay đổi đơn lẻ nâng hạng nhiều nhất:' : 'Single changes that lift the rank most:');
  r.suggestions.forEach((s, i) => {
    const how = s.scenarios.map((c) => SCENARIOS[c]?.[lang] ?? c).join(', ');
    const source = s.sourceUnit ? ` ${s.sourceUnit} ${s.sourceName ?? ''}`.trimEnd() : '';
    const gain = s.rankGain > 0 ? ` (+${s.rankGain})` : '';
    out.push(
      vi
        ? `${i + 1}. ${s.nodeName} (${s.node}): ${value(s.fromValue)} → ${value(s.toValue)} (${how}${source ? `:${source}` : ''}): +${formatScore(lang, s.scoreGain)} → ${formatScore(lang, s.score)}, hạng ${s.rank}${gain}`
        : `${i + 1}. ${s.nodeName} (${s.node}): ${value(s.fromValue)} → ${value(s.toValue)} (${how}${source ? `:${source}` : ''}): +${formatScore(lang, s.scoreGain)} → ${formatScore(lang, s.score)}, rank ${s.rank}${gain}`,
    );
  });
  return out.join('\n');
}

interface ScopeOptions {
  methodology: string;
  year: string;
  level?: string;
  within?: string;
  previousMethodology?: string;
}

function scopeOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--methodology <code>', 'mã phương pháp / methodology code')
    .requiredOption('--year <year>', 'năm / year (e.g. 2022)')
    .addOption(new Option('--level <level>', 'cấp được xếp hạng / level ranked').choices(UNIT_LEVELS))
    .option(
      '--within <unit>',
      'chỉ xếp hạng các đơn vị thuộc đơn vị này / rank only the units below this one',
    );
}

function scopeInput(o: ScopeOptions) {
  return {
    methodology: o.methodology,
    year: parseYear(o.year, '--year'),
    ...(o.level ? { level: o.level as UnitLevel } : {}),
    ...(o.within ? { within: o.within } : {}),
    ...(o.previousMethodology ? { previousMethodology: o.previousMethodology } : {}),
  };
}

export const registerCompositeIndex: RegisterCommand = (program, runtime) => {
  const actor = (ctx: AppContext): Promise<Actor> => cliActor(ctx, runtime.globals());
  const index = program
    .command('index')
    .description('Chỉ số tổng hợp và xếp hạng (DTI) / composite indices and rankings');

  scopeOptions(index.command('compute').description('Tính và xếp hạng một năm / compute a year’s ranking'))
    .option('--previous-methodology <code>', 'phương pháp của năm trước / last year’s methodology')
    .action(async (o: ScopeOptions) => {
      const r = await withWorkspace(runtime.globals(), 'index compute', async (ctx) =>
        computeIndexResults(ctx, await actor(ctx), scopeInput(o)),
      );
      printWarning(runtime.output, runtime.globals().lang, r.reason);
      const json = r.results.map((x) => ({
        unit: x.unit,
        name: x.name,
        score: x.score,
        rank: x.rank,
        previousScore: x.previousScore,
        change: x.change,
        nodes: x.nodes,
      }));
      runtime.print(json, (lang) => rankingText(lang, r));
    });

  scopeOptions(
    index.command('publish').description('Công bố kết quả một năm (đóng băng) / publish a year (freezes it)'),
  )
    .option('--previous-methodology <code>', 'phương pháp của năm trước / last year’s methodology')
    .action(async (o: ScopeOptions) => {
      const r = await withWorkspace(runtime.globals(), 'index publish', async (ctx) =>
        publishIndexYear(ctx, await actor(ctx), scopeInput(o)),
      );
      runtime.print(r, (lang) => rankingText(lang, r));
    });

  scopeOptions(
    index.command('what-if').description('Thay đổi nào nâng hạng nhiều nhất / what would lift a unit most'),
  )
    .requiredOption('--unit <code>', 'đơn vị / unit (e.g. 15, pre2025:22)')
    .option('--top <n>', 'số gợi ý / number of suggestions', '5')
    .option('--step <x>', 'bước tăng cố định / the fixed raise', '0.05')
    .action(async (o: ScopeOptions & { unit: string; top: string; step: string }) => {
      const r = await withWorkspace(runtime.globals(), 'index what-if', async (ctx) =>
        whatIfIndex(ctx, await actor(ctx), {
          ...scopeInput(o),
          unit: o.unit,
          top: parseWholeNumber(o.top, '--top', { min: 1 }),
          step: parsePositive(o.step, '--step'),
        }),
      );
      runtime.print(r, (lang) => whatIfText(lang, r));
    });

  index
    .command('load-template')
    .description(
      'Nạp mẫu phương pháp có sẵn (dti-…) hoặc tệp CSV index_nodes / load a shipped template (dti-…) or an index_nodes CSV file',
    )
    .argument('<template...>', 'tên mẫu hoặc tệp / template name or file ("all": every shipped template)')
    .action(async (names: string[]) => {
      const { indexTemplateNames } = await import('../../app/composite-index/load-index-template.js');
      const list = names.flatMap((n) => (n === 'all' ? indexTemplateNames() : [n]));
      const results = await withWorkspace(runtime.globals(), 'index load-template', async (ctx) => {
        const out = [];
        for (const name of list) out.push(await loadIndexTemplate(ctx, await actor(ctx), name));
        return out;
      });
      runtime.print(results, (lang) =>
        results
          .flatMap((r) => [
            ...r.methodologies.map((m) => {
              const status =
                lang === 'vi'
                  ? { created: 'tạo mới', updated: 'cập nhật', unchanged: 'không đổi' }[m.status]
                  : m.status;
              return lang === 'vi'
                ? `${m.code}: ${status}, phiên bản ${m.version}, ${m.nodes} nút`
                : `${m.code}: ${status}, version ${m.version}, ${m.nodes} nodes`;
            }),
            ...(r.indicatorsCreated.length > 0
              ? [
                  lang === 'vi'
                    ? `  chỉ tiêu mới: ${r.indicatorsCreated.join(', ')}`
                    : `  new indicators: ${r.indicatorsCreated.join(', ')}`,
                ]
              : []),
          ])
          .join('\n'),
      );
    });

  index
    .command('list')
    .description('Liệt kê các phương pháp / list methodologies')
    .action(async () => {
      const list = await withWorkspace(runtime.globals(), 'index list', async (ctx) =>
        listMethodologies(ctx),
      );
      runtime.print(list, (lang) =>
        [
          ...list.map((m) => {
            const published = m.published.map((p) => `${p.year} (v${p.version})`).join(', ');
            const level = unitLevelName(m.level, lang);
            return `${m.code}  v${m.version}  ${level}  ${m.name}${m.basedOn ? ` ← ${m.basedOn}` : ''}${
              published
                ? lang === 'vi'
                  ? `  — đã công bố: ${published}`
                  : `  — published: ${published}`
                : ''
            }`;
          }),
          lang === 'vi' ? `${list.length} phương pháp` : `${list.length} methodologies`,
        ].join('\n'),
      );
    });

  index
    .command('show')
    .description('Cây chỉ số của một phương pháp / a methodology’s tree')
    .requiredOption('--methodology <code>', 'mã phương pháp / methodology code')
    .option('--version <n>', 'phiên bản / version (newest by default)')
    .action(async (o: { methodology: string; version?: string }) => {
      const version =
        o.version === undefined ? undefined : parseWholeNumber(o.version, '--version', { min: 1 });
      const m = await withWorkspace(runtime.globals(), 'index show', async (ctx) =>
        getMethodology(ctx, o.methodology, version),
      );
      runtime.print(m, (lang) => {
        return [
          `${m.name} — ${m.code} ${lang === 'vi' ? 'phiên bản' : 'version'} ${m.version}`,
          ...m.nodes.map(
            (n) =>
              `${'  '.repeat(n.depth)}${n.code}  ${n.name}  [${formatNumber(n.weight, lang, 3)}${
                n.scored
                  ? `, ${formatPercent(n.rootShare * 100, lang, 2)}`
                  : lang === 'vi'
                    ? ', không tính điểm'
                    : ', not scored'
              }]${n.leaf ? `  ← ${n.indicatorCode ?? ''} (${n.normalization ?? ''}${n.reference !== null ? ` ${n.reference}` : ''})` : ''}`,
          ),
        ].join('\n');
      });
    });

  index
    .command('copy')
    .description('Sao chép phương pháp để chỉnh sửa / copy a methodology to edit it')
    .requiredOption('--from <code>', 'phương pháp gốc / methodology copied')
    .requiredOption('--to <code>', 'mã mới / new code')
    .option('--name <name>', 'tên mới / new name')
    .action(async (o: { from: string; to: string; name?: string }) => {
      const r = await withWorkspace(runtime.globals(), 'index copy', async (ctx) =>
        copyMethodology(ctx, await actor(ctx), {
          from: o.from,
          to: o.to,
          ...(o.name ? { name: o.name } : {}),
        }),
      );
      runtime.print(r, (lang) =>
        lang === 'vi'
          ? `Đã sao chép ${r.basedOn} thành ${r.code} (${r.nodes} nút). Sửa bằng: dxmon index load-template <tệp.csv> với methodology = ${r.code}.`
          : `Copied ${r.basedOn} to ${r.code} (${r.nodes} nodes). Edit it with: dxmon index load-template <file.csv> with methodology = ${r.code}.`,
      );
    });

  index
    .command('validate')
    .description('Kiểm tra một phương pháp / validate a methodology')
    .requiredOption('--methodology <code>', 'mã phương pháp / methodology code')
    .action(async (o: { methodology: string }) => {
      const r = await withWorkspace(runtime.globals(), 'index validate', async (ctx) =>
        validateMethodology(ctx, o.methodology),
      );
      runtime.print(r, (lang) =>
        [
          r.valid
            ? lang === 'vi'
              ? `${r.code} phiên bản ${r.version}: hợp lệ.`
              : `${r.code} version ${r.version}: valid.`
            : lang === 'vi'
              ? `${r.code} phiên bản ${r.version}: ${r.problems.length} lỗi.`
              : `${r.code} version ${r.version}: ${r.problems.length} problem(s).`,
          ...r.problems.map((p) => `  - ${lang === 'vi' ? p.message_vi : p.message_en}`),
          ...(r.unknownIndicators.length > 0
            ? [
                lang === 'vi'
                  ? `Chỉ tiêu chưa được định nghĩa (sẽ thiếu số liệu): ${r.unknownIndicators.join(', ')}`
                  : `Indicators not defined (their values will be missing): ${r.unknownIndicators.join(', ')}`,
              ]
            : []),
        ].join('\n'),
      );
    });
};
