import { AppError } from '../../domain/app-error.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { PlanSummary, TargetSummary } from '../../contract/plans.js';
import { findPlan, type PlanRow, type TargetRow } from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';
import { authorizeWrite, ROW_NAMES, rowUnit, type RowUnit } from '../authorize.js';
import type { Actor } from '../context.js';
import { fromStored } from '../values/value-summary.js';

export type { PlanSummary, TargetSummary } from '../../contract/plans.js';

export function toPlanSummary(row: PlanRow): PlanSummary {
  return {
    code: row.code,
    name: row.name,
    unit: formatUnitRef({ set: row.unitSet, code: row.unitCode }),
    unitName: row.unitName,
    startYear: row.startYear,
    endYear: row.endYear,
    bands: row.bands,
    targetCount: row.targetCount,
  };
}

export function toTargetSummary(row: TargetRow): TargetSummary {
  return {
    plan: row.planCode,
    indicator: row.indicatorCode,
    indicatorName: row.indicatorName,
    valueType: row.valueType,
    unit: formatUnitRef({ set: row.unitSet, code: row.unitCode }),
    unitName: row.unitName,
    period: row.period,
    target: fromStored(row.valueType, row.target),
    baseline: fromStored(row.valueType, row.baseline),
    baselinePeriod: row.baselinePeriod,
    leadUnit:
      row.leadUnitSet && row.leadUnitCode
        ? formatUnitRef({ set: row.leadUnitSet, code: row.leadUnitCode })
        : null,
    note: row.note,
  };
}

/** The audit log's key of a target: `<plan>|<indicator>|<unit>|<period>`. */
export function targetEntityKey(row: Pick<TargetSummary, 'plan' | 'indicator' | 'unit' | 'period'>): string {
  return `${row.plan}|${row.indicator}|${row.unit}|${row.period}`;
}

/** The plan with this code, or a notFound naming it. */
export async function resolvePlan(q: Queryable, code: string, field = 'plan'): Promise<PlanRow> {
  const row = await findPlan(q, code.trim());
  if (!row) {
    throw new AppError(
      'notFound',
      { vi: `Không tìm thấy kế hoạch «${code}» (${field}).`, en: `Plan «${code}» was not found (${field}).` },
      [{ field, message_vi: `Không có kế hoạch «${code}».`, message_en: `No plan «${code}».` }],
    );
  }
  return row;
}

/** The unit a plan belongs to, as the write rule names it. */
export function planRowUnit(plan: PlanRow, field?: string, role?: RowUnit['role']): RowUnit {
  return rowUnit({ path: plan.unitPath, set: plan.unitSet, code: plan.unitCode }, field, role);
}

/**
 * The plan named by `code`, once the actor may change it: plans:manage over the unit it belongs to now
 * (docs/domain.md §5; the write rule of authorizeWrite).
 */
export async function resolveManagedPlan(
  q: Queryable,
  actor: Actor,
  code: string,
  field = 'plan',
): Promise<PlanRow> {
  const plan = await resolvePlan(q, code, field);
  authorizeWrite(actor, 'plans:manage', {
    row: ROW_NAMES.plan(plan.code),
    current: [planRowUnit(plan, field)],
  });
  return plan;
}
