import { formatUnitRef } from '../../domain/unit-ref.js';
import { listTargets as queryTargets } from '../../store/catalogue.queries.js';
import { authorize } from '../authorize.js';
import { resolveIndicator } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { mayRead } from '../read-scope.js';
import { resolveUnit } from '../units/list-units.js';
import { requirePeriod } from './create-target.js';
import { resolvePlan, toTargetSummary, type TargetSummary } from './plan-summary.js';

export interface ListTargetsInput {
  plan: string;
  indicator?: string;
  unit?: string;
  period?: string;
}

/**
 * A plan's targets (docs/domain.md §5), ordered by indicator, unit and period: all of them for a reader of the
 * plan's unit, else those of units the actor may read.
 */
export async function listTargets(
  ctx: AppContext,
  actor: Actor,
  input: ListTargetsInput,
): Promise<TargetSummary[]> {
  const plan = await resolvePlan(ctx.db, input.plan, 'plan');
  const indicator = input.indicator ? await resolveIndicator(ctx.db, input.indicator) : null;
  const unit = input.unit ? await resolveUnit(ctx.db, input.unit) : null;
  if (unit) authorize(actor, 'read', unit.path, formatUnitRef(unit));
  const rows = await queryTargets(ctx.db, {
    planId: plan.id,
    indicatorId: indicator?.id,
    unitId: unit?.id,
    period: input.period ? requirePeriod(input.period, 'period').id : undefined,
  });
  return rows.filter((r) => mayRead(actor, r.unitPath)).map(toTargetSummary);
}
