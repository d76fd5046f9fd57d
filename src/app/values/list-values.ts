import { resolveIndicator } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { resolvePlan } from '../plans/plan-summary.js';
import { requirePeriod } from '../plans/create-target.js';
import { readScope } from '../read-scope.js';
import { resolveUnit } from '../units/list-units.js';
import { listValues as queryValues } from '../../store/values.queries.js';
import { toValueSummary, type ValueSummary } from './value-summary.js';

export interface ListValuesInput {
  indicator?: string;
  /** Values of this unit and every unit below it. */
  unit?: string;
  period?: string;
  /** Values of the plan's indicators for units under the plan's unit. */
  plan?: string;
  limit?: number;
  offset?: number;
}

/**
 * Lists values (docs/domain.md §4) by indicator, unit subtree, period and plan, ordered by indicator, unit and
 * period; only values of units the actor may read.
 */
export async function listValues(
  ctx: AppContext,
  actor: Actor,
  input: ListValuesInput = {},
): Promise<ValueSummary[]> {
  const indicator = input.indicator ? await resolveIndicator(ctx.db, input.indicator, 'indicator') : null;
  const unit = input.unit ? await resolveUnit(ctx.db, input.unit, 'unit') : null;
  const plan = input.plan ? await resolvePlan(ctx.db, input.plan, 'plan') : null;
  const rows = await queryValues(ctx.db, {
    indicatorIds: indicator ? [indicator.id] : undefined,
    unitPath: unit?.path,
    period: input.period ? requirePeriod(input.period, 'period').id : undefined,
    planId: plan?.id,
    scopePaths: readScope(actor),
    limit: input.limit,
    offset: input.offset,
  });
  return rows.map(toValueSummary);
}
