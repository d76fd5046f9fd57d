// What an import reports — its progress, its counts per sheet — and the refusals every path of it shares.
import { AppError, type ProblemDetail, type ProblemSheet } from '../../domain/app-error.js';
import type { CellError, CellWarning, SheetName } from '../../io/import-schema.js';
import type { RawWorkbook } from '../../io/raw-workbook.js';
import type { WriteCounts } from '../../store/import.queries.js';
import type { ImportFormat } from './read-import-file.js';
import type { SheetCounts, ValueChanges } from '../../contract/imports.js';

/** How far an import has got: rows read, checked, and values written. */
export interface ImportProgress {
  phase: 'read' | 'check' | 'write' | 'done';
  done: number;
  total: number;
}

/** The report of an import: counts per sheet and what was ignored. */
export interface ImportReport {
  dryRun: boolean;
  format: ImportFormat;
  sheets: Record<SheetName, SheetCounts>;
  /** The sheets of the file that are none of the import's, by name or header row, as written (docs/import.md). */
  skippedSheets: string[];
  warnings: CellWarning[];
  /** A dry run: the values sheet's rows, stored value beside the file's (value-changes.ts). */
  changes?: ValueChanges;
}

/** A sheet's counts from what its write wrote out of `rows` rows. */
export const counts = (written: WriteCounts, rows: number): SheetCounts => ({
  inserted: written.inserted,
  updated: written.updated,
  unchanged: rows - written.inserted - written.updated,
});

export const ZERO: SheetCounts = { inserted: 0, updated: 0, unchanged: 0 };

/** The whole file refused for its bad cells, nothing written. */
export function refused(problems: readonly ProblemDetail[]): AppError {
  return new AppError(
    'badInput',
    {
      vi: `Tệp bị từ chối: ${problems.length} ô lỗi; không có gì được ghi vào cơ sở dữ liệu.`,
      en: `The file was refused: ${problems.length} bad cell(s); nothing was written to the database.`,
    },
    problems,
  );
}

/** A bad cell as a problem detail of the refusal. */
export function detail(e: CellError): ProblemDetail {
  return { sheet: e.sheet, row: e.row, column: e.column, message_vi: e.message_vi, message_en: e.message_en };
}

/** The most rows of a refused file its refusal carries back (docs/import.md). */
export const REFUSED_ROWS_LIMIT = 200;

/**
 * The error again, carrying the file's rows its details name (at most REFUSED_ROWS_LIMIT) under their sheet's
 * header row, so that a reader can be shown each bad cell in place.
 */
export function withFileRows(error: AppError, workbook: RawWorkbook): AppError {
  // Rows refused for naming units outside the reader's scope are not sent back: the answer names their places
  // only, and a refusal never carries another unit's figures, even those the file itself brought.
  if (error.code === 'forbidden') return error;
  const wanted = new Map<string, Set<number>>();
  let count = 0;
  for (const d of error.details) {
    if (d.sheet === undefined || d.row === undefined || d.row < 2 || count >= REFUSED_ROWS_LIMIT) continue;
    const rows = wanted.get(d.sheet) ?? new Set<number>();
    if (!rows.has(d.row)) count += 1;
    wanted.set(d.sheet, rows.add(d.row));
  }
  const sheets: ProblemSheet[] = [];
  for (const [name, sheet] of workbook.sheets) {
    const rows = wanted.get(name);
    if (!rows && !error.details.some((d) => d.sheet === name)) continue;
    // A repeated header's cells belong to its first column (RawRow.cells).
    const first = sheet.headers.map((h, i) => sheet.headers.indexOf(h) === i);
    sheets.push({
      sheet: name,
      headers: sheet.headers,
      rows: sheet.rows
        .filter((r) => rows?.has(r.rowNumber))
        .map((r) => ({
          row: r.rowNumber,
          cells: sheet.headers.map((h, i) => (first[i] ? (r.cells[h] ?? '') : '')),
        })),
    });
  }
  if (sheets.length === 0) return error;
  return new AppError(error.code, { vi: error.message_vi, en: error.message_en }, error.details, sheets);
}
