import { AppError } from '../../domain/app-error.js';
import { periodEnd, periodStart } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { writeRegisterTemplate, type RegisterTemplateRow } from '../../io/register-template.js';
import {
  dominantValueLevel,
  latestValuesUpTo,
  unitsForRegister,
  type RegisterIndicatorRow,
} from '../../store/registers.queries.js';
import { unitLevelName, type UnitLevel } from '../../domain/unit-vocabulary.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { asBoolean, checkedPeriod, resolveRegisterScope } from './register-units.js';

export interface RegisterTemplateInput {
  /** One or more register indicators (yes/no or counts). */
  indicators: string[];
  period: string;
  /** The commune or province whose villages (or communes) the template lists. */
  unit: string;
  /** The level of the units listed; by default the level where the first indicator has most values, else village. */
  level?: UnitLevel;
}

export interface RegisterTemplate {
  fileName: string;
  bytes: Uint8Array;
  rows: number;
  units: number;
  level: UnitLevel;
}

const TEMPLATE_TYPES = new Set(['boolean', 'count', 'number', 'percent', 'money']);

/**
 * Builds the bulk register entry workbook (docs/domain.md §4, docs/import.md `values` sheet): a row for every unit of a
 * level under a commune or province and every indicator, prefilled with the latest value up to the period, with a
 * có/không drop-down on yes/no cells, round-tripping through the import.
 */
export async function buildRegisterTemplate(
  ctx: AppContext,
  actor: Actor,
  input: RegisterTemplateInput,
): Promise<RegisterTemplate> {
  const period = checkedPeriod(input.period, 'period');
  if (input.indicators.length === 0) {
    throw new AppError(
      'badInput',
      { vi: 'Cần ít nhất một chỉ tiêu.', en: 'At least one indicator is needed.' },
      [{ field: 'indicator', message_vi: 'Thiếu chỉ tiêu.', message_en: 'The indicator is missing.' }],
    );
  }
  const indicators: RegisterIndicatorRow[] = [];
  let unitRow = null;
  for (const code of [...new Set(input.indicators)]) {
    const scope = await resolveRegisterScope(ctx.db, actor, { indicator: code, unit: input.unit }, false);
    if (!TEMPLATE_TYPES.has(scope.indicator.valueType)) {
      throw new AppError(
        'badInput',
        {
          vi: `Chỉ tiêu «${code}» kiểu ${scope.indicator.valueType} không nhập được bằng mẫu này (cần có/không hoặc số).`,
          en: `Indicator «${code}» of type ${scope.indicator.valueType} cannot be entered with this template (yes/no or a number is needed).`,
        },
        [
          {
            field: 'indicator',
            message_vi: 'Kiểu chỉ tiêu không phù hợp.',
            message_en: 'Unsuitable value type.',
          },
        ],
      );
    }
    indicators.push(scope.indicator);
    unitRow = scope.unit;
  }
  if (!unitRow) throw new AppError('badInput', { vi: 'Thiếu đơn vị.', en: 'The unit is missing.' });
  // The workbook is for entering values: it follows the right to enter them at the unit, not only to read it.
  authorize(actor, 'values:write', unitRow.path, input.unit);
  const first = indicators[0] as RegisterIndicatorRow;
  const level = input.level ?? (await dominantValueLevel(ctx.db, first.id)) ?? 'village';
  const units = await unitsForRegister(ctx.db, {
    rootPath: unitRow.path,
    level,
    start: periodStart(period),
    end: periodEnd(period),
  });
  const root = formatUnitRef({ set: unitRow.set, code: unitRow.code });
  if (units.length === 0) {
    throw new AppError('badInput', {
      vi: `Không có đơn vị ${unitLevelName(level, 'vi')} nào thuộc «${root}» trong kỳ ${period.id}.`,
      en: `There is no unit of level ${unitLevelName(level, 'en')} under «${root}» in ${period.id}.`,
    });
  }
  const latest = await latestValuesUpTo(ctx.db, {
    indicatorIds: indicators.map((i) => i.id),
    rootPath: unitRow.path,
    level,
    end: periodEnd(period),
  });
  const known = new Map(latest.map((v) => [`${v.indicatorId}/${v.unitId}`, v]));
  const rows: RegisterTemplateRow[] = [];
  for (const unit of units) {
    for (const indicator of indicators) {
      const v = known.get(`${indicator.id}/${unit.unitId}`);
      const boolean = indicator.valueType === 'boolean';
      rows.push({
        indicatorCode: indicator.code,
        indicatorName: indicator.nameVi,
        valueType: indicator.valueType as RegisterTemplateRow['valueType'],
        unitCode: formatUnitRef({ set: unit.set, code: unit.code }),
        unitName: unit.name,
        parentName: unit.parentName,
        period: period.id,
        value: v === undefined || v.value === null ? null : boolean ? (asBoolean(v.value) ?? null) : v.value,
        // A comment belongs to its period: carried-forward values start without one.
        comment: v !== undefined && v.period === period.id ? v.comment : null,
      });
    }
  }
  const bytes = await writeRegisterTemplate(rows, {
    title: `${indicators.map((i) => i.code).join(', ')} — ${root} — ${period.id}`,
    created: ctx.now(),
  });
  const fileName = `registers-${indicators.map((i) => i.code).join('-')}-${root.replace(':', '-')}-${period.id}.xlsx`;
  return { fileName, bytes, rows: rows.length, units: units.length, level };
}
