// Writes the bulk register entry workbook (issue 5, docs/domain.md §4): one row per unit and indicator on a sheet
// named `values` in the import format (docs/import.md), so a filled template imports back as is. The import's
// columns come first, headed `Mã chỉ tiêu (indicator_code)` and so on (the import matches either part); the
// columns after them (unit name, parent, indicator name) are for the person filling it and the import ignores
// them with a warning. A yes/no cell offers a drop-down of `có` / `không`; a count cell accepts whole numbers ≥ 0.
// Cells are prefilled with the value carried forward from the latest earlier period, so only the changes need
// typing; a row left empty is refused by the import, which names it.
import ExcelJS from 'exceljs';
import { IMPORT_SHEETS } from './import-schema.js';

/** One row of the template: a unit's value of an indicator for the period (null: still to fill). */
export interface RegisterTemplateRow {
  indicatorCode: string;
  indicatorName: string;
  valueType: 'boolean' | 'count' | 'number' | 'percent' | 'money' | 'ratio';
  /** The unit code as users write it (`02686-T01`, `pre2025:02686`). */
  unitCode: string;
  unitName: string;
  parentName: string | null;
  period: string;
  value: boolean | number | null;
  comment: string | null;
}

/** The yes/no words the drop-down offers; parseBooleanWord reads both. */
export const YES_NO = { yes: 'có', no: 'không' } as const;

const IMPORT_COLUMNS = ['indicator_code', 'unit_code', 'period', 'value', 'comment'] as const;

function header(name: (typeof IMPORT_COLUMNS)[number]): string {
  const column = IMPORT_SHEETS.values.columns.find((c) => c.name === name);
  return column ? `${column.label_vi} (${name})` : name;
}

/** The headers of the template's `values` sheet, left to right. */
export const REGISTER_TEMPLATE_HEADERS: readonly string[] = [
  ...IMPORT_COLUMNS.map(header),
  'Tên đơn vị (unit_name)',
  'Thuộc (parent_name)',
  'Tên chỉ tiêu (indicator_name)',
];

function cellValue(row: RegisterTemplateRow): string | number | null {
  if (row.value === null) return null;
  if (typeof row.value === 'boolean') return row.value ? YES_NO.yes : YES_NO.no;
  return row.value;
}

/** Writes the register entry workbook (a single `values` sheet) and returns its bytes. */
export async function writeRegisterTemplate(
  rows: readonly RegisterTemplateRow[],
  options: { title?: string; creator?: string; created?: Date } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator ?? 'DX Monitor';
  if (options.created) workbook.created = options.created;
  if (options.title) workbook.title = options.title;
  const sheet = workbook.addWorksheet(IMPORT_SHEETS.values.name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = REGISTER_TEMPLATE_HEADERS.map((h, i) => ({
    header: h,
    width: [24, 18, 12, 12, 30, 28, 28, 40][i] ?? 20,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow([
      row.indicatorCode,
      row.unitCode,
      row.period,
      cellValue(row),
      row.comment,
      row.unitName,
      row.parentName,
      row.indicatorName,
    ]);
    // Codes and periods as text, so 2024 or 02686 never turn into numbers.
    for (const c of [1, 2, 3]) added.getCell(c).numFmt = '@';
    const value = added.getCell(4);
    value.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    if (row.valueType === 'boolean') {
      value.dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${YES_NO.yes},${YES_NO.no}"`],
        showErrorMessage: true,
        errorTitle: 'Có/không',
        error: 'Chọn «có» hoặc «không» / choose «có» (yes) or «không» (no).',
      };
    } else if (row.valueType === 'count') {
      value.dataValidation = {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        error: 'Số nguyên không âm / a whole number ≥ 0.',
      };
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
