// Reads one worksheet part as it is unpacked, cell by cell: each cell is given its text at once (the shared
// strings and styles are read before the worksheets), kept in flat arrays (a hundred thousand rows are not a
// million small objects to keep and collect), and the sheet is built at the end, once its merges (written after
// the cells) are known: the cells a merge covers, other than its top-left one, read as empty. Rows, cells per
// row, cells of the workbook and characters per cell are counted as they come, against the read's limits.
// Row numbers are those the spreadsheet shows: the header is row 1. Blank rows are skipped, but still counted.
import type { CellWarning, RawRow, RawSheet, ReadCell } from '../raw-workbook.js';
import { WorkbookReadError, makeRow, trimTrailingBlanks } from '../raw-workbook.js';
import type { ReadLimits } from '../read-limits.js';
import { limitError } from '../read-limits.js';
import type { CellRead } from './cell-values.js';
import { columnLetters, columnNumber, numberCell } from './cell-values.js';
import { attribute, parseXmlPart } from './xml-part.js';

/** What every worksheet of a workbook is read with. */
export interface SheetContext {
  source: string;
  strings: readonly string[];
  /** The number format of each cell style, undefined for General. */
  numFmts: readonly (string | undefined)[];
  date1904: boolean;
  limits: ReadLimits;
  /** Cells with a value read so far in the workbook, for `maxCells`. */
  cells: { count: number };
  warnings: CellWarning[];
}

interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const REF = /^\$?([A-Z]{1,3})\$?([1-9][0-9]*)$/;

function parseRange(ref: string | undefined): CellRange | null {
  const [a, b = a] = (ref ?? '').split(':');
  const m1 = REF.exec(a ?? '');
  const m2 = REF.exec(b ?? '');
  if (m1 === null || m2 === null) return null;
  const [r1, r2] = [Number(m1[2]), Number(m2[2])];
  const [c1, c2] = [columnNumber(m1[1] ?? ''), columnNumber(m2[1] ?? '')];
  if (Number.isNaN(c1) || Number.isNaN(c2)) return null;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

function noResultWarning(sheet: string, row: number, address: string): CellWarning {
  return {
    sheet,
    row,
    column: null,
    message_vi: `Ô ${address} có công thức nhưng chưa lưu kết quả; hãy mở và lưu lại tệp trong Excel.`,
    message_en: `Cell ${address} holds a formula with no saved result; open and save the file in Excel.`,
  };
}

/** The cells of a worksheet as read, in file order, before merges blank the cells they cover. */
interface SheetCells {
  rowNumbers: number[];
  rowStarts: number[];
  cols: number[];
  texts: string[];
  /** The number a number cell holds, NaN for other cells. */
  numbers: number[];
  merges: CellRange[];
}

/** Reads the worksheet part PART (its text CHUNKS) as the sheet SHEETNAME. */
export async function readSheet(
  chunks: AsyncIterable<string>,
  part: string,
  sheetName: string,
  ctx: SheetContext,
): Promise<RawSheet> {
  const { limits } = ctx;
  const read: SheetCells = { rowNumbers: [], rowStarts: [], cols: [], texts: [], numbers: [], merges: [] };
  const at = (address: string) => ({
    vi: `Tệp «${ctx.source}», trang tính «${sheetName}», ô ${address}`,
    en: `File «${ctx.source}», sheet «${sheetName}», cell ${address}`,
  });
  const inSheet = {
    vi: `Tệp «${ctx.source}», trang tính «${sheetName}»`,
    en: `File «${ctx.source}», sheet «${sheetName}»`,
  };
  let where: 'sheetData' | 'mergeCells' | null = null;
  let rowCount = 0;
  let rowNumber = 0;
  let rowOpen = false;
  let cellsInRow = 0;
  let lastCol = 0;
  // The cell being read (col 0: none): its type, style, value text, whether it holds a formula.
  let col = 0;
  let type = '';
  let style = 0;
  let value: string | undefined;
  let formula = false;
  let capture = false; // inside <v>, or a <t> of <is> outside phonetic runs
  let inIs = false;
  let skip = 0;

  const convert = (address: string): CellRead | null => {
    const numFmt = ctx.numFmts[style];
    if (formula) {
      // A formula's saved result, as its type says; a result of 0 or FALSE is a result.
      if (value === undefined) return { text: '', noResult: true };
      if (type === 'str' || type === 'e') return { text: value };
      if (type === 'b') return { text: parseInt(value, 10) !== 0 ? 'true' : 'false' };
      const n = parseFloat(value);
      return Number.isNaN(n) ? { text: '', noResult: true } : numberCell(n, numFmt, ctx.date1904);
    }
    if (value === undefined) return null;
    switch (type) {
      case 's': {
        const text = ctx.strings[parseInt(value, 10)];
        if (text === undefined) {
          throw new WorkbookReadError(
            'unreadable',
            `${at(address).vi}: trỏ tới chuỗi dùng chung số ${value}, không có trong tệp.`,
            `${at(address).en}: points to shared string number ${value}, which the file does not hold.`,
          );
        }
        return { text };
      }
      case 'str':
      case 'inlineStr':
      case 'e':
      case 'd':
        return { text: value };
      case 'b':
        return { text: parseInt(value, 10) !== 0 ? 'true' : 'false' };
      default: {
        if (value.trim() === '') return null;
        return numberCell(parseFloat(value), numFmt, ctx.date1904);
      }
    }
  };

  const endCell = (): void => {
    const column = col;
    const address = `${columnLetters(column)}${rowNumber}`;
    const cell = convert(address);
    col = 0;
    if (cell === null) return;
    if (cell.noResult) ctx.warnings.push(noResultWarning(sheetName, rowNumber, address));
    cellsInRow += 1;
    if (cellsInRow > limits.maxCellsPerRow)
      throw limitError('maxCellsPerRow', limits, {
        vi: `${inSheet.vi}, dòng ${rowNumber}`,
        en: `${inSheet.en}, row ${rowNumber}`,
      });
    ctx.cells.count += 1;
    if (ctx.cells.count > limits.maxCells) throw limitError('maxCells', limits, at(address));
    if (!rowOpen) {
      read.rowNumbers.push(rowNumber);
      read.rowStarts.push(read.cols.length);
      rowOpen = true;
    }
    read.cols.push(column);
    read.texts.push(cell.text);
    read.numbers.push(cell.number ?? NaN);
  };

  await parseXmlPart(
    chunks,
    {
      open(name, attrs) {
        if (col !== 0) {
          if (skip > 0) skip += 1;
          else if (name === 'v') capture = true;
          else if (name === 'f') formula = true;
          else if (name === 'is') inIs = true;
          else if (inIs && name === 't') capture = true;
          else if (inIs && (name === 'rPh' || name === 'phoneticPr')) skip = 1;
        } else if (where === 'sheetData') {
          if (name === 'row') {
            rowCount += 1;
            if (rowCount > limits.maxRows) throw limitError('maxRows', limits, inSheet);
            const r = parseInt(attribute(attrs, 'r') ?? '', 10);
            rowNumber = r >= 1 ? r : rowNumber + 1;
            rowOpen = false;
            cellsInRow = 0;
            lastCol = 0;
          } else if (name === 'c') {
            const ref = REF.exec(attribute(attrs, 'r') ?? '');
            const c = ref === null ? NaN : columnNumber(ref[1] ?? '');
            col = Number.isNaN(c) ? lastCol + 1 : c;
            lastCol = col;
            type = attribute(attrs, 't') ?? '';
            style = parseInt(attribute(attrs, 's') ?? '', 10) || 0;
            value = undefined;
            formula = false;
            capture = false;
            inIs = false;
            skip = 0;
          }
        } else if (where === 'mergeCells') {
          const range = name === 'mergeCell' ? parseRange(attribute(attrs, 'ref')) : null;
          if (range !== null) read.merges.push(range);
        } else if (name === 'sheetData' || name === 'mergeCells') where = name;
      },
      close(name) {
        if (col !== 0) {
          if (skip > 0) skip -= 1;
          else if (name === 'v' || name === 't') capture = false;
          else if (name === 'is') inIs = false;
          else if (name === 'c') endCell();
        } else if (name === 'sheetData' || name === 'mergeCells') where = null;
      },
      text(t) {
        if (!capture) return;
        value = value === undefined ? t : value + t;
        if (value.length > limits.maxCellLength)
          throw limitError('maxCellLength', limits, at(`${columnLetters(col)}${rowNumber}`));
      },
    },
    ctx.source,
    part,
  );
  return buildSheet(read, sheetName);
}

/** The first index of SORTED whose value is at least N. */
function lowerBound(sorted: readonly number[], n: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Builds the sheet from its cells: rows in order, merges applied, the header row giving the columns' names. */
function buildSheet(read: SheetCells, sheetName: string): RawSheet {
  const { rowNumbers, rowStarts, cols, texts } = read;
  // Rows by number; a number given twice keeps its last row.
  const rowIndex = new Map<number, number>();
  let inOrder = true;
  for (let i = 0; i < rowNumbers.length; i++) {
    const n = rowNumbers[i] ?? 0;
    if (i > 0 && n <= (rowNumbers[i - 1] ?? 0)) inOrder = false;
    rowIndex.set(n, i);
  }
  const numbers = inOrder ? rowNumbers : [...rowIndex.keys()].sort((a, b) => a - b);

  const covered = new Map<number, [number, number][]>(); // row → the column spans merges cover in it
  for (const m of read.merges) {
    for (let k = lowerBound(numbers, m.top); k < numbers.length; k++) {
      const n = numbers[k] ?? 0;
      if (n > m.bottom) break;
      const left = n === m.top ? m.left + 1 : m.left;
      if (left > m.right) continue;
      const spans = covered.get(n) ?? [];
      spans.push([left, m.right]);
      covered.set(n, spans);
    }
  }

  let headers: string[] = [];
  const rows: RawRow[] = [];
  for (const rowNumber of numbers) {
    const r = rowIndex.get(rowNumber) ?? 0;
    const end = rowStarts[r + 1] ?? cols.length;
    const spans = covered.get(rowNumber);
    const isCovered = (column: number): boolean =>
      spans !== undefined && spans.some(([left, right]) => column >= left && column <= right);
    const cells: ReadCell[] = [];
    for (let i = rowStarts[r] ?? 0; i < end; i++) {
      const column = cols[i] ?? 0;
      const n = read.numbers[i] ?? NaN;
      if (isCovered(column)) cells.push({ column, text: '' });
      else
        cells.push(
          Number.isNaN(n) ? { column, text: texts[i] ?? '' } : { column, text: texts[i] ?? '', number: n },
        );
    }
    // A covered cell the file leaves out reads as empty too; only under a header can it show.
    if (spans !== undefined && rowNumber > 1) {
      const present = new Set(cells.map((c) => c.column));
      for (const [left, right] of spans) {
        for (let column = left; column <= Math.min(right, headers.length); column++) {
          if (!present.has(column)) cells.push({ column, text: '' });
          present.add(column);
        }
      }
      cells.sort((a, b) => a.column - b.column);
    }
    if (rowNumber === 1) {
      const headerTexts: string[] = [];
      for (const { column, text } of cells) headerTexts[column - 1] = text;
      headers = trimTrailingBlanks(Array.from(headerTexts, (h) => h ?? ''));
    } else {
      const row = makeRow(rowNumber, headers, cells);
      if (row) rows.push(row);
    }
  }
  return { name: sheetName, headers, rows };
}
