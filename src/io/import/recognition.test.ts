import { describe, expect, it } from 'vitest';
import { book } from '../../../test/support/import-book.js';
import { EXPORT_COLUMNS } from '../export-values.js';
import {
  COMMENT_MAX,
  hasNoRows,
  noRowsMessage,
  parseImportWorkbook,
  recogniseSheet,
} from '../import-schema.js';
import type { RawWorkbook } from '../read-workbook.js';
import { TEMPLATE_INSTRUCTIONS_SHEET } from '../write-entry-template.js';

const VALUE_ROW = ['I1', '15', '2024Q2', '36,8'];

describe('recognising a sheet by its name or its header row', () => {
  it.each([
    [
      'its name',
      'values',
      ['indicator_code', 'unit_code', 'period', 'value'],
      { by: 'name', sheet: 'values' },
    ],
    ['its Vietnamese name', 'Số liệu', ['x'], { by: 'name', sheet: 'values' }],
    [
      'the values headers',
      'Sheet1',
      ['indicator_code', 'unit_code', 'period', 'value'],
      { by: 'header', sheet: 'values' },
    ],
    ['an export read back', 'exp', [...EXPORT_COLUMNS], { by: 'header', sheet: 'values' }],
    [
      'Vietnamese labels',
      'Trang 1',
      ['Mã chỉ tiêu', 'Mã đơn vị', 'Kỳ báo cáo', 'Tử số', 'Mẫu số'],
      { by: 'header', sheet: 'values' },
    ],
    [
      'the targets headers, more of them than of values',
      'Sheet1',
      ['plan_code', 'indicator_code', 'unit_code', 'period', 'target', 'value'],
      { by: 'header', sheet: 'targets' },
    ],
    [
      'the values headers, more of them than of targets',
      'Sheet1',
      ['plan_code', 'indicator_code', 'unit_code', 'period', 'target', 'value', 'numerator', 'denominator'],
      { by: 'header', sheet: 'values' },
    ],
    [
      'as many of both',
      'Sheet1',
      ['plan_code', 'indicator_code', 'unit_code', 'period', 'target', 'value', 'numerator'],
      { by: 'tie', sheets: ['targets', 'values'] },
    ],
    [
      'no kind: values without a value column',
      'Sheet1',
      ['indicator_code', 'unit_code', 'period'],
      { by: 'none' },
    ],
    ['no kind: the instructions sheet', TEMPLATE_INSTRUCTIONS_SHEET, ['Cách điền'], { by: 'none' }],
    ['no kind: no header row', 'Sheet1', [], { by: 'none' }],
  ] as const)('by %s', (_what, name, headers, expected) => {
    expect(recogniseSheet({ name, headers: [...headers] })).toMatchObject(expected);
  });

  it('imports a workbook whose only sheet is Sheet1 with the values headers as values', async () => {
    const parsed = await parseImportWorkbook(
      book({ Sheet1: [['indicator_code', 'unit_code', 'period', 'value'], VALUE_ROW] }),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.values).toMatchObject([{ row: 2, indicatorCode: 'I1', value: '36,8' }]);
    expect(parsed.layout.values?.name).toBe('Sheet1');
    expect(parsed.skippedSheets).toEqual([]);
  });

  it('prefers a sheet named after its kind to one recognised by its header row: two are refused as duplicates', async () => {
    const headers = ['indicator_code', 'unit_code', 'period', 'value'];
    const parsed = await parseImportWorkbook(
      book({ Sheet1: [headers, VALUE_ROW], values: [headers, VALUE_ROW] }),
    );
    expect(parsed.errors.map((e) => [e.sheet, e.message_en])).toEqual([
      ['Sheet1', 'The sheet «Sheet1» duplicates «values» (both are values); merge them into one.'],
    ]);
  });

  it('refuses a sheet that could be values or targets, naming both', async () => {
    const headers = ['plan_code', 'indicator_code', 'unit_code', 'period', 'target', 'value', 'numerator'];
    const parsed = await parseImportWorkbook(
      book({ Sheet1: [headers, ['P1', 'I1', '15', '2025', '90', '80', '']] }),
    );
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ sheet: 'Sheet1', row: 1, column: '' });
    expect(parsed.errors[0]?.message_en).toMatch(/could be targets or values/);
    expect(parsed.errors[0]?.message_vi).toMatch(/là trang targets hay values/);
    expect(hasNoRows(parsed)).toBe(false);
  });

  it('skips the instructions sheet of a template and names it', async () => {
    const parsed = await parseImportWorkbook(
      book({
        [TEMPLATE_INSTRUCTIONS_SHEET]: [['Cách điền'], ['Điền cột value']],
        values: [['indicator_code', 'unit_code', 'period', 'value'], VALUE_ROW],
        notes: [],
      }),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.skippedSheets).toEqual([TEMPLATE_INSTRUCTIONS_SHEET, 'notes']);
    expect(parsed.records.values).toHaveLength(1);
  });
});

describe('a file without a row to import', () => {
  const csvBook = (
    csv: RawWorkbook['sheets'] extends Map<string, infer S> ? Partial<S> : never,
  ): RawWorkbook => {
    const b = book({
      data: [
        ['Họ tên', 'Ngày sinh'],
        ['An', '2000-01-01'],
      ],
    });
    const sheet = b.sheets.get('data');
    if (sheet) Object.assign(sheet, csv);
    return { ...b, source: 'data.csv' };
  };

  it.each([
    ['an empty file', book({}), ['no sheet'], ['không có trang nào']],
    [
      'an unrelated sheet',
      book({
        Sheet1: [
          ['Họ tên', 'Ngày sinh'],
          ['An', '2000-01-01'],
        ],
      }),
      ['«Sheet1» (matches no sheet; headers: Họ tên, Ngày sinh)'],
      ['«Sheet1» (không khớp trang nào; tiêu đề: Họ tên, Ngày sinh)'],
    ],
    [
      'a values sheet without rows',
      book({ values: [['indicator_code', 'unit_code', 'period', 'value']] }),
      ['«values» (values, 0 row(s)'],
      ['«values» (là values, 0 dòng'],
    ],
    [
      'a CSV read with a semicolon',
      csvBook({ csv: { separator: ';', encoding: 'UTF-8' } }),
      ['read as CSV with semicolon «;», UTF-8 encoding'],
      ['đọc dạng CSV với dấu chấm phẩy «;», mã UTF-8'],
    ],
    [
      'a CSV whose format is not known',
      csvBook({}),
      ['«data» (matches no sheet; headers: Họ tên, Ngày sinh)'],
      ['«data» (không khớp trang nào; tiêu đề: Họ tên, Ngày sinh)'],
    ],
  ])('%s names what was expected and what it holds', async (_what, raw, en, vi) => {
    const parsed = await parseImportWorkbook(raw);
    expect(hasNoRows(parsed)).toBe(true);
    const m = noRowsMessage(raw);
    for (const text of [
      'values (indicator_code, unit_code, period, value|numerator|denominator)',
      'targets (plan_code, indicator_code, unit_code, period, target)',
      ...en,
    ]) {
      expect(m.message_en).toContain(text);
    }
    for (const text of ['values (indicator_code, unit_code, period, value|numerator|denominator)', ...vi]) {
      expect(m.message_vi).toContain(text);
    }
  });

  it('is not a file whose rows are all refused: those are bad cells', async () => {
    const parsed = await parseImportWorkbook(
      book({
        values: [
          ['indicator_code', 'unit_code', 'period', 'value'],
          ['I 1', '15', '2024', '1'],
        ],
      }),
    );
    expect(parsed.errors).toHaveLength(1);
    expect(hasNoRows(parsed)).toBe(false);
  });
});

describe('the length of a comment or note', () => {
  const headers = {
    values: ['indicator_code', 'unit_code', 'period', 'value', 'Ghi chú'],
    targets: ['plan_code', 'indicator_code', 'unit_code', 'period', 'target', 'note'],
    tasks: ['code', 'programme', 'title', 'lead_unit_code', 'status', 'note'],
  };
  const rows = {
    values: ['I1', '15', '2024', '1'],
    targets: ['P1', 'I1', '15', '2025', '90'],
    tasks: ['T1', 'DA06', 'Việc', '15', 'notStarted'],
  };
  it.each([
    ['values', COMMENT_MAX, 0],
    ['values', COMMENT_MAX + 1, 1],
    ['targets', COMMENT_MAX + 1, 1],
    ['tasks', COMMENT_MAX + 1, 1],
    ['tasks', COMMENT_MAX, 0],
  ] as const)('%s: %i characters give %i error(s)', async (sheet, length, count) => {
    const parsed = await parseImportWorkbook(
      book({ [sheet]: [headers[sheet], [...rows[sheet], 'ý'.repeat(length)]] }),
    );
    expect(parsed.errors).toHaveLength(count);
    expect(parsed.records[sheet]).toHaveLength(1 - count);
    if (count === 0) return;
    const column = headers[sheet].at(-1);
    expect(parsed.errors[0]).toMatchObject({ sheet, row: 2, column });
    expect(parsed.errors[0]?.message_vi).toContain('2.001 ký tự, quá giới hạn 2.000 ký tự');
    expect(parsed.errors[0]?.message_en).toContain('2,001 characters, over the limit of 2,000');
    expect(parsed.errors[0]?.message_vi).not.toMatch(/too|expected|characters/i);
  });
});

describe('messages of refused cells', () => {
  it.each([
    ['plans', ['code', 'name', 'unit_code', 'start_year', 'end_year'], ['P 1', '', 'x:1', '99.5', 'năm']],
    [
      'index_nodes',
      ['methodology', 'code', 'name', 'weight', 'reference', 'normalization'],
      ['M', 'N', 'Nút', '-1', '1%', 'nope'],
    ],
    [
      'values',
      ['indicator_code', 'unit_code', 'period', 'value', 'numerator'],
      ['I'.repeat(101), '15', '2024Q5', 'abc', '10.851'],
    ],
    [
      'tasks',
      ['code', 'programme', 'title', 'lead_unit_code', 'status', 'due', 'recurring'],
      ['T1', 'DA', 'Việc', '15', 'x', '15/03/2025', 'maybe'],
    ],
  ])('in %s are Vietnamese and English, never zod’s own text', async (sheet, headers, row) => {
    const parsed = await parseImportWorkbook(book({ [sheet]: [headers, row] }));
    expect(parsed.errors.length).toBeGreaterThanOrEqual(3);
    for (const e of parsed.errors) {
      expect(e.message_vi).not.toMatch(/too (big|small)|invalid|expected|received/i);
      expect(e.message_en).not.toMatch(/too (big|small)|invalid input|received/i);
      expect(new Set(parsed.errors.filter((x) => x.column === e.column).map((x) => x.message_en)).size).toBe(
        parsed.errors.filter((x) => x.column === e.column).length,
      );
    }
  });
});
