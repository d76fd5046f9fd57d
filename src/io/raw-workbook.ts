// The plain shapes every workbook reader gives (an .xlsx in xlsx/, CSV files in read-csv.ts), before any
// meaning is given to the cells (that is `parseImportWorkbook` in import-schema.ts), and the error they throw
// when a file cannot be read at all. read-workbook.ts exports them to the rest of DX Monitor.

/** A problem located in a workbook cell, as the import reports it (docs/import.md): row 1 is the header. */
export interface CellError {
  /** The sheet name as written in the file (`values`, or the name of `values.csv` without `.csv`). */
  sheet: string;
  /** The row number the spreadsheet shows (the header is row 1, the first data row 2). */
  row: number;
  /** The column header as written in the file, or the canonical column name when the column is missing; '' when no column is at fault. */
  column: string;
  message_vi: string;
  message_en: string;
}

/** Something in a workbook that is ignored or worth a look but does not make the file invalid. */
export interface CellWarning {
  sheet: string;
  /** The row at fault, or null when it concerns the whole sheet or file. */
  row: number | null;
  /** The column at fault, or null. */
  column: string | null;
  message_vi: string;
  message_en: string;
}

/** One non-blank data row of a sheet. */
export interface RawRow {
  /** The row number the spreadsheet shows (the header is row 1). */
  rowNumber: number;
  /**
   * The text of each cell, by its column header as written in row 1 (not trimmed). Cells under a header
   * that repeats belong to its first column; cells of columns without a header are under `''`. Absent keys
   * are empty cells.
   */
  cells: Record<string, string>;
  /** For cells that held a number in an `.xlsx` (not text, not a percentage format), that number. */
  numbers: Record<string, number>;
}

/** One sheet: its header row and data rows. */
export interface RawSheet {
  /** The sheet name as written (`values.csv` gives `values`). */
  name: string;
  /** The texts of row 1, left to right; a blank header cell is `''`; blank cells at the end are left out. */
  headers: string[];
  /** The non-blank data rows, in order. */
  rows: RawRow[];
  /** For a sheet read from a CSV file: the separator and the text encoding it was read with, named in its errors. */
  csv?: CsvFormat;
}

/** How a CSV file was read: its field separator and its text encoding. */
export interface CsvFormat {
  separator: ',' | ';' | '\t';
  encoding: 'UTF-8';
}

/** A workbook read as text, sheet by sheet, with what was noticed on the way. */
export interface RawWorkbook {
  /** The path read, or the upload's name. */
  source: string;
  /** The sheets by name as written, in file order. */
  sheets: Map<string, RawSheet>;
  /** Problems that make the file unreadable in part (a CSV quote never closed). */
  errors: CellError[];
  /** Things ignored or worth a look (a file that is not `.csv`, a formula with no saved result). */
  warnings: CellWarning[];
}

/** A file of an upload: its name (a path is reduced to its base name) and bytes. */
export interface NamedFile {
  name: string;
  data: Uint8Array;
}

/**
 * Why a file cannot be read: `tooLarge` when a size limit is passed (the file, what it unpacks to, a zip bomb's
 * ratio: the API answers 413), `tooMany` when a count or length limit is passed (zip entries, rows, cells, the
 * characters of a cell), `unsafeXml` for a DOCTYPE or entity declaration in a part of an .xlsx.
 */
export type WorkbookReadErrorCode =
  'notFound' | 'unsupported' | 'unreadable' | 'notUtf8' | 'tooLarge' | 'tooMany' | 'unsafeXml';

/** The file or folder cannot be read at all; thrown by `readWorkbook` and `readWorkbookFromBuffer`. */
export class WorkbookReadError extends Error {
  readonly code: WorkbookReadErrorCode;
  readonly message_vi: string;
  readonly message_en: string;

  constructor(code: WorkbookReadErrorCode, message_vi: string, message_en: string) {
    super(message_en);
    this.name = 'WorkbookReadError';
    this.code = code;
    this.message_vi = message_vi;
    this.message_en = message_en;
  }
}

/** Drops the blank headers at the end of a header row. */
export function trimTrailingBlanks(headers: readonly string[]): string[] {
  let end = headers.length;
  while (end > 0 && (headers[end - 1] ?? '').trim() === '') end -= 1;
  return headers.slice(0, end);
}

/** A cell as read: its 1-based column, its text, and the number it holds when it is a number cell. */
export interface ReadCell {
  column: number;
  text: string;
  number?: number;
}

/** Builds a row from its cells (1-based columns), or null when every cell is blank. */
export function makeRow(
  rowNumber: number,
  headers: readonly string[],
  cells: readonly ReadCell[],
): RawRow | null {
  if (cells.every((c) => c.text.trim() === '')) return null;
  const row: RawRow = { rowNumber, cells: {}, numbers: {} };
  for (const { column, text, number } of cells) {
    const header = headers[column - 1] ?? '';
    if (header === '') {
      if (text.trim() === '' || row.cells[''] !== undefined) continue;
    } else if (headers.indexOf(header) !== column - 1) {
      continue; // a repeated header: its cells belong to the first column of that name
    }
    row.cells[header] = text;
    if (number !== undefined) row.numbers[header] = number;
  }
  return row;
}
