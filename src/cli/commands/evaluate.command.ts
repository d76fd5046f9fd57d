import type { PlanEvaluation, TargetEvaluation } from '../../app/evaluation/evaluate-plan.js';
import { BANDS, bandPhrase } from '../../domain/band.js';
import type { ForecastStatus } from '../../domain/forecast.js';
import { formatNumber } from '../../domain/format-number.js';
import { parsePeriod, periodLabel } from '../../domain/period.js';
import { printWarning, withWorkspace, type Lang } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const evaluatePlan = lazy(() => import('../../app/evaluation/evaluate-plan.js'), 'evaluatePlan');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

const STATUS: Record<ForecastStatus, { vi: string; en: string }> = {
  onTrack: { vi: 'đúng tiến độ', en: 'on track' },
  atRisk: { vi: 'có nguy cơ không đạt', en: 'at risk' },
  offTrack: { vi: 'không đạt', en: 'off track' },
};

/** An actual or target as the committee writes it: 97% for percentages, 236 for counts, done/not done for milestones. */
function figure(t: TargetEvaluation, v: number | boolean | null, lang: Lang): string {
  if (v === null) return lang === 'vi' ? 'chưa có' : 'none';
  if (typeof v === 'boolean' || (t.direction === 'reach' && t.valueType === 'boolean')) {
    const done = v === true || v === 1;
    return lang === 'vi' ? (done ? 'đã đạt' : 'chưa đạt') : done ? 'done' : 'not done';
  }
  const percent = t.valueType === 'percent' || t.valueType === 'ratio';
  return `${formatNumber(v, lang)}${percent ? '%' : ''}`;
}

function targetLine(t: TargetEvaluation, e: PlanEvaluation, lang: Lang): string {
  const ratio = t.ratio === null ? '' : ` — ${formatNumber(t.ratio * 100, lang)}%`;
  const band = bandPhrase(t.band, lang, e.boundaries);
  const where = t.unit === e.unit ? '' : ` [${t.unit}]`;
  const forecast = t.forecast
    ? lang === 'vi'
      ? `; dự báo ${figure(t, t.forecast.value, lang)}${t.forecast.status ? ` (${STATUS[t.forecast.status].vi})` : ''}`
      : `; forecast ${figure(t, t.forecast.value, lang)}${t.forecast.status ? ` (${STATUS[t.forecast.status].en})` : ''}`
    : '';
  const name = lang === 'vi' ? t.indicatorName : (t.indicatorNameEn ?? t.indicatorName);
  return `  ${t.indicator}${where} ${name}: ${figure(t, t.actual, lang)}/${figure(t, t.target, lang)}${ratio}, ${band}${forecast}`;
}

/** The evaluation as the committee reads it: counts per band in its own phrases, "a/b", then each target's "97%/95%". */
export function evaluationText(e: PlanEvaluation, lang: Lang): string {
  const parsed = parsePeriod(e.period);
  const label = parsed.ok ? periodLabel(parsed.value, lang) : e.period;
  const noun = (n: number): string => (lang === 'vi' ? 'mục tiêu' : n === 1 ? 'target' : 'targets');
  const head =
    lang === 'vi'
      ? `${e.planName} (${e.plan})\nĐánh giá ${label} tại ${e.unitName} (${e.unit}): ${e.total} mục tiêu.`
      : `${e.planName} (${e.plan})\nEvaluation for ${label} at ${e.unitName} (${e.unit}): ${e.total} targets.`;
  const bands = BANDS.map(
    (b) =>
      `- ${e.bands[b]} ${noun(e.bands[b])}${lang === 'vi' ? '' : ':'} ${bandPhrase(b, lang, e.boundaries)}`,
  );
  const percent = e.share.percent === null ? '' : formatNumber(e.share.percent, lang, 1);
  const share =
    lang === 'vi'
      ? `Đạt và vượt kế hoạch: ${e.share.a}/${e.share.b}${percent ? `, đạt ${percent}%` : ''}.`
      : `Met or exceeded: ${e.share.a}/${e.share.b}${percent ? `, ${percent}%` : ''}.`;
  const lines = e.targets.map((t) => targetLine(t, e, lang));
  return [head, ...bands, share, '', ...lines].join('\n');
}

export const registerEvaluate: RegisterCommand = (program, runtime) => {
  program
    .command('evaluate')
    .description('Đánh giá mức độ hoàn thành kế hoạch / evaluate a plan at a period')
    .requiredOption('--plan <code>', 'mã kế hoạch / plan code')
    .requiredOption('--period <period>', 'kỳ đánh giá / period (2024S1, 2024Q2, 2024)')
    .option('--unit <code>', 'đánh giá tại đơn vị / evaluate at this unit (e.g. a commune)')
    .action(async (options: { plan: string; period: string; unit?: string }) => {
      const result = await withWorkspace(runtime.globals(), 'evaluate', async (ctx) =>
        evaluatePlan(ctx, await cliActor(ctx, runtime.globals()), {
          plan: options.plan,
          period: options.period,
          unit: options.unit,
        }),
      );
      // While the rollup rows are being rebuilt the actuals come from the values: said on stderr, in the JSON too.
      if (result.notice) {
        const { lang } = runtime.globals();
        runtime.output.stderr(lang === 'vi' ? result.notice.message_vi : result.notice.message_en);
      }
      printWarning(runtime.output, runtime.globals().lang, result.reason);
      runtime.print(result, (lang) => evaluationText(result, lang));
    });
};
