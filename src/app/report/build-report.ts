import type { Lang } from '../../domain/format-number.js';
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
import { registerValuesAt } from '../../store/registers.queries.js';
import type { Actor, AppContext } from '../context.js';
import { evaluatePlan, type PlanEvaluation } from '../evaluation/evaluate-plan.js';
import { asBoolean, nounFor } from '../registers/register-units.js';
import { buildTaskReport } from '../tasks/summarize-tasks.js';
import { todayInVietnam } from '../tasks/task-view.js';
import { resolveReportScope, type ReportScope } from './report-scope.js';

export interface BuildReportInput {
  plan: string;
  period: string;
  /** A commune's or department's report; the plan's unit when absent. */
  unit?: string | undefined;
  lang?: Lang | undefined;
}

function narrativeTargets(e: PlanEvaluation): NarrativeTarget[] {
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

/**
 * The registers of the report (docs/report.md): each yes/no indicator with values under the unit in the period and
 * no target in the plan, compared over the period's last quarter (the quarter before → that quarter).
 */
async function gatherRegisters(ctx: AppContext, scope: ReportScope): Promise<NarrativeRegister[]> {
  const to = lastQuarter(scope.period);
  const from = previousPeriod(to);
  const rootPath = scope.unit.path;
  const registers = await listReportRegisters(ctx.db, {
    planId: scope.plan.id,
    start: periodStart(scope.period),
    end: periodEnd(scope.period),
    rootPath,
  });
  const out: NarrativeRegister[] = [];
  for (const r of registers) {
    const at = (p: Period) =>
      registerValuesAt(ctx.db, {
        indicatorId: r.id,
        period: p.id,
        start: periodStart(p),
        end: periodEnd(p),
        rootPath,
      });
    const toRows = await at(to);
    if (toRows.length === 0) continue;
    const fromRows = from ? await at(from) : [];
    const values = (rows: typeof toRows): RegisterValues =>
      new Map(rows.map((row) => [formatUnitRef(row), asBoolean(row.value)]));
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
    });
  }
  return out;
}

async function gatherProgrammes(
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
    index: [],
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
