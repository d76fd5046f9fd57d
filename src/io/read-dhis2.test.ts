import { describe, expect, it } from 'vitest';
import {
  DHIS2_DEFAULT_COMBOS,
  dhis2RowsToValuesSheet,
  readDhis2AsValuesSheet,
  readDhis2DataValueSet,
  readDhis2Json,
} from './read-dhis2.js';
import type { Dhis2ValueRow } from './read-dhis2.js';
import type { RawRow } from './read-workbook.js';

const dv = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  dataElement: 'CQS01',
  period: '2024',
  orgUnit: '15',
  value: '87.5',
  ...over,
});

const set = (...dataValues: unknown[]): unknown => ({ dataValues });

/** The one error of reading a set with a single entry, or undefined. */
function onlyError(entry: unknown): { column: string; message_vi: string; message_en: string } | undefined {
  const read = readDhis2DataValueSet(set(entry));
  expect(read.errors.length).toBeLessThanOrEqual(1);
  return read.errors[0];
}

describe('readDhis2DataValueSet: entries that read', () => {
  it('reads an entry as DHIS2 exports it, ignoring the fields DX Monitor does not keep', () => {
    const read = readDhis2DataValueSet({
      dataSet: 'pBOMPrpg1QX',
      completeDate: '2025-01-15',
      dataValues: [
        dv({
          comment: 'Số liệu của Sở TT&TT',
          categoryOptionCombo: 'HllvX50cXC0',
          attributeOptionCombo: 'HllvX50cXC0',
          storedBy: 'admin',
          created: '2025-01-10T09:00:00.000+0000',
          lastUpdated: '2025-01-11T09:00:00.000+0000',
          followup: false,
          deleted: false,
        }),
      ],
    });
    expect(read).toEqual({
      rows: [
        {
          rowNumber: 1,
          indicatorCode: 'CQS01',
          part: 'value',
          unitCode: '15',
          period: '2024',
          value: '87.5',
          comment: 'Số liệu của Sở TT&TT',
        },
      ],
      errors: [],
    });
  });

  it.each([
    ['a string', '87.5', '87.5'],
    ['a number', 12.5, '12.5'],
    ['zero', 0, '0'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['the text "true"', 'true', 'true'],
    ['null', null, ''],
    ['an empty string', '', ''],
  ])('reads a value given as %s', (_name, value, text) => {
    expect(readDhis2DataValueSet(set(dv({ value }))).rows[0]?.value).toBe(text);
  });

  it('reads an entry without value or comment as empty text', () => {
    const read = readDhis2DataValueSet(set({ dataElement: 'X', period: '2024', orgUnit: '15' }));
    expect(read.rows[0]).toMatchObject({ value: '', comment: '' });
  });

  it.each(['2024', '2024S1', '2024S2', '2024Q1', '2024Q4', '202401', '202412'])(
    'accepts the period %s',
    (p) => {
      const read = readDhis2DataValueSet(set(dv({ period: p })));
      expect(read.errors).toEqual([]);
      expect(read.rows[0]?.period).toBe(p);
    },
  );

  it.each([
    ['CQS01', undefined, 'CQS01', 'value'],
    ['  CQS01 ', undefined, 'CQS01', 'value'],
    ['X.numerator', undefined, 'X.numerator', 'value'],
    ['HH_FIBRE.num', 'HH_FIBRE.den', 'HH_FIBRE', 'numerator'],
    ['HH_FIBRE.den', 'HH_FIBRE.num', 'HH_FIBRE', 'denominator'],
    ['A.B.num', 'A.B.den', 'A.B', 'numerator'],
  ])('reads the data element %j (beside %j) as indicator %s, part %s', (dataElement, partner, code, part) => {
    const entries =
      partner === undefined ? [dv({ dataElement })] : [dv({ dataElement }), dv({ dataElement: partner })];
    const read = readDhis2DataValueSet(set(...entries));
    expect(read.errors).toEqual([]);
    expect(read.rows[0]).toMatchObject({ rowNumber: 1, indicatorCode: code, part });
  });

  it.each([
    ['pre2025:10', 'pre2025:10'],
    [' 08123 ', '08123'],
  ])('reads the orgUnit %j as the unit code %s', (orgUnit, code) => {
    expect(readDhis2DataValueSet(set(dv({ orgUnit }))).rows[0]?.unitCode).toBe(code);
  });

  it.each([...DHIS2_DEFAULT_COMBOS, '', null, undefined])('accepts the default combination %j', (combo) => {
    const read = readDhis2DataValueSet(set(dv({ categoryOptionCombo: combo, attributeOptionCombo: combo })));
    expect(read.errors).toEqual([]);
  });

  it('applies the top-level period and orgUnit to entries lacking them, not to those that give their own', () => {
    const read = readDhis2DataValueSet({
      dataSet: 'DS',
      period: '2024Q2',
      orgUnit: '15',
      attributeOptionCombo: 'default',
      dataValues: [
        { dataElement: 'A', value: '1' },
        { dataElement: 'B', value: '2', period: '2024Q3' },
        { dataElement: 'C', value: '3', orgUnit: '16' },
        { dataElement: 'D', value: '4', period: null, orgUnit: '' },
      ],
    });
    expect(read.errors).toEqual([]);
    expect(read.rows.map((r) => [r.indicatorCode, r.unitCode, r.period])).toEqual([
      ['A', '15', '2024Q2'],
      ['B', '15', '2024Q3'],
      ['C', '16', '2024Q2'],
      ['D', '15', '2024Q2'],
    ]);
  });

  it('reads an empty set as no rows and no errors', () => {
    expect(readDhis2DataValueSet(set())).toEqual({ rows: [], errors: [] });
  });
});

describe('readDhis2DataValueSet: periods it refuses', () => {
  it.each([
    ['2024W1', 'kỳ tuần', 'a weekly period'],
    ['2024W53', 'kỳ tuần', 'a weekly period'],
    ['2024WedW5', 'kỳ tuần', 'a weekly period'],
    ['2024BiW1', 'kỳ hai tuần', 'a bi-weekly period'],
    ['20240115', 'kỳ ngày', 'a daily period'],
    ['202401B', 'kỳ hai tháng', 'a bi-monthly period'],
    ['2024AprilS1', 'lệch năm', 'not starting in January'],
    ['2024NovQ1', 'lệch năm', 'not starting in January'],
    ['2024April', 'năm tài chính', 'a financial year'],
    ['2024July', 'năm tài chính', 'a financial year'],
  ])('refuses the DHIS2 period %s, naming its type and the row', (period, vi, en) => {
    const read = readDhis2DataValueSet(set(dv(), dv({ dataElement: 'B', period })));
    expect(read.errors).toHaveLength(1);
    const e = read.errors[0];
    expect(e).toMatchObject({ sheet: 'dataValues', row: 2, column: 'period' });
    expect(e?.message_vi).toContain('Mục 2 của dataValues');
    expect(e?.message_vi).toContain(`«${period}»`);
    expect(e?.message_vi).toContain(vi);
    expect(e?.message_en).toContain('dataValues entry 2');
    expect(e?.message_en).toContain(en);
    expect(e?.message_en).toContain('2024Q1');
    expect(read.rows.map((r) => r.rowNumber)).toEqual([1]);
  });

  it.each([
    ['2024q1', 'capital'],
    ['2024Q5', 'quarter must be 1 to 4'],
    ['202413', 'month must be 01 to 12'],
    ['2024 Q1', 'whitespace'],
    ['1899', '1900 to 2100'],
    ['Q1/2024', 'accepted forms'],
  ])('refuses %s with the period rule that it breaks', (period, en) => {
    const e = onlyError(dv({ period }));
    expect(e?.column).toBe('period');
    expect(e?.message_en).toContain(en);
    expect(e?.message_en).not.toContain('in DHIS2');
  });

  it('refuses an entry with no period, here or at the top', () => {
    const e = onlyError({ dataElement: 'A', orgUnit: '15', value: '1' });
    expect(e).toMatchObject({ column: 'period' });
    expect(e?.message_en).toContain('the period is missing');
  });
});

describe('readDhis2DataValueSet: entries it refuses', () => {
  it.each([
    [{ dataElement: '', period: '2024', orgUnit: '15' }, 'dataElement', 'indicator code is missing'],
    [{ dataElement: '.num', period: '2024', orgUnit: '15' }, 'dataElement', 'indicator code is missing'],
    [{ period: '2024', orgUnit: '15' }, 'dataElement', 'must be a code'],
    [dv({ dataElement: 7 }), 'dataElement', 'must be a code'],
    [dv({ orgUnit: undefined }), 'orgUnit', 'unit code is missing'],
    [dv({ orgUnit: '  ' }), 'orgUnit', 'unit code is missing'],
    [dv({ orgUnit: 15 }), 'orgUnit', 'must be a unit code'],
    [dv({ period: 2024 }), 'period', 'must be a period id'],
    [dv({ value: { v: 1 } }), 'value', 'must be a string, a number or true/false'],
    [dv({ comment: 3 }), 'comment', 'must be a string'],
    [dv({ categoryOptionCombo: 'Prlt0C1RF0s' }), 'categoryOptionCombo', 'no disaggregations'],
    [dv({ attributeOptionCombo: 'male' }), 'attributeOptionCombo', 'no disaggregations'],
    [dv({ categoryOptionCombo: 5 }), 'categoryOptionCombo', 'must be a string'],
    [dv({ deleted: true }), 'deleted', 'never deletes'],
    [dv({ deleted: 'yes' }), 'deleted', 'must be true or false'],
    ['CQS01', 'dataValues', 'must be an object'],
    [null, 'dataValues', 'must be an object'],
    [[dv()], 'dataValues', 'must be an object'],
  ])('refuses %j at its column %s', (entry, column, en) => {
    const e = onlyError(entry);
    expect(e).toMatchObject({ sheet: 'dataValues', row: 1, column });
    expect(e?.message_en).toContain(en);
    expect(e?.message_en).toContain('dataValues entry 1');
    expect(e?.message_vi).toContain('Mục 1 của dataValues');
  });

  it('lists every problem of an entry, one per field', () => {
    const read = readDhis2DataValueSet(set({ dataElement: '', categoryOptionCombo: 'x', deleted: true }));
    expect(read.errors.map((e) => e.column)).toEqual([
      'dataElement',
      'orgUnit',
      'period',
      'categoryOptionCombo',
      'deleted',
    ]);
    expect(read.rows).toEqual([]);
  });

  it('lists the problems of every entry, in row order, and keeps the entries that read', () => {
    const read = readDhis2DataValueSet(
      set(dv({ period: '2024W1' }), dv({ dataElement: 'B' }), dv({ dataElement: 'C', orgUnit: '' })),
    );
    expect(read.errors.map((e) => [e.row, e.column])).toEqual([
      [1, 'period'],
      [3, 'orgUnit'],
    ]);
    expect(read.rows.map((r) => r.indicatorCode)).toEqual(['B']);
  });

  it('refuses the same data element, unit and period given twice, naming the first', () => {
    const read = readDhis2DataValueSet(set(dv(), dv({ dataElement: 'B' }), dv({ value: '90' })));
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]).toMatchObject({ row: 3, column: 'dataElement' });
    expect(read.errors[0]?.message_en).toContain('duplicates entry 1');
  });

  it.each([
    ['another unit', { orgUnit: '16' }],
    ['another period', { period: '2025' }],
    ['another element', { dataElement: 'B' }],
  ])('does not count %s as a duplicate', (_name, over) => {
    expect(readDhis2DataValueSet(set(dv(), dv(over))).errors).toEqual([]);
  });

  it.each([
    ['numerator', 'HH.num', 'HH.den'],
    ['denominator', 'HH.den', 'HH.num'],
  ])('refuses a ratio %s without its other half', (part, have, need) => {
    const read = readDhis2DataValueSet(
      set(dv({ dataElement: have }), dv({ dataElement: need, orgUnit: '16' })),
    );
    expect(read.errors.map((e) => e.row)).toEqual([1, 2]);
    expect(read.errors[0]?.message_en).toContain(
      `«${have}» is the ${part} of a ratio but «${need}» is missing`,
    );
    expect(read.errors[0]?.message_en).toContain('orgUnit «15»');
  });

  it('refuses a duplicated ratio half once, not also as unpaired', () => {
    const read = readDhis2DataValueSet(
      set(dv({ dataElement: 'HH.num' }), dv({ dataElement: 'HH.den' }), dv({ dataElement: 'HH.num' })),
    );
    expect(read.errors.map((e) => [e.row, e.message_en.includes('duplicates entry 1')])).toEqual([[3, true]]);
  });
});

describe('readDhis2DataValueSet: documents it refuses', () => {
  it.each([
    ['a list', [dv()], 'dataValues', 'must be a JSON object'],
    ['a string', 'dataValues', 'dataValues', 'must be a JSON object'],
    ['null', null, 'dataValues', 'must be a JSON object'],
    ['an object without dataValues', { dataSet: 'x' }, 'dataValues', 'has no "dataValues" list'],
    [
      'dataValues not a list',
      { dataValues: {} },
      'dataValues',
      'The top-level field dataValues must be a list',
    ],
    ['a top-level period not text', { period: 2024, dataValues: [] }, 'period', 'The top-level field period'],
    [
      'a top-level attributeOptionCombo not default',
      { attributeOptionCombo: 'x', dataValues: [dv()] },
      'attributeOptionCombo',
      'no disaggregations',
    ],
  ])('refuses %s as a whole (row 0)', (_name, json, column, en) => {
    const read = readDhis2DataValueSet(json);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]).toMatchObject({ sheet: 'dataValues', row: 0, column });
    expect(read.errors[0]?.message_en).toContain(en);
    expect(read.errors[0]?.message_vi).not.toBe(read.errors[0]?.message_en);
  });

  it('applies a top-level period that is not one DX Monitor keeps to each entry, naming each row', () => {
    const read = readDhis2DataValueSet({
      period: '2024W1',
      dataValues: [dv({ period: undefined }), dv({ dataElement: 'B', period: '2024' })],
    });
    expect(read.errors.map((e) => [e.row, e.column])).toEqual([[1, 'period']]);
  });
});

describe('readDhis2Json', () => {
  it('reads text with or without a byte-order mark', () => {
    const text = JSON.stringify(set(dv()));
    expect(readDhis2Json(text).rows).toHaveLength(1);
    expect(readDhis2Json(`\uFEFF${text}`).rows).toHaveLength(1);
  });

  it('refuses text that is not JSON', () => {
    const read = readDhis2Json('{"dataValues": [');
    expect(read.rows).toEqual([]);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]).toMatchObject({ row: 0, column: 'dataValues' });
    expect(read.errors[0]?.message_en).toContain('not valid JSON');
    expect(read.errors[0]?.message_vi).toContain('không phải JSON hợp lệ');
  });
});

const r = (over: Partial<Dhis2ValueRow>): Dhis2ValueRow => ({
  rowNumber: 1,
  indicatorCode: 'CQS01',
  part: 'value',
  unitCode: '15',
  period: '2024',
  value: '',
  comment: '',
  ...over,
});

describe('dhis2RowsToValuesSheet', () => {
  it('writes a plain data value as a values row', () => {
    expect(dhis2RowsToValuesSheet([r({ rowNumber: 4, value: '87.5', comment: 'ghi chú' })])).toEqual([
      {
        rowNumber: 4,
        numbers: {},
        cells: {
          indicator_code: 'CQS01',
          unit_code: '15',
          period: '2024',
          value: '87.5',
          numerator: '',
          denominator: '',
          comment: 'ghi chú',
        },
      },
    ]);
  });

  it('joins a ratio and its percentage into one row named by its first entry, in first-entry order', () => {
    const rows = dhis2RowsToValuesSheet([
      r({ rowNumber: 1, indicatorCode: 'HH', part: 'denominator', value: '2000', comment: 'c' }),
      r({ rowNumber: 2, indicatorCode: 'B', value: '1' }),
      r({ rowNumber: 3, indicatorCode: 'HH', part: 'numerator', value: '1250', comment: 'c' }),
      r({ rowNumber: 4, indicatorCode: 'HH', value: '62.5' }),
    ]);
    expect(rows).toEqual([
      {
        rowNumber: 1,
        numbers: {},
        cells: {
          indicator_code: 'HH',
          unit_code: '15',
          period: '2024',
          value: '62.5',
          numerator: '1250',
          denominator: '2000',
          comment: 'c',
        },
      },
      {
        rowNumber: 2,
        numbers: {},
        cells: expect.objectContaining({ indicator_code: 'B', value: '1' }) as unknown,
      },
    ]);
  });

  it.each([
    ['the same comment once', ['c', 'c'], 'c'],
    ['distinct comments on separate lines', ['tử', 'mẫu'], 'tử\nmẫu'],
    ['a comment on one part only', ['', 'mẫu'], 'mẫu'],
    ['no comment', ['', ''], ''],
  ])('keeps %s', (_name, [a = '', b = ''], comment) => {
    const rows = dhis2RowsToValuesSheet([
      r({ part: 'numerator', value: '1', comment: a }),
      r({ rowNumber: 2, part: 'denominator', value: '2', comment: b }),
    ]);
    expect(rows.map((x) => x.cells.comment)).toEqual([comment]);
  });

  it.each([
    ['units', { unitCode: '16' }],
    ['periods', { period: '2025' }],
  ])('keeps rows of different %s apart', (_name, over) => {
    expect(dhis2RowsToValuesSheet([r({}), r({ rowNumber: 2, ...over })])).toHaveLength(2);
  });
});

describe('readDhis2AsValuesSheet', () => {
  it('reads a DHIS2 set straight into values rows', () => {
    const read = readDhis2AsValuesSheet({
      orgUnit: 'pre2025:10',
      dataValues: [
        { dataElement: 'HH.num', period: '2024Q1', value: '3' },
        { dataElement: 'HH.den', period: '2024Q1', value: '4' },
        { dataElement: 'LAN', period: '2024', value: true, comment: 'Đã kết nối, "ổn định"\nkiểm tra lại' },
      ],
    });
    expect(read.errors).toEqual([]);
    expect(read.rows.map((x) => [x.rowNumber, x.cells])).toEqual([
      [
        1,
        {
          indicator_code: 'HH',
          unit_code: 'pre2025:10',
          period: '2024Q1',
          value: '',
          numerator: '3',
          denominator: '4',
          comment: '',
        },
      ],
      [
        3,
        {
          indicator_code: 'LAN',
          unit_code: 'pre2025:10',
          period: '2024',
          value: 'true',
          numerator: '',
          denominator: '',
          comment: 'Đã kết nối, "ổn định"\nkiểm tra lại',
        },
      ],
    ]);
  });

  it('gives rows the import reads like workbook rows', () => {
    const rows: RawRow[] = readDhis2AsValuesSheet(set(dv())).rows;
    expect(rows).toEqual([
      {
        rowNumber: 1,
        numbers: {},
        cells: expect.objectContaining({ indicator_code: 'CQS01', value: '87.5' }) as unknown,
      },
    ]);
  });

  it('passes the errors on', () => {
    expect(readDhis2AsValuesSheet(set(dv({ period: '2024W1' }))).errors).toHaveLength(1);
  });
});
