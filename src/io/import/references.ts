// Unit codes as a cell writes them, the references records make to units, indicators and plans (checked
// against the file and the database by the import use case), and errors located in a parsed file.
import { CURRENT_UNIT_SET, splitUnitRef } from '../../domain/unit-ref.js';
import type { CellError } from '../read-workbook.js';
import type { SheetName } from './format.js';
import type { CellUnitRef, ImportRecords, ParsedImport, UnitSetName } from './records.js';
import { UNIT_SETS } from './records.js';

/** Why a unit code was refused. */
export type UnitRefError = { code: 'badUnitCode'; message_vi: string; message_en: string };

const SETS_TEXT = UNIT_SETS.join(', ');

/**
 * Reads a unit code as a cell writes it (docs/domain.md §2, docs/import.md): `15` (the current set, 2025) or
 * `set:code` with set `2025` or `pre2025` (`pre2025:10` is the old Lào Cai); a code has no spaces.
 */
export function parseCellUnitRef(
  text: string,
): { ok: true; value: CellUnitRef } | { ok: false; error: UnitRefError } {
  const s = text.normalize('NFC').trim();
  const bad = (vi: string, en: string) =>
    ({ ok: false, error: { code: 'badUnitCode', message_vi: vi, message_en: en } }) as const;
  const written = splitUnitRef(s);
  const setText = written.set?.trim() ?? null;
  const code = written.code.trim();
  let set: UnitSetName = CURRENT_UNIT_SET;
  if (setText !== null) {
    const found = UNIT_SETS.find((u) => u === setText.toLowerCase());
    if (!found) {
      return bad(
        `Mã đơn vị «${s}»: «${setText}» không phải bộ đơn vị nào (chỉ có ${SETS_TEXT}; ví dụ pre2025:10).`,
        `Unit code «${s}»: «${setText}» is not a unit set (only ${SETS_TEXT}; e.g. pre2025:10).`,
      );
    }
    set = found;
  }
  if (code === '') {
    return bad(
      `Mã đơn vị «${s}» thiếu mã sau dấu hai chấm.`,
      `Unit code «${s}» has no code after the colon.`,
    );
  }
  if (/[\s:]/.test(code)) {
    return bad(
      `Mã đơn vị «${s}» không được chứa khoảng trắng hay dấu hai chấm thứ hai.`,
      `Unit code «${s}» cannot contain spaces or a second colon.`,
    );
  }
  return { ok: true, value: { set, code, explicitSet: setText !== null } };
}

// ---- References --------------------------------------------------------------------------------------------

/** A code one record uses to name something that must exist, in the file or in the database. */
export type ImportReference =
  | { kind: 'unit'; sheet: SheetName; row: number; column: string; unit: CellUnitRef }
  | { kind: 'indicator'; sheet: SheetName; row: number; column: string; code: string }
  | { kind: 'plan'; sheet: SheetName; row: number; column: string; code: string };

/**
 * Lists every reference the records make to units, indicators and plans, with the sheet, row and column
 * (column name) naming it, for the use case to check against the file and the database. Index-node parents
 * are not listed: they are checked with the methodology tree (buildMethodologyTree).
 */
export function listReferences(records: ImportRecords): ImportReference[] {
  const refs: ImportReference[] = [];
  const unit = (sheet: SheetName, row: number, column: string, u: CellUnitRef | null): void => {
    if (u) refs.push({ kind: 'unit', sheet, row, column, unit: u });
  };
  const code = (
    kind: 'indicator' | 'plan',
    sheet: SheetName,
    row: number,
    column: string,
    c: string | null,
  ) => {
    if (c !== null) refs.push({ kind, sheet, row, column, code: c });
  };
  for (const r of records.units) unit('units', r.row, 'parent_code', r.parentCode);
  for (const r of records.plans) unit('plans', r.row, 'unit_code', r.unitCode);
  for (const r of records.targets) {
    code('plan', 'targets', r.row, 'plan_code', r.planCode);
    code('indicator', 'targets', r.row, 'indicator_code', r.indicatorCode);
    unit('targets', r.row, 'unit_code', r.unitCode);
    unit('targets', r.row, 'lead_unit_code', r.leadUnitCode);
  }
  for (const r of records.values) {
    code('indicator', 'values', r.row, 'indicator_code', r.indicatorCode);
    unit('values', r.row, 'unit_code', r.unitCode);
  }
  for (const r of records.tasks) unit('tasks', r.row, 'lead_unit_code', r.leadUnitCode);
  for (const r of records.index_nodes)
    code('indicator', 'index_nodes', r.row, 'indicator_code', r.indicatorCode);
  return refs;
}

/**
 * Builds a CellError for a cell of a parsed file, naming the sheet and column as the file writes them (the
 * canonical names when the sheet or column is not in the file), so a use case reports its own findings
 * (an unknown indicator, a value unfit for its type) the way parseImportWorkbook does.
 */
export function cellErrorAt(
  layout: ParsedImport['layout'],
  sheet: SheetName,
  row: number,
  column: string,
  message_vi: string,
  message_en: string,
): CellError {
  const l = layout[sheet];
  return { sheet: l?.name ?? sheet, row, column: l?.columns[column] ?? column, message_vi, message_en };
}
