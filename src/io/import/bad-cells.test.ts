import { describe, expect, it } from 'vitest';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { SheetName } from '../import-schema.js';
import {
  IMPORT_SHEETS,
  SHEET_NAMES,
  listReferences,
  parseCellUnitRef,
  parseImportWorkbook,
} from '../import-schema.js';
import { book, parseOk, errorsFor, GOOD } from '../../../test/support/import-book.js';

describe('every kind of bad cell', () => {
  it.each(SHEET_NAMES)('%s: the good row passes', async (sheet) => {
    const headers = IMPORT_SHEETS[sheet].columns.map((c) => c.name);
    const parsed = await parseImportWorkbook(
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
    ['indicators', { min: 'mười' }, [['min', /not a number/]]],
    ['indicators', { max: '10.851' }, [['max', /ambiguous/]]],
    ['indicators', { min: '5%' }, [['min', /without a % sign/]]],
    // bounds against the value type and each other (checkIndicatorBounds, as the API and CLI apply it)
    ['indicators', { min: '80', max: '20' }, [['max', /maximum 20 is below the minimum 80/]]],
    ['indicators', { max: '120' }, [['max', /outside the limits of a percent indicator: 0 to 100/]]],
    [
      'indicators',
      { min: '-1', max: '101' },
      [
        ['min', /outside/],
        ['max', /outside/],
      ],
    ],
    ['indicators', { value_type: 'count', min: '-5' }, [['min', /outside the limits of a count/]]],
    [
      'indicators',
      { value_type: 'money', max: '2000000000000000' },
      [['max', /outside the limits of a money/]],
    ],
    ['indicators', { value_type: 'ratio', max: '150' }, [['max', /outside the limits of a ratio/]]],
    ['indicators', { value_type: 'boolean', min: '0' }, [['min', /does not apply to a yes\/no/]]],
    ['indicators', { value_type: 'số', min: 'x', max: '-3' }, [['min', /not a number/]]],
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
  ])('%s %o', async (sheet, bad, expected) => {
    const errors = await errorsFor(sheet, GOOD[sheet], bad);
    expect(errors.map(([c]) => c)).toEqual(expected.map(([c]) => c));
    errors.forEach(([, message], i) => expect(message).toMatch(expected[i]?.[1] ?? /never/));
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
  ])('«%s»', async (text, ref, formatted) => {
    const r = parseCellUnitRef(text);
    expect(r).toEqual({ ok: true, value: ref });
    if (r.ok) expect(formatUnitRef(r.value)).toBe(formatted);
  });

  it.each([':10', 'x:10', '2024:10', 'pre2025:', '1 5', 'pre2025:1:2'])('refuses «%s»', async (text) => {
    const r = parseCellUnitRef(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('badUnitCode');
  });

  it('lists every reference the records make, with its sheet, row and column', async () => {
    const records = await parseOk({
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
