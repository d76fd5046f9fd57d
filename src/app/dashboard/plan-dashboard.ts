import type { Lang } from '../../domain/format-number.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { findLandingPlan, listPlanValuePeriods } from '../../store/dashboard.queries.js';
import type { Actor, AppContext } from '../context.js';
import { unitWithinPlan } from '../evaluation/evaluation-inputs.js';
import { resolvePlan } from '../plans/plan-summary.js';
import { readScope } from '../read-scope.js';
import type { ReadCheck } from '../evaluation/answer-cache.js';
import { resolveUnit } from '../units/list-units.js';
import { assembleDashboard, latestPeriod, pickerPeriods } from './build-dashboard.js';
import type { Dashboard } from '../../contract/dashboard.js';
import type { DashboardLanding } from '../../contract/dashboard.js';

export interface PlanDashboardInput {
  plan: string;
  /** The period shown; the latest with values when absent. */
  period?: string | undefined;
  /** A unit at or below the plan's unit; the plan's own when absent. */
  unit?: string | undefined;
  lang?: Lang | undefined;
}

/**
 * A leader's dashboard for a plan × unit × period, in one answer (docs/dashboard.md): only the targets, tasks and
 * registers the reader may read are counted and shown, as /evaluation does.
 */
export async function planDashboard(
  ctx: AppContext,
  actor: Actor,
  input: PlanDashboardInput,
): Promise<Dashboard> {
  return (await planDashboardAt(ctx, actor, input)).dashboard;
}

/**
 * `planDashboard`, with the unit whose read permission the dashboard was given under (`readAt`), for a kept answer
 * to be authorized again for each reader (answer-cache.ts).
 */
export async function planDashboardAt(
  ctx: AppContext,
  actor: Actor,
  input: PlanDashboardInput,
): Promise<{ dashboard: Dashboard; readAt: ReadCheck }> {
  const plan = await resolvePlan(ctx.db, input.plan);
  const namedUnit = input.unit?.trim() ? await resolveUnit(ctx.db, input.unit, 'unit') : null;
  if (namedUnit) unitWithinPlan(plan, namedUnit, 'unit');
  const unit =
    namedUnit ?? (await resolveUnit(ctx.db, formatUnitRef({ set: plan.unitSet, code: plan.unitCode })));
  const periods = await listPlanValuePeriods(ctx.db, {
    planId: plan.id,
    rootPath: unit.path,
    scopePaths: readScope(actor),
  });
  const dashboard = await assembleDashboard(
    ctx,
    actor,
    { plan, unit, namedUnit, period: input.period, lang: input.lang ?? 'vi' },
    { periods, approvedOnly: null },
  );
  return { dashboard, readAt: { path: unit.path, label: formatUnitRef(unit) } };
}

/**
 * The most recent plan in the user's scope — set at a unit they may read, or above one (a commune's user lands on
 * the province's plan at the commune) — and its latest period with values there (docs/dashboard.md).
 */
export async function dashboardLanding(ctx: AppContext, actor: Actor): Promise<DashboardLanding> {
  const scope = readScope(actor);
  const found = await findLandingPlan(ctx.db, scope);
  if (!found) {
    return {
      plan: null,
      planName: null,
      unit: null,
      period: null,
      reason: {
        code: 'noPlan',
        message_vi:
          'Chưa có kế hoạch nào trong phạm vi đơn vị bạn được xem; hãy nhờ quản trị viên cấp quyền, hoặc tạo kế hoạch (dxmon plans add).',
        message_en:
          'There is no plan in the units you may read; ask an administrator for access, or create a plan (dxmon plans add).',
      },
    };
  }
  const periods = pickerPeriods(
    await listPlanValuePeriods(ctx.db, { planId: found.planId, rootPath: found.unitPath, scopePaths: scope }),
  );
  const unit = formatUnitRef({ set: found.unitSet, code: found.unitCode });
  return {
    plan: found.code,
    planName: found.name,
    unit,
    period: latestPeriod(periods)?.id ?? null,
    reason: null,
  };
}
