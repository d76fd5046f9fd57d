import { AppError, type ProblemDetail } from '../../domain/app-error.js';
import { CURRENT_UNIT_SET } from '../../domain/unit-ref.js';
import { findTakenUnitCodes } from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';

/**
 * Refuses workspace unit codes that repeat a current official (2025) code (docs/domain.md §2: a bare code names
 * the current set first, so such a unit could never be reached). Every offending code is listed; pass
 * `rows` (code → spreadsheet row) to name the rows of an import's `units` sheet.
 */
export async function assertWorkspaceCodesFree(
  q: Queryable,
  codes: readonly string[],
  rows?: ReadonlyMap<string, number>,
): Promise<void> {
  const taken = await findTakenUnitCodes(q, CURRENT_UNIT_SET, codes);
  if (taken.length === 0) return;
  const details: ProblemDetail[] = taken.map((code) => ({
    ...(rows?.has(code) ? { sheet: 'units', row: rows.get(code), column: 'code' } : { field: 'code' }),
    message_vi: `Mã «${code}» trùng mã một đơn vị hành chính hiện hành (bộ 2025); hãy chọn mã khác (ví dụ thêm tiền tố như LCI-${code}).`,
    message_en: `Code «${code}» repeats the code of a current administrative unit (set 2025); choose another (e.g. with a prefix such as LCI-${code}).`,
  }));
  throw new AppError(
    'badInput',
    {
      vi: `Mã đơn vị tự thêm không được trùng mã đơn vị hành chính hiện hành: ${taken.join(', ')}.`,
      en: `A workspace unit code may not repeat a current administrative unit code: ${taken.join(', ')}.`,
    },
    details,
  );
}
