// Writes the XLSX template a unit fills in for a plan and a period (issue 3, item 4): a `values` sheet with one
// row per target the unit reports, in the import format (docs/import.md) so that the filled file imports back
// as is, and a `Hướng dẫn` sheet with instructions in Vietnamese, then English.
//
// In the `values` sheet the key cells (indicator, unit, period) and the label columns after the import columns
// are locked and greyed; only the cells a unit fills in are unlocked (the sheet is protected without a
// password: protection guards against slips, not against intent). Booleans get a có/không drop-down, numbers a
// number format and a range check, unit codes are text so leading zeros survive.
import ExcelJS from 'exceljs';
import type { ValueType } from '../domain/aggregate.js';
import { formatVietnamTime } from '../domain/vietnam-time.js';
import { IMPORT_SHEETS } from './import-schema.js';

/** One row of a template: a target the unit reports, with the value stored for the period, if any. */
export interface TemplateRow {
  indicatorCode: string;
  /** As users write it: `15`, `pre2025:10`, `LCI-STTTT`. */
  unitCode: string;
  period: string;
  valueType: ValueType;
  indicatorName: string;
  unitName: string;
  measureUnit: string | null;
  /** The target the value is measured against (a percentage for a ratio; 1/0 for a boolean), if any. */
  target: number | null;
  targetPeriod: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

/** What a template is for, shown in its instructions. */
export interface EntryTemplate {
  plan: { code: string; name: string };
  period: { id: string; label_vi: string; label_en: string };
  /** The unit the template was made for (or whose subtree it covers). */
  unit: { code: string; name: string };
  rows: readonly TemplateRow[];
  generatedAt: Date;
}

/** The name of the instructions sheet; the import ignores it. */
export const TEMPLATE_INSTRUCTIONS_SHEET = 'Hướng dẫn';

/** The headers of the read-only label columns after the import columns; the import ignores them. */
export const TEMPLATE_LABEL_HEADERS = [
  'Tên chỉ tiêu',
  'Tên đơn vị',
  'Đơn vị tính',
  'Kiểu giá trị',
  'Chỉ tiêu kế hoạch',
  'Hạn kế hoạch',
] as const;

const VALUE_COLUMNS = IMPORT_SHEETS.values.columns;

/** `Mã chỉ tiêu (indicator_code)`: the Vietnamese label, then the column name; the import reads either. */
const header = (name: string, label: string): string => `${label} (${name})`;

const TYPE_LABEL: Record<ValueType, string> = {
  percent: 'phần trăm (0–100)',
  count: 'số đếm (số nguyên)',
  number: 'số',
  money: 'tiền (đồng)',
  boolean: 'có/không',
  ratio: 'tỷ số (tử số/mẫu số)',
};

const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };

const BOOLEAN_WORDS = ['có', 'không'] as const;

function numberFormat(type: ValueType): string {
  return type === 'count' || type === 'money' ? '#,##0' : 'General';
}

function numberCheck(type: ValueType): ExcelJS.DataValidation | null {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop' as const };
  switch (type) {
    case 'percent':
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [0, 100],
        errorTitle: 'Phần trăm',
        error: 'Nhập một số từ 0 đến 100 (không ghi dấu %). / Enter a number from 0 to 100.',
      };
    case 'count':
      return {
        ...common,
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Số đếm',
        error: 'Nhập một số nguyên không âm. / Enter a whole number, 0 or more.',
      };
    case 'money':
      return {
        ...common,
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Số tiền',
        error: 'Nhập một số không âm. / Enter a number, 0 or more.',
      };
    case 'ratio':
    case 'number':
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [-1e15, 1e15],
        error: 'Nhập một số. / Enter a number.',
      };
    case 'boolean':
      return null;
  }
}

function booleanWord(v: number | null): string | null {
  return v === null ? null : v !== 0 ? BOOLEAN_WORDS[0] : BOOLEAN_WORDS[1];
}

function instructions(t: EntryTemplate): string[] {
  const vi = [
    `MẪU NHẬP SỐ LIỆU — ${t.plan.name} (${t.plan.code})`,
    `Đơn vị: ${t.unit.name} (${t.unit.code}); kỳ báo cáo: ${t.period.label_vi} (${t.period.id}); tạo lúc ${formatVietnamTime(t.generatedAt)} (giờ Việt Nam).`,
    '',
    'Cách điền:',
    '1. Mở trang «values». Mỗi dòng là một chỉ tiêu mà đơn vị báo cáo cho kỳ này.',
    '2. Chỉ điền các ô trắng: Giá trị, Tử số và Mẫu số (với chỉ tiêu kiểu tỷ số), Ghi chú. Các ô xám đã khóa.',
    '3. Số thập phân ghi theo cách của Excel trên máy (36,8 hoặc 36.8); phần trăm ghi số từ 0 đến 100, không ghi dấu %.',
    '4. Chỉ tiêu có/không: chọn «có» hoặc «không» trong danh sách.',
    '5. Chỉ tiêu kiểu tỷ số: ghi tử số và mẫu số (tử số không lớn hơn mẫu số); ô Giá trị có thể để trống.',
    '6. Không đổi tên trang, không thêm hay xóa cột; có thể xóa những dòng không báo cáo.',
    '7. Lưu tệp (.xlsx) và nhập bằng lệnh «dxmon import TỆP» hoặc tải lên trong ứng dụng.',
    '   Nếu có ô sai, cả tệp bị từ chối và mọi ô sai được liệt kê (trang, dòng, cột); sửa rồi nhập lại.',
    '   Nhập lại cùng một tệp không thay đổi gì.',
    '',
    'Các cột xám bên phải (tên chỉ tiêu, đơn vị tính, chỉ tiêu kế hoạch …) chỉ để tham khảo; khi nhập, chúng được bỏ qua.',
  ];
  const en = [
    `DATA ENTRY TEMPLATE — ${t.plan.name} (${t.plan.code})`,
    `Unit: ${t.unit.name} (${t.unit.code}); reporting period: ${t.period.label_en} (${t.period.id}); generated ${formatVietnamTime(t.generatedAt)} (Vietnam time).`,
    '',
    'How to fill it in:',
    '1. Open the «values» sheet. Each row is an indicator the unit reports for this period.',
    '2. Fill in the white cells only: value, numerator and denominator (ratio indicators), comment. Grey cells are locked.',
    '3. Decimals as your Excel writes them (36.8 or 36,8); percentages as a number from 0 to 100, without a % sign.',
    '4. Yes/no indicators: pick «có» (yes) or «không» (no) from the list.',
    '5. Ratio indicators: give the numerator and the denominator (numerator not above denominator); the value may stay empty.',
    '6. Do not rename the sheet or add or remove columns; rows you do not report may be deleted.',
    '7. Save the file (.xlsx) and import it with «dxmon import FILE» or upload it in the app.',
    '   If any cell is wrong the whole file is refused and every bad cell is listed (sheet, row, column); fix and import again.',
    '   Importing the same file again changes nothing.',
    '',
    'The grey columns on the right (indicator name, measure unit, target …) are for reference; the import ignores them.',
  ];
  return [...vi, '', '', ...en];
}

/**
 * Writes the entry template for a plan, a period and a unit as XLSX bytes (issue 3 item 4; docs/import.md):
 * the `values` sheet in import order with Vietnamese headers, locked and greyed labels, the
 * current values filled in, a có/không drop-down for booleans and number formats; then the instructions.
 */
export async function writeEntryTemplate(t: EntryTemplate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DX Monitor';
  wb.created = t.generatedAt;
  const ws = wb.addWorksheet('values', { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  const headers = [...VALUE_COLUMNS.map((c) => header(c.name, c.label_vi)), ...TEMPLATE_LABEL_HEADERS];
  const widths = [18, 14, 10, 14, 12, 12, 36, 56, 28, 14, 20, 16, 12];
  ws.columns = headers.map((h, i) => ({ header: h, width: widths[i] ?? 14 }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.protection = { locked: true };
  });

  t.rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    const isRatio = r.valueType === 'ratio';
    const isBoolean = r.valueType === 'boolean';
    const set = (column: number, value: ExcelJS.CellValue, options: { locked: boolean; fmt?: string }) => {
      const cell = row.getCell(column);
      cell.value = value;
      cell.protection = { locked: options.locked };
      cell.fill = options.locked ? GREY : INPUT_FILL;
      if (options.fmt) cell.numFmt = options.fmt;
      return cell;
    };
    set(1, r.indicatorCode, { locked: true, fmt: '@' });
    set(2, r.unitCode, { locked: true, fmt: '@' });
    set(3, r.period, { locked: true, fmt: '@' });
    const value = set(4, isBoolean ? booleanWord(r.value) : isRatio ? null : r.value, {
      locked: false,
      fmt: isBoolean ? '@' : numberFormat(r.valueType),
    });
    if (isBoolean) {
      value.dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${BOOLEAN_WORDS.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Có/không',
        error: 'Chọn «có» hoặc «không». / Pick «có» (yes) or «không» (no).',
      };
    } else {
      const check = numberCheck(r.valueType);
      if (check) value.dataValidation = check;
    }
    for (const [column, part] of [
      [5, r.numerator],
      [6, r.denominator],
    ] as const) {
      const cell = set(column, isRatio ? part : null, { locked: !isRatio, fmt: 'General' });
      if (isRatio) {
        cell.dataValidation = {
          type: 'decimal',
          operator: 'greaterThanOrEqual',
          formulae: [0],
          allowBlank: true,
          showErrorMessage: true,
          error: 'Nhập một số không âm. / Enter a number, 0 or more.',
        };
      }
    }
    set(7, r.comment, { locked: false, fmt: '@' }).alignment = { wrapText: true };
    set(8, r.indicatorName, { locked: true }).alignment = { wrapText: true };
    set(9, r.unitName, { locked: true });
    set(10, r.measureUnit, { locked: true });
    set(11, TYPE_LABEL[r.valueType], { locked: true });
    set(12, isBoolean ? booleanWord(r.target) : r.target, { locked: true, fmt: numberFormat(r.valueType) });
    set(13, r.targetPeriod, { locked: true, fmt: '@' });
    row.commit();
  });
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
  });

  const help = wb.addWorksheet(TEMPLATE_INSTRUCTIONS_SHEET);
  help.getColumn(1).width = 120;
  instructions(t).forEach((line, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true };
    if (i === 0 || line.startsWith('DATA ENTRY')) cell.font = { bold: true, size: 13 };
  });
  const bytes = await wb.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}
