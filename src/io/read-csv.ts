// Reads the import format's CSV sheets (docs/import.md) with csv-parse: one file per sheet, named after it
// (`values.csv` is the sheet `values`), UTF-8 with or without a byte-order mark. The field separator is found
// in the header line: a comma, a semicolon (what LibreOffice and Excel write in a Vietnamese locale, where the
// comma is the decimal mark) or a tab, whichever the header line holds most of outside quotes. Fields may be
// in double quotes, `""` being a quote inside quotes; a line break inside quotes is kept as LF. It is lenient
// where a spreadsheet is: a quote inside an unquoted field, or text after a closing quote, is kept as written.
// The one thing it refuses is a quoted field never closed, which would otherwise swallow the rest of the file. A decimal comma (`12,5`) is
// text here like any cell; parseDecimal reads it later. Every error names the separator and encoding read with.
// A file is held whole (at most maxFileBytes, read-limits.ts) and cut a chunk at a time, giving the event loop a
// turn between; cutting stops one row past maxRows, and the cells are checked against their limits once it is
// cut, before any row is built.
import { isUtf8 } from 'node:buffer';
import { CsvError, parse as parseStream, type Options as CsvParseOptions } from 'csv-parse';
import type { CellWarning, CsvFormat, NamedFile, RawRow, RawWorkbook } from './raw-workbook.js';
import { WorkbookReadError, makeRow, trimTrailingBlanks } from './raw-workbook.js';
import type { ReadLimits } from './read-limits.js';
import { DEFAULT_READ_LIMITS, limitError, quantity } from './read-limits.js';
import { timeSlices, type TimeSlices } from './time-slices.js';

/** A CSV text cut into records (rows) of fields; `problem` says where a quoted field was left open. */
export interface CsvParse {
  /** The records in file order (up to a quote never closed); record i is row i + 1. Empty lines give `['']`. */
  records: string[][];
  /** A quoted field opened and never closed: the row (1-based record number) and column (1-based) it opens in. */
  problem: { code: 'unterminatedQuote'; row: number; column: number } | null;
}

export type CsvSeparator = CsvFormat['separator'];

const SEPARATORS: readonly CsvSeparator[] = [',', ';', '\t'];

/** The separator of a CSV text: the one of `,` `;` tab its first line holds most of outside quotes (`,` if none). */
export function detectSeparator(text: string): CsvSeparator {
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && SEPARATORS.includes(c as CsvSeparator)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: CsvSeparator = ',';
  for (const s of SEPARATORS) if ((counts.get(s) ?? 0) > (counts.get(best) ?? 0)) best = s;
  return best;
}

/** The beginning of a CSV text, enough to hold its header line. */
const headerText = (text: string | Buffer): string =>
  typeof text === 'string' ? text : text.subarray(0, 65_536).toString('utf8');

/** How a CSV file was read, for its messages: `(separator «;», encoding UTF-8)`. */
export function csvFormatText(format: CsvFormat): { vi: string; en: string } {
  const sep = format.separator === '\t' ? 'tab' : format.separator;
  return {
    vi: `(đọc với dấu phân cách «${sep}», bảng mã ${format.encoding})`,
    en: `(read with separator «${sep}», encoding ${format.encoding})`,
  };
}

/** Where a CSV limit was passed: the file, the row, and how the file was read. */
interface CsvPlace {
  file: string;
  format: CsvFormat;
  limits: ReadLimits;
  /** Cells already read in earlier files of the same workbook, for `maxCells`. */
  cellsBefore: number;
}

/** Bytes handed to the CSV parser at a time: between two, the event loop may take its turn. */
const CUT_CHUNK = 256 * 1024;

/**
 * Cuts bytes into records with csv-parse's streaming parser, a chunk at a time, giving the event loop a turn when
 * the time slice is spent: a file of a million rows never holds the server for the seconds it takes.
 */
async function cutRecords(
  bytes: Buffer,
  options: CsvParseOptions,
  slices: TimeSlices,
): Promise<{ records: string[][]; error: unknown }> {
  const records: string[][] = [];
  // Each record is taken as it is cut (nothing is queued in the stream), so an error leaves those before it here.
  const parser = parseStream({
    ...options,
    on_record: (record: string[]) => {
      records.push(record);
      return null;
    },
  });
  let error: unknown = null;
  const ended = new Promise<void>((resolve) => {
    parser.on('error', (e) => {
      error = e;
      resolve();
    });
    parser.on('end', resolve);
  });
  parser.resume();
  for (let at = 0; at < bytes.length && error === null; at += CUT_CHUNK) {
    parser.write(bytes.subarray(at, at + CUT_CHUNK));
    if (slices.due()) await slices.pause();
  }
  parser.end();
  await ended;
  return { records, error };
}

/**
 * Cuts CSV text into records of fields, as a spreadsheet would show them, with SEPARATOR (found in the header
 * line when not given); throws WorkbookReadError when a limit is passed (rows, cells, characters of a cell).
 */
export async function parseCsv(
  text: string | Buffer,
  separator?: CsvSeparator,
  place?: CsvPlace,
  slices: TimeSlices = timeSlices(),
): Promise<CsvParse> {
  const format: CsvFormat = { separator: separator ?? detectSeparator(headerText(text)), encoding: 'UTF-8' };
  const at: CsvPlace = place ?? { file: 'CSV', format, limits: DEFAULT_READ_LIMITS, cellsBefore: 0 };
  const { limits } = at;
  let cells = at.cellsBefore;
  const where = (row: number, extra = { vi: '', en: '' }) => {
    const how = csvFormatText(at.format);
    return {
      vi: `Tệp «${at.file}» ${how.vi}, dòng ${quantity(row, false).vi}${extra.vi}`,
      en: `File «${at.file}» ${how.en}, row ${quantity(row, false).en}${extra.en}`,
    };
  };
  // Cutting stops after one row more than the limit allows: a file of too many rows is never read whole.
  const options: CsvParseOptions = {
    delimiter: format.separator,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    to: limits.maxRows + 1,
  };
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const { records, error } = await cutRecords(bytes, options, slices);
  let problem: CsvParse['problem'] = null;
  if (error !== null) {
    if (!(error instanceof CsvError)) throw error;
    if (error.code !== 'CSV_QUOTE_NOT_CLOSED') {
      const how = csvFormatText(at.format);
      throw new WorkbookReadError(
        'unreadable',
        `Không đọc được tệp «${at.file}» ${how.vi}: ${error.message}.`,
        `Cannot read «${at.file}» ${how.en}: ${error.message}.`,
      );
    }
    // The records before the one whose quote is never closed were handed on as they were cut.
    const { records: done, index } = error as CsvError & { records: number; index: number };
    records.length = done;
    problem = { code: 'unterminatedQuote', row: done + 1, column: index + 1 };
  }
  if (records.length > limits.maxRows) throw limitError('maxRows', limits, where(limits.maxRows + 1));
  for (let r = 0; r < records.length; r++) {
    if (slices.due()) await slices.pause();
    const record = records[r] ?? [];
    let filled = 0;
    for (let c = 0; c < record.length; c++) {
      const field = record[c] ?? '';
      if (field === '') continue;
      filled += 1;
      if (field.length > limits.maxCellLength) {
        const column = { vi: `, cột ${c + 1}`, en: `, column ${c + 1}` };
        throw limitError('maxCellLength', limits, where(r + 1, column));
      }
      // A line break inside quotes reads as LF, whatever the file's line ends.
      if (field.includes('\r')) record[c] = field.replace(/\r\n?/g, '\n');
    }
    if (filled > limits.maxCellsPerRow) throw limitError('maxCellsPerRow', limits, where(r + 1));
    cells += filled;
    if (cells > limits.maxCells) throw limitError('maxCells', limits, where(r + 1));
  }
  return { records, problem };
}

/** Reads CSV files into a workbook, each as the sheet of its name (`values.csv` → `values`). */
export async function readCsvFiles(
  files: readonly NamedFile[],
  source: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<RawWorkbook> {
  const slices = timeSlices();
  const workbook: RawWorkbook = { source, sheets: new Map(), errors: [], warnings: [] };
  let cellsBefore = 0;
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
    if (file.data.byteLength > limits.maxFileBytes) {
      throw limitError('maxFileBytes', limits, { vi: `Tệp «${file.name}»`, en: `File «${file.name}»` });
    }
    // Bytes, not a string: csv-parse cuts them faster, and decodes each field as UTF-8.
    const bytes = Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength);
    if (!isUtf8(bytes)) {
      throw new WorkbookReadError(
        'notUtf8',
        `Tệp «${file.name}» không phải văn bản UTF-8 (bảng mã duy nhất được nhận): trong Excel hãy lưu bằng «CSV UTF-8 (Comma delimited)».`,
        `«${file.name}» is not UTF-8 text (the one encoding accepted): in Excel, save it as «CSV UTF-8 (Comma delimited)».`,
      );
    }
    const format: CsvFormat = { separator: detectSeparator(headerText(bytes)), encoding: 'UTF-8' };
    const place: CsvPlace = { file: file.name, format, limits, cellsBefore };
    const { records, problem } = await parseCsv(bytes, format.separator, place, slices);
    const [headerRecord = [], ...dataRecords] = records;
    const headers = trimTrailingBlanks(headerRecord);
    const rows: RawRow[] = [];
    cellsBefore += headerRecord.filter((f) => f !== '').length;
    for (let i = 0; i < dataRecords.length; i++) {
      if (slices.due()) await slices.pause();
      const fields = dataRecords[i] ?? [];
      cellsBefore += fields.filter((f) => f !== '').length;
      const row = makeRow(
        i + 2,
        headers,
        fields.map((text, c) => ({ column: c + 1, text })),
      );
      if (row) rows.push(row);
    }
    workbook.sheets.set(sheetName, { name: sheetName, headers, rows, csv: format });
    if (problem) {
      const how = csvFormatText(format);
      workbook.errors.push({
        sheet: sheetName,
        row: problem.row,
        column: headers[problem.column - 1] ?? '',
        message_vi: `Dấu ngoặc kép (") mở ở ô này không được đóng: phần còn lại của tệp không đọc được ${how.vi}.`,
        message_en: `The double quote (") opened in this cell is never closed: the rest of the file cannot be read ${how.en}.`,
      });
    }
  }
  return workbook;
}

/** A file of a CSV folder or upload that is not a CSV file, ignored. */
export function ignoredFileWarning(name: string): CellWarning {
  return {
    sheet: name,
    row: null,
    column: null,
    message_vi: `Bỏ qua tệp «${name}»: không phải tệp .csv.`,
    message_en: `Ignored «${name}»: not a .csv file.`,
  };
}
