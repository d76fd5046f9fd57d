import type { IndicatorSummary } from '../../contract/catalogue.js';
import { AppError } from '../../domain/app-error.js';
import type { ValueRules } from '../../domain/validate-value.js';
import { findIndicator, type IndicatorRow } from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';

export function toIndicatorSummary(row: IndicatorRow): IndicatorSummary {
  return {
    code: row.code,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    valueType: row.valueType,
    measureUnit: row.measureUnit,
    direction: row.direction,
    timeAggregation: row.timeAggregation,
    group: row.groupCode,
    description: row.description,
    min: row.minValue,
    max: row.maxValue,
  };
}

/** What a value of this indicator is checked against (docs/domain.md §4): its value type and own bounds. */
export function valueRules(row: Pick<IndicatorRow, 'valueType' | 'minValue' | 'maxValue'>): ValueRules {
  return { valueType: row.valueType, min: row.minValue, max: row.maxValue };
}

/** The indicator with this code, or a notFound naming the code and the field. */
export async function resolveIndicator(
  q: Queryable,
  code: string,
  field = 'indicator',
): Promise<IndicatorRow> {
  const row = await findIndicator(q, code.trim());
  if (!row) {
    throw new AppError(
      'notFound',
      {
        vi: `Không tìm thấy chỉ tiêu «${code}» (${field}).`,
        en: `Indicator «${code}» was not found (${field}).`,
      },
      [{ field, message_vi: `Không có chỉ tiêu «${code}».`, message_en: `No indicator «${code}».` }],
    );
  }
  return row;
}
