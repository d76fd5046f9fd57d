import type { ValueType } from '../../domain/aggregate.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import {
  findValuesAsOf,
  listChangedValues,
  type ChangedValueRow,
} from '../../store/review-changes.queries.js';
import { listReviewEvents } from '../../store/reviews.queries.js';
import { valueEntityKey } from '../../store/values.queries.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { fromStored } from '../values/value-summary.js';
import { loadPlan, parseReviewPeriod, unitRefOf } from './review-access.js';
import type { ReviewChanges, ValueFigures } from '../../contract/review.js';

function figures(valueType: ValueType, data: unknown): ValueFigures | null {
  if (data === null || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  return {
    value: fromStored(valueType, num(d.value)),
    numerator: num(d.numerator),
    denominator: num(d.denominator),
  };
}

const keyOf = (row: ChangedValueRow): string =>
  valueEntityKey(row.indicatorCode, { set: row.unitSet, code: row.unitCode }, row.period);

/**
 * A unit's values beside their last approved version (the review inbox's diff): every value the review covers —
 * as an approval locks it — saved after the last approval, with the value the audit log recorded for it at the
 * approval, who changed it and when. Never approved: every covered value, none approved. The actor must read the
 * unit.
 */
export async function getReviewChanges(
  ctx: AppContext,
  actor: Actor,
  input: { plan: string; period: string; unit: string },
): Promise<ReviewChanges> {
  const plan = await loadPlan(ctx.db, input.plan);
  const { period, start, end } = parseReviewPeriod(input.period);
  const unit = await resolveUnit(ctx.db, input.unit);
  authorize(actor, 'read', unit.path, unitRefOf(unit));
  const approval = (await listReviewEvents(ctx.db, plan.id, unit.id, period))
    .filter((e) => e.event === 'approve')
    .at(-1);
  const rows = await listChangedValues(
    ctx.db,
    { planId: plan.id, period, periodStart: start, periodEnd: end },
    unit.id,
    approval?.at ?? null,
  );
  const asApproved = approval
    ? new Map((await findValuesAsOf(ctx.db, rows.map(keyOf), approval.at)).map((r) => [r.entityKey, r.data]))
    : new Map<string, unknown>();
  return {
    plan: plan.code,
    period,
    unit: unitRefOf(unit),
    approvedAt: approval?.at.toISOString() ?? null,
    approvedBy: approval?.actor ?? null,
    changes: rows.map((r) => ({
      indicator: r.indicatorCode,
      indicatorName: r.indicatorName,
      indicatorNameEn: r.indicatorNameEn,
      valueType: r.valueType,
      unit: formatUnitRef({ set: r.unitSet, code: r.unitCode }),
      unitName: r.unitName,
      period: r.period,
      approved: figures(r.valueType, asApproved.get(keyOf(r)) ?? null),
      current: {
        value: fromStored(r.valueType, r.value),
        numerator: r.numerator,
        denominator: r.denominator,
        version: r.version,
      },
      changedBy: r.updatedBy,
      changedAt: r.updatedAt.toISOString(),
    })),
  };
}
