import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawWorkbook } from './read-workbook.js';
import { WorkbookReadError, readWorkbook, readWorkbookFromBuffer } from './read-workbook.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { handMadeXlsx, REL } from '../../test/support/xlsx-parts.js';

let dir = '';

beforeAll(async () => {
  dir = await tempDir('dxmon-read-workbook-');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function xlsxBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function writeXlsx(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, await xlsxBytes(build));
  return file;
}

async function writeCsvFolder(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const folder = path.join(dir, name);
  await mkdir(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) await writeFile(path.join(folder, file), content);
  return folder;
}

function sheet(wb: RawWorkbook, name: string) {
  const s = wb.sheets.get(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe('readWorkbook on an .xlsx file', () => {
  let wb: RawWorkbook;

  beforeAll(async () => {
    const file = await writeXlsx('cells.xlsx', (book) => {
      const ws = book.addWorksheet('values');
      ws.addRow(['kind', 'cell', 'Ghi chú']);
      const rows: [string, ExcelJS.CellValue, string?][] = [
        ['integer', 38],
        ['decimal', 36.8],
        ['three decimals', 10.851],
        ['float artefact', 0.1 + 0.2],
        ['negative', -2.5],
        ['tiny', 1e-7],
        ['text', '  Lào Cai  '],
        ['text number', '36,8'],
        ['date', new Date(Date.UTC(2025, 2, 15))],
        ['date and time', new Date(Date.UTC(2025, 2, 15, 8, 30, 5))],
        ['true', true],
        ['false', false],
        ['rich text', { richText: [{ text: 'Sở ' }, { text: 'TT&TT', font: { bold: true } }] }],
        ['hyperlink', { text: 'cổng', hyperlink: 'https://example.vn' }],
        ['formula', { formula: 'B3*2', result: 73.6 }],
        ['formula artefact', { formula: '0.1+0.2', result: 0.30000000000000004 }],
        ['formula text', { formula: 'A2', result: 'integer' }],
        ['formula error', { formula: '1/0', result: { error: '#DIV/0!' } }],
        ['error', { error: '#N/A' }],
      ];
      for (const [kind, value] of rows) ws.addRow([kind, value]);
      const pct = ws.addRow(['percent', 0.97]);
      pct.getCell(2).numFmt = '0%';
      const pct2 = ws.addRow(['percent decimals', 0.97251]);
      pct2.getCell(2).numFmt = '0.000%';
      const quoted = ws.addRow(['percent sign in a literal', 5]);
      quoted.getCell(2).numFmt = '0" %"';
      const dateNum = ws.addRow(['period typed as number', 202406]);
      dateNum.getCell(3).value = 'a comment';
    });
    wb = await readWorkbook(file);
  });

  const cell = (kind: string): string | undefined =>
    sheet(wb, 'values').rows.find((r) => r.cells.kind === kind)?.cells.cell;
  const num = (kind: string): number | undefined =>
    sheet(wb, 'values').rows.find((r) => r.cells.kind === kind)?.numbers.cell;

  it.each([
    ['integer', '38', 38],
    ['decimal', '36.8', 36.8],
    ['three decimals', '10.851', 10.851],
    ['float artefact', '0.3', 0.3],
    ['negative', '-2.5', -2.5],
    ['tiny', '1e-7', 1e-7],
    ['formula', '73.6', 73.6],
    ['formula artefact', '0.3', 0.3],
    ['period typed as number', '202406', 202406],
    ['percent sign in a literal', '5', 5],
  ])('a number cell (%s) reads as text %s and keeps the number', (kind, text, n) => {
    expect(cell(kind)).toBe(text);
    expect(num(kind)).toBe(n);
  });

  it.each([
    ['text', '  Lào Cai  '],
    ['text number', '36,8'],
    ['date', '2025-03-15'],
    ['date and time', '2025-03-15T08:30:05'],
    ['true', 'true'],
    ['false', 'false'],
    ['rich text', 'Sở TT&TT'],
    ['hyperlink', 'cổng'],
    ['formula text', 'integer'],
    ['formula error', '#DIV/0!'],
    ['error', '#N/A'],
    ['percent', '97%'],
    ['percent decimals', '97.251%'],
  ])('a %s cell reads as %j and is not a number', (kind, text) => {
    expect(cell(kind)).toBe(text);
    expect(num(kind)).toBeUndefined();
  });

  it('numbers rows as the spreadsheet does and keys cells by header', () => {
    const s = sheet(wb, 'values');
    expect(s.headers).toEqual(['kind', 'cell', 'Ghi chú']);
    expect(s.rows[0]?.rowNumber).toBe(2);
    const last = s.rows.at(-1);
    expect(last?.rowNumber).toBe(s.rows.length + 1);
    expect(last?.cells['Ghi chú']).toBe('a comment');
    expect(wb.errors).toEqual([]);
    expect(wb.warnings).toEqual([]);
    expect(wb.source).toMatch(/cells\.xlsx$/);
  });
});

describe('readWorkbook: rows, headers and sheets of an .xlsx', () => {
  it('skips blank rows but keeps the row numbers the sheet shows, and reads every sheet', async () => {
    const file = await writeXlsx('rows.xlsx', (book) => {
      const ws = book.addWorksheet('units');
      ws.getRow(1).values = ['code', 'name'];
      ws.getRow(2).values = ['01', 'Hà Nội'];
      ws.getRow(4).values = ['   ', ''];
      ws.getRow(6).values = ['15', 'Lào Cai'];
      const other = book.addWorksheet('Ghi chú');
      other.getRow(1).values = ['anything'];
      book.addWorksheet('empty');
    });
    const wb = await readWorkbook(file);
    expect([...wb.sheets.keys()]).toEqual(['units', 'Ghi chú', 'empty']);
    expect(sheet(wb, 'units').rows.map((r) => [r.rowNumber, r.cells.code, r.cells.name])).toEqual([
      [2, '01', 'Hà Nội'],
      [6, '15', 'Lào Cai'],
    ]);
    expect(sheet(wb, 'empty')).toEqual({ name: 'empty', headers: [], rows: [] });
  });

  it('keeps blank headers in the middle, drops them at the end, gives a repeated header its first column', async () => {
    const file = await writeXlsx('headers.xlsx', (book) => {
      const ws = book.addWorksheet('values');
      ws.getRow(1).values = ['a', '', 'a', 'b', '', ''];
      ws.getRow(2).values = ['first a', 'no header', 'second a', 'b', '', 'far out'];
    });
    const s = sheet(await readWorkbook(file), 'values');
    expect(s.headers).toEqual(['a', '', 'a', 'b']);
    expect(s.rows[0]?.cells).toEqual({ a: 'first a', '': 'no header', b: 'b' });
  });

  it('reads a merge once, at its top-left cell', async () => {
    const file = await writeXlsx('merge.xlsx', (book) => {
      const ws = book.addWorksheet('values');
      ws.getRow(1).values = ['a', 'b'];
      ws.getCell('A2').value = 'merged';
      ws.mergeCells('A2:B2');
    });
    expect(sheet(await readWorkbook(file), 'values').rows[0]?.cells).toEqual({ a: 'merged', b: '' });
  });

  it('warns about a formula with no saved result and reads it as empty', async () => {
    const file = await writeXlsx('formula.xlsx', (book) => {
      const ws = book.addWorksheet('values');
      ws.getRow(1).values = ['a', 'b'];
      ws.getCell('A2').value = 'x';
      ws.getCell('B2').value = { formula: 'A1&A2', date1904: false };
    });
    const wb = await readWorkbook(file);
    expect(sheet(wb, 'values').rows[0]?.cells).toEqual({ a: 'x', b: '' });
    expect(wb.warnings).toHaveLength(1);
    expect(wb.warnings[0]).toMatchObject({ sheet: 'values', row: 2 });
    expect(wb.warnings[0]?.message_en).toContain('B2');
  });
});

describe('readWorkbook on a folder of .csv files', () => {
  it('reads each .csv as the sheet of its name, with RFC 4180 quoting and a BOM', async () => {
    const folder = await writeCsvFolder('csv-ok', {
      'values.csv':
        '\uFEFFindicator_code,unit_code,period,value,comment\r\n' +
        'CQS_01,15,2024Q2,"36,8","dòng 1\ndòng 2"\r\n' +
        ',,,,\r\n' +
        'CQS_01,pre2025:10,2024,97,"nói ""đạt"""\r\n',
      'units.csv': 'code,name\n01,Hà Nội\n',
      'README.txt': 'not a sheet',
      '.DS_Store': 'hidden',
    });
    const wb = await readWorkbook(folder);
    expect([...wb.sheets.keys()].sort()).toEqual(['units', 'values']);
    const values = sheet(wb, 'values');
    expect(values.headers).toEqual(['indicator_code', 'unit_code', 'period', 'value', 'comment']);
    expect(values.rows).toEqual([
      {
        rowNumber: 2,
        cells: {
          indicator_code: 'CQS_01',
          unit_code: '15',
          period: '2024Q2',
          value: '36,8',
          comment: 'dòng 1\ndòng 2',
        },
        numbers: {},
      },
      {
        rowNumber: 4,
        cells: {
          indicator_code: 'CQS_01',
          unit_code: 'pre2025:10',
          period: '2024',
          value: '97',
          comment: 'nói "đạt"',
        },
        numbers: {},
      },
    ]);
    expect(wb.errors).toEqual([]);
    expect(wb.warnings).toHaveLength(1);
    expect(wb.warnings[0]).toMatchObject({ sheet: 'README.txt', row: null });
  });

  it('counts a quoted line break as part of one row', async () => {
    const folder = await writeCsvFolder('csv-multiline', {
      'tasks.csv': 'code,note\nT1,"a\nb\nc"\nT2,x\n',
    });
    const rows = sheet(await readWorkbook(folder), 'tasks').rows;
    expect(rows.map((r) => [r.rowNumber, r.cells.code])).toEqual([
      [2, 'T1'],
      [3, 'T2'],
    ]);
  });

  it('reports a quote never closed as an error at its row and column', async () => {
    const folder = await writeCsvFolder('csv-open-quote', { 'values.csv': 'a,b\n1,2\n3,"4\n5,6\n' });
    const wb = await readWorkbook(folder);
    expect(wb.errors).toHaveLength(1);
    expect(wb.errors[0]).toMatchObject({ sheet: 'values', row: 3, column: 'b' });
  });

  it('reads columns separated by semicolons, and says so', async () => {
    const folder = await writeCsvFolder('csv-semicolon', { 'values.csv': 'a;b;c\n1;2;3\n' });
    const wb = await readWorkbook(folder);
    expect(wb.warnings).toEqual([]);
    expect(sheet(wb, 'values')).toMatchObject({
      headers: ['a', 'b', 'c'],
      rows: [{ rowNumber: 2, cells: { a: '1', b: '2', c: '3' } }],
      csv: { separator: ';', encoding: 'UTF-8' },
    });
  });

  it('refuses a file that is not UTF-8, saying how to save it', async () => {
    const folder = await writeCsvFolder('csv-latin', {
      'units.csv': new Uint8Array([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xe0, 0x0a]),
    });
    await expect(readWorkbook(folder)).rejects.toMatchObject({ code: 'notUtf8' });
    await expect(readWorkbook(folder)).rejects.toBeInstanceOf(WorkbookReadError);
  });

  it('reads a single .csv file as one sheet', async () => {
    const folder = await writeCsvFolder('csv-single', { 'values.csv': 'a\n1\n' });
    const wb = await readWorkbook(path.join(folder, 'values.csv'));
    expect([...wb.sheets.keys()]).toEqual(['values']);
  });
});

describe('readWorkbook refuses what it cannot read', () => {
  it.each([
    ['a missing path', 'missing.xlsx', null, 'notFound'],
    ['an .xls file', 'old.xls', 'binary', 'unsupported'],
    ['a damaged .xlsx', 'broken.xlsx', 'not a zip', 'unreadable'],
  ])('%s', async (_name, file, content, code) => {
    const full = path.join(dir, file);
    if (content !== null) await writeFile(full, content);
    const attempt = readWorkbook(full);
    await expect(attempt).rejects.toBeInstanceOf(WorkbookReadError);
    await expect(readWorkbook(full)).rejects.toMatchObject({ code });
    const e = await readWorkbook(full).catch((x: unknown) => x);
    expect(e instanceof WorkbookReadError && e.message_vi !== '' && e.message_en !== '').toBe(true);
  });
});

describe('readWorkbookFromBuffer', () => {
  it('reads an uploaded .xlsx like a file', async () => {
    const bytes = await xlsxBytes((book) => {
      const ws = book.addWorksheet('values');
      ws.addRow(['period', 'value']);
      ws.addRow(['2024Q2', 36.8]);
    });
    const wb = await readWorkbookFromBuffer(bytes, 'xlsx', undefined, 'upload.xlsx');
    expect(wb.source).toBe('upload.xlsx');
    expect(sheet(wb, 'values').rows).toEqual([
      { rowNumber: 2, cells: { period: '2024Q2', value: '36.8' }, numbers: { value: 36.8 } },
    ]);
  });

  it('reads uploaded .csv files by name, ignoring other files and paths', async () => {
    const enc = new TextEncoder();
    const wb = await readWorkbookFromBuffer(null, 'csv-files', [
      { name: 'C:\\Users\\x\\values.csv', data: enc.encode('value\n1\n') },
      { name: 'units.CSV', data: enc.encode('code\n01\n') },
      { name: 'notes.docx', data: enc.encode('x') },
    ]);
    expect([...wb.sheets.keys()]).toEqual(['values', 'units']);
    expect(wb.source).toBe('upload');
    expect(wb.warnings.map((w) => w.sheet)).toEqual(['notes.docx']);
  });

  it('reports two uploaded files for the same sheet', async () => {
    const enc = new TextEncoder();
    const wb = await readWorkbookFromBuffer(null, 'csv-files', [
      { name: 'values.csv', data: enc.encode('value\n1\n') },
      { name: 'values.csv', data: enc.encode('value\n2\n') },
    ]);
    expect(sheet(wb, 'values').rows[0]?.cells.value).toBe('1');
    expect(wb.errors.map((e) => [e.sheet, e.row])).toEqual([['values', 1]]);
  });

  it('refuses bytes that are not an .xlsx', async () => {
    await expect(readWorkbookFromBuffer(new Uint8Array([1, 2, 3]), 'xlsx')).rejects.toMatchObject({
      code: 'unreadable',
    });
  });
});

// ---- .xlsx files made by hand, as other spreadsheets write them -------------------------------------------

const c = (ref: string, inner: string, attrs = ''): string => `<c r="${ref}"${attrs}>${inner}</c>`;
const kindCell = (row: number, kind: string): string =>
  c(`A${row}`, `<is><t>${kind}</t></is>`, ' t="inlineStr"');

const HAND_MADE_ROWS: [string, string][] = [
  ['shared string', c('B2', '<v>2</v>', ' t="s"')],
  ['rich text', c('B3', '<v>3</v>', ' t="s"')],
  ['escaped line break', c('B4', '<v>4</v>', ' t="s"')],
  ['number', c('B5', '<v>36.799999999999997</v>')],
  ['date', c('B6', '<v>45366</v>', ' s="1"')],
  ['percent', c('B7', '<v>0.97</v>', ' s="2"')],
  ['percent decimal', c('B8', '<v>0.9725</v>', ' s="3"')],
  ['boolean', c('B9', '<v>1</v>', ' t="b"')],
  ['error', c('B10', '<v>#N/A</v>', ' t="e"')],
  ['formula true', c('B11', '<f>1=1</f><v>1</v>', ' t="b"')],
  ['formula error', c('B12', '<f>1/0</f><v>#DIV/0!</v>', ' t="e"')],
  ['formula text', c('B13', '<f>"a"&amp;"b"</f><v>a&amp;b</v>', ' t="str"')],
  ['formula zero', c('B14', '<f>A1-A1</f><v>0</v>')],
  ['shared formula', c('B15', '<f t="shared" ref="B15:B16" si="0">B5*2</f><v>73.6</v>')],
  ['shared formula zero', c('B16', '<f t="shared" si="0"/><v>0</v>')],
  ['merged', c('B17', '<is><t>shown</t></is>', ' t="inlineStr"')],
  ['covered', c('B18', '<is><t>hidden by the merge</t></is>', ' t="inlineStr"')],
];

const HAND_MADE_SHEET =
  '<sheetData><row r="1">' +
  c('A1', '<v>0</v>', ' t="s"') +
  c('B1', '<v>1</v>', ' t="s"') +
  '</row>' +
  HAND_MADE_ROWS.map(([kind, cell], i) => `<row r="${i + 2}">${kindCell(i + 2, kind)}${cell}</row>`).join(
    '',
  ) +
  '<row r="20"><c r="A20" s="1"/><c r="B20"><f>A1</f></c></row>' +
  '</sheetData><mergeCells count="1"><mergeCell ref="B17:B18"/></mergeCells>';

const readBytes = (bytes: Uint8Array, name: string): Promise<RawWorkbook> =>
  readWorkbookFromBuffer(bytes, 'xlsx', undefined, name);

describe('reading an .xlsx part by part', () => {
  it('reads a workbook in Excel part order, cell by cell', async () => {
    const bytes = handMadeXlsx(HAND_MADE_SHEET);
    const streamed = await readBytes(bytes, 'hand.xlsx');
    const rows = sheet(streamed, 'Dữ liệu').rows;
    const read = Object.fromEntries(rows.map((r) => [r.cells.kind, [r.cells.cell, r.numbers.cell]]));
    expect(read).toEqual({
      'shared string': ['  Lào Cai  ', undefined],
      'rich text': ['Sở TT&TT', undefined],
      'escaped line break': ['dòng\r\nhai', undefined],
      number: ['36.8', 36.8],
      date: ['2024-03-15', undefined],
      percent: ['97%', undefined],
      'percent decimal': ['97.25%', undefined], // every digit kept, as for 0.97251 above
      boolean: ['true', undefined],
      error: ['#N/A', undefined],
      'formula true': ['true', undefined],
      'formula error': ['#DIV/0!', undefined],
      'formula text': ['a&b', undefined],
      'formula zero': ['0', 0],
      'shared formula': ['73.6', 73.6],
      'shared formula zero': ['0', 0],
      merged: ['shown', undefined],
      covered: ['', undefined],
    });
    // Row 20: a styled empty cell and a formula never calculated.
    expect(rows.map((r) => r.rowNumber)).toEqual([...HAND_MADE_ROWS.keys()].map((i) => i + 2));
    expect(streamed.warnings.map((w) => [w.row, w.message_en])).toEqual([
      [20, 'Cell B20 holds a formula with no saved result; open and save the file in Excel.'],
    ]);
  });

  it('reads Vietnamese text whole where a chunk of the zip ends inside a letter', async () => {
    const texts = Array.from({ length: 20000 }, (_, i) => `Xã Đồng Tiến số ${i} — ghi chú tiếng Việt`);
    const bytes = await xlsxBytes((book) => {
      const ws = book.addWorksheet('values');
      ws.addRow(['comment']);
      for (const t of texts) ws.addRow([t]);
    });
    const rows = sheet(await readBytes(bytes, 'viet.xlsx'), 'values').rows;
    expect(rows.map((r) => r.cells.comment)).toEqual(texts);
  });

  it('reads a formula whose saved result is 0 or FALSE as that result', async () => {
    const bytes = await xlsxBytes((book) => {
      const ws = book.addWorksheet('values');
      ws.addRow(['a', 'b']);
      ws.addRow(['zero', { formula: 'A1-A1', result: 0 }]);
      ws.addRow(['false', { formula: 'FALSE()', result: false }]);
      ws.addRow(['none', { formula: 'A1', date1904: false }]);
    });
    const wb = await readBytes(bytes, 'f.xlsx');
    expect(sheet(wb, 'values').rows.map((r) => [r.cells.a, r.cells.b, r.numbers.b])).toEqual([
      ['zero', '0', 0],
      ['false', 'false', undefined],
      ['none', '', undefined],
    ]);
    expect(wb.warnings.map((w) => w.row)).toEqual([4]);
  });

  it('reads a cell with a hyperlink as its text', async () => {
    const bytes = handMadeXlsx(
      `${HAND_MADE_SHEET}<hyperlinks><hyperlink ref="B2" r:id="rId1"/></hyperlinks>`,
      {
        'xl/worksheets/_rels/sheet1.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/hyperlink" Target="https://example.vn" TargetMode="External"/></Relationships>`,
      },
    );
    const wb = await readBytes(bytes, 'link.xlsx');
    expect(sheet(wb, 'Dữ liệu').rows[0]?.cells.cell).toBe('  Lào Cai  ');
  });

  it.each<[string, string, string[]]>([
    [
      'cells out of column order',
      '<sheetData><row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData>',
      ['2', '1'],
    ],
    [
      'cells and rows without their reference',
      '<sheetData><row><c><v>1</v></c><c t="inlineStr"><is><t>b</t></is></c></row></sheetData>',
      ['1', 'b'],
    ],
    [
      'overlapping merges',
      '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>',
      ['1'],
    ],
    [
      'rich text in a cell, phonetic runs left out',
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t>Sở </t></r><r><rPr><b/></rPr><t>TT</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c></row></sheetData>',
      ['Sở TT'],
    ],
    [
      'prefixed element names',
      '<x:sheetData xmlns:x="urn:x"><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row></x:sheetData>',
      ['a'],
    ],
  ])('reads %s', async (_name, xml, headers) => {
    const wb = await readBytes(handMadeXlsx(xml), 'odd.xlsx');
    expect(sheet(wb, 'Dữ liệu').headers).toEqual(headers);
  });

  it('refuses a part that is not well-formed XML, naming the part', async () => {
    const xml = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row></sheetData>';
    const e = await readBytes(handMadeXlsx(xml), 'odd.xlsx').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect(e).toMatchObject({ code: 'unreadable' });
    expect((e as WorkbookReadError).message_en).toContain('xl/worksheets/sheet1.xml');
  });
});
