import { AppError } from '../../domain/app-error.js';
import {
  parsePeriod,
  periodEnd,
  periodsOfYear,
  periodStart,
  previousPeriod,
  typeRank,
  type Period,
} from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { ValueType } from '../../domain/aggregate.js';
import type { ReviewState } from '../../domain/approval.js';
import { listValidationRules } from '../../store/catalogue.queries.js';
import {
  listEntryTargets,
  listEntryValues,
  listRegisterIndicators,
  listUnitReviewStates,
  listValuesByCode,
  listVillages,
  type EntryIndicatorRow,
  type EntryTargetRow,
  type EntryValueRow,
} from '../../store/entry.queries.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { findLockedValues, lockMessage } from '../review/assert-values-editable.js';
import { pickTarget } from '../templates/pick-target.js';
import { resolveUnit } from '../units/list-units.js';
import { fromStored } from './value-summary.js';
import type { EntryCell, EntryForm, EntryGroup, EntryMessage, EntryValue } from '../../contract/entry.js';

/** Value types whose values at a unit roll up into the actual of a unit above it (docs/domain.md §4, roll-up). */
const ROLLED_UP: readonly string[] = ['count', 'money', 'ratio'];

export interface EntryFormInput {
  unit: string;
  period?: string | undefined;
  plan?: string | undefined;
}

/** Every quarter, half and year of the plan's years that has begun by `today`, newest (by end) first. */
export function planPeriods(startYear: number, endYear: number, today: string): Period[] {
  const out: Period[] = [];
  for (let year = startYear; year <= endYear; year++) {
    for (const type of ['quarter', 'half', 'year'] as const) out.push(...periodsOfYear(year, type));
  }
  return out
    .filter((p) => periodStart(p) <= today)
    .sort((a, b) => periodEnd(b).localeCompare(periodEnd(a)) || typeRank(a.type) - typeRank(b.type));
}

function toValue(valueType: string, row: EntryValueRow | undefined): EntryValue {
  return {
    value: row ? fromStored(valueType as ValueType, row.value) : null,
    numerator: row?.numerator ?? null,
    denominator: row?.denominator ?? null,
    comment: row?.comment ?? null,
    version: row?.version ?? null,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

function bare(row: EntryIndicatorRow) {
  return {
    indicator: row.indicatorCode,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    valueType: row.valueType as ValueType,
    measureUnit: row.measureUnit,
    min: row.minValue,
    max: row.maxValue,
  };
}

/**
 * The entry form of a unit for a period (docs/data-entry.md, "The entry form"): the indicators the unit reports —
 * those of the plan's targets at the unit itself, and those at a unit above whose actual is rolled up from values
 * below (counts, money, ratios; for a department, only those it leads) — grouped as the plan groups them, each with its target, the stored value and
 * version, the value of the period before and its lock; then the unit's own registers, the validation rules they
 * are under, and the register grid of its villages (yes/no items × villages). The actor must be allowed to enter
 * values at the unit.
 */
export async function getEntryForm(ctx: AppContext, actor: Actor, input: EntryFormInput): Promise<EntryForm> {
  const unit = await resolveUnit(ctx.db, input.unit, 'unit');
  const unitRef = formatUnitRef(unit);
  authorize(actor, 'values:write', unit.path, unitRef);
  const targets = await listEntryTargets(ctx.db, { unitId: unit.id, unitPath: unit.path });
  const plans = [...new Map(targets.map((t) => [t.planCode, t])).values()];
  const plan = input.plan ? plans.find((p) => p.planCode === input.plan) : plans[0];
  if (input.plan && !plan) {
    throw new AppError('notFound', {
      vi: `Kế hoạch «${input.plan}» không có mục tiêu nào tại ${unit.name} hay đơn vị cấp trên.`,
      en: `Plan «${input.plan}» has no target at ${unit.name} or a unit above it.`,
    });
  }
  const today = ctx.now().toISOString().slice(0, 10);
  const periods = plan ? planPeriods(plan.startYear, plan.endYear, today) : [];
  const states = new Map(
    plan
      ? (await listUnitReviewStates(ctx.db, { planId: plan.planId, unitId: unit.id })).map((r) => [
          r.period,
          r.state,
        ])
      : [],
  );
  const stateOf = (id: string): ReviewState => states.get(id) ?? 'open';
  // By default the latest quarter still open to entry (not approved).
  const periodText =
    input.period ??
    periods.find((p) => p.type === 'quarter' && stateOf(p.id) !== 'approved')?.id ??
    periods[0]?.id;
  if (!periodText) {
    throw new AppError('badInput', {
      vi: 'Hãy chọn kỳ báo cáo (period).',
      en: 'Choose a reporting period (period).',
    });
  }
  const parsed = parsePeriod(periodText);
  if (!parsed.ok) throw AppError.fromDomain('badInput', parsed.error, [{ field: 'period', ...parsed.error }]);
  const period = parsed.value;
  const previous = previousPeriod(period);

  // The plan's indicators the unit reports, each with the target due for the period.
  const byIndicator = new Map<string, EntryTargetRow[]>();
  for (const t of targets) {
    if (t.planId !== plan?.planId) continue;
    if (!t.ownUnit && !ROLLED_UP.includes(t.valueType)) continue;
    // A department counts only toward the targets it leads; a commune or district toward every one above it.
    if (!t.ownUnit && unit.level === 'agency' && !t.ledByUnit) continue;
    byIndicator.set(t.indicatorCode, [...(byIndicator.get(t.indicatorCode) ?? []), t]);
  }
  const reported = [...byIndicator.values()].flatMap((list) => {
    const t = pickTarget(list, period) ?? list[0];
    return t ? [t] : [];
  });
  const own = await listRegisterIndicators(ctx.db, { level: unit.level, booleanOnly: false });
  const villageItems = await listRegisterIndicators(ctx.db, { level: 'village', booleanOnly: true });
  const villages = await listVillages(ctx.db, unit.id);

  const formRows: EntryIndicatorRow[] = [...reported, ...own];
  const formIds = formRows.map((r) => r.indicatorId);
  const values = await listEntryValues(ctx.db, {
    indicatorIds: formIds,
    unitIds: [unit.id],
    periods: [period.id, ...(previous ? [previous.id] : [])],
  });
  const gridValues = await listEntryValues(ctx.db, {
    indicatorIds: villageItems.map((r) => r.indicatorId),
    unitIds: villages.map((v) => v.id),
    periods: [period.id],
  });
  const valueAt = (list: EntryValueRow[], indicatorId: number, unitId: number, p: string) =>
    list.find((v) => v.indicatorId === indicatorId && v.unitId === unitId && v.period === p);

  // Locks: every cell of the form and the grid, in one query.
  const lockKeys = [
    ...formRows.map((r) => ({ indicatorId: r.indicatorId, unitId: unit.id, period: period.id })),
    ...villages.flatMap((v) =>
      villageItems.map((r) => ({ indicatorId: r.indicatorId, unitId: v.id, period: period.id })),
    ),
  ];
  const locks = new Map<string, EntryMessage>();
  for (const lock of await findLockedValues(ctx.db, lockKeys)) {
    const key = lockKeys[lock.index];
    const m = lockMessage(lock);
    if (key) locks.set(`${key.indicatorId}|${key.unitId}`, { message_vi: m.vi, message_en: m.en });
  }
  const lockOf = (indicatorId: number, unitId: number) => locks.get(`${indicatorId}|${unitId}`) ?? null;

  const cellOf = (row: EntryIndicatorRow, target: EntryTargetRow | null): EntryCell => {
    const before = previous ? valueAt(values, row.indicatorId, unit.id, previous.id) : undefined;
    return {
      ...bare(row),
      target: target?.target ?? null,
      targetPeriod: target?.targetPeriod ?? null,
      ...toValue(row.valueType, valueAt(values, row.indicatorId, unit.id, period.id)),
      previous:
        previous && before
          ? { period: previous.id, value: fromStored(row.valueType as ValueType, before.value) }
          : null,
      lock: lockOf(row.indicatorId, unit.id),
    };
  };
  const groups: EntryGroup[] = [];
  for (const t of reported) {
    let group = groups.find((g) => g.code === t.groupCode);
    if (!group) {
      group = { code: t.groupCode, nameVi: t.groupNameVi, nameEn: t.groupNameEn, cells: [] };
      groups.push(group);
    }
    group.cells.push(cellOf(t, t));
  }
  groups.sort((a, b) => {
    const sortOf = (g: EntryGroup) => reported.find((t) => t.groupCode === g.code)?.groupSort ?? 1e9;
    return sortOf(a) - sortOf(b);
  });
  if (own.length > 0) {
    groups.push({ code: 'registers', nameVi: null, nameEn: null, cells: own.map((r) => cellOf(r, null)) });
  }

  const rules = await listValidationRules(ctx.db, { indicatorCodes: formRows.map((r) => r.indicatorCode) });
  const ruleCodes = [...new Set(rules.flatMap((r) => r.indicatorCodes))];
  const ruleValues: Record<string, number> = {};
  for (const v of await listValuesByCode(ctx.db, { unitId: unit.id, period: period.id, codes: ruleCodes })) {
    ruleValues[v.indicatorCode] = v.value;
  }

  return {
    unit: { code: unitRef, name: unit.name, level: unit.level },
    period: period.id,
    plan: plan ? { code: plan.planCode, name: plan.planName } : null,
    plans: plans.map((p) => ({ code: p.planCode, name: p.planName })),
    periods: periods.map((p) => ({ id: p.id, state: stateOf(p.id) })),
    groups,
    rules: rules.map((r) => ({
      code: r.code,
      nameVi: r.nameVi,
      nameEn: r.nameEn,
      leftSide: r.leftSide,
      operator: r.operator,
      rightSide: r.rightSide,
      missingValueStrategy: r.missingValueStrategy,
    })),
    ruleValues,
    registers: {
      indicators:
        villages.length > 0
          ? villageItems.map((r) => ({ code: r.indicatorCode, nameVi: r.nameVi, nameEn: r.nameEn }))
          : [],
      villages: villages.map((v) => ({
        code: formatUnitRef(v),
        name: v.name,
        cells: villageItems.map((r) => {
          const row = valueAt(gridValues, r.indicatorId, v.id, period.id);
          return {
            indicator: r.indicatorCode,
            value: row ? row.value !== 0 && row.value !== null : null,
            version: row?.version ?? null,
            lock: lockOf(r.indicatorId, v.id),
          };
        }),
      })),
    },
  };
}
