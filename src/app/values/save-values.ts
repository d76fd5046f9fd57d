import { AppError, type ProblemDetail } from '../../domain/app-error.js';
import type { Period } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { validateValue } from '../../domain/validate-value.js';
import type { IndicatorRow } from '../../store/catalogue.queries.js';
import type { UnitRow } from '../../store/units.queries.js';
import { saveValue as storeValue } from '../../store/values.queries.js';
import { authorizeWrite, ROW_NAMES, rowUnit } from '../authorize.js';
import { resolveIndicator, valueRules } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { requirePeriod } from '../plans/create-target.js';
import { assertValuesEditableBulk } from '../review/assert-values-editable.js';
import { resolveUnit } from '../units/list-units.js';
import { checkRulesForCells } from './check-rules-for-values.js';
import { storedParts, type SaveValueInput } from './save-value.js';

/** The most values one batch may carry (a commune's villages × its registers is a few hundred). */
export const BATCH_LIMIT = 5000;

/** One value of a batch as written: its key, its new version and what was done. */
export interface BatchSaved {
  indicator: string;
  unit: string;
  period: string;
  version: number;
  action: 'create' | 'update' | 'none';
}

/** A value that passed its own checks, ready to write. */
interface PreparedValue {
  index: number;
  indicator: IndicatorRow;
  unit: UnitRow;
  period: Period;
  parts: ReturnType<typeof storedParts>;
  cell: SaveValueInput;
}

const field = (index: number, part?: string) => `values[${index}]${part ? `.${part}` : ''}`;

/**
 * Saves many values in one transaction, all or nothing (docs/data-entry.md, `PUT /values/batch`; the register grid
 * of the web app): each is checked as one save is (permission, value type and range, the approval lock, its version,
 * the validation rules once all are written), and when any fails nothing is written and every failing value is
 * listed by its position (`values[3].value`) with its message — 400 for bad values and broken rules, 409 for stale
 * versions, 423 for locked values.
 */
export async function saveValues(
  ctx: AppContext,
  actor: Actor,
  input: { values: readonly SaveValueInput[] },
): Promise<{ saved: BatchSaved[] }> {
  const indicators = new Map<string, IndicatorRow>();
  const units = new Map<string, UnitRow>();
  const prepared: PreparedValue[] = [];
  const problems: ProblemDetail[] = [];
  for (const [i, cell] of input.values.entries()) {
    const indicator =
      indicators.get(cell.indicator) ??
      (await resolveIndicator(ctx.db, cell.indicator, field(i, 'indicator')));
    indicators.set(cell.indicator, indicator);
    const unit = units.get(cell.unit) ?? (await resolveUnit(ctx.db, cell.unit, field(i, 'unit')));
    units.set(cell.unit, unit);
    authorizeWrite(actor, 'values:write', {
      row: ROW_NAMES.value({
        indicator: indicator.code,
        unit: formatUnitRef(unit),
        period: cell.period.trim(),
      }),
      next: [rowUnit(unit, field(i, 'unit'))],
    });
    const period = requirePeriod(cell.period, field(i, 'period'));
    const checked = validateValue(valueRules(indicator), {
      value: cell.value,
      numerator: cell.numerator,
      denominator: cell.denominator,
    });
    if (!checked.ok) {
      for (const p of checked.problems) {
        problems.push({ field: field(i, p.field), message_vi: p.message_vi, message_en: p.message_en });
      }
      continue;
    }
    prepared.push({ index: i, indicator, unit, period, parts: storedParts(checked.normalized), cell });
  }
  if (problems.length > 0) {
    throw new AppError(
      'badInput',
      {
        vi: `${problems.length} ô có giá trị không hợp lệ; không có gì được ghi.`,
        en: `${problems.length} cells hold invalid values; nothing was written.`,
      },
      problems,
    );
  }
  return ctx.db.transaction(async (tx) => {
    await assertValuesEditableBulk(
      tx,
      prepared.map((p) => ({ indicatorId: p.indicator.id, unitId: p.unit.id, period: p.period.id })),
      (position) => ({ field: field(prepared[position]?.index ?? position) }),
    );
    const saved: BatchSaved[] = [];
    const stale: ProblemDetail[] = [];
    const at = ctx.now();
    for (const p of prepared) {
      try {
        const result = await storeValue(
          tx,
          {
            indicator: p.indicator,
            unit: p.unit,
            period: p.period,
            ...p.parts,
            comment: p.cell.comment?.normalize('NFC').trim() || null,
            expectedVersion: p.cell.version ?? null,
            at,
          },
          actor,
        );
        saved.push({
          indicator: p.indicator.code,
          unit: formatUnitRef(p.unit),
          period: result.row.period,
          version: result.row.version,
          action: result.action,
        });
      } catch (error) {
        // A stale version is refused before anything of this value is written: gather them all, then roll back.
        if (!(error instanceof AppError) || error.code !== 'staleVersion') throw error;
        stale.push({
          field: field(p.index, 'version'),
          message_vi: error.message_vi,
          message_en: error.message_en,
        });
      }
    }
    if (stale.length > 0) {
      throw new AppError(
        'staleVersion',
        {
          vi: `${stale.length} ô đã được người khác thay đổi; không có gì được ghi. Hãy tải lại rồi lưu lại.`,
          en: `${stale.length} cells were changed by someone else; nothing was written. Reload and save again.`,
        },
        stale,
      );
    }
    const touched = prepared.map((p) => ({
      unitId: p.unit.id,
      period: p.period.id,
      indicatorCode: p.indicator.code,
    }));
    const violations = await checkRulesForCells(tx, touched);
    if (violations.length > 0) {
      throw new AppError(
        'badInput',
        { vi: violations[0]?.message_vi ?? '', en: violations[0]?.message_en ?? '' },
        violations.map((v) => {
          const first = prepared.find((p) => p.unit.id === v.unitId && p.period.id === v.period);
          return { field: field(first?.index ?? 0), message_vi: v.message_vi, message_en: v.message_en };
        }),
      );
    }
    return { saved };
  });
}
