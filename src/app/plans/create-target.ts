import { AppError } from '../../domain/app-error.js';
import { comparePeriods, parsePeriod, type Period } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { validateTargetValue, type ValueInput } from '../../domain/validate-value.js';
import type { ValueType } from '../../domain/aggregate.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { findTarget, upsertTargets, type PlanRow, type TargetInput } from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';
import { auditEntry } from '../audit-entry.js';
import { authorizeWrite, planUnitRole, ROW_NAMES, rowUnit } from '../authorize.js';
import { optionalText } from '../catalogue/catalogue-input.js';
import { resolveIndicator } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import {
  planRowUnit,
  resolvePlan,
  targetEntityKey,
  toTargetSummary,
  type TargetSummary,
} from './plan-summary.js';

/** A target as users give it: codes as they write them; target and baseline as the indicator's value type reads them. */
/** What names one target: its plan, indicator, unit and period. */
export type TargetKey = Parameters<typeof findTarget>[1];

export interface CreateTargetInput {
  plan: string;
  indicator: string;
  unit: string;
  period: string;
  target: ValueInput;
  baseline?: ValueInput;
  baselinePeriod?: string | null;
  leadUnit?: string | null;
  note?: string | null;
}

export function requirePeriod(text: string, field: string): Period {
  const parsed = parsePeriod(text.trim());
  if (!parsed.ok) throw AppError.fromDomain('badInput', parsed.error, [{ field, ...parsed.error }]);
  return parsed.value;
}

function targetNumber(valueType: ValueType, input: ValueInput, field: string): number {
  const checked = validateTargetValue(valueType, input);
  if (!checked.ok) {
    throw new AppError(
      'badInput',
      { vi: `${field}: ${checked.message_vi}`, en: `${field}: ${checked.message_en}` },
      checked.problems.map((p) => ({ field, message_vi: p.message_vi, message_en: p.message_en })),
    );
  }
  const n = checked.normalized;
  return typeof n === 'boolean' ? (n ? 1 : 0) : n;
}

const blank = (v: ValueInput): boolean => v == null || (typeof v === 'string' && v.trim() === '');

/**
 * Checks a target against its indicator's value type (docs/domain.md §5) and resolves its codes, refusing it unless
 * the actor may manage targets at the plan's unit and at the target's (`stored`: the target exists); the row to
 * write.
 */
export async function targetFields(
  q: Queryable,
  actor: Actor,
  input: Omit<CreateTargetInput, 'plan'>,
  plan: PlanRow,
  stored: boolean,
): Promise<TargetInput> {
  const indicator = await resolveIndicator(q, input.indicator, 'indicator');
  const unit = await resolveUnit(q, input.unit, 'unit');
  const period = requirePeriod(input.period, 'period');
  authorizeTarget(actor, plan, { indicator: indicator.code, unit, period: period.id }, stored);
  const target = targetNumber(indicator.valueType, input.target, 'target');
  const baseline = blank(input.baseline)
    ? null
    : targetNumber(indicator.valueType, input.baseline, 'baseline');
  const baselinePeriod = input.baselinePeriod ? requirePeriod(input.baselinePeriod, 'baselinePeriod') : null;
  if (baselinePeriod && baseline === null) {
    throw new AppError('badInput', {
      vi: 'Có kỳ cơ sở nhưng thiếu giá trị cơ sở.',
      en: 'A baseline period is given without a baseline value.',
    });
  }
  if (baselinePeriod && comparePeriods(baselinePeriod, period) >= 0) {
    throw new AppError(
      'badInput',
      {
        vi: `Kỳ cơ sở ${baselinePeriod.id} phải trước kỳ của mục tiêu ${period.id}.`,
        en: `The baseline period ${baselinePeriod.id} must come before the target's period ${period.id}.`,
      },
      [
        {
          field: 'baselinePeriod',
          message_vi: 'Không trước kỳ mục tiêu.',
          message_en: 'Not before the period.',
        },
      ],
    );
  }
  const lead = input.leadUnit ? await resolveUnit(q, input.leadUnit, 'leadUnit') : null;
  return {
    planId: plan.id,
    indicatorId: indicator.id,
    unitId: unit.id,
    period: period.id,
    target,
    baseline,
    baselinePeriod: baselinePeriod?.id ?? null,
    leadUnitId: lead?.id ?? null,
    note: optionalText(input.note),
  };
}

/**
 * Refuses a target unless the actor may manage plans and targets at the plan's unit and at the target's own unit
 * (the write rule of authorizeWrite: a target belongs to both). With `target` null, checks the plan's unit only,
 * before anything else is read. `stored`: the target exists (a change to it, not a new one).
 */
export function authorizeTarget(
  actor: Actor,
  plan: PlanRow,
  target: { indicator: string; unit: { path: string; set: string; code: string }; period: string } | null,
  stored: boolean,
): void {
  const units = [planRowUnit(plan, 'plan', planUnitRole(plan.code))];
  if (target) units.push(rowUnit(target.unit, 'unit'));
  const row = target
    ? ROW_NAMES.target({
        plan: plan.code,
        indicator: target.indicator,
        unit: formatUnitRef(target.unit),
        period: target.period,
      })
    : { vi: `mục tiêu của kế hoạch «${plan.code}»`, en: `a target of plan «${plan.code}»` };
  authorizeWrite(actor, 'plans:manage', stored ? { row, current: units } : { row, next: units });
}

/**
 * Adds a target to a plan (docs/domain.md §5): indicator, unit, period due, target value, optional baseline (value
 * and period) and lead unit, by an actor who may manage plans and targets at the plan's unit and at the target's.
 * Refuses one already set for the same indicator, unit and period.
 */
export async function createTarget(
  ctx: AppContext,
  actor: Actor,
  input: CreateTargetInput,
): Promise<TargetSummary> {
  return ctx.db.transaction(async (tx) => {
    const plan = await resolvePlan(tx, input.plan);
    authorizeTarget(actor, plan, null, false);
    const fields = await targetFields(tx, actor, input, plan, false);
    if (await findTarget(tx, fields)) {
      throw new AppError('conflict', {
        vi: `Kế hoạch «${plan.code}» đã có mục tiêu cho ${input.indicator}, đơn vị ${input.unit}, kỳ ${fields.period}; dùng lệnh sửa.`,
        en: `Plan «${plan.code}» already has a target for ${input.indicator}, unit ${input.unit}, period ${fields.period}; update it instead.`,
      });
    }
    await upsertTargets(tx, [fields]);
    return auditTargetChange(ctx, actor, tx, fields, null);
  });
}

/**
 * Reads back the target just written under `key` and records the change in the audit log, in the caller's
 * transaction: a creation when there was none `before`, else an update; the target as it now stands.
 */
export async function auditTargetChange(
  ctx: AppContext,
  actor: Actor,
  tx: Queryable,
  key: TargetKey,
  before: TargetSummary | null,
): Promise<TargetSummary> {
  const row = await findTarget(tx, key);
  if (!row) throw new Error('target vanished');
  const after = toTargetSummary(row);
  await insertAuditRows(tx, [
    auditEntry(ctx, actor, {
      action: before ? 'update' : 'create',
      entity: 'target',
      entityKey: targetEntityKey(after),
      provinceCode: row.provinceCode,
      oldData: before,
      newData: after,
    }),
  ]);
  return after;
}
