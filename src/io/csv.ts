// CSV as DX Monitor writes it, in one place for every CSV it produces (the values export, the open-data CSV):
// RFC 4180 fields written by csv-stringify, comma separated, CRLF line ends, and text cells guarded against
// formula injection.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet opening a CSV reads a cell that begins with `=`, `+`,
// `-`, `@`, a tab or a carriage return as a formula, so a comment such as `=cmd|' /C calc'!A0` or
// `=HYPERLINK("http://…")` written by one user would run on the computer of whoever opens the export. Every text
// cell that begins with one of those characters is written with a leading apostrophe, which spreadsheets take as
// "this is text". Numbers are never touched (a negative value stays `-5`), since only text cells carry the
// prefix. The importer removes exactly that apostrophe (an apostrophe followed by one of those characters at the
// start of a text cell: restoreFormulaText), so an export imports back unchanged. A text that itself begins with
// apostrophes before such a character (`'=x`, rare) gets one more on export and loses one on import, so the round
// trip is exact for every text.

import type { Options } from 'csv-stringify/sync';
import { stringify } from 'csv-stringify/sync';

/** A text a spreadsheet would read as a formula (after any apostrophes it already begins with). */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A text cell as an export has written it: an apostrophe (and any more), then a formula character. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** A text cell as a CSV export writes it: with a leading apostrophe when it would begin a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A text cell as the importer reads it: the apostrophe neutraliseFormula added is removed (one apostrophe, when
 * apostrophes are followed by `=`, `+`, `-`, `@`, a tab or a carriage return); anything else is left as it is.
 */
export function restoreFormulaText(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

/** One cell of a CSV row: text, a number, a boolean (`true` / `false`), or null (an empty cell). */
export type CsvCell = string | number | boolean | null;

/**
 * How csv-stringify writes: a field is quoted when RFC 4180 requires it (comma, quote, line break), and when
 * edge spaces would otherwise be lost.
 */
const STRINGIFY: Options = { delimiter: ',', record_delimiter: '\r\n', quoted_match: /[\r\n]|^\s|\s$/ };

/** A cell's text before quoting: text neutralised, a number by `formatNumber`, a boolean as `true` / `false`. */
function cellText(cell: CsvCell, formatNumber: (n: number) => string): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return formatNumber(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return neutraliseFormula(cell);
}

/**
 * One CSV field: text neutralised against formulas and quoted as needed; a number written by `formatNumber`
 * (plain `String` unless the writer has its own rule) and never neutralised; a boolean as `true` / `false`.
 */
export function csvField(cell: CsvCell, formatNumber: (n: number) => string = String): string {
  return stringify([[cellText(cell, formatNumber)]], { ...STRINGIFY, eof: false });
}

/** One CSV line, CRLF-terminated. */
export function csvLine(cells: readonly CsvCell[], formatNumber: (n: number) => string = String): string {
  return stringify([cells.map((c) => cellText(c, formatNumber))], STRINGIFY);
}

/** The byte-order mark a CSV starts with, so spreadsheets (Excel) read it as UTF-8 and show Vietnamese. */
export const CSV_BOM = '\uFEFF';
