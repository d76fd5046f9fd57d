// Reads a methodology written in the `index_nodes` sheet format (INTERFACES.md) from a CSV file: the
// shipped DTI templates in data/templates/, or a committee's own file. The full workbook import reads the
// same sheet through import-schema.ts; this reader serves `dxmon index load-template` on its own.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProblemDetail } from '../domain/app-error.js';
import type { Normalization } from '../domain/index-methodology.js';
import { NORMALIZATIONS } from '../domain/index-methodology.js';
import { parseCsv } from './parse-csv.js';

/** One row of the `index_nodes` sheet, with its spreadsheet row number. */
export interface IndexNodeSheetRow {
  row: number;
  methodology: string;
  code: string;
  parentCode: string | null;
  name: string;
  weight: number;
  indicatorCode: string | null;
  normalization: Normalization | null;
  reference: number | null;
}

/** The folder of shipped templates; the same from src/io (tests) and dist/io (built). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../data/templates/', import.meta.url));

/** A shipped template: its name (the file name without `.csv`) and the unit level it ranks. */
export interface IndexTemplate {
  name: string;
  file: string;
  level: 'province' | 'agency';
}

/** The methodologies shipped in data/templates (see its README.md). */
export const INDEX_TEMPLATES: readonly IndexTemplate[] = [
  { name: 'dti-province-1726-2020', file: 'dti-province-1726-2020.csv', level: 'province' },
  { name: 'dti-province-922-2022', file: 'dti-province-922-2022.csv', level: 'province' },
  { name: 'dti-ministry-922-2022', file: 'dti-ministry-922-2022.csv', level: 'agency' },
];

const COLUMNS = [
  'methodology',
  'code',
  'parent_code',
  'name',
  'weight',
  'indicator_code',
  'normalization',
  'reference',
] as const;
type Column = (typeof COLUMNS)[number];

function detail(row: number, column: string, vi: string, en: string): ProblemDetail {
  return { sheet: 'index_nodes', row, column, message_vi: vi, message_en: en };
}

/** A number written with a dot or, the Vietnamese way, with a comma as the decimal mark (0,4). */
function parseNumber(text: string): number | null {
  const t = text.trim();
  if (!/^-?\d+(?:[.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

/**
 * Parses CSV text in the `index_nodes` format into rows, listing every bad cell (row numbers as a
 * spreadsheet shows them, the header being row 1); rows are returned only when there is no problem.
 */
export function parseIndexNodesCsv(text: string): { rows: IndexNodeSheetRow[]; problems: ProblemDetail[] } {
  const records = parseCsv(text).records;
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const problems: ProblemDetail[] = [];
  const index = new Map<Column, number>();
  for (const column of COLUMNS) {
    const at = header.indexOf(column);
    if (at >= 0) index.set(column, at);
    else if (column !== 'reference' && column !== 'normalization' && column !== 'indicator_code') {
      problems.push(detail(1, column, `Thiếu cột «${column}».`, `Column «${column}» is missing.`));
    }
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows: IndexNodeSheetRow[] = [];
  records.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.length === 1 && (cells[0] ?? '').trim() === '') return;
    const cell = (c: Column): string => {
      const at = index.get(c);
      return at === undefined ? '' : (cells[at] ?? '').trim().normalize('NFC');
    };
    const required = (c: Column): string => {
      const v = cell(c);
      if (v === '') problems.push(detail(row, c, `Ô «${c}» bị trống.`, `Cell «${c}» is empty.`));
      return v;
    };
    const methodology = required('methodology');
    const code = required('code');
    const name = required('name');
    const weightText = required('weight');
    const weight = weightText === '' ? null : parseNumber(weightText);
    if (weightText !== '' && (weight === null || weight < 0)) {
      problems.push(
        detail(
          row,
          'weight',
          `Trọng số «${weightText}» không hợp lệ: cần một số ≥ 0.`,
          `Weight «${weightText}» is invalid: a number ≥ 0 is needed.`,
        ),
      );
    }
    const normText = cell('normalization');
    const normalization = NORMALIZATIONS.find((n) => n.toLowerCase() === normText.toLowerCase()) ?? null;
    if (normText !== '' && normalization === null) {
      problems.push(
        detail(
          row,
          'normalization',
          `Cách chuẩn hóa «${normText}» không hợp lệ: dùng value, ratio, minmax hoặc boolean.`,
          `Normalisation «${normText}» is invalid: use value, ratio, minmax or boolean.`,
        ),
      );
    }
    const refText = cell('reference');
    const reference = refText === '' ? null : parseNumber(refText);
    if (refText !== '' && reference === null) {
      problems.push(
        detail(
          row,
          'reference',
          `Giá trị tham chiếu «${refText}» không phải là số.`,
          `Reference «${refText}» is not a number.`,
        ),
      );
    }
    rows.push({
      row,
      methodology,
      code,
      parentCode: cell('parent_code') || null,
      name,
      weight: weight ?? 0,
      indicatorCode: cell('indicator_code') || null,
      normalization,
      reference,
    });
  });
  return problems.length > 0 ? { rows: [], problems } : { rows, problems };
}

/** Where a template name or file points: a shipped template by name, else the file as given. */
export function locateIndexTemplate(nameOrFile: string): { path: string; template: IndexTemplate | null } {
  const byName = INDEX_TEMPLATES.find(
    (t) => t.name === nameOrFile || t.file === nameOrFile || t.name === basename(nameOrFile, '.csv'),
  );
  if (byName && !existsSync(nameOrFile)) {
    return { path: join(TEMPLATES_DIR, byName.file), template: byName };
  }
  return { path: nameOrFile, template: byName ?? null };
}

/** Reads an `index_nodes` CSV file (UTF-8). */
export function readIndexNodesFile(path: string): { rows: IndexNodeSheetRow[]; problems: ProblemDetail[] } {
  return parseIndexNodesCsv(readFileSync(path, 'utf8'));
}
