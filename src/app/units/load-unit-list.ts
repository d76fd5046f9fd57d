import { AppError } from '../../domain/app-error.js';
import { foldVietnamese, removeDiacritics, stripUnitPrefix } from '../../domain/text.js';
import { parseImportWorkbook } from '../../io/import-schema.js';
import { readWorkbook } from '../../io/read-workbook.js';
import {
  countUnits,
  markUnitSetLoaded,
  refreshUnitPaths,
  upsertUnits,
  type UnitInput,
} from '../../store/units.queries.js';
import type { AppContext } from '../context.js';
import { NATIONAL_CODE, nationalUnit, type LoadOfficialUnitsResult } from './load-official-units.js';

/**
 * Loads an official unit list from a file in the `units` sheet format (docs/import.md) into an official
 * set — a newer list than the registry packages carry, say. A bare parent code names a unit of the same
 * set; a province without a parent hangs under the set's national root. All or nothing.
 */
export async function loadUnitList(
  ctx: AppContext,
  set: '2025' | 'pre2025',
  path: string,
): Promise<LoadOfficialUnitsResult> {
  const parsed = await parseImportWorkbook(await readWorkbook(path));
  const records = parsed.records.units;
  const problems = [...parsed.errors];
  if (records.length === 0 && problems.length === 0) {
    problems.push({
      sheet: 'units',
      row: 1,
      column: 'code',
      message_vi: 'Tệp không có trang «units» hoặc trang này trống.',
      message_en: 'The file has no «units» sheet, or it is empty.',
    });
  }
  if (problems.length > 0) {
    throw new AppError(
      'badInput',
      { vi: `Danh sách đơn vị ${path} không hợp lệ.`, en: `The unit list ${path} is invalid.` },
      problems,
    );
  }
  const units: UnitInput[] = records.map((r) => {
    const { bareName } = stripUnitPrefix(r.name);
    const parent = r.parentCode
      ? { set: r.parentCode.explicitSet ? r.parentCode.set : set, code: r.parentCode.code }
      : { set, code: NATIONAL_CODE };
    return {
      code: r.code,
      name: r.name,
      shortName: bareName,
      nameEn: removeDiacritics(bareName),
      searchName: foldVietnamese(r.name),
      level: r.kind,
      kind: r.kind,
      subtype: null,
      parent,
      validFrom: set === '2025' ? '2025-07-01' : null,
      validTo: set === 'pre2025' ? '2025-06-30' : null,
    };
  });
  return ctx.db.transaction(async (tx) => {
    const national = nationalUnit(null, null);
    const existing = await countUnits(tx, set);
    const { inserted, updated } = await upsertUnits(
      tx,
      set,
      existing.national ? units : [national, ...units],
    );
    const orphans = await tx.query<{ code: string }>(
      `SELECT code FROM unit WHERE set_code = $1 AND parent_id IS NULL AND level <> 'national' AND code = ANY($2::text[])`,
      [set, units.map((u) => u.code)],
    );
    if (orphans.length > 0) {
      const byCode = new Map(records.map((r) => [r.code, r]));
      throw new AppError(
        'badInput',
        {
          vi: `Danh sách đơn vị ${path} có mã đơn vị cha không tồn tại.`,
          en: `The unit list ${path} names parents that do not exist.`,
        },
        orphans.map(({ code }) => ({
          sheet: 'units',
          row: byCode.get(code)?.row,
          column: 'parent_code',
          message_vi: `Không tìm thấy đơn vị cha «${byCode.get(code)?.parentCode?.code}» của «${code}» trong bộ ${set}.`,
          message_en: `Parent «${byCode.get(code)?.parentCode?.code}» of «${code}» is not in unit set ${set}.`,
        })),
      );
    }
    if (inserted + updated > 0) await refreshUnitPaths(tx);
    await markUnitSetLoaded(tx, set, path);
    await tx.exec('ANALYZE unit;');
    return { set, source: path, inserted, updated, counts: await countUnits(tx, set), mapping: null };
  });
}
