// How a worksheet cell becomes the text the spreadsheet shows (docs/import.md):
// - numbers as the shortest text that gives them back, after rounding to the 15 significant digits Excel
//   keeps and shows (so a formula `=0.1+0.2` reads `0.3`, never `0.30000000000000004`); a number cell also
//   keeps its number (RawRow.numbers), so `10.851` typed into a number cell is never mistaken for the
//   ambiguous text `10.851` (see parseDecimal in src/domain/validate-value.ts);
// - a number cell formatted as a percentage as the sheet shows it: 0.97 → `97%` (and not as a number);
// - a number cell formatted as a date as `YYYY-MM-DD` (`YYYY-MM-DDTHH:MM:SS` with a time of day), from Excel's
//   serial day number (1900 or 1904 system); booleans as `true`/`false`, rich text as its plain text, a
//   formula as its saved result, an error as its code (`#DIV/0!`).

/** Excel's built-in number formats (ECMA-376 §18.8.30) that a style may name by id alone. */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** The format code of a number format id: the workbook's own, else Excel's built-in one. */
export function formatCode(id: number, custom: ReadonlyMap<number, string>): string | undefined {
  return custom.get(id) ?? BUILTIN_FORMATS[id];
}

/** Whether a number format shows a date or a time: a date or time part outside quotes and brackets. */
export const isDateFormat = (numFmt: string | undefined): boolean =>
  numFmt !== undefined &&
  numFmt !== '' &&
  /[ymdhMsb]+/.test(numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** Whether a number format shows a percentage: a `%` outside quoted literals and escapes. */
const isPercentFormat = (numFmt: string): boolean => /%/.test(numFmt.replace(/"[^"]*"|\\./g, ''));

/** Excel keeps and shows 15 significant digits; rounding there removes binary artefacts such as 0.1 + 0.2. */
const excelNumber = (n: number): number => {
  // An integer of at most 15 digits is already that (and the common case, read quicker); -0 reads 0.
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n === 0 ? 0 : n;
  return Number.isFinite(n) ? Number(n.toPrecision(15)) || 0 : n;
};

/** A cell read: its text, the number it holds (a number cell), whether it is a formula with no saved result. */
export type CellRead = { text: string; number?: number; noResult?: boolean };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A serial day number (1900 or 1904 system) as `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with a time of day. */
export function excelDate(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  if (Number.isNaN(d.getTime())) return '';
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? date : `${date}T${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** A number cell's text under its number format (undefined: General). */
export function numberCell(n: number, numFmt: string | undefined, date1904: boolean): CellRead {
  if (isDateFormat(numFmt)) return { text: excelDate(n, date1904) };
  if (numFmt !== undefined && isPercentFormat(numFmt)) return { text: `${String(excelNumber(n * 100))}%` };
  const value = excelNumber(n);
  return { text: String(value), number: value };
}

/** `_x000D_` and the like: how a spreadsheet writes in shared strings characters XML cannot hold. */
export const decodeXlsxEscapes = (s: string): string =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : s;

/** The letters of a 1-based column (28 is `AB`). */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The 1-based column of the letters of a cell reference (`AB` is 28), or NaN beyond Excel's 16,384. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n >= 1 && n <= 16384 ? n : NaN;
}
