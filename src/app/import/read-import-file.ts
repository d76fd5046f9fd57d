// Reads what `dxmon import` and `POST /api/v1/imports` are given — an .xlsx workbook, a folder of .csv files,
// one .csv sheet, or a DHIS2 dataValueSet (.json) — into one RawWorkbook, so the rest of the import treats them
// alike (docs/import.md and `dxmon export values --format dhis2`).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../domain/app-error.js';
import { parseDecimal } from '../../domain/validate-value.js';
import { dhis2RowsToValuesSheet, readDhis2Json, VALUES_SHEET_COLUMNS } from '../../io/read-dhis2.js';
import type { CellError, CellWarning, RawRow, RawWorkbook } from '../../io/read-workbook.js';
import { WorkbookReadError, readWorkbook, readWorkbookFromBuffer } from '../../io/read-workbook.js';

/** The containers an import reads. */
export type ImportFormat = 'xlsx' | 'csv' | 'dhis2';

/** What to import: a path (file or folder), or bytes received with their format. */
export type ImportSource =
  | { path: string }
  | { buffer: Uint8Array; format: 'xlsx' | 'dhis2'; name?: string }
  | { buffer: Uint8Array; format: 'csv'; sheet: string; name?: string };

/** A workbook read for import, with the container it came from. */
export interface ReadImport {
  format: ImportFormat;
  workbook: RawWorkbook;
}

/** The DHIS2 field each `values` column comes from, to name DHIS2 fields in messages. */
const DHIS2_FIELD: Readonly<Record<string, string>> = {
  indicator_code: 'dataElement',
  unit_code: 'orgUnit',
  period: 'period',
  value: 'value',
  numerator: 'value',
  denominator: 'value',
  comment: 'comment',
};

/** The DHIS2 field a `values` column comes from (`unit_code` → `orgUnit`). */
export function dhis2Field(column: string | undefined): string | undefined {
  return column === undefined ? undefined : (DHIS2_FIELD[column] ?? column);
}

/** The sheet name DHIS2 problems are reported under. */
export const DHIS2_SHEET = 'dataValues';

/** A file that cannot be read: 413 (`tooLarge`) when it passes a size limit, else 400 (`badInput`). */
export function fromReadError(error: WorkbookReadError): AppError {
  const code = error.code === 'tooLarge' ? 'tooLarge' : 'badInput';
  return new AppError(code, { vi: error.message_vi, en: error.message_en });
}

/**
 * Turns a DHIS2 dataValueSet's text into a workbook with one `values` sheet; DHIS2 numbers are written by a
 * program (`.` decimal point, no grouping), so they are passed on as numbers, never re-read as a person's
 * `10.851` (docs/domain.md §4).
 */
export function dhis2Workbook(text: string, source: string): RawWorkbook {
  const read = readDhis2Json(text);
  const rows: RawRow[] = dhis2RowsToValuesSheet(read.rows).map((r) => {
    const numbers: Record<string, number> = {};
    for (const column of ['value', 'numerator', 'denominator'] as const) {
      const n = parseDecimal(r.cells[column], 'machine');
      if (n.ok) numbers[column] = n.value.value;
    }
    return { rowNumber: r.rowNumber, cells: { ...r.cells }, numbers };
  });
  return {
    source,
    sheets: new Map([['values', { name: 'values', headers: [...VALUES_SHEET_COLUMNS], rows }]]),
    errors: read.errors.map((e) => ({ ...e })),
    warnings: [],
  };
}

/** Names a problem of a DHIS2 file by the DHIS2 field (dataElement, orgUnit, …) rather than the sheet column. */
export function toDhis2Problem<T extends CellError | CellWarning>(problem: T): T {
  if (problem.sheet !== 'values') return problem;
  const column = problem.column === null ? null : (DHIS2_FIELD[problem.column] ?? problem.column);
  return { ...problem, sheet: DHIS2_SHEET, column } as T;
}

/** Bytes to import, as a file gives them on disk or over HTTP; CSV bytes hold one sheet, named SHEET. */
export type ImportBytes =
  | { buffer: Uint8Array; format: 'xlsx' | 'dhis2'; name: string }
  | { buffer: Uint8Array; format: 'csv'; sheet: string; name: string };

/**
 * Reads the bytes of one file, the same way whether `dxmon import` read them from disk or `POST /api/v1/imports`
 * received them: a workbook, one CSV sheet, or a DHIS2 dataValueSet.
 */
export async function readImportBytes(bytes: ImportBytes, signal?: AbortSignal): Promise<ReadImport> {
  const { buffer, name } = bytes;
  if (bytes.format === 'csv') {
    const file = { name: `${bytes.sheet}.csv`, data: buffer };
    return { format: 'csv', workbook: await readWorkbookFromBuffer(null, 'csv-files', [file], name) };
  }
  if (bytes.format === 'dhis2')
    return { format: 'dhis2', workbook: dhis2Workbook(decodeUtf8(buffer, name), name) };
  return {
    format: 'xlsx',
    workbook: await readWorkbookFromBuffer(buffer, 'xlsx', undefined, name, { signal }),
  };
}

const FILE_FORMATS: Readonly<Record<string, ImportFormat>> = {
  '.json': 'dhis2',
  '.xlsx': 'xlsx',
  '.csv': 'csv',
};

/**
 * Reads an import's source: a path (`.json` as DHIS2, `.xlsx`, `.csv` — read through readImportBytes, as an
 * upload is — or a folder of `.csv` files) or uploaded bytes; refuses with `badInput` when the file cannot be
 * read at all.
 */
export async function readImportFile(source: ImportSource, signal?: AbortSignal): Promise<ReadImport> {
  try {
    if (!('path' in source)) {
      const name = source.name ?? 'upload';
      return await readImportBytes(
        source.format === 'csv'
          ? { ...source, name }
          : { buffer: source.buffer, format: source.format, name },
        signal,
      );
    }
    const ext = path.extname(source.path).toLowerCase();
    const format = FILE_FORMATS[ext];
    const isFile = await stat(source.path).then(
      (info) => info.isFile(),
      () => false,
    );
    if (format === undefined || !isFile) {
      // A folder of .csv files; or a path that is missing or of another kind, which readWorkbook refuses.
      return { format: 'csv', workbook: await readWorkbook(source.path, { signal }) };
    }
    const buffer = await readFile(source.path);
    const name = source.path;
    if (format === 'csv') {
      return await readImportBytes(
        { buffer, format, sheet: path.basename(source.path, path.extname(source.path)), name },
        signal,
      );
    }
    return await readImportBytes({ buffer, format, name }, signal);
  } catch (error) {
    if (error instanceof WorkbookReadError) throw fromReadError(error);
    throw error;
  }
}

function decodeUtf8(data: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new AppError('badInput', {
      vi: `Tệp «${name}» không phải văn bản UTF-8.`,
      en: `«${name}» is not UTF-8 text.`,
    });
  }
}
