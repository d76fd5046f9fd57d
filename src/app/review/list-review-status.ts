import { AppError } from '../../domain/app-error.js';
import { REVIEW_STATES, type ReviewState } from '../../domain/approval.js';
import { listReviewActivity, type ReviewActivityRow } from '../../store/review-changes.queries.js';
import { listReviewEvents, listReviewStatusRows } from '../../store/reviews.queries.js';
import type { UnitLevel } from '../../domain/unit-vocabulary.js';
import { scopeRoots } from '../auth/scope.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { assertHoldsAnywhere } from '../users/user-access.js';
import { loadPlan, parseReviewPeriod, unitRefOf } from './review-access.js';
import type { ReviewDetail, ReviewStatus, ReviewStatusItem } from '../../contract/review.js';

/** The activity fields of an item, from its row of listReviewActivity (none: never submitted nor changed). */
function activityOf(
  row: ReviewActivityRow | undefined,
): Pick<ReviewStatusItem, 'lastSubmittedAt' | 'lastApprovedAt' | 'changedSinceApproval'> {
  return {
    lastSubmittedAt: row?.lastSubmittedAt?.toISOString() ?? null,
    lastApprovedAt: row?.lastApprovedAt?.toISOString() ?? null,
    changedSinceApproval: row?.changed ?? 0,
  };
}

/**
 * Who has and has not submitted a period of a plan: every expected unit (those holding a target of the plan, or with
 * `level` every unit of that level under the plan's unit or `under`) with its review state and counts per state,
 * when it last submitted and how many of its values changed since the last approval, limited to the units the actor
 * may read (issue 7; the review inbox of the web app).
 */
export async function listReviewStatus(
  ctx: AppContext,
  actor: Actor,
  input: { plan: string; period: string; under?: string | undefined; level?: UnitLevel | undefined },
): Promise<ReviewStatus> {
  assertHoldsAnywhere(actor, 'read', { vi: 'xem số liệu', en: 'read data' });
  const plan = await loadPlan(ctx.db, input.plan);
  const { period, start, end } = parseReviewPeriod(input.period);
  const under = input.under ? await resolveUnit(ctx.db, input.under, 'under') : null;
  const local = actor.kind === 'localAdmin' || actor.kind === 'system';
  const rows = await listReviewStatusRows(ctx.db, {
    planId: plan.id,
    period,
    underPath: under?.path ?? plan.unitPath,
    level: input.level ?? null,
    scopeRoots: local ? null : scopeRoots(actor.grants, 'read'),
  });
  const counts = Object.fromEntries(REVIEW_STATES.map((s) => [s, 0])) as Record<ReviewState, number>;
  for (const row of rows) counts[row.state]++;
  const activity = await listReviewActivity(
    ctx.db,
    { planId: plan.id, period, periodStart: start, periodEnd: end },
    under?.path ?? plan.unitPath,
    rows.map((r) => r.unitId),
  );
  const byUnit = new Map(activity.map((a) => [a.unitId, a]));
  return {
    plan: plan.code,
    period,
    counts,
    units: rows.map((r) => ({
      unit: unitRefOf({ set: r.unitSet, code: r.unitCode }),
      unitName: r.unitName,
      level: r.level,
      state: r.state,
      reason: r.reason,
      updatedBy: r.updatedBy,
      updatedAt: r.updatedAt?.toISOString() ?? null,
      ...activityOf(byUnit.get(r.unitId)),
    })),
  };
}

/** One unit's review of a plan's period with its whole history, oldest first; the actor must read the unit (issue 7). */
export async function getReview(
  ctx: AppContext,
  actor: Actor,
  input: { plan: string; period: string; unit: string },
): Promise<ReviewDetail> {
  const plan = await loadPlan(ctx.db, input.plan);
  const { period, start, end } = parseReviewPeriod(input.period);
  const unit = await resolveUnit(ctx.db, input.unit);
  authorize(actor, 'read', unit.path, unitRefOf(unit));
  const [row] = (
    await listReviewStatusRows(ctx.db, {
      planId: plan.id,
      period,
      underPath: unit.path,
      level: unit.level,
      scopeRoots: null,
    })
  ).filter((r) => r.unitId === unit.id);
  if (!row) throw new AppError('notFound', { vi: 'Không tìm thấy đơn vị.', en: 'Unit not found.' });
  const history = await listReviewEvents(ctx.db, plan.id, unit.id, period);
  const [activity] = await listReviewActivity(
    ctx.db,
    { planId: plan.id, period, periodStart: start, periodEnd: end },
    unit.path,
    [unit.id],
  );
  return {
    plan: plan.code,
    period,
    unit: unitRefOf(unit),
    unitName: row.unitName,
    level: row.level,
    state: row.state,
    reason: row.reason,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt?.toISOString() ?? null,
    ...activityOf(activity),
    history: history.map((e) => ({
      event: e.event,
      from: e.fromState,
      to: e.toState,
      role: e.role,
      reason: e.reason,
      actor: e.actor,
      source: e.source,
      at: e.at.toISOString(),
    })),
  };
}
