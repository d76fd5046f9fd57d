import { describe, expect, it } from 'vitest';
import { parseImportWorkbook } from '../import-schema.js';
import { book, parseOk } from '../../../test/support/import-book.js';

describe('good rows of every sheet', () => {
  it('units', async () => {
    expect(
      (
        await parseOk({
          units: [
            ['code', 'name', 'kind', 'parent_code'],
            ['SO_KHCN', 'Sở Khoa học và Công nghệ', 'agency', '15'],
            ['THON_1', 'Thôn 1', 'Thôn', 'pre2025:04567'],
            ['TINH_X', 'Tỉnh X', 'PROVINCE', ''],
          ],
        })
      ).units,
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

  it('indicators', async () => {
    expect(
      (
        await parseOk({
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
        })
      ).indicators,
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
        min: null,
        max: null,
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
        min: null,
        max: null,
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
        min: null,
        max: null,
      },
    ]);
  });

  it.each<[string, string, string, number | null, number | null]>([
    ['a decimal comma', '12,5', '87,5', 12.5, 87.5],
    ['a decimal point', '0.5', '99.5', 0.5, 99.5],
    ['the whole range of the type', '0', '100', 0, 100],
    ['a minimum only', '50', '', 50, null],
    ['a maximum only', '', '80', null, 80],
    ['no bounds', '', '', null, null],
    ['min equal to max', '42', '42', 42, 42],
  ])('indicators: bounds with %s', async (_, min, max, readMin, readMax) => {
    const records = await parseOk({
      indicators: [
        ['Mã chỉ tiêu', 'Tên chỉ tiêu', 'Kiểu giá trị', 'Giá trị nhỏ nhất', 'Giá trị lớn nhất'],
        ['P1', 'Tỷ lệ A', 'phần trăm', min, max],
      ],
    });
    expect(records.indicators[0]).toMatchObject({ code: 'P1', min: readMin, max: readMax });
  });

  it('indicators: bounds under the short headers, a number bound for a number indicator', async () => {
    const records = await parseOk({
      indicators: [
        ['code', 'name_vi', 'value_type', 'Tối thiểu', 'Tối đa'],
        ['N1', 'Chỉ số C', 'number', '-2,5', '1.000.000'],
        ['C1', 'Số hộ', 'count', '0', '1000000'],
      ],
    });
    expect(records.indicators.map((i) => [i.code, i.min, i.max])).toEqual([
      ['N1', -2.5, 1_000_000],
      ['C1', 0, 1_000_000],
    ]);
  });

  it('plans', async () => {
    expect(
      (
        await parseOk({
          plans: [
            ['code', 'name', 'unit_code', 'start_year', 'end_year'],
            ['NQ09', 'Nghị quyết 09 về chuyển đổi số', '15', '2021', '2025'],
            ['KH2024', 'Kế hoạch năm 2024', '2025:15', '2024', '2024'],
          ],
        })
      ).plans,
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

  it('targets', async () => {
    const [t] = (
      await parseOk({
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
      })
    ).targets;
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

  it('values, including a ratio without a value and a yes/no value', async () => {
    const values = (
      await parseOk({
        values: [
          ['indicator_code', 'unit_code', 'period', 'value', 'numerator', 'denominator', 'comment'],
          ['HTS_FIBRE', '04567', '2024S1', '', '12', '30', ''],
          ['HTS_FIBRE', '04568', '2024S1', '', '1.234,5', '2.000,0', ''],
          ['KH_BANHANH', '15', '202406', 'có', '', '', ''],
        ],
      })
    ).values;
    expect(values.map((v) => [v.row, v.value, v.numerator, v.denominator, v.period.id])).toEqual([
      [2, null, 12, 30, '2024S1'],
      [3, null, 1234.5, 2000, '2024S1'],
      [4, 'có', null, null, '202406'],
    ]);
  });

  it('tasks, inferring recurring from the status when the cell is empty', async () => {
    expect(
      (
        await parseOk({
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
        })
      ).tasks,
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

  it('index_nodes, as the shipped DTI templates write them', async () => {
    const records = (
      await parseOk({
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
      })
    ).index_nodes;
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

  it('takes the number an .xlsx number cell holds, so 10.851 there is not ambiguous', async () => {
    const parsed = await parseImportWorkbook(
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

  it('takes the number an .xlsx number cell holds for a bound too', async () => {
    const parsed = await parseImportWorkbook(
      book(
        {
          indicators: [
            ['code', 'name_vi', 'value_type', 'min', 'max'],
            ['M1', 'Vốn', 'money', '10.851', '20000.5'],
          ],
        },
        { indicators: { 2: { min: 10.851, max: 20000.5 } } },
      ),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.indicators[0]).toMatchObject({ min: 10.851, max: 20000.5 });
  });
});
