import { AppError } from '../../domain/app-error.js';
import { periodStart } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { validateValue, type NormalizedValue, type ValueInput } from '../../domain/validate-value.js';
import { saveValue as storeValue } from '../../store/values.queries.js';
import { authorizeWrite, ROW_NAMES, rowUnit } from '../authorize.js';
import { resolveIndicator, valueRules } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { requirePeriod } from '../plans/create-target.js';
import { assertValuesEditable } from '../review/assert-values-editable.js';
import { resolveUnit } from '../units/list-units.js';
import { checkRulesForValues, type RuleViolation } from './check-rules-for-values.js';
import { findOutliers, outlierSettings } from './outliers.js';
import { fromStored, type ValueSummary } from './value-summary.js';

/** One value as users enter it: codes as they write them, the value as its type reads it. */
export interface SaveValueInput {
  indicator: string;
  unit: string;
  period: string;
  value?: ValueInput;
  numerator?: ValueInput;
  denominator?: ValueInput;
  comment?: string | null;
  /** The version the editor saw; null (or absent) when there was no value yet. */
  version?: number | null;
}

/** Something worth a second look about a saved value, which was saved all the same (docs/domain.md §4). */
export interface SaveValueWarning {
  code: 'outlier';
  message_vi: string;
  message_en: string;
}

export interface SaveValueResult extends ValueSummary {
  /** `none` when the value was already exactly this (nothing written, version unchanged). */
  action: 'create' | 'update' | 'none';
  /** Outliers against the unit's own history; empty when there is nothing to look at. */
  warnings: SaveValueWarning[];
}

/** The stored columns of a checked value: booleans 1/0, a ratio's parts and its percentage (docs/domain.md §4). */
export function storedParts(n: NormalizedValue): {
  value: number;
  numerator: number | null;
  denominator: number | null;
} {
  switch (n.kind) {
    case 'number':
      return { value: n.value, numerator: null, denominator: null };
    case 'boolean':
      return { value: n.value ? 1 : 0, numerator: null, denominator: null };
    case 'ratio':
      return { value: n.value, numerator: n.numerator, denominator: n.denominator };
  }
}

/** The AppError refusing values that break validation rules, every violation listed. */
export function ruleViolationError(violations: readonly RuleViolation[]): AppError {
  const first = violations[0];
  return new AppError(
    'badInput',
    { vi: first?.message_vi ?? '', en: first?.message_en ?? '' },
    violations.map((v) => ({ field: `rule:${v.rule}`, message_vi: v.message_vi, message_en: v.message_en })),
  );
}

/**
 * Saves one value of an indicator for a unit and period (docs/domain.md §4): the actor must be allowed to enter
 * values at the unit; the value is checked against the indicator's value type, then saved with optimistic
 * concurrency (a stale version is refused, never overwritten) and audited; the validation rules naming the
 * indicator are checked against the unit's values for the period, and a violation refuses the save.
 */
export async function saveValue(
  ctx: AppContext,
  actor: Actor,
  input: SaveValueInput,
): Promise<SaveValueResult> {
  const indicator = await resolveIndicator(ctx.db, input.indicator, 'indicator');
  const unit = await resolveUnit(ctx.db, input.unit, 'unit');
  const unitRef = formatUnitRef(unit);
  authorizeWrite(actor, 'values:write', {
    row: ROW_NAMES.value({ indicator: indicator.code, unit: unitRef, period: input.period.trim() }),
    next: [rowUnit(unit, 'unit')],
  });
  const period = requirePeriod(input.period, 'period');
  const checked = validateValue(valueRules(indicator), {
    value: input.value,
    numerator: input.numerator,
    denominator: input.denominator,
  });
  if (!checked.ok) {
    throw new AppError(
      'badInput',
      { vi: checked.message_vi, en: checked.message_en },
      checked.problems.map((p) => ({ field: p.field, message_vi: p.message_vi, message_en: p.message_en })),
    );
  }
  const parts = storedParts(checked.normalized);
  const settings = outlierSettings(ctx);
  const comment = input.comment?.normalize('NFC').trim() || null;
  return ctx.db.transaction(async (tx) => {
    // Approved periods are locked against every path: form, API, CLI and import (issue 7).
    await assertValuesEditable(tx, { indicatorId: indicator.id, unitId: unit.id, period: period.id });
    const saved = await storeValue(
      tx,
      {
        indicator,
        unit,
        period,
        ...parts,
        comment,
        expectedVersion: input.version ?? null,
        at: ctx.now(),
      },
      actor,
    );
    if (saved.action !== 'none') {
      const violations = await checkRulesForValues(tx, unit.id, period.id, [indicator.code]);
      if (violations.length > 0) throw ruleViolationError(violations);
    }
    const row = saved.row;
    const warnings: SaveValueWarning[] = [];
    if (checked.normalized.kind !== 'boolean') {
      const [outlier] = await findOutliers(
        tx,
        [
          {
            indicatorId: indicator.id,
            unitId: unit.id,
            periodType: period.type,
            period: period.id,
            periodStart: periodStart(period),
            value: parts.value,
            indicatorName: indicator.nameVi,
            unitName: unit.name,
          },
        ],
        settings,
      );
      if (outlier) {
        warnings.push({ code: 'outlier', message_vi: outlier.message_vi, message_en: outlier.message_en });
      }
    }
    return {
      indicator: indicator.code,
      unit: unitRef,
      unitName: unit.name,
      period: row.period,
      valueType: indicator.valueType,
      value: fromStored(indicator.valueType, row.value),
      numerator: row.numerator,
      denominator: row.denominator,
      comment: row.comment,
      version: row.version,
      source: row.source,
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt.toISOString(),
      action: saved.action,
      warnings,
    };
  });
}
