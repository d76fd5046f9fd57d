// What an import reports — its progress, its counts per sheet — and the refusals every path of it shares.
import { AppError, type ProblemDetail } from '../../domain/app-error.js';
import type { CellError, CellWarning, SheetName } from '../../io/import-schema.js';
import type { WriteCounts } from '../../store/import.queries.js';
import type { ImportFormat } from './read-import-file.js';

/** How far an import has got: rows read, checked, and values written. */
export interface ImportProgress {
  phase: 'read' | 'check' | 'write' | 'done';
  done: number;
  total: number;
}

/** What an import did (or, dry, would do) to one sheet's rows. */
export interface SheetCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The report of an import: counts per sheet and what was ignored. */
export interface ImportReport {
  dryRun: boolean;
  format: ImportFormat;
  sheets: Record<SheetName, SheetCounts>;
  /** The sheets of the file that are none of the import's, by name or header row, as written (docs/import.md). */
  skippedSheets: string[];
  warnings: CellWarning[];
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
