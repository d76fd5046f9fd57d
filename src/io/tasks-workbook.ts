// Writes the tasks of a reader's scope as an .xlsx workbook with one sheet named `tasks` in the import format
// (docs/import.md, docs/tasks.md): headed `Mã nhiệm vụ (code)` and so on (the import matches either part), the
// status as its Vietnamese label and `recurring` as có/không, each offered by a drop-down. Changed and imported
// back as is, it changes those tasks; rows left as they were change nothing.
import ExcelJS from 'exceljs';
import { TASK_STATUSES, type TaskStatus } from '../domain/task-status.js';
import { IMPORT_ENUM_LABELS, IMPORT_SHEETS } from './import-schema.js';

/** One task as the sheet holds it; the lead unit as users write it (`15`, `pre2025:10`, `LCI-STTTT`). */
export interface TaskSheetRow {
  code: string;
  programme: string;
  title: string;
  leadUnitCode: string;
  start: string | null;
  due: string | null;
  recurring: boolean;
  status: TaskStatus;
  note: string | null;
}

const COLUMNS = IMPORT_SHEETS.tasks.columns;

/** The headers of the `tasks` sheet, left to right: `Vietnamese label (column)`. */
export const TASK_SHEET_HEADERS: readonly string[] = COLUMNS.map((c) => `${c.label_vi} (${c.name})`);

const WIDTHS: Record<string, number> = { code: 16, programme: 14, title: 60, lead_unit_code: 18, note: 40 };
const STATUS_LABELS = TASK_STATUSES.map((s) => IMPORT_ENUM_LABELS.taskStatus[s]);

function cell(row: TaskSheetRow, column: string): string | null {
  switch (column) {
    case 'code':
      return row.code;
    case 'programme':
      return row.programme;
    case 'title':
      return row.title;
    case 'lead_unit_code':
      return row.leadUnitCode;
    case 'start':
      return row.start;
    case 'due':
      return row.due;
    case 'recurring':
      return row.recurring ? 'có' : 'không';
    case 'status':
      return IMPORT_ENUM_LABELS.taskStatus[row.status];
    case 'note':
      return row.note;
    default:
      return null;
  }
}

/** Writes the `tasks` workbook and returns its bytes. */
export async function writeTasksWorkbook(
  rows: readonly TaskSheetRow[],
  options: { creator?: string; created?: Date } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator ?? 'DX Monitor';
  if (options.created) workbook.created = options.created;
  const sheet = workbook.addWorksheet(IMPORT_SHEETS.tasks.name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
  });
  sheet.columns = COLUMNS.map((c, i) => ({ header: TASK_SHEET_HEADERS[i], width: WIDTHS[c.name] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(COLUMNS.map((c) => cell(row, c.name)));
    COLUMNS.forEach((c, i) => {
      const target = added.getCell(i + 1);
      // Codes and dates as text, so 2024-07-01 or 02686 never turn into numbers or serial dates.
      target.numFmt = '@';
      if (c.name === 'status') {
        target.dataValidation = {
          type: 'list',
          allowBlank: false,
          formulae: [`"${STATUS_LABELS.join(',')}"`],
          showErrorMessage: true,
          error: 'Chọn một trạng thái trong danh sách / choose a status from the list.',
        };
      } else if (c.name === 'recurring') {
        target.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: ['"có,không"'],
          showErrorMessage: true,
          error: 'Chọn «có» hoặc «không» / choose «có» (yes) or «không» (no).',
        };
      }
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
