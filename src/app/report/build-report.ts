import { isAppError } from '../../domain/app-error.js';
import { formatNumber, type Lang } from '../../domain/format-number.js';
import type { IndexValue } from '../../domain/compute-index.js';
import {
  monthsOf,
  parsePeriod,
  periodEnd,
  periodStart,
  previousPeriod,
  type Period,
} from '../../domain/period.js';
import { buildReportDocument } from '../../domain/report-narrative/build-report-document.js';
import type {
  NarrativeIndex,
  NarrativeInput,
  NarrativeProgramme,
  NarrativeRegister,
  NarrativeTarget,
  NoteSection,
} from '../../domain/report-narrative/narrative-input.js';
import type { ReportDocument } from '../../domain/report-document.js';
import { registerChange, type RegisterValues } from '../../domain/register-change.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { findReportSettings, listReportNotes, listReportRegisters } from '../../store/report.queries.js';
import { registerValuesAtPeriods } from '../../store/registers.queries.js';
import type { Actor, AppContext } from '../context.js';
import { evaluatePlan, type PlanEvaluation } from '../evaluation/evaluate-plan.js';
import { asBoolean, nounFor } from '../registers/register-units.js';
import { buildTaskReport } from '../tasks/summarize-tasks.js';
import { computeIndexResults } from '../composite-index/compute-index-results.js';
import { listMethodologies } from '../composite-index/list-methodologies.js';
import { whatIfIndex } from '../composite-index/what-if-index.js';
import { todayInVietnam } from '../tasks/task-view.js';
import { resolveReportScope, type ReportScope } from './report-scope.js';

export interface BuildReportInput {
  plan: string;
  period: string;
  /** A commune's or department's report; the plan's unit when absent. */
  unit?: string | undefined;
  lang?: Lang | undefined;
}

/** The evaluated targets as the narrative (and the dashboard's choice of lagging targets) reads them. */
export function narrativeTargets(e: PlanEvaluation): NarrativeTarget[] {
  return e.targets.map((t) => ({
    indicator: t.indicator,
    indicatorName: t.indicatorName,
    indicatorNameEn: t.indicatorNameEn,
    valueType: t.valueType,
    direction: t.direction,
    measureUnit: t.measureUnit,
    unit: { code: t.unit, name: t.unitName },
    period: t.period,
    actual: t.actual,
    target: t.target,
    ratio: t.ratio,
    band: t.band,
    forecast: t.forecast ? { value: t.forecast.value, status: t.forecast.status } : null,
    leadUnit: t.leadUnit ? { code: t.leadUnit, name: t.leadUnitName ?? t.leadUnit } : null,
  }));
}

/** The last quarter of a period (itself for a quarter or a month). */
function lastQuarter(p: Period): Period {
  if (p.type === 'quarter' || p.type === 'month') return p;
  const [, last] = monthsOf(p);
  const parsed = parsePeriod(`${p.year}Q${Math.ceil(last / 3)}`);
  return parsed.ok ? parsed.value : p;
}

/** A register compared over two quarters: the narrative's figures, and how many lacked before. */
export interface RegisterComparison extends NarrativeRegister {
  /** Units lacking at the quarter before (null when it has no values). */
  lackingBefore: number | null;
}

/**
 * The registers of the report (docs/report.md): each yes/no indicator with values under the unit in the period and
 * no target in the plan, compared over the period's last quarter (the quarter before → that quarter).
 */
export async function compareRegisters(ctx: AppContext, scope: ReportScope): Promise<RegisterComparison[]> {
  const to = lastQuarter(scope.period);
  const from = previousPeriod(to);
  const rootPath = scope.unit.path;
  const registers = await listReportRegisters(ctx.db, {
    planId: scope.plan.id,
    start: periodStart(scope.period),
    end: periodEnd(scope.period),
    rootPath,
  });
  // Both quarters of every register in one statement.
  const periods = [to, ...(from ? [from] : [])].map((p) => ({
    period: p.id,
    start: periodStart(p),
    end: periodEnd(p),
  }));
  const rows = await registerValuesAtPeriods(ctx.db, {
    indicatorIds: registers.map((r) => r.id),
    periods,
    rootPath,
  });
  const out: RegisterComparison[] = [];
  for (const r of registers) {
    const at = (p: Period | undefined) =>
      p ? rows.filter((row) => row.indicatorId === r.id && row.at === p.id) : [];
    const toRows = at(to);
    if (toRows.length === 0) continue;
    const fromRows = at(from);
    const values = (list: typeof toRows): RegisterValues =>
      new Map(list.map((row) => [formatUnitRef(row), asBoolean(row.value)]));
    const change = registerChange(values(fromRows), values(toRows));
    out.push({
      indicator: r.code,
      name: r.nameVi,
      nameEn: r.nameEn,
      noun: nounFor([...fromRows, ...toRows]),
      from: fromRows.length > 0 && from ? from.id : null,
      to: to.id,
      closed: fromRows.length > 0 ? change.closed.count : null,
      lacking: change.to.count,
      lackingBefore: fromRows.length > 0 ? change.from.count : null,
    });
  }
  return out;
}

async function gatherRegisters(ctx: AppContext, scope: ReportScope): Promise<NarrativeRegister[]> {
  return (await compareRegisters(ctx, scope)).map(({ lackingBefore: _, ...register }) => register);
}

/** The programmes' task counts under the unit at a date, each with its overdue tasks and their lead units. */
export async function gatherProgrammes(
  ctx: AppContext,
  actor: Actor,
  unit: string,
  at: string,
): Promise<NarrativeProgramme[]> {
  const report = await buildTaskReport(ctx, actor, { unit, at });
  return report.byProgramme.map((p) => ({
    code: p.programme,
    name: p.name,
    summary: p.summary,
    overdue: report.overdue
      .filter((t) => t.programme === p.programme)
      .map((t) => ({
        code: t.code,
        title: t.title,
        due: t.due,
        leadUnit: { code: t.leadUnit.code, name: t.leadUnit.name },
      })),
  }));
}

function indexValueText(v: IndexValue | number | boolean, lang: Lang): string {
  if (typeof v === 'boolean') return lang === 'vi' ? (v ? 'có' : 'không') : v ? 'yes' : 'no';
  return typeof v === 'number' ? formatNumber(v, lang, 4) : '—';
}

/**
 * The unit's place in each composite index ranked at its level (docs/report.md): the latest year published up to
 * the period's year, its rank and last year's, and the what-if's top suggestion when it gains a place (unless
 * `suggest` is false: a dashboard shows the rank only). A ranking the reader may not read is left out.
 */
export async function gatherIndex(
  ctx: AppContext,
  actor: Actor,
  scope: ReportScope,
  lang: Lang,
  suggest = true,
): Promise<NarrativeIndex[]> {
  const unitRef = formatUnitRef(scope.unit);
  const level = scope.unit.level;
  const out: NarrativeIndex[] = [];
  for (const m of await listMethodologies(ctx)) {
    const years = m.published
      .filter((p) => p.level === level && p.year <= scope.period.year)
      .map((p) => p.year);
    if (years.length === 0) continue;
    const year = Math.max(...years);
    try {
      const ranking = await computeIndexResults(ctx, actor, { methodology: m.code, year, level });
      const mine = ranking.results.find((r) => r.unit === unitRef);
      if (!mine) continue;
      const whatIf = suggest
        ? await whatIfIndex(ctx, actor, { methodology: m.code, year, unit: unitRef, level, top: 1 })
        : null;
      const top = whatIf?.suggestions[0];
      out.push({
        methodology: { code: m.code, name: m.name },
        year,
        score: mine.score,
        rank: mine.rank,
        of: ranking.results.length,
        previousRank: mine.previousRank,
        suggestion:
          top && top.rankGain > 0
            ? {
                indicator: top.indicator,
                name: top.nodeName,
                from: indexValueText(top.fromValue, lang),
                to: indexValueText(top.toValue, lang),
                rankGain: top.rankGain,
              }
            : null,
      });
    } catch (error) {
      if (isAppError(error) && error.code === 'forbidden') continue;
      throw error;
    }
  }
  return out;
}

/**
 * Gathers a report's data with the reader's scope (docs/report.md): the plan evaluated at the unit (only targets at
 * units the reader may read), the tasks led under the unit, the registers under it, the secretariat's paragraphs
 * and the plan's settings; what it cannot read is left out, never shown.
 */
export async function gatherReportInput(
  ctx: AppContext,
  actor: Actor,
  input: BuildReportInput,
): Promise<NarrativeInput> {
  const scope = await resolveReportScope(ctx.db, input);
  const unitRef = formatUnitRef(scope.unit);
  const evaluation = await evaluatePlan(ctx, actor, {
    plan: scope.plan.code,
    period: scope.period.id,
    unit: unitRef,
  });
  const today = todayInVietnam(ctx);
  const key = { planId: scope.plan.id, period: scope.period.id, unitId: scope.unit.id };
  return {
    lang: input.lang ?? 'vi',
    plan: { code: scope.plan.code, name: scope.plan.name },
    unit: { code: unitRef, name: scope.unit.name, level: scope.unit.level },
    period: scope.period,
    issuedOn: today,
    evaluation: {
      total: evaluation.total,
      bands: evaluation.bands,
      boundaries: evaluation.boundaries,
      share: evaluation.share,
      targets: narrativeTargets(evaluation),
    },
    programmes: await gatherProgrammes(ctx, actor, unitRef, today),
    tasksAt: today,
    registers: await gatherRegisters(ctx, scope),
    index: await gatherIndex(ctx, actor, scope, input.lang ?? 'vi'),
    notes: (await listReportNotes(ctx.db, key)).map((n) => ({
      section: n.section as NoteSection,
      text: n.body,
    })),
    settings: await findReportSettings(ctx.db, scope.plan.id),
  };
}

/** The meeting report of a plan at a period and unit, as a document model in the reader's language. */
export async function buildReport(
  ctx: AppContext,
  actor: Actor,
  input: BuildReportInput,
): Promise<ReportDocument> {
  return buildReportDocument(await gatherReportInput(ctx, actor, input));
}
