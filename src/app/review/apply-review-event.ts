import { AppError, type ErrorCode } from '../../domain/app-error.js';
import { transition, type ReviewEventType } from '../../domain/approval.js';
import type { DomainMessage } from '../../domain/result.js';
import {
  applyReviewMoves,
  listReviewStatusRows,
  lockReviewStates,
  type ReviewMove,
} from '../../store/reviews.queries.js';
import type { UnitLevel } from '../../domain/unit-vocabulary.js';
import { countApplyingImportRuns } from '../../store/import-runs.queries.js';
import { isInScope, type Permission } from '../auth/scope.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { loadPlan, parseReviewPeriod, resolveUnitRefs, rolesOver, unitRefOf } from './review-access.js';
import type { ReviewEventResult } from '../../contract/review.js';

export interface ReviewEventInput {
  plan: string;
  period: string;
  event: ReviewEventType;
  /** Required to return or reopen (docs/auth-review.md, review and approval). */
  reason?: string | null | undefined;
  /** The units, named one by one (`15`, `pre2025:10`); or `under`. */
  units?: readonly string[] | undefined;
  /** Every unit expected to report under this one (with `level`: every unit of that level under it). */
  under?: string | undefined;
  level?: UnitLevel | undefined;
}

/** The permission each review event needs over the unit (src/app/auth/scope.ts). */
export const EVENT_PERMISSION: Readonly<Record<ReviewEventType, Permission>> = {
  submit: 'review:submit',
  return: 'review:return',
  approve: 'review:approve',
  reopen: 'review:reopen',
};

const ERROR_CODE: Record<string, ErrorCode> = {
  forbidden: 'forbidden',
  locked: 'locked',
  invalidTransition: 'conflict',
  reasonRequired: 'badInput',
};

function toAppError(error: DomainMessage): AppError {
  return AppError.fromDomain(ERROR_CODE[error.code] ?? 'conflict', error);
}

/**
 * Submits, returns, approves or reopens the review of (plan, period) for one unit or many at once — named, or every
 * expected unit under one — through the pure state machine, in one transaction of a few statements whatever the
 * number of units (issue 7). The actor needs the event's permission over every unit, or the whole call is refused;
 * in bulk, units whose state does not allow the event are skipped and listed, one unit alone is refused.
 */
export async function applyReviewEvent(
  ctx: AppContext,
  actor: Actor,
  input: ReviewEventInput,
): Promise<ReviewEventResult> {
  const plan = await loadPlan(ctx.db, input.plan);
  const { period, start, end } = parseReviewPeriod(input.period);
  const permission = EVENT_PERMISSION[input.event];
  const named = input.units ? [...new Set(input.units)] : null;
  if ((named === null) === (input.under === undefined) || named?.length === 0) {
    throw new AppError('badInput', {
      vi: 'Hãy nêu các đơn vị (units) hoặc một đơn vị cấp trên (under), không cả hai.',
      en: 'Name the units (units) or one unit above them (under), not both.',
    });
  }
  const under = input.under === undefined ? null : await resolveUnit(ctx.db, input.under, 'under');
  const units = named ? await resolveUnitRefs(ctx.db, named) : [];
  if (under) authorize(actor, permission, under.path, unitRefOf(under));
  for (const unit of units) {
    if (!isInScope(plan.unitPath, unit.path)) {
      throw new AppError('badInput', {
        vi: `Đơn vị ${unitRefOf(unit)} không thuộc phạm vi kế hoạch ${plan.code}.`,
        en: `Unit ${unitRefOf(unit)} is outside plan ${plan.code}.`,
      });
    }
    authorize(actor, permission, unit.path, unitRefOf(unit));
  }
  const reason = input.reason?.trim() || null;
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    // A file decided but still being written in steps (import-in-steps.ts) is approved once it is whole.
    if (input.event === 'approve' && (await countApplyingImportRuns(tx)) > 0) {
      throw new AppError('conflict', {
        vi: 'Đang ghi dần một tệp nhập vào cơ sở dữ liệu; hãy phê duyệt khi việc ghi xong (thường trong vài phút).',
        en: 'An imported file is still being written to the database in steps; approve once it is done (usually within minutes).',
      });
    }
    const targets = under
      ? (
          await listReviewStatusRows(tx, {
            planId: plan.id,
            period,
            underPath: under.path,
            level: input.level ?? null,
            scopeRoots: null,
          })
        ).map((r) => ({ id: r.unitId, set: r.unitSet, code: r.unitCode, path: r.path }))
      : units;
    const states = await lockReviewStates(
      tx,
      plan.id,
      period,
      targets.map((t) => t.id),
    );
    const moves: ReviewMove[] = [];
    const skipped: ReviewEventResult['skipped'] = [];
    const rolesByPath = new Map<string, ReturnType<typeof rolesOver>>();
    for (const unit of targets) {
      const from = states.get(unit.id) ?? 'open';
      let roles = rolesByPath.get(unit.path);
      if (!roles) rolesByPath.set(unit.path, (roles = rolesOver(actor, unit.path)));
      const result = transition(from, { type: input.event, reason: reason ?? undefined }, { roles });
      if (result.ok) {
        moves.push({
          unitId: unit.id,
          unitRef: unitRefOf(unit),
          from,
          to: result.value.state,
          role: result.value.audit.role,
        });
      } else if (
        named?.length === 1 ||
        result.error.code === 'reasonRequired' ||
        result.error.code === 'forbidden'
      ) {
        throw toAppError(result.error);
      } else {
        skipped.push({ unit: unitRefOf(unit), state: from, ...result.error });
      }
    }
    await applyReviewMoves(tx, {
      planId: plan.id,
      planCode: plan.code,
      period,
      periodStart: start,
      periodEnd: end,
      event: input.event,
      reason,
      actor: actor.name,
      source: actor.source,
      address: actor.address ?? null,
      at,
      moves,
    });
    return {
      plan: plan.code,
      period,
      event: input.event,
      changed: moves.map((m) => ({ unit: m.unitRef, from: m.from, to: m.to })),
      skipped,
    };
  });
}
