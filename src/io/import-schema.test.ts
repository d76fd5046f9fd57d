import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../domain/text.js';
import { formatUnitRef } from '../domain/unit-ref.js';
import type { CellError, ImportRecords, SheetName } from './import-schema.js';
import {
  IMPORT_ENUMS,
  IMPORT_ENUM_LABELS,
  IMPORT_SHEETS,
  SHEET_NAMES,
  cellErrorAt,
  listReferences,
  matchColumn,
  matchSheet,
  parseCellUnitRef,
  parseImportWorkbook,
} from './import-schema.js';
import type { RawRow, RawWorkbook } from './read-workbook.js';
import { readWorkbook, readWorkbookFromBuffer } from './read-workbook.js';
import { tempDir } from '../../test/support/temp-dir.js';

/** A workbook from tables: the first line is the header (row 1), then rows 2, 3, …; all-blank lines are skipped as the reader skips them. */
function book(
  sheets: Record<string, string[][]>,
  numbers: Record<string, Record<number, Record<string, number>>> = {},
): RawWorkbook {
  const map = new Map<string, { name: string; headers: string[]; rows: RawRow[] }>();
  for (const [name, [headers = [], ...lines]] of Object.entries(sheets)) {
    const rows: RawRow[] = [];
    lines.forEach((line, i) => {
      if (line.every((c) => c.trim() === '')) return;
      const rowNumber = i + 2;
      const cells: Record<string, string> = {};
      line.forEach((text, c) => {
        const h = headers[c] ?? '';
        if (cells[h] === undefined) cells[h] = text;
      });
      rows.push({ rowNumber, cells, numbers: numbers[name]?.[rowNumber] ?? {} });
    });
    map.set(name, { name, headers, rows });
  }
  return { source: 'test', sheets: map, errors: [], warnings: [] };
}

const where = (errors: readonly CellError[]): [string, number, string][] =>
  errors.map((e) => [e.sheet, e.row, e.column]);

function parseOk(sheets: Record<string, string[][]>): ImportRecords {
  const parsed = parseImportWorkbook(book(sheets));
  expect(parsed.errors).toEqual([]);
  return parsed.records;
}

describe('the label table', () => {
  it.each(SHEET_NAMES)('%s: every name, label and alias matches one column only', (sheet) => {
    const seen = new Map<string, string>();
    for (const c of IMPORT_SHEETS[sheet].columns) {
      for (const text of [c.name, c.label_vi, ...(c.aliases ?? [])]) {
        const key = foldVietnamese(text);
        expect(seen.get(key) ?? c.name, `${sheet}: «${text}»`).toBe(c.name);
        seen.set(key, c.name);
        expect(matchColumn(sheet, text)?.name).toBe(c.name);
      }
    }
    expect(
      IMPORT_SHEETS[sheet].key.every((k) => IMPORT_SHEETS[sheet].columns.some((c) => c.name === k)),
    ).toBe(true);
  });

  it('prints the labels docs/import.md shows and the brief name', () => {
    const labels = (s: SheetName) =>
      Object.fromEntries(IMPORT_SHEETS[s].columns.map((c) => [c.name, c.label_vi]));
    expect(labels('values')).toEqual({
      indicator_code: 'Mã chỉ tiêu',
      unit_code: 'Mã đơn vị',
      period: 'Kỳ báo cáo',
      value: 'Giá trị',
      numerator: 'Tử số',
      denominator: 'Mẫu số',
      comment: 'Ghi chú',
    });
    expect(labels('units')).toEqual({ code: 'Mã', name: 'Tên', kind: 'Loại', parent_code: 'Mã đơn vị cha' });
  });

  it('has the columns of docs/import.md in order', () => {
    const names = (s: SheetName) => IMPORT_SHEETS[s].columns.map((c) => c.name).join(', ');
    expect(names('units')).toBe('code, name, kind, parent_code');
    expect(names('indicators')).toBe(
      'code, name_vi, name_en, value_type, unit, direction, time_aggregation, group',
    );
    expect(names('plans')).toBe('code, name, unit_code, start_year, end_year');
    expect(names('targets')).toBe(
      'plan_code, indicator_code, unit_code, period, target, baseline, baseline_period, lead_unit_code, note',
    );
    expect(names('values')).toBe('indicator_code, unit_code, period, value, numerator, denominator, comment');
    expect(names('tasks')).toBe(
      'code, programme, title, lead_unit_code, start, due, recurring, status, note',
    );
    expect(names('index_nodes')).toBe(
      'methodology, code, parent_code, name, weight, indicator_code, normalization, reference',
    );
  });

  it.each(Object.keys(IMPORT_ENUMS) as (keyof typeof IMPORT_ENUMS)[])(
    'enum %s: a distinct label for every code',
    (e) => {
      const labels = IMPORT_ENUM_LABELS[e] as Record<string, string>;
      const codes = IMPORT_ENUMS[e] as readonly string[];
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      const keys = [...codes, ...Object.values(labels)].map(foldVietnamese);
      expect(new Set(keys).size).toBe(keys.length);
    },
  );
});

describe('matching headers and sheets', () => {
  it.each([
    ['values', 'indicator_code', 'indicator_code'],
    ['values', 'Indicator Code', 'indicator_code'],
    ['values', 'INDICATOR-CODE', 'indicator_code'],
    ['values', 'Mã chỉ tiêu', 'indicator_code'],
    ['values', '  MÃ CHỈ TIÊU ', 'indicator_code'],
    ['values', 'ma chi tieu', 'indicator_code'],
    ['values', 'Mã chỉ tiêu *', 'indicator_code'],
    ['values', 'Giá trị (value)', 'value'],
    ['values', 'Tử số (numerator)', 'numerator'],
    ['values', 'Kỳ', 'period'],
    ['units', 'Mã đơn vị cha', 'parent_code'],
    ['units', 'Mã đơn vị', 'code'],
    ['plans', 'Mã đơn vị', 'unit_code'],
    ['tasks', 'Hạn hoàn thành', 'due'],
    ['index_nodes', 'Trọng số', 'weight'],
  ] as [SheetName, string, string][])('%s: «%s» is %s', (sheet, header, name) => {
    expect(matchColumn(sheet, header)?.name).toBe(name);
  });

  it.each([
    ['values', 'Giá trị cũ'],
    ['values', 'code'],
    ['units', 'Mã chỉ tiêu'],
  ] as [SheetName, string][])('%s: «%s» is no column', (sheet, header) => {
    expect(matchColumn(sheet, header)).toBeUndefined();
  });

  it.each([
    ['values', 'values'],
    ['Values', 'values'],
    ['Số liệu', 'values'],
    ['so lieu', 'values'],
    ['index_nodes', 'index_nodes'],
    ['Index nodes', 'index_nodes'],
    ['Cây chỉ số', 'index_nodes'],
    ['Đơn vị', 'units'],
    ['Nhiệm vụ', 'tasks'],
  ])('sheet «%s» is %s', (name, sheet) => {
    expect(matchSheet(name)).toBe(sheet);
  });

  it('reads a sheet whose headers are all Vietnamese labels', () => {
    const records = parseOk({
      'Số liệu': [
        ['Mã chỉ tiêu', 'Mã đơn vị', 'Kỳ báo cáo', 'Giá trị', 'Tử số', 'Mẫu số', 'Ghi chú'],
        ['CQS_01', '15', '2024Q2', '36,8', '', '', 'ước tính'],
      ],
    });
    expect(records.values).toEqual([
      {
        row: 2,
        indicatorCode: 'CQS_01',
        unitCode: { set: '2025', code: '15', explicitSet: false },
        period: { id: '2024Q2', type: 'quarter', year: 2024, index: 2 },
        value: '36,8',
        numerator: null,
        denominator: null,
        comment: 'ước tính',
      },
    ]);
  });
});

describe('good rows of every sheet', () => {
  it('units', () => {
    expect(
      parseOk({
        units: [
          ['code', 'name', 'kind', 'parent_code'],
          ['SO_KHCN', 'Sở Khoa học và Công nghệ', 'agency', '15'],
          ['THON_1', 'Thôn 1', 'Thôn', 'pre2025:04567'],
          ['TINH_X', 'Tỉnh X', 'PROVINCE', ''],
        ],
      }).units,
    ).toEqual([
      {
        row: 2,
        code: 'SO_KHCN',
        name: 'Sở Khoa học và Công nghệ',
        kind: 'agency',
        parentCode: { set: '2025', code: '15', explicitSet: false },
      },
      {
        row: 3,
        code: 'THON_1',
        name: 'Thôn 1',
        kind: 'village',
        parentCode: { set: 'pre2025', code: '04567', explicitSet: true },
      },
      { row: 4, code: 'TINH_X', name: 'Tỉnh X', kind: 'province', parentCode: null },
    ]);
  });

  it('indicators', () => {
    expect(
      parseOk({
        indicators: [
          ['code', 'name_vi', 'name_en', 'value_type', 'unit', 'direction', 'time_aggregation', 'group'],
          [
            'HTS_FIBRE',
            'Tỷ lệ hộ có cáp quang',
            'Households with fibre',
            'ratio',
            '%',
            'increase',
            'last',
            'xaHoiSo',
          ],
          ['THON_NO_BB', 'Số thôn chưa có băng rộng', '', 'Số đếm', 'thôn', 'giảm', 'Cuối kỳ', ''],
          ['KH_BANHANH', 'Ban hành kế hoạch', '', 'boolean', '', '', '', ''],
        ],
      }).indicators,
    ).toEqual([
      {
        row: 2,
        code: 'HTS_FIBRE',
        nameVi: 'Tỷ lệ hộ có cáp quang',
        nameEn: 'Households with fibre',
        valueType: 'ratio',
        unit: '%',
        direction: 'increase',
        timeAggregation: 'last',
        group: 'xaHoiSo',
      },
      {
        row: 3,
        code: 'THON_NO_BB',
        nameVi: 'Số thôn chưa có băng rộng',
        nameEn: null,
        valueType: 'count',
        unit: 'thôn',
        direction: 'decrease',
        timeAggregation: 'last',
        group: null,
      },
      {
        row: 4,
        code: 'KH_BANHANH',
        nameVi: 'Ban hành kế hoạch',
        nameEn: null,
        valueType: 'boolean',
        unit: null,
        direction: null,
        timeAggregation: null,
        group: null,
      },
    ]);
  });

  it('plans', () => {
    expect(
      parseOk({
        plans: [
          ['code', 'name', 'unit_code', 'start_year', 'end_year'],
          ['NQ09', 'Nghị quyết 09 về chuyển đổi số', '15', '2021', '2025'],
          ['KH2024', 'Kế hoạch năm 2024', '2025:15', '2024', '2024'],
        ],
      }).plans,
    ).toEqual([
      {
        row: 2,
        code: 'NQ09',
        name: 'Nghị quyết 09 về chuyển đổi số',
        unitCode: { set: '2025', code: '15', explicitSet: false },
        startYear: 2021,
        endYear: 2025,
      },
      {
        row: 3,
        code: 'KH2024',
        name: 'Kế hoạch năm 2024',
        unitCode: { set: '2025', code: '15', explicitSet: true },
        startYear: 2024,
        endYear: 2024,
      },
    ]);
  });

  it('targets', () => {
    const [t] = parseOk({
      targets: [
        [
          'plan_code',
          'indicator_code',
          'unit_code',
          'period',
          'target',
          'baseline',
          'baseline_period',
          'lead_unit_code',
          'note',
        ],
        ['NQ09', 'HTS_FIBRE', '15', '2025', '95%', '40', '2020', 'SO_KHCN', 'theo NQ'],
      ],
    }).targets;
    expect(t).toEqual({
      row: 2,
      planCode: 'NQ09',
      indicatorCode: 'HTS_FIBRE',
      unitCode: { set: '2025', code: '15', explicitSet: false },
      period: { id: '2025', type: 'year', year: 2025, index: 1 },
      target: '95%',
      baseline: '40',
      baselinePeriod: { id: '2020', type: 'year', year: 2020, index: 1 },
      leadUnitCode: { set: '2025', code: 'SO_KHCN', explicitSet: false },
      note: 'theo NQ',
    });
  });

  it('values, including a ratio without a value and a yes/no value', () => {
    const values = parseOk({
      values: [
        ['indicator_code', 'unit_code', 'period', 'value', 'numerator', 'denominator', 'comment'],
        ['HTS_FIBRE', '04567', '2024S1', '', '12', '30', ''],
        ['HTS_FIBRE', '04568', '2024S1', '', '1.234,5', '2.000,0', ''],
        ['KH_BANHANH', '15', '202406', 'có', '', '', ''],
      ],
    }).values;
    expect(values.map((v) => [v.row, v.value, v.numerator, v.denominator, v.period.id])).toEqual([
      [2, null, 12, 30, '2024S1'],
      [3, null, 1234.5, 2000, '2024S1'],
      [4, 'có', null, null, '202406'],
    ]);
  });

  it('tasks, inferring recurring from the status when the cell is empty', () => {
    expect(
      parseOk({
        tasks: [
          ['code', 'programme', 'title', 'lead_unit_code', 'start', 'due', 'recurring', 'status', 'note'],
          [
            'DA06-01',
            'DA06',
            'Làm sạch dữ liệu dân cư',
            'CA_TINH',
            '2024-01-15',
            '2024-06-30',
            'không',
            'completed',
            '',
          ],
          ['DA06-02', 'DA06', 'Tuyên truyền', 'SO_KHCN', '', '', '', 'Thực hiện thường xuyên', ''],
          ['DA06-03', 'DA06', 'Triển khai VNeID', 'CA_TINH', '', '', 'FALSE', 'inprogress', 'ghi chú'],
        ],
      }).tasks,
    ).toEqual([
      {
        row: 2,
        code: 'DA06-01',
        programme: 'DA06',
        title: 'Làm sạch dữ liệu dân cư',
        leadUnitCode: { set: '2025', code: 'CA_TINH', explicitSet: false },
        start: '2024-01-15',
        due: '2024-06-30',
        recurring: false,
        status: 'completed',
        note: null,
      },
      {
        row: 3,
        code: 'DA06-02',
        programme: 'DA06',
        title: 'Tuyên truyền',
        leadUnitCode: { set: '2025', code: 'SO_KHCN', explicitSet: false },
        start: null,
        due: null,
        recurring: true,
        status: 'recurring',
        note: null,
      },
      {
        row: 4,
        code: 'DA06-03',
        programme: 'DA06',
        title: 'Triển khai VNeID',
        leadUnitCode: { set: '2025', code: 'CA_TINH', explicitSet: false },
        start: null,
        due: null,
        recurring: false,
        status: 'inProgress',
        note: 'ghi chú',
      },
    ]);
  });

  it('index_nodes, as the shipped DTI templates write them', () => {
    const records = parseOk({
      index_nodes: [
        [
          'methodology',
          'code',
          'parent_code',
          'name',
          'weight',
          'indicator_code',
          'normalization',
          'reference',
        ],
        ['dti-province-1726-2020', 'DTI', '', 'Chỉ số chuyển đổi số cấp tỉnh (DTI)', '1', '', '', ''],
        ['dti-province-1726-2020', 'CQS', 'DTI', 'Chính quyền số', '0.4', 'DTI1726_P_CQS', 'value', ''],
        ['dti-province-1726-2020', 'KTS', 'DTI', 'Kinh tế số', '0,3', 'DTI1726_P_KTS', 'ratio', '250'],
      ],
    }).index_nodes;
    expect(records).toEqual([
      {
        row: 2,
        methodology: 'dti-province-1726-2020',
        code: 'DTI',
        parentCode: null,
        name: 'Chỉ số chuyển đổi số cấp tỉnh (DTI)',
        weight: 1,
        indicatorCode: null,
        normalization: null,
        reference: null,
      },
      {
        row: 3,
        methodology: 'dti-province-1726-2020',
        code: 'CQS',
        parentCode: 'DTI',
        name: 'Chính quyền số',
        weight: 0.4,
        indicatorCode: 'DTI1726_P_CQS',
        normalization: 'value',
        reference: null,
      },
      {
        row: 4,
        methodology: 'dti-province-1726-2020',
        code: 'KTS',
        parentCode: 'DTI',
        name: 'Kinh tế số',
        weight: 0.3,
        indicatorCode: 'DTI1726_P_KTS',
        normalization: 'ratio',
        reference: 250,
      },
    ]);
  });

  it('takes the number an .xlsx number cell holds, so 10.851 there is not ambiguous', () => {
    const parsed = parseImportWorkbook(
      book(
        {
          values: [
            ['indicator_code', 'unit_code', 'period', 'value', 'numerator', 'denominator'],
            ['X', '15', '2024', '10.851', '1.5', '10.851'],
          ],
        },
        { values: { 2: { value: 10.851, numerator: 1.5, denominator: 10.851 } } },
      ),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.values[0]).toMatchObject({ value: 10.851, numerator: 1.5, denominator: 10.851 });
  });
});

/** One row of a sheet with every column good, then `bad` overriding some cells; the errors as [column, message_en]. */
function errorsFor(
  sheet: SheetName,
  good: Record<string, string>,
  bad: Record<string, string>,
): [string, string][] {
  const headers = IMPORT_SHEETS[sheet].columns.map((c) => c.name);
  const row = headers.map((h) => bad[h] ?? good[h] ?? '');
  const parsed = parseImportWorkbook(book({ [sheet]: [headers, row] }));
  for (const e of parsed.errors) {
    expect(e.sheet).toBe(sheet);
    expect(e.row).toBe(2);
    expect(e.message_vi).not.toBe('');
  }
  expect(parsed.records[sheet]).toEqual([]);
  return parsed.errors.map((e) => [e.column, e.message_en]);
}

const GOOD: Record<SheetName, Record<string, string>> = {
  units: { code: 'SO_X', name: 'Sở X', kind: 'agency', parent_code: '15' },
  indicators: { code: 'I1', name_vi: 'Chỉ tiêu 1', value_type: 'percent', direction: 'increase' },
  plans: { code: 'P1', name: 'Kế hoạch', unit_code: '15', start_year: '2021', end_year: '2025' },
  targets: { plan_code: 'P1', indicator_code: 'I1', unit_code: '15', period: '2025', target: '95' },
  values: { indicator_code: 'I1', unit_code: '15', period: '2024Q2', value: '36,8' },
  tasks: { code: 'T1', programme: 'DA06', title: 'Việc', lead_unit_code: '15', status: 'notStarted' },
  index_nodes: { methodology: 'M', code: 'N', name: 'Nút', weight: '1' },
};

describe('every kind of bad cell', () => {
  it.each(SHEET_NAMES)('%s: the good row passes', (sheet) => {
    const headers = IMPORT_SHEETS[sheet].columns.map((c) => c.name);
    const parsed = parseImportWorkbook(
      book({ [sheet]: [headers, headers.map((h) => GOOD[sheet][h] ?? '')] }),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.records[sheet]).toHaveLength(1);
  });

  it.each<[SheetName, Record<string, string>, [string, RegExp][]]>([
    // required cells
    ['units', { name: '' }, [['name', /required cell name/]]],
    [
      'indicators',
      { code: '', value_type: '' },
      [
        ['code', /required/],
        ['value_type', /required/],
      ],
    ],
    [
      'values',
      { indicator_code: ' ', period: '' },
      [
        ['indicator_code', /required/],
        ['period', /required/],
      ],
    ],
    ['tasks', { status: '' }, [['status', /required/]]],
    ['index_nodes', { weight: '' }, [['weight', /required/]]],
    // codes
    ['units', { code: 'SO X' }, [['code', /cannot contain spaces/]]],
    ['units', { code: 'pre2025:10' }, [['code', /cannot contain a colon/]]],
    ['indicators', { code: 'x'.repeat(101) }, [['code', /longer than 100/]]],
    // enums
    ['units', { kind: 'tỉnh thành' }, [['kind', /province, agency, district, commune, village/]]],
    [
      'indicators',
      { value_type: 'percentage' },
      [['value_type', /percent, count, number, money, boolean, ratio/]],
    ],
    ['indicators', { direction: 'up' }, [['direction', /increase, decrease, reach/]]],
    ['indicators', { time_aggregation: 'max' }, [['time_aggregation', /sum, last, average/]]],
    ['tasks', { status: 'done' }, [['status', /notStarted, inProgress, recurring, completed/]]],
    ['index_nodes', { normalization: 'zscore' }, [['normalization', /value, ratio, minmax, boolean/]]],
    // unit codes
    ['units', { parent_code: 'old:10' }, [['parent_code', /not a unit set/]]],
    ['units', { parent_code: 'pre2025:' }, [['parent_code', /no code after the colon/]]],
    ['units', { code: 'SO_X', parent_code: 'SO_X' }, [['parent_code', /own parent/]]],
    ['plans', { unit_code: '15 16' }, [['unit_code', /cannot contain spaces/]]],
    ['tasks', { lead_unit_code: 'pre2025:1:2' }, [['lead_unit_code', /second colon/]]],
    // years
    ['plans', { start_year: '25' }, [['start_year', /not a year/]]],
    ['plans', { start_year: '1800' }, [['start_year', /not a year/]]],
    ['plans', { end_year: '2025.5' }, [['end_year', /not a year/]]],
    ['plans', { start_year: '2025', end_year: '2021' }, [['end_year', /before the start year/]]],
    // periods, with parsePeriod's own message
    ['values', { period: '2024q2' }, [['period', /write «2024Q2»/]]],
    ['values', { period: '2024Q5' }, [['period', /quarter must be 1 to 4/]]],
    ['targets', { period: '2022..2025' }, [['period', /accepted forms/]]],
    ['targets', { baseline_period: '2020' }, [['baseline_period', /without a baseline value/]]],
    ['targets', { baseline: '40', baseline_period: '2025' }, [['baseline_period', /must come before/]]],
    // numbers
    ['values', { value: 'abc' }, [['value', /neither a number .* nor a yes\/no value/]]],
    ['values', { value: '10.851' }, [['value', /ambiguous/]]],
    ['targets', { target: '1,500' }, [['target', /ambiguous/]]],
    ['targets', { baseline: 'n/a' }, [['baseline', /neither a number/]]],
    ['values', { numerator: 'mười' }, [['numerator', /not a number/]]],
    ['values', { denominator: '5%' }, [['denominator', /without a % sign/]]],
    ['values', { value: '', numerator: '', denominator: '' }, [['value', /no value/]]],
    ['index_nodes', { weight: '-1' }, [['weight', /must be 0 or more/]]],
    ['index_nodes', { reference: '1.000' }, [['reference', /ambiguous/]]],
    ['index_nodes', { code: 'N', parent_code: 'N' }, [['parent_code', /own parent/]]],
    // booleans and dates
    ['tasks', { recurring: 'đôi khi' }, [['recurring', /not a yes\/no value/]]],
    ['tasks', { start: '15/03/2025' }, [['start', /year-month-day: 2025-03-15/]]],
    ['tasks', { due: '2025-02-30' }, [['due', /not a valid YYYY-MM-DD date/]]],
    ['tasks', { due: '2025-03-15T08:00:00' }, [['due', /not a valid YYYY-MM-DD date/]]],
    // consistency inside a task (validateTask)
    ['tasks', { start: '2025-06-01', due: '2025-01-01' }, [['due', /before the start date/]]],
    ['tasks', { recurring: 'có', due: '2025-01-01' }, [['due', /recurring task has no due date/]]],
    ['tasks', { recurring: 'không', status: 'recurring' }, [['recurring', /must have recurring = true/]]],
    ['tasks', { recurring: '1', status: 'inProgress' }, [['status', /not "inProgress"/]]],
    // several bad cells in one row are all listed
    [
      'plans',
      { code: 'P 1', unit_code: 'x:1', start_year: 'năm', end_year: '' },
      [
        ['code', /spaces/],
        ['unit_code', /not a unit set/],
        ['start_year', /not a year/],
        ['end_year', /required/],
      ],
    ],
  ])('%s %o', (sheet, bad, expected) => {
    const errors = errorsFor(sheet, GOOD[sheet], bad);
    expect(errors.map(([c]) => c)).toEqual(expected.map(([c]) => c));
    errors.forEach(([, message], i) => expect(message).toMatch(expected[i]?.[1] ?? /never/));
  });
});

describe('columns and sheets', () => {
  it('reports a missing required column once, at row 1, and still checks the other cells', () => {
    const parsed = parseImportWorkbook(
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

  it('asks once for a value column when a values sheet has none of value, numerator, denominator', () => {
    const parsed = parseImportWorkbook(
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

  it('accepts a values sheet with numerator and denominator but no value column', () => {
    const records = parseOk({
      values: [
        ['indicator_code', 'unit_code', 'period', 'numerator', 'denominator'],
        ['I1', '15', '2024', '3', '4'],
      ],
    });
    expect(records.values.map((v) => [v.value, v.numerator, v.denominator])).toEqual([[null, 3, 4]]);
  });

  it('names columns as the file writes them', () => {
    const parsed = parseImportWorkbook(
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

  it('refuses a column given twice and warns about unknown columns', () => {
    const parsed = parseImportWorkbook(
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

  it('warns about unknown sheets, refuses two sheets for one, skips empty sheets, passes the reader’s findings on', () => {
    const raw = book({
      values: [['indicator_code', 'unit_code', 'period', 'value']],
      'Số liệu': [['indicator_code', 'unit_code', 'period', 'value']],
      'Hướng dẫn': [['Điền vào các trang']],
      units: [],
    });
    raw.errors.push({ sheet: 'x', row: 3, column: 'y', message_vi: 'a', message_en: 'b' });
    raw.warnings.push({ sheet: 'z', row: null, column: null, message_vi: 'c', message_en: 'd' });
    const parsed = parseImportWorkbook(raw);
    expect(where(parsed.errors)).toEqual([
      ['x', 3, 'y'],
      ['Số liệu', 1, ''],
    ]);
    expect(parsed.warnings.map((w) => w.sheet)).toEqual(['z', 'Hướng dẫn']);
    expect(Object.keys(parsed.layout)).toEqual(['values']);
  });

  it('warns once about cells under a column without a header', () => {
    const parsed = parseImportWorkbook(
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

  it('warns when a unit code in a number cell may have lost its leading zeros', () => {
    const parsed = parseImportWorkbook(
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
  ])('%s: the later row is refused, naming the first', (sheet, headers, rows, badRows) => {
    const parsed = parseImportWorkbook(book({ [sheet]: [headers, ...rows] }));
    expect(parsed.errors.map((e) => e.row)).toEqual(badRows);
    for (const e of parsed.errors) {
      expect(e.column).toBe(IMPORT_SHEETS[sheet].key[0]);
      expect(e.message_en).toMatch(/^Same as row [0-9]+ /);
      expect(e.message_vi).toMatch(/^Trùng với dòng [0-9]+ /);
    }
    expect(parsed.errors[0]?.message_en).toMatch(/^Same as row 2 /);
    expect(parsed.records[sheet]).toHaveLength(rows.length - badRows.length);
  });

  it('still finds a duplicate key when another cell of the row is bad', () => {
    const parsed = parseImportWorkbook(
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
  it('lists every bad cell with the row numbers the sheet shows, and keeps only the good rows', () => {
    const parsed = parseImportWorkbook(
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
      const parsed = parseImportWorkbook(await readWorkbook(file));
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

describe('the shipped methodology templates (data/templates)', () => {
  const templates = path.join(import.meta.dirname, '..', '..', 'data', 'templates');

  it('read as index_nodes sheets without an error or warning', async () => {
    const files = (await readdir(templates)).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const raw = await readWorkbookFromBuffer(null, 'csv-files', [
        { name: 'index_nodes.csv', data: await readFile(path.join(templates, file)) },
      ]);
      const parsed = parseImportWorkbook(raw);
      expect(parsed.errors, file).toEqual([]);
      expect(parsed.warnings, file).toEqual([]);
      const nodes = parsed.records.index_nodes;
      expect(nodes.length, file).toBeGreaterThan(3);
      expect(new Set(nodes.map((n) => n.methodology)).size, file).toBe(1);
      expect(nodes.filter((n) => n.parentCode === null).map((n) => n.code)).toEqual(['DTI']);
      expect(nodes.every((n) => n.indicatorCode === null || n.normalization === 'value')).toBe(true);
    }
  });
});

describe('unit references', () => {
  it.each([
    ['15', { set: '2025', code: '15', explicitSet: false }, '15'],
    ['2025:15', { set: '2025', code: '15', explicitSet: true }, '15'],
    ['pre2025:10', { set: 'pre2025', code: '10', explicitSet: true }, 'pre2025:10'],
    ['PRE2025:10', { set: 'pre2025', code: '10', explicitSet: true }, 'pre2025:10'],
    [' pre2025 : 10 ', { set: 'pre2025', code: '10', explicitSet: true }, 'pre2025:10'],
    ['SO_KHCN', { set: '2025', code: 'SO_KHCN', explicitSet: false }, 'SO_KHCN'],
  ])('«%s»', (text, ref, formatted) => {
    const r = parseCellUnitRef(text);
    expect(r).toEqual({ ok: true, value: ref });
    if (r.ok) expect(formatUnitRef(r.value)).toBe(formatted);
  });

  it.each([':10', 'x:10', '2024:10', 'pre2025:', '1 5', 'pre2025:1:2'])('refuses «%s»', (text) => {
    const r = parseCellUnitRef(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('badUnitCode');
  });

  it('lists every reference the records make, with its sheet, row and column', () => {
    const records = parseOk({
      units: [
        ['code', 'name', 'kind', 'parent_code'],
        ['SO_A', 'Sở A', 'agency', '15'],
        ['SO_B', 'Sở B', 'agency', ''],
      ],
      plans: [
        ['code', 'name', 'unit_code', 'start_year', 'end_year'],
        ['P', 'KH', '15', '2024', '2025'],
      ],
      targets: [
        ['plan_code', 'indicator_code', 'unit_code', 'period', 'target', 'lead_unit_code'],
        ['P', 'I1', 'pre2025:10', '2025', '1', 'SO_A'],
      ],
      values: [
        ['indicator_code', 'unit_code', 'period', 'value'],
        ['I1', '15', '2024', '1'],
      ],
      tasks: [
        ['code', 'programme', 'title', 'lead_unit_code', 'status'],
        ['T', 'DA06', 'Việc', 'SO_B', 'notStarted'],
      ],
      index_nodes: [
        ['methodology', 'code', 'parent_code', 'name', 'weight', 'indicator_code', 'normalization'],
        ['M', 'R', '', 'Gốc', '1', '', ''],
        ['M', 'L', 'R', 'Lá', '1', 'I2', 'value'],
      ],
    });
    const u = (code: string, set: '2025' | 'pre2025' = '2025', explicitSet = false) => ({
      set,
      code,
      explicitSet,
    });
    expect(listReferences(records)).toEqual([
      { kind: 'unit', sheet: 'units', row: 2, column: 'parent_code', unit: u('15') },
      { kind: 'unit', sheet: 'plans', row: 2, column: 'unit_code', unit: u('15') },
      { kind: 'plan', sheet: 'targets', row: 2, column: 'plan_code', code: 'P' },
      { kind: 'indicator', sheet: 'targets', row: 2, column: 'indicator_code', code: 'I1' },
      { kind: 'unit', sheet: 'targets', row: 2, column: 'unit_code', unit: u('10', 'pre2025', true) },
      { kind: 'unit', sheet: 'targets', row: 2, column: 'lead_unit_code', unit: u('SO_A') },
      { kind: 'indicator', sheet: 'values', row: 2, column: 'indicator_code', code: 'I1' },
      { kind: 'unit', sheet: 'values', row: 2, column: 'unit_code', unit: u('15') },
      { kind: 'unit', sheet: 'tasks', row: 2, column: 'lead_unit_code', unit: u('SO_B') },
      { kind: 'indicator', sheet: 'index_nodes', row: 3, column: 'indicator_code', code: 'I2' },
    ]);
  });
});
