import type { Direction } from '../../domain/achievement.js';
import type { TimeAggregation, ValueType } from '../../domain/aggregate.js';
import { AppError } from '../../domain/app-error.js';
import { findIndicator, type IndicatorRow } from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';

/** An indicator as the API and CLI show it (docs/domain.md §4). */
export interface IndicatorSummary {
  code: string;
  nameVi: string;
  nameEn: string | null;
  valueType: ValueType;
  measureUnit: string | null;
  direction: Direction;
  timeAggregation: TimeAggregation;
  group: string | null;
  description: string | null;
}

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
  };
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
