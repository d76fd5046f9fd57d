// The import format (docs/import.md) and `parseImportWorkbook`, which turns a RawWorkbook (read-workbook.ts) into
// typed records, listing every bad cell at once. The format is described in src/io/import/: its sheets and
// columns (format.ts), how a sheet is recognised (match.ts), how each kind of cell is read (cells.ts) and what
// a refused cell says (error-map.ts), each sheet's rows as a zod schema (sheets/*.ts), and the workbook (parse.ts).
export type { CellError, CellWarning } from './read-workbook.js';
export * from './import/format.js';
export { matchColumn, matchSheet, recogniseSheet, requiredColumns } from './import/match.js';
export type { SheetRecognition } from './import/match.js';
export * from './import/records.js';
export * from './import/references.js';
export { parseImportWorkbook } from './import/parse.js';
export { hasNoRows, noRowsMessage } from './import/no-rows.js';
