import { rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SheetName } from '../import-schema.js';
import { IMPORT_SHEETS, cellErrorAt, parseImportWorkbook } from '../import-schema.js';
import { readWorkbook } from '../read-workbook.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { book, where, parseOk } from '../../../test/support/import-book.js';

describe('columns and sheets', () => {
  it('reports a missing required column once, at row 1, and still checks the other cells', async () => {
    const parsed = await parseImportWorkbook(
      book({
        values: [
          ['indicator_code', 'period', 'value'],
          ['I1', '2024Q2', '1'],
          ['I1', '2024Q9', '2'],
        ],
      }),
    );
    expect(where(parsed.errors)).toEqual([
      ['values', 1, 'unit_code'],
      ['values', 3, 'period'],
    ]);
    expect(parsed.errors[0]?.message_vi).toContain('Mã đơn vị');
    expect(parsed.records.values).toEqual([]);
  });

  it('asks once for a value column when a values sheet has none of value, numerator, denominator', async () => {
    const parsed = await parseImportWorkbook(
      book({
        values: [
          ['indicator_code', 'unit_code', 'period', 'comment'],
          ['I1', '15', '2024', 'x'],
          ['I1', '16', '2024', 'y'],
        ],
      }),
    );
    expect(where(parsed.errors)).toEqual([['values', 1, 'value']]);
    expect(parsed.errors[0]?.message_en).toContain('numerator');
    expect(parsed.records.values).toEqual([]);
  });

  it('accepts a values sheet with numerator and denominator but no value column', async () => {
    const records = await parseOk({
      values: [
        ['indicator_code', 'unit_code', 'period', 'numerator', 'denominator'],
        ['I1', '15', '2024', '3', '4'],
      ],
    });
    expect(records.values.map((v) => [v.value, v.numerator, v.denominator])).toEqual([[null, 3, 4]]);
  });

  it('names columns as the file writes them', async () => {
    const parsed = await parseImportWorkbook(
      book({
        'Số liệu': [
          ['Mã chỉ tiêu', 'Mã đơn vị', 'Kỳ báo cáo', 'Giá trị (value)'],
          ['I1', '15', '2024', 'x'],
        ],
      }),
    );
    expect(where(parsed.errors)).toEqual([['Số liệu', 2, 'Giá trị (value)']]);
    expect(parsed.layout.values).toEqual({
      name: 'Số liệu',
      columns: {
        indicator_code: 'Mã chỉ tiêu',
        unit_code: 'Mã đơn vị',
        period: 'Kỳ báo cáo',
        value: 'Giá trị (value)',
      },
    });
    expect(cellErrorAt(parsed.layout, 'values', 2, 'indicator_code', 'vi', 'en')).toEqual({
      sheet: 'Số liệu',
      row: 2,
      column: 'Mã chỉ tiêu',
      message_vi: 'vi',
      message_en: 'en',
    });
    expect(cellErrorAt(parsed.layout, 'values', 2, 'numerator', 'vi', 'en').column).toBe('numerator');
    expect(cellErrorAt(parsed.layout, 'targets', 5, 'target', 'vi', 'en')).toMatchObject({
      sheet: 'targets',
      column: 'target',
    });
  });

  it('refuses a column given twice and warns about unknown columns', async () => {
    const parsed = await parseImportWorkbook(
      book({
        units: [
          ['code', 'Mã', 'name', 'kind', 'Dân số'],
          ['X', 'Y', 'Xã X', 'commune', '1000'],
        ],
      }),
    );
    expect(where(parsed.errors)).toEqual([['units', 1, 'Mã']]);
    expect(parsed.errors[0]?.message_en).toContain('repeats «code»');
    expect(parsed.warnings.map((w) => [w.sheet, w.row, w.column])).toEqual([['units', 1, 'Dân số']]);
    expect(parsed.records.units.map((u) => u.code)).toEqual(['X']);
  });

  it('warns about unknown sheets, refuses two sheets for one, skips empty sheets, passes the reader’s findings on', async () => {
    const raw = book({
      values: [['indicator_code', 'unit_code', 'period', 'value']],
      'Số liệu': [['indicator_code', 'unit_code', 'period', 'value']],
      'Hướng dẫn': [['Điền vào các trang']],
      units: [],
    });
    raw.errors.push({ sheet: 'x', row: 3, column: 'y', message_vi: 'a', message_en: 'b' });
    raw.warnings.push({ sheet: 'z', row: null, column: null, message_vi: 'c', message_en: 'd' });
    const parsed = await parseImportWorkbook(raw);
    expect(where(parsed.errors)).toEqual([
      ['x', 3, 'y'],
      ['Số liệu', 1, ''],
    ]);
    expect(parsed.warnings.map((w) => w.sheet)).toEqual(['z', 'Hướng dẫn']);
    expect(Object.keys(parsed.layout)).toEqual(['values']);
  });

  it('warns once about cells under a column without a header', async () => {
    const parsed = await parseImportWorkbook(
      book({
        units: [
          ['code', 'name', '', 'kind'],
          ['A', 'Xã A', 'stray', 'commune'],
          ['B', 'Xã B', 'stray', 'commune'],
        ],
      }),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings.map((w) => [w.row, w.message_en])).toEqual([
      [2, 'Ignored the cells under a column without a header.'],
    ]);
  });

  it('warns when a unit code in a number cell may have lost its leading zeros', async () => {
    const parsed = await parseImportWorkbook(
      book(
        {
          values: [
            ['indicator_code', 'unit_code', 'period', 'value'],
            ['I1', '1', '2024', '5'],
            ['I1', '15', '2024', '5'],
            ['I1', '4567', '2024', '5'],
          ],
        },
        { values: { 2: { unit_code: 1 }, 3: { unit_code: 15 }, 4: { unit_code: 4567 } } },
      ),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings.map((w) => [w.row, w.column])).toEqual([
      [2, 'unit_code'],
      [4, 'unit_code'],
    ]);
    expect(parsed.warnings[1]?.message_en).toContain('04567');
  });
});

describe('duplicate keys', () => {
  it.each<[SheetName, string[], string[][], number[]]>([
    [
      'units',
      ['code', 'name', 'kind'],
      [
        ['A', 'x', 'commune'],
        ['B', 'y', 'commune'],
        ['A', 'z', 'village'],
      ],
      [4],
    ],
    [
      'indicators',
      ['code', 'name_vi', 'value_type'],
      [
        ['I', 'a', 'count'],
        ['i', 'b', 'count'],
        ['I', 'c', 'count'],
      ],
      [4],
    ],
    [
      'plans',
      ['code', 'name', 'unit_code', 'start_year', 'end_year'],
      [
        ['P', 'a', '15', '2021', '2025'],
        ['P', 'b', '15', '2021', '2025'],
      ],
      [3],
    ],
    [
      'targets',
      ['plan_code', 'indicator_code', 'unit_code', 'period', 'target'],
      [
        ['P', 'I', '15', '2025', '1'],
        ['P', 'I', '15', '2024', '1'],
        ['P', 'I', 'pre2025:15', '2025', '1'],
        ['P', 'I', '2025:15', '2025', '2'],
      ],
      [5],
    ],
    [
      'values',
      ['indicator_code', 'unit_code', 'period', 'value'],
      [
        ['I', '15', '2024Q2', '1'],
        ['I', '15', '2024S1', '1'],
        ['I', '2025:15', '2024Q2', '2'],
        ['I', '15', '2024Q2', '3'],
      ],
      [4, 5],
    ],
    [
      'tasks',
      ['code', 'programme', 'title', 'lead_unit_code', 'status'],
      [
        ['T', 'p', 'a', '15', 'completed'],
        ['T', 'p', 'b', '15', 'completed'],
      ],
      [3],
    ],
    [
      'index_nodes',
      ['methodology', 'code', 'name', 'weight'],
      [
        ['M1', 'DTI', 'a', '1'],
        ['M2', 'DTI', 'b', '1'],
        ['M1', 'DTI', 'c', '1'],
      ],
      [4],
    ],
  ])('%s: the later row is refused, naming the first', async (sheet, headers, rows, badRows) => {
    const parsed = await parseImportWorkbook(book({ [sheet]: [headers, ...rows] }));
    expect(parsed.errors.map((e) => e.row)).toEqual(badRows);
    for (const e of parsed.errors) {
      expect(e.column).toBe(IMPORT_SHEETS[sheet].key[0]);
      expect(e.message_en).toMatch(/^Same as row [0-9]+ /);
      expect(e.message_vi).toMatch(/^Trùng với dòng [0-9]+ /);
    }
    expect(parsed.errors[0]?.message_en).toMatch(/^Same as row 2 /);
    expect(parsed.records[sheet]).toHaveLength(rows.length - badRows.length);
  });

  it('still finds a duplicate key when another cell of the row is bad', async () => {
    const parsed = await parseImportWorkbook(
      book({
        values: [
          ['indicator_code', 'unit_code', 'period', 'value'],
          ['I', '15', '2024', '1'],
          ['I', '15', '2024', 'abc'],
        ],
      }),
    );
    expect(where(parsed.errors)).toEqual([
      ['values', 3, 'value'],
      ['values', 3, 'indicator_code'],
    ]);
  });
});

describe('a file with good and bad rows', () => {
  it('lists every bad cell with the row numbers the sheet shows, and keeps only the good rows', async () => {
    const parsed = await parseImportWorkbook(
      book({
        units: [
          ['code', 'name', 'kind', 'parent_code'],
          ['SO_A', 'Sở A', 'agency', '15'],
          ['SO_B', '', 'sở', '15'],
        ],
        values: [
          ['Mã chỉ tiêu', 'Mã đơn vị', 'Kỳ báo cáo', 'Giá trị', 'Tử số', 'Mẫu số'],
          ['I1', '15', '2024Q1', '36,8', '', ''],
          ['', '', '', '', '', ''],
          ['I1', '16', '2024Q5', '10.851', '', ''],
          ['I2', '17', '2024', '', '3', '4'],
          ['', '', '', '', '', ''],
          ['', '', '', '', '', ''],
          ['I2', 'pre2025:x y', '2024', '', 'ba', '4'],
          ['I1', '15', '2024Q1', '37', '', ''],
        ],
      }),
    );
    expect(where(parsed.errors)).toEqual([
      ['units', 3, 'name'],
      ['units', 3, 'kind'],
      ['values', 4, 'Kỳ báo cáo'],
      ['values', 4, 'Giá trị'],
      ['values', 8, 'Mã đơn vị'],
      ['values', 8, 'Tử số'],
      ['values', 9, 'Mã chỉ tiêu'],
    ]);
    expect(parsed.records.units.map((u) => u.row)).toEqual([2]);
    expect(parsed.records.values.map((v) => v.row)).toEqual([2, 5]);
  });

  it('reads an .xlsx with Vietnamese headers end to end', async () => {
    const dir = await tempDir('dxmon-import-schema-');
    try {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Số liệu');
      ws.addRow(['Mã chỉ tiêu', 'Mã đơn vị', 'Kỳ báo cáo', 'Giá trị', 'Tử số', 'Mẫu số', 'Ghi chú']);
      ws.addRow(['CQS_01', '15', '2024Q2', 10.851, null, null, 'số thập phân']);
      const pct = ws.addRow(['CQS_02', '15', 2024, 0.97]);
      pct.getCell(4).numFmt = '0%';
      ws.addRow([]);
      ws.addRow(['CQS_03', '15', '2024', '10.851']);
      ws.addRow(['HTS_FIBRE', 'pre2025:04567', '2024S1', null, 12, 30]);
      const file = path.join(dir, 'values.xlsx');
      await wb.xlsx.writeFile(file);
      const parsed = await parseImportWorkbook(await readWorkbook(file));
      expect(where(parsed.errors)).toEqual([['Số liệu', 5, 'Giá trị']]);
      expect(
        parsed.records.values.map((v) => [
          v.row,
          v.indicatorCode,
          v.period.id,
          v.value,
          v.numerator,
          v.denominator,
        ]),
      ).toEqual([
        [2, 'CQS_01', '2024Q2', 10.851, null, null],
        [3, 'CQS_02', '2024', '97%', null, null],
        [6, 'HTS_FIBRE', '2024S1', null, 12, 30],
      ]);
      expect(parsed.records.values[2]?.unitCode).toEqual({
        set: 'pre2025',
        code: '04567',
        explicitSet: true,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
