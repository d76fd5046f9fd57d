import { AppError } from '../../domain/app-error.js';
import { periodEnd, periodStart } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { aggregateValues, usedValues } from '../../store/aggregate.queries.js';
import { listPlanTargets } from '../../store/evaluation.queries.js';
import { authorize } from '../authorize.js';
import { mayRead } from '../read-scope.js';
import { resolveIndicator } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { resolvePlan } from '../plans/plan-summary.js';
import { resolveUnit } from '../units/list-units.js';
import { readPeriod, unitWithinPlan, type EvaluatedUnit } from './evaluation-inputs.js';
import { actualOf, DECIMALS } from './judge-target.js';
import type { ActualTrace } from '../../contract/evaluation.js';
import { roundHalfAwayFromZero } from '../../domain/round.js';

export interface TraceActualInput {
  plan: string;
  indicator: string;
  period: string;
  /** The unit whose actual is traced; by default the unit the plan's target for the indicator is set at. */
  unit?: string | undefined;
}

/**
 * Traces the actual of a plan's target (docs/domain.md §4, §9: every number can be traced): the value computed as the
 * evaluation computes it, and the data values used — the one entered at the unit and period, or those below the
 * unit and inside the period it was derived from — with who entered each, when and through what.
 */
export async function traceActual(
  ctx: AppContext,
  actor: Actor,
  input: TraceActualInput,
): Promise<ActualTrace> {
  const period = readPeriod(input.period);
  const plan = await resolvePlan(ctx.db, input.plan);
  const indicator = await resolveIndicator(ctx.db, input.indicator);
  const targets = (await listPlanTargets(ctx.db, plan.id, period.year)).filter(
    (t) => t.indicator.id === indicator.id,
  );
  // The target whose unit is traced by default: the one set at the plan's unit, else the first — of those at units
  // the actor may read, when there are any (the unit is authorised below whichever it is).
  const readable = targets.filter((t) => mayRead(actor, t.unitPath));
  const target =
    readable.find((t) => t.unitId === plan.unitId) ??
    readable[0] ??
    targets.find((t) => t.unitId === plan.unitId) ??
    targets[0];
  if (!target) {
    throw new AppError('notFound', {
      vi: `Kế hoạch «${plan.code}» không có mục tiêu cho chỉ tiêu «${indicator.code}» trong năm ${period.year}.`,
      en: `Plan «${plan.code}» has no target for indicator «${indicator.code}» in ${period.year}.`,
    });
  }
  const unit: EvaluatedUnit = input.unit
    ? await resolveUnit(ctx.db, input.unit, 'unit')
    : {
        id: target.unitId,
        set: target.unitSet,
        code: target.unitCode,
        name: target.unitName,
        path: target.unitPath,
      };
  authorize(actor, 'read', unit.path, formatUnitRef(unit));
  if (input.unit) unitWithinPlan(plan, unit, 'unit');

  const request = {
    indicatorId: indicator.id,
    unitId: unit.id,
    periodStart: periodStart(period),
    periodEnd: periodEnd(period),
  };
  const [result] = await aggregateValues(ctx.db, [{ key: 1, ...request }]);
  if (!result) throw new Error('no aggregate');
  const used = await usedValues(ctx.db, request);
  const actual = actualOf(indicator, result);
  return {
    plan: plan.code,
    indicator: indicator.code,
    unit: formatUnitRef(unit),
    unitName: unit.name,
    period: period.id,
    actual: typeof actual === 'number' ? roundHalfAwayFromZero(actual, DECIMALS) : actual,
    source: result.source,
    valueCount: result.valueCount,
    unitCount: result.unitCount,
    ignoredCount: result.ignoredCount,
    values: used.map((v) => ({
      unit: formatUnitRef({ set: v.unitSet, code: v.unitCode }),
      unitName: v.unitName,
      unitLevel: v.unitLevel,
      period: v.period,
      role: v.exact ? 'entered' : 'contributing',
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      comment: v.comment,
      createdBy: v.createdBy,
      createdAt: v.createdAt instanceof Date ? v.createdAt.toISOString() : String(v.createdAt),
      updatedBy: v.updatedBy,
      updatedAt: v.updatedAt instanceof Date ? v.updatedAt.toISOString() : String(v.updatedAt),
      source: v.source,
    })),
  };
}
