// Reads an import workbook (docs/import.md) into plain text cells, before any meaning is
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
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parseCsv } from './parse-csv.js';
import type { XmlHandler } from './scan-xml.js';
import { createXmlScanner, xmlAttribute } from './scan-xml.js';

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

/** How a read may be told to stop: the workbook reader checks `signal` between the chunks it reads. */
export interface ReadOptions {
  signal?: AbortSignal;
}

/**
 * Reads PATH: an `.xlsx` workbook, a folder of `.csv` files (one per sheet, named after it), or a single
 * `.csv` file (one sheet named after the file); throws WorkbookReadError when it cannot be read at all.
 */
export async function readWorkbook(filePath: string, options: ReadOptions = {}): Promise<RawWorkbook> {
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
  if (ext === '.xlsx') return readXlsx(await readFile(filePath), filePath, options.signal);
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
  options?: ReadOptions,
): Promise<RawWorkbook>;
export function readWorkbookFromBuffer(
  buf: null,
  kind: 'csv-files',
  files: readonly NamedFile[],
  source?: string,
  options?: ReadOptions,
): Promise<RawWorkbook>;
export async function readWorkbookFromBuffer(
  buf: Uint8Array | null,
  kind: 'xlsx' | 'csv-files',
  files?: readonly NamedFile[],
  source = 'upload',
  options: ReadOptions = {},
): Promise<RawWorkbook> {
  if (kind === 'xlsx') {
    if (buf === null) throw unsupported(source);
    return readXlsx(buf, source, options.signal);
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
//
// An .xlsx is read with exceljs's streaming reader, which unzips the parts one after the other and parses the
// workbook, relationships and styles parts; the worksheets and shared strings it hands over are read here,
// cell by cell, with the tokenizer of scan-xml.ts, without building a workbook in memory (3 to 5 times less
// time for 100,000 rows). exceljs's own streaming worksheet reader is not used: it decodes each chunk of a
// part on its own, so a Vietnamese letter cut by a chunk boundary reads as U+FFFD, and it loses the type of
// a formula's result, reading `#DIV/0!` as NaN and TRUE as 1. The cells are read exactly as exceljs's
// whole-workbook reader (`Workbook.xlsx.load`) reads them; it remains the reader of last resort: a workbook
// with something the streaming reader does not read the same way (a hyperlink to an address, rich text
// inside a cell, overlapping merges, rows or cells without their reference or out of order, a sheet name
// exceljs refuses, a part that is not XML it can cut...) is read again whole, and gives what it always gave.

async function readXlsx(data: Uint8Array, source: string, signal?: AbortSignal): Promise<RawWorkbook> {
  try {
    return await readXlsxStreaming(data, source, signal);
  } catch {
    // Not the common case: let the whole-workbook reader read it, or say why it cannot (unless told to stop).
    signal?.throwIfAborted();
  }
  return readXlsxWhole(data, source);
}

/** The streaming reader meets something it does not read as the whole-workbook reader does. */
class NotStreamable extends Error {
  constructor(what: string) {
    super(`not read by the streaming reader: ${what}`);
    this.name = 'NotStreamable';
  }
}

/** How a cell is written: its `t` attribute, and whether it holds a formula (FORMULA added). */
const enum CellKind {
  Number = 0, // no `t`, `n`, or one exceljs reads as a number
  SharedString = 1,
  Str = 2,
  InlineStr = 3,
  Bool = 4,
  Error = 5,
  Formula = 8,
}

function cellKind(t: string | undefined): CellKind {
  switch (t) {
    case 's':
      return CellKind.SharedString;
    case 'str':
      return CellKind.Str;
    case 'inlineStr':
      return CellKind.InlineStr;
    case 'b':
      return CellKind.Bool;
    case 'e':
      return CellKind.Error;
    default:
      return CellKind.Number;
  }
}

/**
 * A worksheet part's non-empty cells as written, before styles and shared strings give them their meaning,
 * kept in flat arrays (a hundred thousand rows are not a million small objects to keep and collect).
 */
interface XlsxSheetPart {
  sheetNo: string;
  /** Each row with cells, in file order: its number, and the index of its first cell in the arrays below. */
  rowNumbers: number[];
  rowStarts: number[];
  /** Each cell: its 1-based column, its CellKind, its style index (0 for none). */
  cols: number[];
  kinds: number[];
  styles: number[];
  /**
   * Each cell's `<v>` read as a number (a number, a shared string's index, a boolean's 0 or 1; NaN for
   * others), or as text (the text of a string, an error, a formula's result; undefined for others).
   */
  numbers: number[];
  texts: (string | undefined)[];
  merges: CellRange[];
}

interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The parts of exceljs's streaming WorkbookReader (4.4) used here, some of them not in its typings. */
interface StreamingWorkbookReader {
  parse(): AsyncIterable<{ eventType: string; value: unknown }>;
  on(event: 'entry', listener: (entry: { type: string }) => void): unknown;
  /** Replaced: reads `xl/sharedStrings.xml`. */
  _parseSharedStrings: (entry: NodeJS.ReadableStream) => AsyncGenerator<never, void>;
  /** Replaced: hands over a worksheet part's bytes and number (`sheet3.xml` is 3). */
  _parseWorksheet: (
    chunks: AsyncIterable<Uint8Array | string>,
    sheetNo: string,
  ) => Generator<{
    eventType: 'worksheet';
    value: { chunks: AsyncIterable<Uint8Array | string>; sheetNo: string };
  }>;
  sharedStrings?: unknown;
  workbookRels?: { Id?: unknown; Target?: unknown }[];
  model?: { sheets?: { name?: unknown; id?: unknown; rId?: unknown }[] };
  properties?: { model?: { date1904?: boolean } };
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
}

/**
 * Reads an .xlsx workbook's bytes with exceljs's streaming reader and the cell reading of this file; throws
 * when the workbook holds something only the whole-workbook reader reads (exported for the tests that
 * compare the two readers; `readWorkbook` falls back by itself).
 */
export async function readXlsxStreaming(
  data: Uint8Array,
  source: string,
  signal?: AbortSignal,
): Promise<RawWorkbook> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes], { objectMode: false }), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  }) as unknown as StreamingWorkbookReader;
  let stylesRead = false;
  reader.on('entry', (entry) => {
    if (entry.type === 'styles') stylesRead = true;
  });
  let strings: (string | null)[] | null = null;
  reader._parseSharedStrings = async function* (entry) {
    strings = await readSharedStringsPart(utf8Chunks(entry.pipe(new PassThrough()), signal));
    yield* [];
  };
  reader._parseWorksheet = function* (chunks, sheetNo) {
    yield { eventType: 'worksheet', value: { chunks, sheetNo } };
  };
  // Each worksheet is read when its part comes, even before the shared strings and styles it refers to
  // (Excel writes those after the worksheets): its cells are kept as written and given meaning at the end.
  // Without these two, exceljs would first copy such a worksheet to a temporary file.
  reader.sharedStrings = [];
  reader.workbookRels = [];
  const parts = new Map<string, XlsxSheetPart>();
  for await (const event of reader.parse()) {
    if (event.eventType !== 'worksheet') continue;
    const { chunks, sheetNo } = event.value as {
      chunks: AsyncIterable<Uint8Array | string>;
      sheetNo: string;
    };
    parts.set(
      `xl/worksheets/sheet${sheetNo}.xml`,
      await readWorksheetPart(utf8Chunks(chunks, signal), sheetNo),
    );
  }

  // The sheets in workbook order, named as exceljs names them (workbook-xform.js reconcile).
  const sheetDefs = reader.model?.sheets;
  if (!Array.isArray(sheetDefs)) throw new NotStreamable('no workbook part');
  const rels = new Map<unknown, unknown>();
  for (const rel of reader.workbookRels) rels.set(rel.Id, rel.Target);
  const ordered: { name: string; part: XlsxSheetPart }[] = [];
  const ids = new Set<unknown>();
  for (const def of sheetDefs) {
    const target = rels.get(def.rId);
    if (target === undefined) continue;
    if (typeof target !== 'string') throw new NotStreamable('a relationship without a target');
    const part = parts.get(`xl/${target.replace(/^(\s|\/xl\/)+/, '')}`);
    if (part === undefined) continue; // a chart sheet, or a worksheet part exceljs does not read either
    if (
      typeof def.id !== 'number' ||
      !(def.id >= 1) ||
      ids.has(def.id) ||
      ordered.some((o) => o.part === part)
    )
      throw new NotStreamable('sheet ids');
    ids.add(def.id);
    if (!acceptedSheetName(def.name, ordered)) throw new NotStreamable('a sheet name exceljs refuses');
    ordered.push({ name: def.name, part });
  }

  const numFmts = new Map<number, string | undefined>();
  const context: XlsxContext = {
    strings,
    date1904: reader.properties?.model?.date1904 === true,
    numFmt: (style) => {
      // exceljs gives a cell no style for `s="0"`, nor when the workbook has no styles part.
      if (style === 0 || !stylesRead) return undefined;
      if (!numFmts.has(style)) numFmts.set(style, reader.styles.getStyleModel(style)?.numFmt);
      return numFmts.get(style);
    },
  };
  const workbook: RawWorkbook = { source, sheets: new Map(), errors: [], warnings: [] };
  for (const { name, part } of ordered) {
    const sheet = convertSheetPart(part, name, context, workbook.warnings);
    if (!workbook.sheets.has(name)) workbook.sheets.set(name, sheet);
  }
  return workbook;
}

/** Whether exceljs's Worksheet accepts NAME (doc/worksheet.js `set name`); a refused name makes it fail. */
function acceptedSheetName(name: unknown, before: readonly { name: string }[]): name is string {
  return (
    typeof name === 'string' &&
    name !== '' &&
    name !== 'History' &&
    name.length <= 31 &&
    !/[*?:/\\[\]]/.test(name) &&
    !/(^')|('$)/.test(name) &&
    !before.some((o) => o.name.toLowerCase() === name.toLowerCase())
  );
}

/**
 * Decodes a part's bytes as UTF-8 text, a character cut between two chunks being put back together; stops at the
 * next chunk once `signal` is aborted (the client went away, the server stops).
 */
async function* utf8Chunks(
  chunks: AsyncIterable<Uint8Array | string>,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}

/** `_x000D_` and the like: how a spreadsheet writes characters XML cannot hold (exceljs text-xform.js). */
const decodeXlsxEscapes = (s: string): string =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : s;

/**
 * Reads `xl/sharedStrings.xml` into the text of each string (rich text runs joined), as exceljs's
 * SharedStringsXform reads it; null for an entry exceljs reads as something else than text.
 */
async function readSharedStringsPart(chunks: AsyncIterable<string>): Promise<(string | null)[]> {
  const strings: (string | null)[] = [];
  let root = true;
  let item: { plain: string | undefined; runs: (string | undefined)[] } | null = null;
  let run: { text: string | undefined } | null = null;
  let skip = 0; // depth inside an element whose text does not count (phonetic runs, run properties)
  let text: string[] | null = null;
  const handler: XmlHandler = {
    wantsText: false,
    open(name) {
      if (root) {
        if (name !== 'sst') throw new NotStreamable('shared strings root');
        root = false;
      } else if (skip > 0) skip += 1;
      else if (item === null) {
        if (name !== 'si') throw new NotStreamable(`<${name}> in the shared strings`);
        item = { plain: undefined, runs: [] };
      } else if (name === 't') {
        text = [];
        handler.wantsText = true;
      } else if (run !== null) {
        if (name !== 'rPr') throw new NotStreamable(`<${name}> in a rich text run`);
        skip = 1;
      } else if (name === 'r') run = { text: undefined };
      else if (name === 'rPh' || name === 'phoneticPr') skip = 1;
      else throw new NotStreamable(`<${name}> in a shared string`);
    },
    close(name) {
      if (skip > 0) {
        skip -= 1;
      } else if (text !== null) {
        if (name !== 't') throw new NotStreamable(`<${name}> in a text`);
        const t = decodeXlsxEscapes(text.join(''));
        if (run !== null) run.text = t;
        else if (item !== null) item.plain = t;
        text = null;
        handler.wantsText = false;
      } else if (run !== null && name === 'r') {
        item?.runs.push(run.text);
        run = null;
      } else if (item !== null && name === 'si') {
        const { plain, runs } = item;
        if (runs.length > 0 && plain === undefined) strings.push(runs.map((r) => r ?? '').join(''));
        else if (runs.length === 0 && plain !== undefined) strings.push(plain);
        else strings.push(null);
        item = null;
      }
    },
    text(t) {
      text?.push(t);
    },
  };
  const scanner = createXmlScanner(handler);
  for await (const chunk of chunks) scanner.write(chunk);
  scanner.end();
  return strings;
}

const CELL_REF = /^([A-Z]{1,3})([1-9][0-9]*)$/;
// A cell as spreadsheets mostly write it: reference, style, type, a value needing no decoding, or nothing.
const PLAIN_CELL =
  /<c r="([A-Z]{1,3})([1-9][0-9]*)"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?(?:\/>|>(?:<v>([^<&\r]*)<\/v>)?<\/c>)/y;

/** The 1-based column of the letters of a cell reference (`AB` is 28), or NaN beyond Excel's 16,384. */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n <= 16384 ? n : NaN;
}

function parseRange(ref: string | undefined): CellRange {
  const m = /^([A-Z]{1,3})([1-9][0-9]*)(?::([A-Z]{1,3})([1-9][0-9]*))?$/.exec(ref ?? '');
  if (m === null) throw new NotStreamable(`merge ${ref ?? ''}`);
  const r1 = Number(m[2]);
  const c1 = columnNumber(m[1] ?? '');
  const r2 = m[4] === undefined ? r1 : Number(m[4]);
  const c2 = m[3] === undefined ? c1 : columnNumber(m[3]);
  if (Number.isNaN(c1) || Number.isNaN(c2)) throw new NotStreamable(`merge ${ref ?? ''}`);
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/**
 * Reads a worksheet part's rows and merges, keeping each cell as written, the way exceljs's CellXform reads
 * a `<c>` element (a value from `<v>` or `<is><t>`, a formula from `<f>`).
 */
async function readWorksheetPart(chunks: AsyncIterable<string>, sheetNo: string): Promise<XlsxSheetPart> {
  const part: XlsxSheetPart = {
    sheetNo,
    rowNumbers: [],
    rowStarts: [],
    cols: [],
    kinds: [],
    styles: [],
    numbers: [],
    texts: [],
    merges: [],
  };
  let root = true;
  let where: 'sheetData' | 'mergeCells' | 'hyperlinks' | null = null;
  // The row being read (0: none) and its `r` as written; the cell being read (col 0: none).
  let rowNumber = 0;
  let rowDigits = '';
  let col = 0;
  let lastCol = 0;
  let kind = CellKind.Number;
  let style = 0;
  let value: string | undefined;
  let formula = false;
  let capture: 'value' | 'formula' | null = null;
  const store = (): void => {
    if (lastCol === 0) {
      part.rowNumbers.push(rowNumber);
      part.rowStarts.push(part.cols.length);
    }
    part.cols.push(col);
    part.kinds.push(formula ? kind | CellKind.Formula : kind);
    part.styles.push(style);
    // Numbers kept as numbers, not text to keep until the end: fewer objects for the garbage collector.
    if (formula || value === undefined) {
      part.numbers.push(NaN);
      part.texts.push(value);
    } else if (kind === CellKind.Number) {
      part.numbers.push(parseFloat(value));
      part.texts.push(undefined);
    } else if (kind === CellKind.SharedString || kind === CellKind.Bool) {
      part.numbers.push(parseInt(value, 10));
      part.texts.push(undefined);
    } else {
      part.numbers.push(NaN);
      part.texts.push(value);
    }
    lastCol = col;
  };
  // Most cells are written one way: `<c r="B7" s="2" t="s"><v>14</v></c>`, or `<c r="B7" s="2"/>` empty; such
  // a cell, whole in the text, is read at once. Any other (or one cut by the chunk's end) is read tag by tag.
  const fastForward = (buf: string, at: number): number => {
    PLAIN_CELL.lastIndex = at;
    const m = PLAIN_CELL.exec(buf);
    if (m === null) return at;
    const letters = m[1] ?? '';
    const c = columnNumber(letters);
    if (m[2] !== rowDigits || !(c > lastCol)) return at; // let the slow path say what is wrong
    if (m[5] === undefined || m[5] === '') return PLAIN_CELL.lastIndex; // empty: no cell for exceljs
    col = c;
    kind = cellKind(m[4]);
    style = parseInt(m[3] ?? '', 10) || 0;
    value = m[5];
    formula = false;
    store();
    col = 0;
    return PLAIN_CELL.lastIndex;
  };
  const handler: XmlHandler = {
    wantsText: false,
    open(name, raw) {
      if (col !== 0) {
        if (name === 'v' || name === 't') capture = 'value';
        else if (name === 'f') {
          capture = 'formula';
          // A shared formula's `<f t="shared" si="0"/>` on the cells after its first is a formula too.
          if (xmlAttribute(raw, 't')) formula = true;
        } else if (name === 'is') return;
        else throw new NotStreamable(`<${name}> in a cell`);
        handler.wantsText = true;
        return;
      }
      if (root) {
        if (name !== 'worksheet') throw new NotStreamable('worksheet root');
        root = false;
        return;
      }
      if (where === 'sheetData') {
        if (name === 'row') {
          rowDigits = xmlAttribute(raw, 'r') ?? '';
          rowNumber = parseInt(rowDigits, 10);
          if (!(rowNumber >= 1) || String(rowNumber) !== rowDigits)
            throw new NotStreamable(`row ${rowDigits}`);
          lastCol = 0;
          handler.fastForward = fastForward;
        } else if (name === 'c') {
          const ref = xmlAttribute(raw, 'r') ?? '';
          const m = CELL_REF.exec(ref);
          col = columnNumber(m?.[1] ?? '');
          if (rowNumber === 0 || m === null || m[2] !== rowDigits || !(col > lastCol))
            throw new NotStreamable(`cell «${ref}» in row ${rowDigits}`);
          kind = cellKind(xmlAttribute(raw, 't'));
          style = parseInt(xmlAttribute(raw, 's') ?? '', 10) || 0;
          value = undefined;
          formula = false;
        }
      } else if (where === 'mergeCells') {
        if (name === 'mergeCell') part.merges.push(parseRange(xmlAttribute(raw, 'ref')));
      } else if (where === 'hyperlinks') {
        // exceljs turns a linked cell into a hyperlink value, and fails without the link's relationship.
        if (name === 'hyperlink' && xmlAttribute(raw, 'r:id') !== undefined)
          throw new NotStreamable('a hyperlink');
      } else if (name === 'sheetData' || name === 'mergeCells' || name === 'hyperlinks') where = name;
    },
    close(name) {
      if (capture !== null) {
        if (name === 'v' || name === 't' || name === 'f') {
          capture = null;
          handler.wantsText = false;
        }
      } else if (col !== 0) {
        if (name !== 'c') return;
        // An empty cell, maybe styled, is no cell for exceljs.
        if (formula || value !== undefined) store();
        col = 0;
      } else if (name === 'row') {
        rowNumber = 0;
        handler.fastForward = undefined;
      } else if (name === where) where = null;
    },
    text(t) {
      if (capture === 'value') value = value === undefined ? t : value + t;
      else if (t !== '') formula = true;
    },
  };
  const scanner = createXmlScanner(handler);
  for await (const chunk of chunks) scanner.write(chunk);
  scanner.end();
  return part;
}

interface XlsxContext {
  /** The shared strings' texts; null for one exceljs reads as something else. */
  strings: (string | null)[] | null;
  date1904: boolean;
  /** The number format of a style index, as exceljs's StyleManager gives it. */
  numFmt: (style: number) => string | undefined;
}

type ReadCell = { column: number; text: string; number?: number };

/**
 * Gives a worksheet part's cells their meaning (shared strings, number formats, dates), blanks the cells a
 * merge covers, and builds the sheet: the same rows, texts and warnings as the whole-workbook reader.
 */
function convertSheetPart(
  part: XlsxSheetPart,
  sheetName: string,
  context: XlsxContext,
  warnings: CellWarning[],
): RawSheet {
  // Rows by number; a number given twice keeps its last row, as exceljs does.
  const { rowNumbers, rowStarts, cols, kinds, styles, numbers: cellNumbers, texts } = part;
  const rowIndex = new Map<number, number>();
  let inOrder = true;
  for (let i = 0; i < rowNumbers.length; i++) {
    const n = rowNumbers[i] ?? 0;
    if (i > 0 && n <= (rowNumbers[i - 1] ?? 0)) inOrder = false;
    rowIndex.set(n, i);
  }
  const numbers = inOrder ? rowNumbers : [...rowIndex.keys()].sort((a, b) => a - b);

  // exceljs refuses a merge that overlaps another; the whole-workbook reader then fails on the file.
  const merges = part.merges;
  for (let i = 0; i < merges.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = merges[i];
      const b = merges[j];
      if (a && b && a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom)
        throw new NotStreamable('overlapping merges');
    }
  }
  const covered = new Map<number, [number, number][]>(); // row → the column spans merges cover in it
  for (const m of merges) {
    for (let k = lowerBound(numbers, m.top); k < numbers.length; k++) {
      const n = numbers[k] ?? 0;
      if (n > m.bottom) break;
      const left = n === m.top ? m.left + 1 : m.left;
      if (left > m.right) continue;
      const spans = covered.get(n) ?? [];
      spans.push([left, m.right]);
      covered.set(n, spans);
    }
  }

  let headers: string[] = [];
  const rows: RawRow[] = [];
  for (const rowNumber of numbers) {
    const r = rowIndex.get(rowNumber) ?? 0;
    const end = rowStarts[r + 1] ?? cols.length;
    const spans = covered.get(rowNumber);
    const cells: ReadCell[] = [];
    for (let i = rowStarts[r] ?? 0; i < end; i++) {
      const column = cols[i] ?? 0;
      if (spans !== undefined && spans.some(([left, right]) => column >= left && column <= right)) {
        cells.push({ column, text: '' });
        continue;
      }
      const read = convertXlsxCell(kinds[i] ?? 0, styles[i] ?? 0, cellNumbers[i] ?? NaN, texts[i], context);
      if (read.noResult)
        warnings.push(noResultWarning(sheetName, rowNumber, `${columnLetters(column)}${rowNumber}`));
      cells.push(
        read.number === undefined
          ? { column, text: read.text }
          : { column, text: read.text, number: read.number },
      );
    }
    // A covered cell the file leaves out reads as empty too (exceljs creates it); only under a header can it show.
    if (spans !== undefined && rowNumber > 1) {
      const present = new Set(cells.map((c) => c.column));
      for (const [left, right] of spans) {
        for (let column = left; column <= Math.min(right, headers.length); column++) {
          if (!present.has(column)) cells.push({ column, text: '' });
          present.add(column);
        }
      }
      cells.sort((a, b) => a.column - b.column);
    }
    if (rowNumber === 1) {
      const headerTexts: string[] = [];
      for (const { column, text } of cells) headerTexts[column - 1] = text;
      headers = trimTrailingBlanks(Array.from(headerTexts, (h) => h ?? ''));
    } else {
      const row = makeRow(rowNumber, headers, cells);
      if (row) rows.push(row);
    }
  }
  return { name: sheetName, headers, rows };
}

function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The first index of SORTED whose value is at least N. */
function lowerBound(sorted: readonly number[], n: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function noResultWarning(sheet: string, row: number, address: string): CellWarning {
  return {
    sheet,
    row,
    column: null,
    message_vi: `Ô ${address} có công thức nhưng chưa lưu kết quả; hãy mở và lưu lại tệp trong Excel.`,
    message_en: `Cell ${address} holds a formula with no saved result; open and save the file in Excel.`,
  };
}

/** exceljs's utils.xmlDecode, which it applies to `str` cells' text a second time. */
const xmlDecodeAgain = (s: string): string =>
  s.includes('&')
    ? s.replace(
        /&([a-z]*);/g,
        (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c,
      )
    : s;

/** exceljs's utils.isDateFmt: a number format with a date or time part, outside quotes and brackets. */
const isDateFormat = (numFmt: string | undefined): boolean =>
  numFmt !== undefined &&
  numFmt !== '' &&
  /[ymdhMsb]+/.test(numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** exceljs's utils.excelToDate: a serial day number (1900 or 1904 system) as a UTC date. */
const excelToDate = (v: unknown, date1904: boolean): Date =>
  new Date(Math.round((Number(v) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

/** A worksheet cell's text (and number), as the whole-workbook reader reads the same cell. */
function convertXlsxCell(
  kind: CellKind,
  style: number,
  n: number,
  v: string | undefined,
  context: XlsxContext,
): XlsxRead {
  const numFmt = style === 0 ? undefined : context.numFmt(style);
  switch (kind) {
    case CellKind.Number:
      return isDateFormat(numFmt)
        ? { text: isoDate(excelToDate(n, context.date1904)) }
        : convertValue(n, numFmt ?? '');
    case CellKind.SharedString: {
      const text = context.strings?.[n];
      if (text === undefined || text === null) throw new NotStreamable(`shared string ${n}`);
      return { text };
    }
    case CellKind.Bool:
      return { text: n !== 0 ? 'true' : 'false' };
    case CellKind.Str:
      return { text: xmlDecodeAgain(v ?? '') };
    case CellKind.InlineStr:
    case CellKind.Error:
      return { text: v ?? '' };
    default: {
      // A formula, its saved result in `<v>` as its type says.
      let result: unknown;
      if (v !== undefined) {
        const type = kind & ~CellKind.Formula;
        if (type === CellKind.Str) result = xmlDecodeAgain(v);
        else if (type === CellKind.Bool) result = parseInt(v, 10) !== 0;
        else if (type === CellKind.Error) result = { error: v };
        else result = parseFloat(v);
      }
      if (result !== undefined && isDateFormat(numFmt)) result = excelToDate(result, context.date1904);
      return formulaResult(result, numFmt ?? '');
    }
  }
}

/**
 * A formula cell's saved result as text. A result of 0 or FALSE is a result: exceljs's cell value leaves out
 * falsy results, which the reader once took for a formula never calculated.
 */
function formulaResult(result: unknown, numFmt: string): XlsxRead {
  if (result === undefined || (typeof result === 'number' && Number.isNaN(result)))
    return { text: '', noResult: true };
  return convertValue(result, numFmt);
}

// ---- XLSX: the whole-workbook reader -------------------------------------------------------------------

/**
 * Reads an .xlsx workbook's bytes with exceljs's whole-workbook reader, the reader of last resort; throws
 * WorkbookReadError when exceljs cannot open them.
 */
export async function readXlsxWhole(data: Uint8Array, source: string): Promise<RawWorkbook> {
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
    const headerCells: ReadCell[] = [];
    const rowCells = new Map<number, ReadCell[]>();
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: ReadCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        const read = readXlsxCell(cell);
        if (read.noResult) workbook.warnings.push(noResultWarning(ws.name, rowNumber, cell.address));
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
  // The saved result itself: the cell's value object leaves out a result of 0 or FALSE.
  if (cell.type === ExcelJS.ValueType.Formula) return formulaResult(cell.result, cell.numFmt ?? '');
  return convertValue(cell.value, cell.numFmt ?? '');
}

// ---- XLSX: cell values --------------------------------------------------------------------------------

/** Excel keeps and shows 15 significant digits; rounding there removes binary artefacts such as 0.1 + 0.2. */
const excelNumber = (n: number): number => {
  // An integer of at most 15 digits is already that (and the common case, read quicker); -0 reads 0.
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n === 0 ? 0 : n;
  return Number.isFinite(n) ? Number(n.toPrecision(15)) || 0 : n;
};

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
