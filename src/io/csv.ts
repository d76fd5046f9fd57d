// CSV as DX Monitor writes it, in one place for every CSV it produces (the values export, the open-data CSV):
// RFC 4180 fields, CRLF line ends, and text cells guarded against formula injection.
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

/** Quotes a field when RFC 4180 requires it (comma, quote, line break), and when edge spaces would be lost. */
function quoted(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV field: text neutralised against formulas and quoted as needed; a number written by `formatNumber`
 * (plain `String` unless the writer has its own rule) and never neutralised; a boolean as `true` / `false`.
 */
export function csvField(cell: CsvCell, formatNumber: (n: number) => string = String): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return quoted(formatNumber(cell));
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return quoted(neutraliseFormula(cell));
}

/** One CSV line, CRLF-terminated. */
export function csvLine(cells: readonly CsvCell[], formatNumber?: (n: number) => string): string {
  return `${cells.map((c) => csvField(c, formatNumber)).join(',')}\r\n`;
}

/** The byte-order mark a CSV starts with, so spreadsheets (Excel) read it as UTF-8 and show Vietnamese. */
export const CSV_BOM = '\uFEFF';
