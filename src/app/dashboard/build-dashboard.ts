import { bandPhrase, BANDS } from '../../domain/band.js';
import { formatPercent, type Lang } from '../../domain/format-number.js';
import { AppError } from '../../domain/app-error.js';
import {
  comparePeriods,
  contains,
  parsePeriod,
  periodEnd,
  periodLabel,
  periodStart,
  periodsOfYear,
  type Period,
} from '../../domain/period.js';
import { chooseLagging } from '../../domain/report-narrative/build-report-document.js';
import { apiPath } from '../../domain/report-narrative/phrases.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { PlanRow } from '../../store/catalogue.queries.js';
import { listDashboardIndicators, type ValuePeriodRow } from '../../store/dashboard.queries.js';
import { listPlanTargets } from '../../store/evaluation.queries.js';
import type { UnitRow } from '../../store/units.queries.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { currentDataVersion } from '../data-version/read-data-version.js';
import { chooseTargets, evaluatePlan, type PlanEvaluation } from '../evaluation/evaluate-plan.js';
import { readPeriod } from '../evaluation/evaluation-inputs.js';
import { actualOf } from '../evaluation/judge-target.js';
import { RequestBatch } from '../evaluation/request-batch.js';
import { mayRead } from '../read-scope.js';
import { compareRegisters, gatherIndex, narrativeTargets } from '../report/build-report.js';
import { buildTaskReport } from '../tasks/summarize-tasks.js';
import { todayInVietnam } from '../tasks/task-view.js';
import type {
  Dashboard,
  DashboardBand,
  DashboardIndex,
  DashboardPeriod,
  DashboardRegister,
  DashboardTarget,
  DashboardTask,
  TrendPoint,
} from '../../contract/dashboard.js';

/** How a dashboard is gathered: for a signed-in reader, or for everyone from approved data only. */
export interface DashboardSources {
  /** The periods offered in the picker (the plan's values the reader may read, or the approved periods). */
  periods: readonly ValuePeriodRow[];
  /**
   * For everyone, from approved data only: the period shown must be one of `periods`, a trend point or forecast
   * is kept only when every period it reads lies inside one of them, and tasks and registers (never reviewed, so
   * never published) are left out (null); each figure links to the open-data download instead of its trace.
   */
  approvedOnly: { csv: string; json: string } | null;
}

/** The period as a picker shows it. */
export function dashboardPeriod(p: Period, lang: Lang): DashboardPeriod {
  return { id: p.id, type: p.type, label: periodLabel(p, lang), start: periodStart(p), end: periodEnd(p) };
}

/** The parsed periods of the rows, earliest first (by end, the longer first when two end together). */
export function pickerPeriods(rows: readonly ValuePeriodRow[]): Period[] {
  return rows
    .map((r) => parsePeriod(r.period))
    .flatMap((p) => (p.ok ? [p.value] : []))
    .sort((a, b) => periodEnd(a).localeCompare(periodEnd(b)) || periodStart(a).localeCompare(periodStart(b)));
}

/**
 * The period a reader lands on: the one with values that ends last, the longest of those that end together (the
 * half-year rather than its last quarter: the committee reviews 6 tháng đầu năm as a whole).
 */
export function latestPeriod(periods: readonly Period[]): Period | null {
  let best: Period | null = null;
  for (const p of periods) {
    if (
      !best ||
      periodEnd(p) > periodEnd(best) ||
      (periodEnd(p) === periodEnd(best) && periodStart(p) < periodStart(best))
    ) {
      best = p;
    }
  }
  return best;
}

/** Each target's trend: its actual at the periods of the evaluated period's type from the plan's first year. */
async function trends(
  ctx: AppContext,
  actor: Actor,
  plan: PlanRow,
  period: Period,
  evaluation: PlanEvaluation,
  namedUnit: UnitRow | null,
): Promise<Map<string, TrendPoint[]>> {
  const targets = await listPlanTargets(ctx.db, plan.id, period.year);
  const chosen = chooseTargets(targets, plan.unitId, namedUnit).filter(({ unit }) =>
    mayRead(actor, unit.path),
  );
  const periods: Period[] = [];
  for (let year = Math.min(plan.startYear, period.year); year <= period.year; year++) {
    for (const p of periodsOfYear(year, period.type)) if (comparePeriods(p, period) <= 0) periods.push(p);
  }
  const batch = new RequestBatch();
  const planned = chosen.map(({ target, unit }) => ({
    key: `${target.indicator.code}|${formatUnitRef(unit)}|${target.period}`,
    indicator: target.indicator,
    points: periods.map((p) => ({ period: p, request: batch.add(target.indicator.id, unit.id, p) })),
  }));
  await batch.run(ctx.db);
  const out = new Map<string, TrendPoint[]>();
  for (const { key, indicator, points } of planned) {
    out.set(
      key,
      points
        .map(({ period: p, request }) => ({ p, result: batch.get(request) }))
        .filter(({ result }) => result.valueCount > 0)
        .map(({ p, result }) => ({ period: p.id, actual: actualOf(indicator, result) })),
    );
  }
  // Only rows the evaluation has (the same choice); a key it lacks simply has no trend.
  return new Map(evaluation.targets.map((t) => [rowKey(t), out.get(rowKey(t)) ?? []]));
}

const rowKey = (t: { indicator: string; unit: string; period: string }) =>
  `${t.indicator}|${t.unit}|${t.period}`;

/**
 * Gathers a dashboard (docs/dashboard.md): the evaluation of the plan at the unit and period (only the targets the
 * reader may read, as /evaluation), each target's trend, the lagging targets, the overdue tasks and registers under
 * the unit, the unit's composite index ranks, and the data version read before anything else (so the page never
 * believes it holds a change it has not read). `namedUnit` is the unit the reader chose, null for the plan's own.
 */
export async function assembleDashboard(
  ctx: AppContext,
  actor: Actor,
  input: { plan: PlanRow; unit: UnitRow; namedUnit: UnitRow | null; period: string | undefined; lang: Lang },
  sources: DashboardSources,
): Promise<Dashboard> {
  const { plan, unit, lang } = input;
  const unitRef = formatUnitRef(unit);
  authorize(actor, 'read', unit.path, unitRef);
  const freshness = await currentDataVersion(ctx.db);
  const periods = pickerPeriods(sources.periods);
  const latest = latestPeriod(periods);
  const period = input.period ? readPeriod(input.period) : (latest ?? firstYear(plan));
  const approved = sources.approvedOnly ? periods : null;
  const isApproved = (id: string): boolean => {
    if (!approved) return true;
    const p = parsePeriod(id);
    return p.ok && approved.some((a) => contains(a, p.value));
  };
  if (!isApproved(period.id)) {
    throw new AppError('notFound', {
      vi: `Kế hoạch «${plan.code}» chưa có số liệu được phê duyệt công bố cho kỳ ${period.id}; các kỳ đã phê duyệt: ${periods.map((p) => p.id).join(', ') || 'chưa có'}.`,
      en: `Plan «${plan.code}» has no approved open data for period ${period.id}; approved periods: ${periods.map((p) => p.id).join(', ') || 'none yet'}.`,
    });
  }

  const evaluation = await evaluatePlan(ctx, actor, {
    plan: plan.code,
    period: period.id,
    unit: input.namedUnit ? unitRef : undefined,
  });
  const indicators = new Map(
    (await listDashboardIndicators(ctx.db, [...new Set(evaluation.targets.map((t) => t.indicator))])).map(
      (i) => [i.code, i],
    ),
  );
  const trendOf = await trends(ctx, actor, plan, period, evaluation, input.namedUnit);
  const traceOf = (t: { indicator: string; unit: string }) =>
    apiPath(`/plans/${encodeURIComponent(plan.code)}/targets/${encodeURIComponent(t.indicator)}/trace`, {
      period: period.id,
      unit: t.unit,
    });
  const evaluationLink = apiPath(`/plans/${encodeURIComponent(plan.code)}/evaluation`, {
    period: period.id,
    unit: input.namedUnit ? unitRef : null,
  });
  const targetTrace = (t: { indicator: string; unit: string }) =>
    sources.approvedOnly ? apiPath('/public/values', { indicator: t.indicator }) : traceOf(t);

  const targets = evaluation.targets.map((t): DashboardTarget => {
    const indicator = indicators.get(t.indicator);
    const group =
      indicator?.groupCode && indicator.groupNameVi
        ? {
            code: indicator.groupCode,
            name: lang === 'vi' ? indicator.groupNameVi : (indicator.groupNameEn ?? indicator.groupNameVi),
            nameVi: indicator.groupNameVi,
            nameEn: indicator.groupNameEn ?? indicator.groupNameVi,
            kind: indicator.groupKind ?? 'custom',
          }
        : null;
    const forecast =
      t.forecast && t.forecast.points.every((point) => isApproved(point.period)) ? t.forecast : null;
    return {
      indicator: t.indicator,
      indicatorName: lang === 'en' && t.indicatorNameEn ? t.indicatorNameEn : t.indicatorName,
      indicatorNameEn: t.indicatorNameEn,
      group,
      unit: t.unit,
      unitName: t.unitName,
      period: t.period,
      leadUnit: t.leadUnit ? { code: t.leadUnit, name: t.leadUnitName ?? t.leadUnit } : null,
      valueType: t.valueType,
      direction: t.direction,
      measureUnit: t.measureUnit,
      band: t.band,
      actual: t.actual,
      target: t.target,
      ratio: t.ratio,
      forecastStatus: forecast?.status ?? null,
      forecastValue: forecast?.value ?? null,
      actualSource: t.actualSource,
      trend: (trendOf.get(rowKey(t)) ?? []).filter((point) => isApproved(point.period)),
      trace: targetTrace(t),
    };
  });

  const bands = BANDS.map((band): DashboardBand => ({
    band,
    count: evaluation.bands[band],
    phrase: bandPhrase(band, lang, evaluation.boundaries),
    phraseVi: bandPhrase(band, 'vi', evaluation.boundaries),
    phraseEn: bandPhrase(band, 'en', evaluation.boundaries),
    trace: evaluationLink,
  }));
  const { share } = evaluation;
  const shareText =
    share.percent === null
      ? `${share.a}/${share.b}`
      : lang === 'vi'
        ? `${share.a}/${share.b}, đạt ${formatPercent(share.percent, 'vi')}`
        : `${share.a}/${share.b}, ${formatPercent(share.percent, 'en')}`;

  const lagging = chooseLagging(narrativeTargets(evaluation)).map((t) => ({
    indicator: t.indicator,
    indicatorName: lang === 'en' && t.indicatorNameEn ? t.indicatorNameEn : t.indicatorName,
    unit: t.unit.code,
    ratio: t.ratio,
    leadUnit: t.leadUnit,
    trace: targetTrace({ indicator: t.indicator, unit: t.unit.code }),
  }));

  const today = todayInVietnam(ctx);
  const scope = { plan, period, unit };
  const overdueTasks = sources.approvedOnly ? null : await overdue(ctx, actor, unitRef, today);
  const registers = sources.approvedOnly ? null : await registersOf(ctx, scope);
  const index = (await gatherIndex(ctx, actor, scope, lang, false)).map((x): DashboardIndex => ({
    methodology: x.methodology.code,
    name: x.methodology.name,
    year: x.year,
    score: x.score,
    rank: x.rank,
    of: x.of,
    previousRank: x.previousRank,
    rankChange: x.previousRank === null ? null : x.previousRank - x.rank,
    trace: apiPath(`/index/${encodeURIComponent(x.methodology.code)}/results`, { year: String(x.year) }),
  }));

  return {
    lang,
    plan: {
      code: plan.code,
      name: plan.name,
      startYear: plan.startYear,
      endYear: plan.endYear,
      unit: formatUnitRef({ set: plan.unitSet, code: plan.unitCode }),
      unitName: plan.unitName,
    },
    unit: { code: unitRef, name: unit.name, level: unit.level },
    period: dashboardPeriod(period, lang),
    periods: periods.map((p) => dashboardPeriod(p, lang)),
    latestPeriod: latest?.id ?? null,
    total: evaluation.total,
    bands,
    boundaries: evaluation.boundaries,
    share: { ...share, text: shareText, trace: evaluationLink },
    targets,
    lagging,
    overdueTasks,
    tasksAt: today,
    registers,
    index,
    freshness,
    actualsFrom: evaluation.actualsFrom,
    notice: evaluation.notice,
    reason: evaluation.reason,
    links: {
      evaluation: evaluationLink,
      report: sources.approvedOnly
        ? null
        : apiPath(`/plans/${encodeURIComponent(plan.code)}/report`, {
            period: period.id,
            unit: input.namedUnit ? unitRef : null,
            format: 'html',
          }),
      csv: sources.approvedOnly?.csv ?? null,
      json: sources.approvedOnly?.json ?? null,
    },
  };
}

/** A plan without values yet is shown at its first year (every target "no data"). */
function firstYear(plan: PlanRow): Period {
  return readPeriod(String(plan.startYear));
}

async function overdue(ctx: AppContext, actor: Actor, unit: string, at: string): Promise<DashboardTask[]> {
  const report = await buildTaskReport(ctx, actor, { unit, at });
  return report.overdue.map((t) => ({
    code: t.code,
    title: t.title,
    programme: t.programme,
    due: t.due,
    leadUnit: { code: t.leadUnit.code, name: t.leadUnit.name },
    trace: apiPath(`/tasks/${encodeURIComponent(t.code)}`, {}),
  }));
}

async function registersOf(
  ctx: AppContext,
  scope: { plan: PlanRow; period: Period; unit: UnitRow },
): Promise<DashboardRegister[]> {
  const unit = formatUnitRef(scope.unit);
  return (await compareRegisters(ctx, scope)).map((r) => ({
    indicator: r.indicator,
    name: r.name,
    from: r.from,
    to: r.to,
    lacking: r.lacking,
    lackingBefore: r.lackingBefore,
    closed: r.closed,
    change: r.lackingBefore === null ? null : r.lacking - r.lackingBefore,
    trace:
      r.from === null
        ? apiPath(`/registers/${encodeURIComponent(r.indicator)}/lacking`, { period: r.to, unit })
        : apiPath(`/registers/${encodeURIComponent(r.indicator)}/change`, { from: r.from, to: r.to, unit }),
  }));
}
