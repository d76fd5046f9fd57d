import { AppError } from '../../domain/app-error.js';
import type { ValueInput } from '../../domain/validate-value.js';
import { findTarget, upsertTargets } from '../../store/catalogue.queries.js';
import { resolveIndicator } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { auditTargetChange, authorizeTarget, requirePeriod, targetFields } from './create-target.js';
import { resolvePlan, toTargetSummary, type TargetSummary } from './plan-summary.js';

/** The target to change, by plan, indicator, unit and period; absent fields stay as they are, null clears. */
export interface UpdateTargetInput {
  plan: string;
  indicator: string;
  unit: string;
  period: string;
  target?: ValueInput;
  baseline?: ValueInput;
  baselinePeriod?: string | null;
  leadUnit?: string | null;
  note?: string | null;
}

/**
 * Changes a plan's target: its value, baseline, lead unit or note (docs/domain.md §5); plans:manage at the plan's unit
 * and at the target's.
 */
export async function updateTarget(
  ctx: AppContext,
  actor: Actor,
  input: UpdateTargetInput,
): Promise<TargetSummary> {
  return ctx.db.transaction(async (tx) => {
    const plan = await resolvePlan(tx, input.plan);
    authorizeTarget(actor, plan, null, true);
    const indicator = await resolveIndicator(tx, input.indicator, 'indicator');
    const unit = await resolveUnit(tx, input.unit, 'unit');
    const period = requirePeriod(input.period, 'period');
    authorizeTarget(actor, plan, { indicator: indicator.code, unit, period: period.id }, true);
    const key = { planId: plan.id, indicatorId: indicator.id, unitId: unit.id, period: period.id };
    const current = await findTarget(tx, key);
    if (!current) {
      throw new AppError('notFound', {
        vi: `Kế hoạch «${plan.code}» chưa có mục tiêu cho ${indicator.code}, đơn vị ${input.unit}, kỳ ${period.id}.`,
        en: `Plan «${plan.code}» has no target for ${indicator.code}, unit ${input.unit}, period ${period.id}.`,
      });
    }
    const before = toTargetSummary(current);
    const fields = await targetFields(
      tx,
      actor,
      {
        indicator: indicator.code,
        unit: input.unit,
        period: period.id,
        target: input.target === undefined ? before.target : input.target,
        baseline: input.baseline === undefined ? before.baseline : input.baseline,
        baselinePeriod: input.baselinePeriod === undefined ? before.baselinePeriod : input.baselinePeriod,
        leadUnit: input.leadUnit === undefined ? before.leadUnit : input.leadUnit,
        note: input.note === undefined ? before.note : input.note,
      },
      plan,
      true,
    );
    const { updated } = await upsertTargets(tx, [fields]);
    if (updated === 0) return before;
    return auditTargetChange(ctx, actor, tx, key, before);
  });
}
