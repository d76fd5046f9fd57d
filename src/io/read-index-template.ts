// Reads a methodology written in the `index_nodes` sheet format (docs/import.md) from a CSV file: the
// shipped DTI templates in data/templates/, or a committee's own file. The CSV is read as the import reads a
// workbook's `index_nodes` sheet (readWorkbookFromBuffer, then parseImportWorkbook in import-schema.ts), with
// the same headers, numbers, labels and checks; this reader serves `dxmon index load-template` on its own.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseImportWorkbook, type IndexNodeRecord } from './import-schema.js';
import { readWorkbookFromBuffer, type CellError } from './read-workbook.js';

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

/**
 * Reads CSV bytes in the `index_nodes` format as the import's `index_nodes` sheet, whatever the file is called:
 * every bad cell is listed (row numbers as a spreadsheet shows them, the header being row 1), and the rows are
 * returned only when there is no problem. Warnings (an unknown column, ignored) are not returned. Throws
 * WorkbookReadError when the bytes are not UTF-8 text.
 */
export async function readIndexNodesCsv(
  data: Uint8Array,
  source = 'index_nodes.csv',
): Promise<{ rows: IndexNodeRecord[]; problems: CellError[] }> {
  const workbook = await readWorkbookFromBuffer(
    null,
    'csv-files',
    [{ name: 'index_nodes.csv', data }],
    source,
  );
  const { records, errors } = await parseImportWorkbook(workbook);
  return errors.length > 0 ? { rows: [], problems: errors } : { rows: records.index_nodes, problems: [] };
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

/** Reads an `index_nodes` CSV file (UTF-8), as readIndexNodesCsv does. */
export async function readIndexNodesFile(
  path: string,
): Promise<{ rows: IndexNodeRecord[]; problems: CellError[] }> {
  return readIndexNodesCsv(await readFile(path), path);
}
