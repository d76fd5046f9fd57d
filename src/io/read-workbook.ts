// Reads an import workbook (docs/import.md) into plain text cells, before any meaning is given to them (that is
// `parseImportWorkbook` in import-schema.ts). Two containers are read the same way: an `.xlsx` workbook
// (xlsx/read-xlsx.ts, how each cell reads is in xlsx/cell-values.ts) and a folder of `.csv` files named after
// the sheets (`values.csv`, read-csv.ts), or the same files uploaded over HTTP. Every read keeps to limits
// (read-limits.ts) checked while reading, before the memory they guard is spent.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { NamedFile, RawWorkbook } from './raw-workbook.js';
import { WorkbookReadError } from './raw-workbook.js';
import { ignoredFileWarning, readCsvFiles } from './read-csv.js';
import type { ReadLimits } from './read-limits.js';
import { limitError, readLimits } from './read-limits.js';
import { readXlsx } from './xlsx/read-xlsx.js';

export type {
  CellError,
  CellWarning,
  CsvFormat,
  NamedFile,
  RawRow,
  RawSheet,
  RawWorkbook,
  WorkbookReadErrorCode,
} from './raw-workbook.js';
export { WorkbookReadError } from './raw-workbook.js';
export type { ReadLimits } from './read-limits.js';
export { DEFAULT_READ_LIMITS } from './read-limits.js';

/** How a read may be told to stop (checked at each chunk read), and the limits it keeps to. */
export interface ReadOptions {
  signal?: AbortSignal;
  /** Limits replacing the defaults (DEFAULT_READ_LIMITS). */
  limits?: Partial<ReadLimits>;
}

/** Reads a file at PATH after checking its size against the limit, so a huge file is never loaded. */
async function readChecked(filePath: string, size: number, limits: ReadLimits): Promise<Buffer> {
  const name = path.basename(filePath);
  if (size > limits.maxFileBytes)
    throw limitError('maxFileBytes', limits, { vi: `Tệp «${name}»`, en: `File «${name}»` });
  return readFile(filePath);
}

/**
 * Reads PATH: an `.xlsx` workbook, a folder of `.csv` files (one per sheet, named after it), or a single
 * `.csv` file (one sheet named after the file); throws WorkbookReadError when it cannot be read at all.
 */
export async function readWorkbook(filePath: string, options: ReadOptions = {}): Promise<RawWorkbook> {
  const limits = readLimits(options.limits);
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
      const entry = await stat(full);
      if (!entry.isFile()) continue;
      if (isCsvName(name)) files.push({ name, data: await readChecked(full, entry.size, limits) });
      else skipped.push(name);
    }
    const workbook = await readCsvFiles(files, filePath, limits);
    for (const name of skipped) workbook.warnings.push(ignoredFileWarning(name));
    return workbook;
  }
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.xlsx')
    return readXlsx(await readChecked(filePath, info.size, limits), filePath, limits, options.signal);
  if (ext === '.csv') {
    const data = await readChecked(filePath, info.size, limits);
    return await readCsvFiles([{ name: path.basename(filePath), data }], filePath, limits);
  }
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
  const limits = readLimits(options.limits);
  if (kind === 'xlsx') {
    if (buf === null) throw unsupported(source);
    return readXlsx(buf, source, limits, options.signal);
  }
  const csv: NamedFile[] = [];
  const skipped: string[] = [];
  for (const file of files ?? []) {
    const name = baseName(file.name);
    if (isCsvName(name)) csv.push({ name, data: file.data });
    else skipped.push(name);
  }
  const workbook = await readCsvFiles(csv, source, limits);
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
