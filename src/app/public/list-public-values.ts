import { AppError } from '../../domain/app-error.js';
import { parsePeriod } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { CSV_BOM, csvLine } from '../../io/csv.js';
import { listApprovedValues } from '../../store/reviews.queries.js';
import type { AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';

/** One published value: indicator, unit code and name, period and value — nothing internal (issue 7, open data). */
export interface PublicValue {
  indicator: string;
  indicatorName: string;
  unit: string;
  unitName: string;
  period: string;
  /** The value; for a ratio kept as numerator and denominator, 100 × numerator / denominator (docs/domain.md §4). */
  value: number | null;
}

/** The most values one open-data page returns, whatever limit the caller asks for. */
export const PUBLIC_VALUES_MAX = 10_000;
/** Values one open-data page returns when the caller gives no limit. */
const PUBLIC_VALUES_DEFAULT = 1000;

/**
 * The approved values matching the filters, for anyone without login: only values an approved review locks
 * (see findLockedValues) — never comments, who entered them, or anything not yet approved (issue 7).
 */
export async function listPublicValues(
  ctx: AppContext,
  input: { indicator?: string; unit?: string; period?: string; limit?: number; offset?: number },
): Promise<PublicValue[]> {
  let indicatorId: number | null = null;
  if (input.indicator) {
    const [row] = await ctx.db.query<{ id: number }>('SELECT id FROM indicator WHERE code = $1', [
      input.indicator,
    ]);
    if (!row) {
      throw new AppError('notFound', {
        vi: `Không tìm thấy chỉ tiêu «${input.indicator}».`,
        en: `Indicator «${input.indicator}» was not found.`,
      });
    }
    indicatorId = row.id;
  }
  const unit = input.unit ? await resolveUnit(ctx.db, input.unit) : null;
  if (input.period) {
    const parsed = parsePeriod(input.period);
    if (!parsed.ok)
      throw AppError.fromDomain('badInput', parsed.error, [{ field: 'period', ...parsed.error }]);
  }
  const rows = await listApprovedValues(ctx.db, {
    indicatorId,
    unitId: unit?.id ?? null,
    period: input.period ?? null,
    limit: Math.min(input.limit ?? PUBLIC_VALUES_DEFAULT, PUBLIC_VALUES_MAX),
    offset: input.offset ?? 0,
  });
  return rows.map((r) => ({
    indicator: r.indicator,
    indicatorName: r.indicatorName,
    unit: formatUnitRef({ set: r.unitSet, code: r.unitCode }),
    unitName: r.unitName,
    period: r.period,
    value: r.value ?? (r.numerator !== null && r.denominator ? (100 * r.numerator) / r.denominator : null),
  }));
}

const CSV_COLUMNS = ['indicator', 'indicatorName', 'unit', 'unitName', 'period', 'value'] as const;

/**
 * The values as RFC 4180 CSV with a header row, UTF-8 with a byte-order mark so spreadsheets read Vietnamese; text
 * cells (names, codes) that would begin a formula get a leading apostrophe, numbers never do (io/csv.ts).
 */
export function publicValuesCsv(values: readonly PublicValue[]): string {
  return (
    CSV_BOM +
    [CSV_COLUMNS, ...values.map((v) => CSV_COLUMNS.map((c) => v[c]))].map((cells) => csvLine(cells)).join('')
  );
}
