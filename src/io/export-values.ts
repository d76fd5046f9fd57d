// Writes values for `dxmon export values --format csv|xlsx|dhis2` (docs/import.md). CSV and XLSX start with
// the `values` sheet's seven columns in its order, so an export imports back as is; the extra columns after
// them are for readers and are ignored on import. All three writers stream: rows may come from a database
// cursor as an async iterable.
//
// CSV text cells that would begin a formula (`=`, `+`, `-`, `@`, tab, CR) get a leading apostrophe (csv.ts, which
// the open-data CSV shares; the importer removes it), numbers never; XLSX cells hold text as text, never formulas.
//
// Numbers are written with a '.' decimal point, no thousands separator and no exponent, in the fewest digits
// that read back as the same number — but never as `10.851` (1–3 whole digits, 3 decimals), which the importer
// refuses as ambiguous: such a number gets a fourth decimal, `10.8510`. Booleans are the text `true` / `false` in every format (in XLSX too, as
// text cells, so they read back as the same text whatever reads the cell). An empty cell is null.
//
// DHIS2: every row gives a plain `<code>` data value when it has a value (or has no ratio parts at all), and
// `<code>.num` / `<code>.den` data values for its numerator and denominator (see read-dhis2.ts for why);
// the comment goes on each of them, so DHIS2 shows it beside every part and the reader joins it back once.
import { Readable } from 'node:stream';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ValueType } from '../domain/aggregate.js';
import { CSV_BOM, csvLine, type CsvCell } from './csv.js';
import { DHIS2_DENOMINATOR_SUFFIX, DHIS2_NUMERATOR_SUFFIX, VALUES_SHEET_COLUMNS } from './read-dhis2.js';

/** One value as exported: the `values` sheet's fields, then fields for readers. */
export interface ExportValueRow {
  indicatorCode: string;
  /** The unit code, prefixed with its set when not the current one, e.g. `pre2025:10` (docs/domain.md §2). */
  unitCode: string;
  period: string;
  value: number | boolean | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  indicatorName: string;
  unitName: string;
  valueType: ValueType;
  /** When the value was last changed, as an ISO 8601 timestamp. */
  updatedAt: string;
  updatedBy: string | null;
  source: string | null;
}

/** The columns written after the `values` sheet's own, in order. */
export const EXPORT_EXTRA_COLUMNS = [
  'indicator_name',
  'unit_name',
  'value_type',
  'updated_at',
  'updated_by',
  'source',
] as const;

/** Every column of a CSV or XLSX export, in order. */
export const EXPORT_COLUMNS = [...VALUES_SHEET_COLUMNS, ...EXPORT_EXTRA_COLUMNS] as const;

type Cell = CsvCell;

type Rows = AsyncIterable<ExportValueRow> | Iterable<ExportValueRow>;

/** Flush a text chunk once it is this long, so a large export is written in few, large writes. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes a finite number in plain decimal notation with a '.' point and no grouping — `0.0000001` rather than
 * `1e-7`, `1000000000000000000000` rather than `1e+21` — in the shortest digits that read back as the same
 * number, except that a number of 1–3 whole digits and exactly 3 decimals gets a fourth, zero decimal
 * (`10.8510`, not `10.851`): the importer refuses `10.851` as ambiguous between a Vietnamese 10 851 and an
 * English 10.851 (parseDecimal), so an export must import back as is.
 */
export function formatExportNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Cannot export the non-finite number ${n}`);
  return unambiguous(plainDecimal(n));
}

function unambiguous(s: string): string {
  return /^-?[1-9][0-9]{0,2}\.[0-9]{3}$/.test(s) ? `${s}0` : s;
}

function plainDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)([0-9])(?:\.([0-9]+))?e([+-][0-9]+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = '', expText = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(expText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function cellsOf(r: ExportValueRow): Cell[] {
  return [
    r.indicatorCode,
    r.unitCode,
    r.period,
    r.value,
    r.numerator,
    r.denominator,
    r.comment,
    r.indicatorName,
    r.unitName,
    r.valueType,
    r.updatedAt,
    r.updatedBy,
    r.source,
  ];
}

function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return formatExportNumber(c);
  if (typeof c === 'boolean') return c ? 'true' : 'false';
  return c;
}

async function* batched(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const line of lines) {
    buffer += line;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

/** Streams text chunks to `out`, waiting when it is full, and ends it; resolves once everything is written. */
async function writeText(chunks: AsyncIterable<string>, out: Writable): Promise<void> {
  await pipeline(Readable.from(batched(chunks), { objectMode: false, encoding: 'utf8' }), out);
}

async function* csvLines(rows: Rows, counter: { n: number }): AsyncGenerator<string> {
  yield `${CSV_BOM}${csvLine(EXPORT_COLUMNS)}`;
  for await (const r of rows) {
    counter.n += 1;
    yield csvLine(cellsOf(r), formatExportNumber);
  }
}

/**
 * Writes values as CSV — UTF-8 with a byte-order mark, comma-separated, CRLF line ends, RFC 4180 quoting, the
 * `values` sheet's columns first, text cells that would begin a formula prefixed with an apostrophe (csv.ts) — to
 * `out`, ends it, and resolves to the number of rows (docs/import.md).
 */
export async function writeValuesCsv(rows: Rows, out: Writable): Promise<number> {
  const counter = { n: 0 };
  await writeText(csvLines(rows, counter), out);
  return counter.n;
}

/** Column widths in characters, by column. */
const XLSX_WIDTHS: Record<(typeof EXPORT_COLUMNS)[number], number> = {
  indicator_code: 18,
  unit_code: 14,
  period: 10,
  value: 14,
  numerator: 14,
  denominator: 14,
  comment: 40,
  indicator_name: 48,
  unit_name: 28,
  value_type: 12,
  updated_at: 26,
  updated_by: 18,
  source: 16,
};

/**
 * A cell as XLSX holds it: numbers as numbers, booleans as the text true/false, null as an empty cell. Line
 * breaks become `\n`: XML reading turns a stored CR LF into LF anyway, so this writes what will be read.
 */
function xlsxCell(c: Cell): string | number | null {
  if (typeof c === 'boolean') return c ? 'true' : 'false';
  return typeof c === 'string' ? c.replace(/\r\n?/g, '\n') : c;
}

/**
 * Writes values as an XLSX workbook with one sheet `values` (bold, frozen header; numbers as numeric cells;
 * the `values` sheet's columns first) to a file path or a stream, and resolves to the number of rows once it
 * is complete (docs/import.md).
 */
export async function writeValuesXlsx(rows: Rows, target: string | Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof target === 'string' ? { filename: target } : { stream: target }),
    useStyles: true,
    useSharedStrings: true,
  });
  const sheet = workbook.addWorksheet('values', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((key) => ({ key, width: XLSX_WIDTHS[key] }));
  const header = sheet.addRow([...EXPORT_COLUMNS]);
  header.font = { bold: true };
  header.commit();
  let n = 0;
  for await (const r of rows) {
    n += 1;
    sheet.addRow(cellsOf(r).map(xlsxCell)).commit();
  }
  sheet.commit();
  await workbook.commit();
  return n;
}

/** One DHIS2 data value as written: ids are codes, the value is text. */
interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  value?: string;
  comment?: string;
}

/** The DHIS2 data values of one row: its value, then its numerator and denominator when it has them. */
function dhis2Entries(r: ExportValueRow): Dhis2DataValue[] {
  const base = { period: r.period, orgUnit: r.unitCode };
  const comment = r.comment === null ? {} : { comment: r.comment };
  const hasParts = r.numerator !== null || r.denominator !== null;
  const entries: Dhis2DataValue[] = [];
  if (r.value !== null || !hasParts) {
    const value = r.value === null ? {} : { value: cellText(r.value) };
    entries.push({ dataElement: r.indicatorCode, ...base, ...value, ...comment });
  }
  if (r.numerator !== null) {
    entries.push({
      dataElement: `${r.indicatorCode}${DHIS2_NUMERATOR_SUFFIX}`,
      ...base,
      value: formatExportNumber(r.numerator),
      ...comment,
    });
  }
  if (r.denominator !== null) {
    entries.push({
      dataElement: `${r.indicatorCode}${DHIS2_DENOMINATOR_SUFFIX}`,
      ...base,
      value: formatExportNumber(r.denominator),
      ...comment,
    });
  }
  return entries;
}

async function* dhis2Lines(rows: Rows, counter: { n: number }): AsyncGenerator<string> {
  yield '{"dataValues":[';
  let first = true;
  for await (const r of rows) {
    counter.n += 1;
    for (const entry of dhis2Entries(r)) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(entry)}`;
      first = false;
    }
  }
  yield '\n]}\n';
}

/**
 * Writes values as a DHIS2 dataValueSet in JSON (`{"dataValues": [{dataElement, period, orgUnit, value,
 * comment}]}`, codes as ids, values as text, a ratio as `<code>.num` and `<code>.den`) to `out`, ends it, and
 * resolves to the number of rows (docs/import.md).
 */
export async function writeValuesDhis2(rows: Rows, out: Writable): Promise<number> {
  const counter = { n: 0 };
  await writeText(dhis2Lines(rows, counter), out);
  return counter.n;
}
