import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValueType } from '../domain/aggregate.js';
import {
  EXPORT_COLUMNS,
  formatExportNumber,
  writeValuesCsv,
  writeValuesDhis2,
  writeValuesXlsx,
} from './export-values.js';
import type { ExportValueRow } from './export-values.js';
import { parseDecimal } from '../domain/validate-value.js';
import { restoreFormulaText } from './csv.js';
import { parseImportWorkbook } from './import-schema.js';
import { parseCsv as parseImportCsv } from './read-csv.js';
import { readWorkbook, readWorkbookFromBuffer } from './read-workbook.js';
import { VALUES_SHEET_COLUMNS, dhis2RowsToValuesSheet, readDhis2DataValueSet } from './read-dhis2.js';
import type { ValuesSheetColumn } from './read-dhis2.js';
import { tempDir } from '../../test/support/temp-dir.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('dxmon-export-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const base: ExportValueRow = {
  indicatorCode: 'CQS01',
  unitCode: '15',
  period: '2024',
  value: null,
  numerator: null,
  denominator: null,
  comment: null,
  indicatorName: 'Tỷ lệ hồ sơ trực tuyến',
  unitName: 'Tỉnh Lào Cai',
  valueType: 'percent',
  updatedAt: '2025-01-31T08:15:00.000Z',
  updatedBy: 'nguyen.van.a',
  source: 'import',
};

const row = (over: Partial<ExportValueRow>): ExportValueRow => ({ ...base, ...over });

/** Every kind of value and every awkward text the formats must carry. */
const ROWS: ExportValueRow[] = [
  row({ value: 87.5, comment: 'Số liệu của Sở Thông tin và Truyền thông' }),
  row({
    indicatorCode: 'KTS02',
    unitCode: 'pre2025:10',
    period: '2024Q1',
    value: 1234567,
    valueType: 'count',
  }),
  row({ indicatorCode: 'MONEY', period: '202401', value: 1e21, valueType: 'money', comment: 'a, b' }),
  row({ indicatorCode: 'TINY', period: '2024S1', value: 1.5e-7, valueType: 'number', comment: 'nói "có"' }),
  row({ indicatorCode: 'NEG', value: -0.30000000000000004, valueType: 'number', comment: 'dòng 1\ndòng 2' }),
  row({ indicatorCode: 'CRLF', value: 0, valueType: 'number', comment: 'một\r\nhai' }),
  row({ indicatorCode: 'FIBRE', unitCode: '08123', value: true, valueType: 'boolean', comment: ' lề ' }),
  row({ indicatorCode: 'LAN', unitCode: '08124', value: false, valueType: 'boolean', updatedBy: null }),
  row({ indicatorCode: 'HH_FIBRE', numerator: 1250, denominator: 2000, valueType: 'ratio', comment: '=1+1' }),
  row({ indicatorCode: 'HH_PCT', value: 62.5, numerator: 1250, denominator: 2000, valueType: 'ratio' }),
  row({ indicatorCode: 'EMPTY', comment: null, source: null }),
  row({ indicatorCode: 'NOTE', comment: 'Chưa có số liệu; đơn vị chưa báo cáo' }),
  row({
    indicatorCode: 'NAMES',
    indicatorName: 'Tên có dấu phẩy, "ngoặc kép" và\nxuống dòng',
    unitName: 'Xã Bát Xát',
  }),
  row({ indicatorCode: 'AT', comment: "@SUM(1+1)*cmd|' /C calc'!A0", indicatorName: '=Tên như công thức' }),
  row({ indicatorCode: 'PLUS', comment: '+HYPERLINK("http://x.invalid", "bấm")', unitName: '-Xã âm' }),
  row({
    indicatorCode: 'MINUS',
    value: -5,
    valueType: 'number',
    comment: '-5 là giá trị âm',
    updatedBy: '@ai.do',
  }),
];

/** The `values` sheet cells an export of `r` must carry, as text. */
function sheetCells(r: ExportValueRow): Record<ValuesSheetColumn, string> {
  const text = (v: number | boolean | null): string =>
    v === null ? '' : typeof v === 'boolean' ? String(v) : formatExportNumber(v);
  return {
    indicator_code: r.indicatorCode,
    unit_code: r.unitCode,
    period: r.period,
    value: text(r.value),
    numerator: text(r.numerator),
    denominator: text(r.denominator),
    comment: r.comment ?? '',
  };
}

/** The number columns: the only ones whose text the importer never strips of a formula guard. */
const NUMBER_COLUMNS = new Set(['value', 'numerator', 'denominator']);

/** Text cells as the importer reads them: the apostrophe guarding a formula character removed (csv.ts). */
function asImportedText(cells: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(cells).map(([k, v]) => [k, NUMBER_COLUMNS.has(k) ? v : restoreFormulaText(v)]),
  );
}

/** Reads text cells back into a row, as an importer would with the indicator's value type. */
function rowFromText(written: Record<string, string>): ExportValueRow {
  const cells = asImportedText(written);
  const num = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));
  const nul = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);
  const valueType = (cells['value_type'] ?? '') as ValueType;
  const valueText = cells['value'] ?? '';
  return {
    indicatorCode: cells['indicator_code'] ?? '',
    unitCode: cells['unit_code'] ?? '',
    period: cells['period'] ?? '',
    value: valueType === 'boolean' && valueText !== '' ? valueText === 'true' : num(valueText),
    numerator: num(cells['numerator']),
    denominator: num(cells['denominator']),
    comment: nul(cells['comment']),
    indicatorName: cells['indicator_name'] ?? '',
    unitName: cells['unit_name'] ?? '',
    valueType,
    updatedAt: cells['updated_at'] ?? '',
    updatedBy: nul(cells['updated_by']),
    source: nul(cells['source']),
  };
}

/** A strict RFC 4180 parser for the tests: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '"' || c === '\r' || c === '\n') {
      throw new Error(`Unquoted ${JSON.stringify(c)} at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('The last record does not end with CRLF');
  return records;
}

function records(header: readonly string[], data: readonly string[][]): Record<string, string>[] {
  return data.map((fields) => Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ''])));
}

/** A writable that collects what it gets, slowly and in small steps, so the writers must wait for it. */
function slowSink(): { sink: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

async function* failing(): AsyncGenerator<ExportValueRow> {
  yield ROWS[0] ?? base;
  throw new Error('cursor lost');
}

async function csvOf(rows: readonly ExportValueRow[]): Promise<string> {
  const { sink, text } = slowSink();
  await writeValuesCsv(rows, sink);
  return text();
}

describe('formatExportNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [87.5, '87.5'],
    [-12.25, '-12.25'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1234567.891, '1234567.891'],
    [1e21, '1000000000000000000000'],
    [1.2345e25, '12345000000000000000000000'],
    [-3e22, '-30000000000000000000000'],
    [1e-7, '0.0000001'],
    [1.5e-7, '0.00000015'],
    [-2.5e-10, '-0.00000000025'],
    [1.7976931348623157e308, `17976931348623157${'0'.repeat(292)}`],
    [5e-324, `0.${'0'.repeat(323)}5`],
  ])('writes %s as %s, which reads back as the same number', (n, text) => {
    expect(formatExportNumber(n)).toBe(text);
    expect(Number(formatExportNumber(n))).toBe(n === 0 ? 0 : n);
  });

  it.each([NaN, Infinity, -Infinity])('refuses %s', (n) => {
    expect(() => formatExportNumber(n)).toThrow(RangeError);
  });

  it.each([
    [10.851, '10.8510'],
    [-10.851, '-10.8510'],
    [1.5, '1.5'],
    [1.505, '1.5050'],
    [999.999, '999.9990'],
    [1000.851, '1000.851'],
    [0.851, '0.851'],
    [10.85, '10.85'],
    [10.8512, '10.8512'],
    [1500, '1500'],
  ])('writes %s as %s, which the importer reads back as the same number, never as ambiguous', (n, text) => {
    expect(formatExportNumber(n)).toBe(text);
    const read = parseDecimal(text);
    expect(read.ok && read.value.value).toBe(n);
  });
});

describe('writeValuesCsv', () => {
  it('starts with a byte-order mark and the values sheet columns in order, then the extra columns', async () => {
    const text = await csvOf([]);
    expect(text).toBe(
      '\uFEFFindicator_code,unit_code,period,value,numerator,denominator,comment,' +
        'indicator_name,unit_name,value_type,updated_at,updated_by,source\r\n',
    );
    expect(EXPORT_COLUMNS.slice(0, 7)).toEqual([...VALUES_SHEET_COLUMNS]);
  });

  it.each([
    ['a number', row({ value: 87.5 }), 'CQS01,15,2024,87.5,,,,'],
    [
      'a large number, without exponent or grouping',
      row({ value: 1e21 }),
      'CQS01,15,2024,1000000000000000000000,,,,',
    ],
    ['true', row({ value: true, valueType: 'boolean' }), 'CQS01,15,2024,true,,,,'],
    ['false', row({ value: false, valueType: 'boolean' }), 'CQS01,15,2024,false,,,,'],
    ['a ratio', row({ numerator: 3, denominator: 4 }), 'CQS01,15,2024,,3,4,,'],
    ['another set', row({ unitCode: 'pre2025:10' }), 'CQS01,pre2025:10,2024,,,,,'],
    ['a comma', row({ comment: 'a, b' }), 'CQS01,15,2024,,,,"a, b",'],
    ['a quote', row({ comment: 'nói "có"' }), 'CQS01,15,2024,,,,"nói ""có""",'],
    ['a line feed', row({ comment: 'một\nhai' }), 'CQS01,15,2024,,,,"một\nhai",'],
    ['a CRLF', row({ comment: 'một\r\nhai' }), 'CQS01,15,2024,,,,"một\r\nhai",'],
    ['edge spaces', row({ comment: ' lề ' }), 'CQS01,15,2024,,,," lề ",'],
    ['Vietnamese, unquoted', row({ comment: 'Đã kiểm tra' }), 'CQS01,15,2024,,,,Đã kiểm tra,'],
    [
      'a formula, with an apostrophe',
      row({ comment: "=cmd|' /C calc'!A0" }),
      "CQS01,15,2024,,,,'=cmd|' /C calc'!A0,",
    ],
    ['an @ formula', row({ comment: '@SUM(A1)' }), "CQS01,15,2024,,,,'@SUM(A1),"],
    [
      'a + formula, quoted',
      row({ comment: '+HYPERLINK("http://x.invalid";"y")' }),
      'CQS01,15,2024,,,,"\'+HYPERLINK(""http://x.invalid"";""y"")",',
    ],
    ['a - formula', row({ comment: '-1+2' }), "CQS01,15,2024,,,,'-1+2,"],
    ['a leading tab', row({ comment: '\tthụt lề' }), "CQS01,15,2024,,,,'\tthụt lề,"],
    ['a leading CR, quoted', row({ comment: '\rđầu dòng' }), 'CQS01,15,2024,,,,"\'\rđầu dòng",'],
    ['a code that looks like a formula', row({ indicatorCode: '=X1' }), "'=X1,15,2024,,,,,"],
    ['a negative number as it is', row({ value: -5, numerator: -1.5 }), 'CQS01,15,2024,-5,-1.5,,,'],
    [
      'an apostrophe elsewhere, untouched',
      row({ comment: "'trích dẫn' =1" }),
      "CQS01,15,2024,,,,'trích dẫn' =1,",
    ],
  ])('writes %s', async (_name, r, start) => {
    const text = await csvOf([r]);
    const lines = text.slice(text.indexOf('\r\n') + 2);
    expect(lines.startsWith(start)).toBe(true);
    expect(lines.endsWith(`,${r.valueType},2025-01-31T08:15:00.000Z,nguyen.van.a,import\r\n`)).toBe(true);
  });

  it('writes text that would start a formula so that the import reads it back unchanged', async () => {
    const texts = ["=cmd|' /C calc'!A0", '@SUM(A1)', '+HYPERLINK("x";"y")', '-1+2', "'=vốn có dấu nháy"];
    const rows = texts.map((comment, i) => row({ unitCode: `U${i}`, value: -i, comment }));
    const workbook = await readWorkbookFromBuffer(null, 'csv-files', [
      { name: 'values.csv', data: Buffer.from(await csvOf(rows)) },
    ]);
    const parsed = await parseImportWorkbook(workbook);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.values.map((v) => v.comment)).toEqual(texts);
    // Negative numbers are numbers, never guarded: the value reads back as the text -0, -1, …
    expect(parsed.records.values.map((v) => v.value)).toEqual(texts.map((_, i) => formatExportNumber(-i)));
    expect(parsed.records.values.map((v) => v.value)).toEqual(texts.map((_, i) => String(-i)));
  });

  it('writes the bytes as UTF-8 with the mark EF BB BF', async () => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    await writeValuesCsv([row({ comment: 'Lào Cai' })], sink);
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Lào Cai');
  });

  it('round-trips every row through an RFC 4180 parser', async () => {
    const text = await csvOf(ROWS);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header = [], ...data] = parseCsv(text.slice(1));
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(data).toHaveLength(ROWS.length);
    const back = records(header, data);
    expect(back.map(rowFromText)).toEqual(ROWS);
    expect(
      back.map((r) => asImportedText(Object.fromEntries(VALUES_SHEET_COLUMNS.map((c) => [c, r[c] ?? ''])))),
    ).toEqual(ROWS.map(sheetCells));
  });

  it('round-trips every row through the importer CSV reader, which drops the mark (CR LF read back as LF)', async () => {
    const parsed = await parseImportCsv(await csvOf(ROWS));
    expect(parsed.problem).toBeNull();
    const [header = [], ...data] = parsed.records;
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const expected = ROWS.map((r) =>
      r.comment === null ? r : { ...r, comment: r.comment.replace(/\r\n/g, '\n') },
    );
    expect(records(header, data).map(rowFromText)).toEqual(expected);
  });

  it('reads rows from an async iterable, waits for a slow destination, ends it and counts the rows', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => row({ indicatorCode: `I${i}`, value: i / 7 }));
    const { sink, text } = slowSink();
    const n = await writeValuesCsv(slowly(many), sink);
    expect(n).toBe(3000);
    expect(sink.writableFinished).toBe(true);
    const [, ...data] = parseCsv(text().slice(1));
    expect(data.map((d) => Number(d[3]))).toEqual(many.map((r) => r.value));
  });

  it('rejects when the rows fail midway', async () => {
    const { sink } = slowSink();
    await expect(writeValuesCsv(failing(), sink)).rejects.toThrow('cursor lost');
  });
});

/** A cell as a workbook reader gives it: text, whatever exceljs holds. */
function cellString(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatExportNumber(v);
  if (typeof v === 'boolean') return String(v);
  throw new Error(`Unexpected cell ${JSON.stringify(v)}`);
}

async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function sheetRecords(ws: ExcelJS.Worksheet): {
  header: string[];
  rows: Record<string, string>[];
  raw: ExcelJS.CellValue[][];
} {
  const header: string[] = [];
  const raw: ExcelJS.CellValue[][] = [];
  for (let r = 1; r <= ws.rowCount; r += 1) {
    const cells = EXPORT_COLUMNS.map((_, c) => ws.getRow(r).getCell(c + 1).value);
    if (r === 1) header.push(...cells.map(cellString));
    else raw.push(cells);
  }
  return {
    header,
    rows: records(
      header,
      raw.map((cells) => cells.map(cellString)),
    ),
    raw,
  };
}

describe('writeValuesXlsx', () => {
  it('writes text that looks like a formula as a text cell, never a formula and without an apostrophe', async () => {
    const file = path.join(dir, 'formulas.xlsx');
    await writeValuesXlsx(ROWS, file);
    const ws = (await readXlsx(file)).getWorksheet('values');
    if (!ws) throw new Error('no sheet');
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((r) => r.eachCell((c) => cells.push(c)));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const formulaLike = cells.filter((c) => typeof c.value === 'string' && /^[=+\-@]/.test(c.value));
    expect(formulaLike.map((c) => c.value)).toEqual(
      expect.arrayContaining(['=1+1', '=Tên như công thức', '-Xã âm', '@ai.do']),
    );
    for (const c of formulaLike) expect(c.type).toBe(ExcelJS.ValueType.String);
  });

  it('writes a sheet `values` with a bold frozen header, widths, numeric cells and true/false text', async () => {
    const file = path.join(dir, 'values.xlsx');
    expect(await writeValuesXlsx(ROWS, file)).toBe(ROWS.length);
    const wb = await readXlsx(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['values']);
    const ws = wb.getWorksheet('values');
    if (!ws) throw new Error('no sheet');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(7).width).toBe(40);
    const { header, raw } = sheetRecords(ws);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(raw[0]?.[3]).toBe(87.5);
    expect(raw[2]?.[3]).toBe(1e21);
    expect(raw[6]?.[3]).toBe('true');
    expect(raw[7]?.[3]).toBe('false');
    expect(raw[8]?.slice(3, 6)).toEqual([null, 1250, 2000]);
    expect(raw[8]?.[6]).toBe('=1+1');
  });

  it('round-trips every row, Vietnamese and line breaks included (CR LF read back as LF)', async () => {
    const file = path.join(dir, 'round-trip.xlsx');
    await writeValuesXlsx(slowly(ROWS), file);
    const ws = (await readXlsx(file)).getWorksheet('values');
    if (!ws) throw new Error('no sheet');
    const { rows } = sheetRecords(ws);
    const expected = ROWS.map((r) =>
      r.comment === null ? r : { ...r, comment: r.comment.replace(/\r\n/g, '\n') },
    );
    expect(expected.find((r) => r.indicatorCode === 'CRLF')?.comment).toBe('một\nhai');
    expect(rows.map(rowFromText)).toEqual(expected);
    expect(rows.map((r) => Object.fromEntries(VALUES_SHEET_COLUMNS.map((c) => [c, r[c]])))).toEqual(
      expected.map(sheetCells),
    );
  });

  it.each([
    ['CR LF', 'một\r\nhai', 'một\nhai'],
    ['a lone CR', 'một\rhai', 'một\nhai'],
    ['LF', 'một\nhai', 'một\nhai'],
  ])('writes %s in a comment as a line feed', async (_name, comment, stored) => {
    const file = path.join(dir, 'breaks.xlsx');
    await writeValuesXlsx([row({ comment })], file);
    expect((await readXlsx(file)).getWorksheet('values')?.getRow(2).getCell(7).value).toBe(stored);
  });

  it('writes to a stream as well as to a path', async () => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    expect(await writeValuesXlsx([ROWS[0] ?? base], sink)).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('values')?.getRow(2).getCell(7).value).toBe(
      'Số liệu của Sở Thông tin và Truyền thông',
    );
  });

  it('writes only the header when there are no rows', async () => {
    const file = path.join(dir, 'empty.xlsx');
    expect(await writeValuesXlsx([], file)).toBe(0);
    const ws = (await readXlsx(file)).getWorksheet('values');
    expect(ws?.rowCount).toBe(1);
  });
});

async function dhis2Of(rows: readonly ExportValueRow[] | AsyncIterable<ExportValueRow>): Promise<string> {
  const { sink, text } = slowSink();
  await writeValuesDhis2(rows, sink);
  return text();
}

describe('writeValuesDhis2', () => {
  it('writes an empty dataValueSet when there are no rows', async () => {
    expect(JSON.parse(await dhis2Of([]))).toEqual({ dataValues: [] });
  });

  it.each([
    [
      'a number, as text',
      row({ value: 87.5, comment: 'ghi chú' }),
      [{ dataElement: 'CQS01', period: '2024', orgUnit: '15', value: '87.5', comment: 'ghi chú' }],
    ],
    [
      'a boolean, as "true"',
      row({ value: true, unitCode: 'pre2025:10' }),
      [{ dataElement: 'CQS01', period: '2024', orgUnit: 'pre2025:10', value: 'true' }],
    ],
    [
      '"false"',
      row({ value: false }),
      [{ dataElement: 'CQS01', period: '2024', orgUnit: '15', value: 'false' }],
    ],
    [
      'a large number without exponent',
      row({ value: 1e21 }),
      [{ dataElement: 'CQS01', period: '2024', orgUnit: '15', value: '1000000000000000000000' }],
    ],
    [
      'a ratio as .num and .den, the comment on each',
      row({ numerator: 1250, denominator: 2000, comment: 'c' }),
      [
        { dataElement: 'CQS01.num', period: '2024', orgUnit: '15', value: '1250', comment: 'c' },
        { dataElement: 'CQS01.den', period: '2024', orgUnit: '15', value: '2000', comment: 'c' },
      ],
    ],
    [
      'a ratio with its percentage as the plain element first',
      row({ value: 62.5, numerator: 1250, denominator: 2000 }),
      [
        { dataElement: 'CQS01', period: '2024', orgUnit: '15', value: '62.5' },
        { dataElement: 'CQS01.num', period: '2024', orgUnit: '15', value: '1250' },
        { dataElement: 'CQS01.den', period: '2024', orgUnit: '15', value: '2000' },
      ],
    ],
    [
      'a comment alone, without value',
      row({ comment: 'chưa báo cáo' }),
      [{ dataElement: 'CQS01', period: '2024', orgUnit: '15', comment: 'chưa báo cáo' }],
    ],
    ['nothing at all', row({}), [{ dataElement: 'CQS01', period: '2024', orgUnit: '15' }]],
  ])('writes %s', async (_name, r, entries) => {
    expect(JSON.parse(await dhis2Of([r]))).toEqual({ dataValues: entries });
  });

  it('counts rows, not data values, and writes one data value per line', async () => {
    const { sink, text } = slowSink();
    const n = await writeValuesDhis2(ROWS, sink);
    expect(n).toBe(ROWS.length);
    const lines = text().trimEnd().split('\n');
    expect(lines[0]).toBe('{"dataValues":[');
    expect(lines.at(-1)).toBe(']}');
    expect(lines).toHaveLength(2 + ROWS.length + 3);
  });

  it('round-trips every row through readDhis2DataValueSet, ratios included', async () => {
    const json: unknown = JSON.parse(await dhis2Of(slowly(ROWS)));
    const read = readDhis2DataValueSet(json);
    expect(read.errors).toEqual([]);
    expect(dhis2RowsToValuesSheet(read.rows).map((r) => r.cells)).toEqual(ROWS.map(sheetCells));
  });

  it('agrees with the CSV export on the values sheet columns', async () => {
    const [header = [], ...data] = parseCsv((await csvOf(ROWS)).slice(1));
    const fromCsv = records(header, data).map((r) =>
      asImportedText(Object.fromEntries(VALUES_SHEET_COLUMNS.map((c) => [c, r[c] ?? '']))),
    );
    const fromDhis2 = dhis2RowsToValuesSheet(readDhis2DataValueSet(JSON.parse(await dhis2Of(ROWS))).rows);
    expect(fromDhis2.map((r) => r.cells)).toEqual(fromCsv);
  });

  it('rejects when the rows fail midway', async () => {
    const { sink } = slowSink();
    await expect(writeValuesDhis2(failing(), sink)).rejects.toThrow('cursor lost');
  });
});

/** `ROWS` as the import reads them back: line breaks as LF; from XLSX, numbers to Excel's 15 digits. */
function asImported(fromXlsx: boolean): ExportValueRow[] {
  const n = (v: number | null): number | null => (v === null || !fromXlsx ? v : Number(v.toPrecision(15)));
  return ROWS.map((r) => ({
    ...r,
    value: typeof r.value === 'number' ? n(r.value) : r.value,
    numerator: n(r.numerator),
    denominator: n(r.denominator),
    comment: r.comment === null ? null : r.comment.replace(/\r\n/g, '\n'),
    indicatorName: r.indicatorName.replace(/\r\n/g, '\n'),
  }));
}

describe('exports import back through readWorkbook, the import reader', () => {
  it('reads a CSV export saved as values.csv as the values sheet, columns in order, rows equal', async () => {
    const file = path.join(dir, 'values.csv');
    await writeValuesCsv(ROWS, createWriteStream(file));
    const workbook = await readWorkbook(file);
    expect(workbook.errors).toEqual([]);
    const sheet = workbook.sheets.get('values');
    expect(sheet?.headers).toEqual([...EXPORT_COLUMNS]);
    expect(sheet?.rows.map((r) => rowFromText(r.cells))).toEqual(asImported(false));
    expect(sheet?.rows.map((r) => r.rowNumber)).toEqual(ROWS.map((_, i) => i + 2));
  });

  it('reads an XLSX export as the values sheet, numbers as number cells, rows equal', async () => {
    const file = path.join(dir, 'import-back.xlsx');
    await writeValuesXlsx(ROWS, file);
    const workbook = await readWorkbook(file);
    expect(workbook.errors).toEqual([]);
    expect([...workbook.sheets.keys()]).toEqual(['values']);
    const sheet = workbook.sheets.get('values');
    expect(sheet?.headers).toEqual([...EXPORT_COLUMNS]);
    expect(sheet?.rows.map((r) => rowFromText(r.cells))).toEqual(asImported(true));
    expect(sheet?.rows[0]?.numbers).toEqual({ value: 87.5 });
    expect(sheet?.rows[8]?.numbers).toEqual({ numerator: 1250, denominator: 2000 });
  });
});
