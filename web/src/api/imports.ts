import type { SheetCounts, ValueChanges } from '../../../src/contract/imports.js';
import { apiRequest } from './client';

export type { SheetCounts, ValueChange, ValueChanges } from '../../../src/contract/imports.js';

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
  changes?: ValueChanges;
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
