// Workbooks written as tables, for the import format's tests (src/io/import/*.test.ts).
import { expect } from 'vitest';
import type { CellError, ImportRecords, SheetName } from '../../src/io/import-schema.js';
import { IMPORT_SHEETS, parseImportWorkbook } from '../../src/io/import-schema.js';
import type { RawRow, RawWorkbook } from '../../src/io/read-workbook.js';

/** A workbook from tables: the first line is the header (row 1), then rows 2, 3, …; all-blank lines are skipped as the reader skips them. */
export function book(
  sheets: Record<string, string[][]>,
  numbers: Record<string, Record<number, Record<string, number>>> = {},
): RawWorkbook {
  const map = new Map<string, { name: string; headers: string[]; rows: RawRow[] }>();
  for (const [name, [headers = [], ...lines]] of Object.entries(sheets)) {
    const rows: RawRow[] = [];
    lines.forEach((line, i) => {
      if (line.every((c) => c.trim() === '')) return;
      const rowNumber = i + 2;
      const cells: Record<string, string> = {};
      line.forEach((text, c) => {
        const h = headers[c] ?? '';
        if (cells[h] === undefined) cells[h] = text;
      });
      rows.push({ rowNumber, cells, numbers: numbers[name]?.[rowNumber] ?? {} });
    });
    map.set(name, { name, headers, rows });
  }
  return { source: 'test', sheets: map, errors: [], warnings: [] };
}

export const where = (errors: readonly CellError[]): [string, number, string][] =>
  errors.map((e) => [e.sheet, e.row, e.column]);

export async function parseOk(sheets: Record<string, string[][]>): Promise<ImportRecords> {
  const parsed = await parseImportWorkbook(book(sheets));
  expect(parsed.errors).toEqual([]);
  return parsed.records;
}

/** One row of a sheet with every column good, then `bad` overriding some cells; the errors as [column, message_en]. */
export async function errorsFor(
  sheet: SheetName,
  good: Record<string, string>,
  bad: Record<string, string>,
): Promise<[string, string][]> {
  const headers = IMPORT_SHEETS[sheet].columns.map((c) => c.name);
  const row = headers.map((h) => bad[h] ?? good[h] ?? '');
  const parsed = await parseImportWorkbook(book({ [sheet]: [headers, row] }));
  for (const e of parsed.errors) {
    expect(e.sheet).toBe(sheet);
    expect(e.row).toBe(2);
    expect(e.message_vi).not.toBe('');
  }
  expect(parsed.records[sheet]).toEqual([]);
  return parsed.errors.map((e) => [e.column, e.message_en]);
}

export const GOOD: Record<SheetName, Record<string, string>> = {
  units: { code: 'SO_X', name: 'Sở X', kind: 'agency', parent_code: '15' },
  indicators: { code: 'I1', name_vi: 'Chỉ tiêu 1', value_type: 'percent', direction: 'increase' },
  plans: { code: 'P1', name: 'Kế hoạch', unit_code: '15', start_year: '2021', end_year: '2025' },
  targets: { plan_code: 'P1', indicator_code: 'I1', unit_code: '15', period: '2025', target: '95' },
  values: { indicator_code: 'I1', unit_code: '15', period: '2024Q2', value: '36,8' },
  tasks: { code: 'T1', programme: 'DA06', title: 'Việc', lead_unit_code: '15', status: 'notStarted' },
  index_nodes: { methodology: 'M', code: 'N', name: 'Nút', weight: '1' },
};
