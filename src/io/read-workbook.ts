// Reads an import workbook (INTERFACES.md "The import format") into plain text cells, before any meaning is
// given to them (that is `parseImportWorkbook` in import-schema.ts). Two containers are read the same way:
// an `.xlsx` workbook (exceljs) and a folder of `.csv` files named after the sheets (`values.csv`), or the same
// files uploaded over HTTP. Every cell becomes the text the spreadsheet shows:
// - numbers as the shortest text that gives them back, after rounding to the 15 significant digits Excel
//   keeps and shows (so a formula `=0.1+0.2` reads `0.3`, never `0.30000000000000004`); a number cell is
//   also kept as a number in `RawRow.numbers`, so `10.851` typed into a number cell is never mistaken for the
//   ambiguous text `10.851` (see parseDecimal in src/domain/validate-value.ts);
// - a number cell formatted as a percentage as the sheet shows it: 0.97 → `97%` (and not in `numbers`);
// - dates as `YYYY-MM-DD` (`YYYY-MM-DDTHH:MM:SS` when a time of day is set), booleans as `true`/`false`, rich
//   text as its plain text, a hyperlink as its text, a formula as its saved result, an error as its code
//   (`#DIV/0!`); the cells a merge covers, other than its top-left one, are empty.
// Row numbers are those the spreadsheet shows: the header is row 1. Blank rows are skipped, but still counted.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parseCsv } from './parse-csv.js';

/** A problem located in a workbook cell, as the import reports it (INTERFACES.md): row 1 is the header. */
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

export type WorkbookReadErrorCode = 'notFound' | 'unsupported' | 'unreadable' | 'notUtf8';

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

/**
 * Reads PATH: an `.xlsx` workbook, a folder of `.csv` files (one per sheet, named after it), or a single
 * `.csv` file (one sheet named after the file); throws WorkbookReadError when it cannot be read at all.
 */
export async function readWorkbook(filePath: string): Promise<RawWorkbook> {
  let info;
  try {
    info = await stat(filePath);
  } catch {
    throw new WorkbookReadError(
      'notFound',
      `Không tìm thấy tệp hay thư mục «${filePath}».`,
      `No file or folder «${filePath}».`,
    );
  }
  if (info.isDirectory()) {
    const names = (await readdir(filePath)).sort();
    const files: NamedFile[] = [];
    const skipped: string[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const full = path.join(filePath, name);
      if (!(await stat(full)).isFile()) continue;
      if (isCsvName(name)) files.push({ name, data: await readFile(full) });
      else skipped.push(name);
    }
    const workbook = readCsvFiles(files, filePath);
    for (const name of skipped) workbook.warnings.push(ignoredFileWarning(name));
    return workbook;
  }
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.xlsx') return readXlsx(await readFile(filePath), filePath);
  if (ext === '.csv')
    return readCsvFiles([{ name: path.basename(filePath), data: await readFile(filePath) }], filePath);
  throw unsupported(filePath);
}

/**
 * Reads an uploaded workbook: one `.xlsx` file's bytes (`kind` 'xlsx'), or several `.csv` files by name
 * (`kind` 'csv-files', `buf` null), the same way `readWorkbook` reads a file or a folder.
 */
export function readWorkbookFromBuffer(
  buf: Uint8Array,
  kind: 'xlsx',
  files?: undefined,
  source?: string,
): Promise<RawWorkbook>;
export function readWorkbookFromBuffer(
  buf: null,
  kind: 'csv-files',
  files: readonly NamedFile[],
  source?: string,
): Promise<RawWorkbook>;
export async function readWorkbookFromBuffer(
  buf: Uint8Array | null,
  kind: 'xlsx' | 'csv-files',
  files?: readonly NamedFile[],
  source = 'upload',
): Promise<RawWorkbook> {
  if (kind === 'xlsx') {
    if (buf === null) throw unsupported(source);
    return readXlsx(buf, source);
  }
  const csv: NamedFile[] = [];
  const skipped: string[] = [];
  for (const file of files ?? []) {
    const name = baseName(file.name);
    if (isCsvName(name)) csv.push({ name, data: file.data });
    else skipped.push(name);
  }
  const workbook = readCsvFiles(csv, source);
  for (const name of skipped) workbook.warnings.push(ignoredFileWarning(name));
  return workbook;
}

const isCsvName = (name: string): boolean => name.toLowerCase().endsWith('.csv') && name.length > 4;

const baseName = (name: string): string => name.split(/[\\/]/).pop() ?? name;

function unsupported(source: string): WorkbookReadError {
  return new WorkbookReadError(
    'unsupported',
    `Không đọc được «${source}»: chỉ nhận tệp Excel .xlsx (tệp .xls hay .ods cần lưu lại dạng .xlsx) hoặc thư mục các tệp .csv.`,
    `Cannot read «${source}»: only an Excel .xlsx workbook (save an .xls or .ods file as .xlsx) or a folder of .csv files is accepted.`,
  );
}

function ignoredFileWarning(name: string): CellWarning {
  return {
    sheet: name,
    row: null,
    column: null,
    message_vi: `Bỏ qua tệp «${name}»: không phải tệp .csv.`,
    message_en: `Ignored «${name}»: not a .csv file.`,
  };
}

// ---- CSV ---------------------------------------------------------------------------------------------------

function readCsvFiles(files: readonly NamedFile[], source: string): RawWorkbook {
  const workbook: RawWorkbook = { source, sheets: new Map(), errors: [], warnings: [] };
  for (const file of files) {
    const sheetName = file.name.slice(0, -'.csv'.length);
    if (workbook.sheets.has(sheetName)) {
      workbook.errors.push({
        sheet: sheetName,
        row: 1,
        column: '',
        message_vi: `Có hai tệp «${file.name}»; mỗi trang tính chỉ được một tệp.`,
        message_en: `There are two files «${file.name}»; each sheet takes one file.`,
      });
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
    } catch {
      throw new WorkbookReadError(
        'notUtf8',
        `Tệp «${file.name}» không phải văn bản UTF-8: trong Excel hãy lưu bằng «CSV UTF-8 (Comma delimited)».`,
        `«${file.name}» is not UTF-8 text: in Excel, save it as «CSV UTF-8 (Comma delimited)».`,
      );
    }
    const { records, problem } = parseCsv(text);
    const [headerRecord = [], ...dataRecords] = records;
    const headers = trimTrailingBlanks(headerRecord);
    const rows: RawRow[] = [];
    dataRecords.forEach((fields, i) => {
      const row = makeRow(
        i + 2,
        headers,
        fields.map((text, c) => ({ column: c + 1, text })),
      );
      if (row) rows.push(row);
    });
    workbook.sheets.set(sheetName, { name: sheetName, headers, rows });
    if (problem) {
      workbook.errors.push({
        sheet: sheetName,
        row: problem.row,
        column: headers[problem.column - 1] ?? '',
        message_vi: 'Dấu ngoặc kép (") mở ở ô này không được đóng: phần còn lại của tệp bị coi là một ô.',
        message_en:
          'The double quote (") opened in this cell is never closed: the rest of the file reads as one cell.',
      });
    }
    if (headers.length === 1 && (headers[0] ?? '').includes(';')) {
      workbook.warnings.push({
        sheet: sheetName,
        row: 1,
        column: null,
        message_vi: 'Các cột có vẻ cách nhau bằng dấu chấm phẩy (;); tệp CSV phải dùng dấu phẩy (,).',
        message_en: 'The columns seem to be separated by semicolons (;); a CSV file must use commas (,).',
      });
    }
  }
  return workbook;
}

// ---- XLSX --------------------------------------------------------------------------------------------------

async function readXlsx(data: Uint8Array, source: string): Promise<RawWorkbook> {
  const wb = new ExcelJS.Workbook();
  try {
    // A copy as a plain ArrayBuffer: what exceljs's typings ask for, and what its zip reader takes.
    const bytes = new ArrayBuffer(data.byteLength);
    new Uint8Array(bytes).set(data);
    await wb.xlsx.load(bytes);
  } catch {
    throw new WorkbookReadError(
      'unreadable',
      `Không mở được «${source}» như một bảng tính Excel .xlsx (tệp hỏng, hoặc là định dạng khác như .xls).`,
      `Cannot open «${source}» as an Excel .xlsx workbook (the file is damaged, or another format such as .xls).`,
    );
  }
  const workbook: RawWorkbook = { source, sheets: new Map(), errors: [], warnings: [] };
  for (const ws of wb.worksheets) {
    const headerCells: { column: number; text: string }[] = [];
    const rowCells = new Map<number, { column: number; text: string; number?: number }[]>();
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: { column: number; text: string; number?: number }[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        const read = readXlsxCell(cell);
        if (read.noResult) {
          workbook.warnings.push({
            sheet: ws.name,
            row: rowNumber,
            column: null,
            message_vi: `Ô ${cell.address} có công thức nhưng chưa lưu kết quả; hãy mở và lưu lại tệp trong Excel.`,
            message_en: `Cell ${cell.address} holds a formula with no saved result; open and save the file in Excel.`,
          });
        }
        cells.push({
          column,
          text: read.text,
          ...(read.number === undefined ? {} : { number: read.number }),
        });
      });
      if (rowNumber === 1) headerCells.push(...cells);
      else rowCells.set(rowNumber, cells);
    });
    const headerTexts: string[] = [];
    for (const { column, text } of headerCells) headerTexts[column - 1] = text;
    const headers = trimTrailingBlanks(Array.from(headerTexts, (h) => h ?? ''));
    const rows: RawRow[] = [];
    for (const [rowNumber, cells] of [...rowCells].sort(([a], [b]) => a - b)) {
      const row = makeRow(rowNumber, headers, cells);
      if (row) rows.push(row);
    }
    if (!workbook.sheets.has(ws.name)) workbook.sheets.set(ws.name, { name: ws.name, headers, rows });
  }
  return workbook;
}

type XlsxRead = { text: string; number?: number; noResult?: boolean };

function readXlsxCell(cell: ExcelJS.Cell): XlsxRead {
  // A merge's covered cells report the top-left cell's value; the sheet shows it once.
  if (cell.type === ExcelJS.ValueType.Merge) return { text: '' };
  return convertValue(cell.value, cell.numFmt ?? '');
}

/** Excel keeps and shows 15 significant digits; rounding there removes binary artefacts such as 0.1 + 0.2. */
const excelNumber = (n: number): number => (Number.isFinite(n) ? Number(n.toPrecision(15)) || 0 : n);

/** Whether a number format shows a percentage: a `%` outside quoted literals and escapes. */
const isPercentFormat = (numFmt: string): boolean => /%/.test(numFmt.replace(/"[^"]*"|\\./g, ''));

function convertValue(value: unknown, numFmt: string): XlsxRead {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') {
    if (isPercentFormat(numFmt)) return { text: `${String(excelNumber(value * 100))}%` };
    const n = excelNumber(value);
    return { text: String(n), number: n };
  }
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) return { text: isoDate(value) };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const result = 'result' in value ? value.result : undefined;
      return result === undefined ? { text: '', noResult: true } : convertValue(result, numFmt);
    }
    if ('richText' in value && Array.isArray(value.richText)) {
      return { text: value.richText.map((part: unknown) => textOf(part)).join('') };
    }
    if ('hyperlink' in value && 'text' in value) {
      return typeof value.text === 'string' ? { text: value.text } : convertValue(value.text, numFmt);
    }
    if ('error' in value && typeof value.error === 'string') return { text: value.error };
  }
  return { text: String(value) };
}

function textOf(part: unknown): string {
  return typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string'
    ? part.text
    : '';
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A date as `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` when it carries a time of day (exceljs dates are UTC). */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? date : `${date}T${pad(h)}:${pad(m)}:${pad(s)}`;
}

// ---- Shared ------------------------------------------------------------------------------------------------

function trimTrailingBlanks(headers: readonly string[]): string[] {
  let end = headers.length;
  while (end > 0 && (headers[end - 1] ?? '').trim() === '') end -= 1;
  return headers.slice(0, end);
}

/** Builds a row from its cells (1-based columns), or null when every cell is blank. */
function makeRow(
  rowNumber: number,
  headers: readonly string[],
  cells: readonly { column: number; text: string; number?: number }[],
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
