import { AppError } from '../../domain/app-error.js';
import { parsePeriod, periodEnd, periodStart, type Period } from '../../domain/period.js';
import type { UnitNoun } from '../../domain/register-change.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { Queryable } from '../../store/db.js';
import {
  registerValuesAt,
  type RegisterIndicatorRow,
  type RegisterUnitRow,
  type RegisterValueRow,
} from '../../store/registers.queries.js';
import type { UnitLevel } from '../../domain/unit-vocabulary.js';
import type { UnitRow } from '../../store/units.queries.js';
import { authorize } from '../authorize.js';
import { resolveIndicator } from '../catalogue/indicator-summary.js';
import type { Actor } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import type { RegisterUnit } from '../../contract/registers.js';

/** The indicator and root unit a register view is about. */
export interface RegisterScope {
  indicator: RegisterIndicatorRow;
  /** The root unit, or null for every unit. */
  unit: UnitRow | null;
  rootPath: string;
}

export function toRegisterUnit(row: RegisterUnitRow): RegisterUnit {
  return {
    code: formatUnitRef({ set: row.set, code: row.code }),
    name: row.name,
    parentCode:
      row.parentSet && row.parentCode ? formatUnitRef({ set: row.parentSet, code: row.parentCode }) : null,
    parentName: row.parentName,
  };
}

/** Parses a period a user wrote, naming the field at fault. */
export function checkedPeriod(text: string, field: string): Period {
  const parsed = parsePeriod(text);
  if (!parsed.ok) throw AppError.fromDomain('badInput', parsed.error, [{ field, ...parsed.error }]);
  return parsed.value;
}

/**
 * Finds the indicator of a register and the unit whose subtree is looked at; the actor must be able to read it.
 * With `booleanOnly`, refuses an indicator that is not yes/no (the lacking and change views count false values).
 */
export async function resolveRegisterScope(
  q: Queryable,
  actor: Actor,
  input: { indicator: string; unit?: string },
  booleanOnly: boolean,
): Promise<RegisterScope> {
  const indicator = await resolveIndicator(q, input.indicator);
  if (booleanOnly && indicator.valueType !== 'boolean') {
    throw new AppError(
      'badInput',
      {
        vi: `Chỉ tiêu «${indicator.code}» có kiểu ${indicator.valueType}, không phải có/không: không đếm được đơn vị còn thiếu.`,
        en: `Indicator «${indicator.code}» is of type ${indicator.valueType}, not yes/no: units lacking it cannot be counted.`,
      },
      [
        {
          field: 'indicator',
          message_vi: 'Cần chỉ tiêu kiểu có/không.',
          message_en: 'A yes/no indicator is needed.',
        },
      ],
    );
  }
  const unit = input.unit !== undefined ? await resolveUnit(q, input.unit, 'unit') : null;
  authorize(actor, 'read', unit?.path ?? '/', input.unit ?? '/');
  return { indicator, unit, rootPath: unit?.path ?? '/' };
}

/** A stored register value as yes/no: booleans are kept as 1 (yes) and 0 (no) in data_value.value. */
export function asBoolean(value: number | null): boolean | undefined {
  if (value === null) return undefined;
  return value !== 0;
}

/** Each unit's yes/no value of the register at a period under the scope's root (docs/domain.md §4). */
export async function registerValues(
  q: Queryable,
  scope: RegisterScope,
  period: Period,
): Promise<RegisterValueRow[]> {
  return registerValuesAt(q, {
    indicatorId: scope.indicator.id,
    period: period.id,
    start: periodStart(period),
    end: periodEnd(period),
    rootPath: scope.rootPath,
  });
}

const NOUNS: Partial<Record<UnitLevel, UnitNoun>> = {
  village: { vi: 'thôn', enOne: 'village', enMany: 'villages' },
  commune: { vi: 'xã', enOne: 'commune', enMany: 'communes' },
  district: { vi: 'huyện', enOne: 'district', enMany: 'districts' },
  province: { vi: 'tỉnh', enOne: 'province', enMany: 'provinces' },
};

/** How a sentence names the units a register counts, from the level most of them have. */
export function nounFor(rows: readonly { level: UnitLevel }[]): UnitNoun {
  const counts = new Map<UnitLevel, number>();
  for (const r of rows) counts.set(r.level, (counts.get(r.level) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return (top && NOUNS[top]) ?? { vi: 'đơn vị', enOne: 'unit', enMany: 'units' };
}
