import type { Lang } from '../../domain/format-number.js';
import { apiPath } from '../../domain/report-narrative/phrases.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import {
  listApprovedPlanPeriods,
  listPublicPlans as queryPublicPlans,
} from '../../store/dashboard.queries.js';
import type { Actor, AppContext } from '../context.js';
import { resolvePlan } from '../plans/plan-summary.js';
import { resolveUnit } from '../units/list-units.js';
import { assembleDashboard } from './build-dashboard.js';
import type { Dashboard } from '../../contract/dashboard.js';
import type { PublicPlan } from '../../contract/dashboard.js';

/**
 * Who reads a plan's public dashboard: no one signed in, reading as a viewer of the plan's unit, so that only the
 * targets at or below it — those its unit's approval locks — are evaluated (a target the plan sets at a unit
 * elsewhere is not covered by that approval).
 */
function publicReader(unitPath: string): Actor {
  return { kind: 'token', name: 'public', grants: [{ role: 'viewer', unitPath }], source: 'web' };
}

/** The plans with approved open data: their own unit's review approved for at least one period (docs/dashboard.md). */
export async function listPublicPlans(ctx: AppContext): Promise<PublicPlan[]> {
  const rows = await queryPublicPlans(ctx.db);
  return rows.map((r) => {
    const latest = r.periods[r.periods.length - 1] ?? '';
    return {
      code: r.code,
      name: r.name,
      unit: formatUnitRef({ set: r.unitSet, code: r.unitCode }),
      unitName: r.unitName,
      startYear: r.startYear,
      endYear: r.endYear,
      periods: r.periods,
      latestPeriod: latest,
      dashboard: apiPath(`/public/plans/${encodeURIComponent(r.code)}/dashboard`, { period: latest }),
    };
  });
}

/**
 * A plan's dashboard for everyone (docs/dashboard.md): the same answer as the signed-in dashboard at the plan's
 * unit, computed for a period its unit's review approved (every value behind it locked by that approval), with the
 * open-data downloads linked; tasks and registers, never reviewed, are left out.
 */
export async function publicPlanDashboard(
  ctx: AppContext,
  input: { plan: string; period?: string | undefined; lang?: Lang | undefined },
): Promise<Dashboard> {
  const plan = await resolvePlan(ctx.db, input.plan);
  const unit = await resolveUnit(ctx.db, formatUnitRef({ set: plan.unitSet, code: plan.unitCode }));
  const periods = await listApprovedPlanPeriods(ctx.db, plan.id);
  return assembleDashboard(
    ctx,
    publicReader(plan.unitPath),
    { plan, unit, namedUnit: null, period: input.period, lang: input.lang ?? 'vi' },
    {
      periods,
      approvedOnly: {
        csv: apiPath('/public/values.csv', { limit: '10000' }),
        json: apiPath('/public/values', { limit: '10000' }),
      },
    },
  );
}
