import { formatUnitRef } from '../../domain/unit-ref.js';
import type { PlanRow } from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';
import type { UnitRow } from '../../store/units.queries.js';
import { readPeriod, unitWithinPlan } from '../evaluation/evaluation-inputs.js';
import { resolvePlan } from '../plans/plan-summary.js';
import { resolveUnit } from '../units/list-units.js';
import type { Period } from '../../domain/period.js';

/** What a report (and the secretariat's paragraphs) is about: a plan, a period and a unit. */
export interface ReportScope {
  plan: PlanRow;
  period: Period;
  /** The unit named, or the plan's own unit when none is. */
  unit: UnitRow;
}

/**
 * Resolves a report's plan, period and unit (the plan's unit when none is named; a named one must be the plan's
 * unit or below it), refusing each bad one naming the field at fault.
 */
export async function resolveReportScope(
  q: Queryable,
  input: { plan: string; period: string; unit?: string | undefined },
): Promise<ReportScope> {
  const period = readPeriod(input.period);
  const plan = await resolvePlan(q, input.plan);
  const unitText = input.unit?.trim() || formatUnitRef({ set: plan.unitSet, code: plan.unitCode });
  const unit = await resolveUnit(q, unitText, 'unit');
  unitWithinPlan(plan, unit, 'unit');
  return { plan, period, unit };
}
