import { apiRequest } from './client';

/** What an import did, or would do (a dry run), to one sheet's rows. */
export interface SheetCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** One row of the values sheet in a dry run: the stored value beside the file's. */
export interface ValueChange {
  row: number;
  indicator: string;
  unit: string;
  period: string;
  status: 'added' | 'changed' | 'unchanged';
  old: number | null;
  new: number | null;
}

/** The answer of `POST /imports` (docs/import.md): counts per sheet, warnings, and for a dry run the changes. */
export interface ImportReport {
  dryRun: boolean;
  sheets: Record<string, SheetCounts>;
  skippedSheets: string[];
  warnings: {
    sheet: string;
    row: number | null;
    column: string | null;
    message_vi: string;
    message_en: string;
  }[];
  changes?: { sheet: string; total: number; items: ValueChange[] };
}

/** The media type the server reads a file as: a workbook, or one CSV sheet. */
function fileType(file: File): string {
  return /\.csv$/i.test(file.name)
    ? 'text/csv'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}

/** Sends a workbook or CSV file to `POST /imports`: a dry run writes nothing; throws ApiError when refused. */
export function importFile(file: File, dryRun: boolean): Promise<ImportReport> {
  const query = new URLSearchParams({ dryRun: String(dryRun), name: file.name });
  return apiRequest<ImportReport>(`/imports?${query.toString()}`, {
    method: 'POST',
    file: { data: file, type: fileType(file) },
  });
}

/** The address of a plan's entry template for a unit and period (an .xlsx the server names). */
export function templateHref(plan: string, unit: string, period: string): string {
  return `/api/v1/plans/${encodeURIComponent(plan)}/template?${new URLSearchParams({ unit, period }).toString()}`;
}
