import { formatUnitRef } from '../../domain/unit-ref.js';
import { listPlans as queryPlans } from '../../store/catalogue.queries.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { readScope } from '../read-scope.js';
import { resolvePlan, toPlanSummary, type PlanSummary } from './plan-summary.js';

/** The plans of units the actor may read (docs/domain.md §5), ordered by code. */
export async function listPlans(ctx: AppContext, actor: Actor): Promise<PlanSummary[]> {
  const rows = await queryPlans(ctx.db, { scopePaths: readScope(actor) });
  return rows.map(toPlanSummary);
}

/** One plan by code. */
export async function getPlan(ctx: AppContext, actor: Actor, code: string): Promise<PlanSummary> {
  const row = await resolvePlan(ctx.db, code, 'code');
  authorize(actor, 'read', row.unitPath, formatUnitRef({ set: row.unitSet, code: row.unitCode }));
  return toPlanSummary(row);
}
