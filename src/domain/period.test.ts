import { describe, expect, it } from 'vitest';
import type { Period, PeriodType } from './period.js';
import {
  MAX_YEAR,
  MIN_YEAR,
  PERIOD_EXAMPLES,
  PERIOD_TEXT_LENGTH,
  PERIOD_TYPES,
  childPeriods,
  comparePeriods,
  contains,
  formatPeriod,
  formatYearRange,
  isPeriodId,
  isShorter,
  monthsOf,
  monthsPerPeriod,
  nextPeriod,
  parentPeriod,
  parsePeriod,
  parseYearRange,
  periodEnd,
  periodLabel,
  periodOfDates,
  periodOrdinal,
  periodStart,
  periodsBetween,
  periodsOfYear,
  previousPeriod,
  samePeriodLastYear,
  typeRank,
} from './period.js';
import { err, ok } from './result.js';

/** Parses an id the test knows to be valid; fails the test loudly otherwise. */
function p(id: string): Period {
  const r = parsePeriod(id);
  if (!r.ok) throw new Error(`test fixture ${id} does not parse: ${r.error.message_en}`);
  return r.value;
}

const ids = (ps: readonly Period[] | undefined): string[] | undefined => ps?.map((x) => x.id);

describe('result helpers', () => {
  it('wrap values and errors', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err('x')).toEqual({ ok: false, error: 'x' });
  });
});

describe('parsePeriod: valid forms', () => {
  it.each<[string, PeriodType, number, number]>([
    ['2024', 'year', 2024, 1],
    ['1900', 'year', 1900, 1],
    ['2100', 'year', 2100, 1],
    ['2024S1', 'half', 2024, 1],
    ['2024S2', 'half', 2024, 2],
    ['2024Q1', 'quarter', 2024, 1],
    ['2024Q2', 'quarter', 2024, 2],
    ['2024Q3', 'quarter', 2024, 3],
    ['2024Q4', 'quarter', 2024, 4],
    ['202401', 'month', 2024, 1],
    ['202406', 'month', 2024, 6],
    ['202409', 'month', 2024, 9],
    ['202410', 'month', 2024, 10],
    ['202412', 'month', 2024, 12],
    ['190001', 'month', 1900, 1],
    ['210012', 'month', 2100, 12],
    ['2100Q4', 'quarter', 2100, 4],
    ['1900S1', 'half', 1900, 1],
  ])('%s is a %s of %i, index %i', (id, type, year, index) => {
    expect(parsePeriod(id)).toEqual({ ok: true, value: { id, type, year, index } });
    expect(isPeriodId(id)).toBe(true);
    expect(formatPeriod(p(id))).toBe(id);
  });
});

describe('parsePeriod: refused forms', () => {
  it.each<[string, string, RegExp, RegExp]>([
    // index out of range
    [
      '2024Q5',
      'quarter',
      /quý phải từ 1 đến 4 \(dạng 2024Q1 … 2024Q4\)/,
      /quarter must be 1 to 4 \(2024Q1 … 2024Q4\)/,
    ],
    ['2024Q0', 'quarter', /quý phải từ 1 đến 4/, /quarter must be 1 to 4/],
    ['2023Q9', 'quarter', /2023Q1 … 2023Q4/, /2023Q1 … 2023Q4/],
    ['2024Q01', 'quarter', /quý phải từ 1 đến 4/, /quarter must be 1 to 4/],
    ['2024Q12', 'quarter', /quý phải từ 1 đến 4/, /quarter must be 1 to 4/],
    ['2024S3', 'half', /S1 hoặc S2 \(dạng 2024S1, 2024S2\)/, /S1 or S2 \(2024S1, 2024S2\)/],
    ['2024S0', 'half', /S1 hoặc S2/, /S1 or S2/],
    ['2024S01', 'half', /S1 hoặc S2/, /S1 or S2/],
    [
      '202413',
      'month',
      /tháng phải từ 01 đến 12 \(dạng 202401 … 202412\)/,
      /month must be 01 to 12 \(202401 … 202412\)/,
    ],
    ['202400', 'month', /tháng phải từ 01 đến 12/, /month must be 01 to 12/],
    ['202499', 'month', /tháng phải từ 01 đến 12/, /month must be 01 to 12/],
    // year out of 1900–2100 (checked before the index)
    ['1899', 'year', /năm phải từ 1900 đến 2100/, /year must be 1900 to 2100/],
    ['2101', 'year', /năm phải từ 1900 đến 2100/, /year must be 1900 to 2100/],
    ['0000', 'year', /năm phải từ 1900 đến 2100/, /year must be 1900 to 2100/],
    ['9999Q5', 'year', /năm phải từ 1900 đến 2100/, /year must be 1900 to 2100/],
    ['189912', 'year', /năm phải từ 1900 đến 2100/, /year must be 1900 to 2100/],
    ['210101', 'year', /năm phải từ 1900 đến 2100/, /year must be 1900 to 2100/],
    // unrecognised shapes
    [
      '24S1',
      'format',
      /dạng hợp lệ: 2024 \(năm\), 2024S1 hoặc 2024S2/,
      /accepted forms: 2024 \(year\), 2024S1 or 2024S2/,
    ],
    ['2024-06', 'format', /202406 \(tháng\)/, /202406 \(month\)/],
    ['2024/06', 'format', /dạng hợp lệ/, /accepted forms/],
    ['06/2024', 'format', /dạng hợp lệ/, /accepted forms/],
    ['20246', 'format', /dạng hợp lệ/, /accepted forms/],
    ['2024006', 'format', /dạng hợp lệ/, /accepted forms/],
    ['12024', 'format', /dạng hợp lệ/, /accepted forms/],
    ['024', 'format', /dạng hợp lệ/, /accepted forms/],
    ['2024Q', 'format', /dạng hợp lệ/, /accepted forms/],
    ['2024S', 'format', /dạng hợp lệ/, /accepted forms/],
    ['2024H1', 'format', /dạng hợp lệ/, /accepted forms/],
    ['2024W1', 'format', /dạng hợp lệ/, /accepted forms/],
    ['2024BiW1', 'format', /dạng hợp lệ/, /accepted forms/],
    ['2024April', 'format', /dạng hợp lệ/, /accepted forms/],
    ['Q1 2024', 'whitespace', /có khoảng trắng; dạng hợp lệ/, /whitespace; accepted forms/],
    ['2024Q1Q2', 'format', /dạng hợp lệ/, /accepted forms/],
    ['2022..2025', 'format', /dạng hợp lệ/, /accepted forms/],
    ['+2024', 'format', /dạng hợp lệ/, /accepted forms/],
    ['2024.0', 'format', /dạng hợp lệ/, /accepted forms/],
    ['２０２４', 'format', /dạng hợp lệ/, /accepted forms/],
    ['năm 2024', 'whitespace', /khoảng trắng/, /whitespace/],
    // lowercase letters: DHIS2 writes them in capitals
    ['2024q1', 'lowercase', /viết hoa, hãy viết «2024Q1»/, /capital letters; write «2024Q1»/],
    ['2024s2', 'lowercase', /viết hoa, hãy viết «2024S2»/, /capital letters; write «2024S2»/],
    ['2024q5', 'lowercase', /viết hoa; dạng hợp lệ/, /capital letters; accepted forms/],
    // whitespace anywhere
    [' 2024', 'whitespace', /khoảng trắng, hãy viết «2024»/, /whitespace; write «2024»/],
    ['2024 ', 'whitespace', /hãy viết «2024»/, /write «2024»/],
    ['2024 Q1', 'whitespace', /hãy viết «2024Q1»/, /write «2024Q1»/],
    ['2024Q1\n', 'whitespace', /hãy viết «2024Q1»/, /write «2024Q1»/],
    ['\t202406', 'whitespace', /hãy viết «202406»/, /write «202406»/],
    ['2024\u00a0Q1', 'whitespace', /hãy viết «2024Q1»/, /write «2024Q1»/],
    ['2024 Q5', 'whitespace', /dạng hợp lệ/, /accepted forms/],
    ['', 'empty', /chưa có giá trị; dạng hợp lệ/, /empty; accepted forms/],
  ])('%j is refused (%s)', (id, reason, vi, en) => {
    const r = parsePeriod(id);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('badPeriod');
    expect(r.error.reason).toBe(reason);
    expect(r.error.input).toBe(id);
    expect(r.error.message_vi).toContain(`Kỳ báo cáo «${id}» không hợp lệ: `);
    expect(r.error.message_en).toContain(`Period «${id}» is invalid: `);
    expect(r.error.message_vi).toMatch(vi);
    expect(r.error.message_en).toMatch(en);
    expect(isPeriodId(id)).toBe(false);
  });

  it('the quarter message reads exactly as the committee would write it', () => {
    expect(parsePeriod('2024Q5')).toEqual({
      ok: false,
      error: {
        code: 'badPeriod',
        reason: 'quarter',
        input: '2024Q5',
        message_vi: 'Kỳ báo cáo «2024Q5» không hợp lệ: quý phải từ 1 đến 4 (dạng 2024Q1 … 2024Q4)',
        message_en: 'Period «2024Q5» is invalid: the quarter must be 1 to 4 (2024Q1 … 2024Q4)',
      },
    });
  });

  it('cuts a very long input short in the messages but keeps it whole in `input`', () => {
    const long = 'x'.repeat(500);
    const r = parsePeriod(long);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.input).toBe(long);
    expect(r.error.message_vi).toContain(`«${'x'.repeat(40)}…»`);
    expect(r.error.message_en.length).toBeLessThan(250);
  });
});

describe('months, start and end', () => {
  it.each<[string, number, number, string, string]>([
    ['2024', 1, 12, '2024-01-01', '2024-12-31'],
    ['2024S1', 1, 6, '2024-01-01', '2024-06-30'],
    ['2024S2', 7, 12, '2024-07-01', '2024-12-31'],
    ['2024Q1', 1, 3, '2024-01-01', '2024-03-31'],
    ['2024Q2', 4, 6, '2024-04-01', '2024-06-30'],
    ['2024Q3', 7, 9, '2024-07-01', '2024-09-30'],
    ['2024Q4', 10, 12, '2024-10-01', '2024-12-31'],
    ['202401', 1, 1, '2024-01-01', '2024-01-31'],
    ['202402', 2, 2, '2024-02-01', '2024-02-29'],
    ['202302', 2, 2, '2023-02-01', '2023-02-28'],
    ['190002', 2, 2, '1900-02-01', '1900-02-28'],
    ['200002', 2, 2, '2000-02-01', '2000-02-29'],
    ['202404', 4, 4, '2024-04-01', '2024-04-30'],
    ['202406', 6, 6, '2024-06-01', '2024-06-30'],
    ['202409', 9, 9, '2024-09-01', '2024-09-30'],
    ['202411', 11, 11, '2024-11-01', '2024-11-30'],
    ['202408', 8, 8, '2024-08-01', '2024-08-31'],
  ])('%s covers months %i–%i, %s to %s', (id, first, last, start, end) => {
    expect(monthsOf(p(id))).toEqual([first, last]);
    expect(periodStart(p(id))).toBe(start);
    expect(periodEnd(p(id))).toBe(end);
  });

  it.each<[PeriodType, number]>([
    ['month', 1],
    ['quarter', 3],
    ['half', 6],
    ['year', 12],
  ])('a %s lasts %i months', (type, n) => {
    expect(monthsPerPeriod(type)).toBe(n);
  });
});

describe('containment', () => {
  const sample = [
    '2024',
    '2024S1',
    '2024S2',
    '2024Q1',
    '2024Q2',
    '2024Q3',
    '2024Q4',
    '202403',
    '202404',
    '202407',
  ];
  // For each outer (row), the inner ids it contains, itself included.
  const expected: Record<string, string[]> = {
    '2024': sample,
    '2024S1': ['2024S1', '2024Q1', '2024Q2', '202403', '202404'],
    '2024S2': ['2024S2', '2024Q3', '2024Q4', '202407'],
    '2024Q1': ['2024Q1', '202403'],
    '2024Q2': ['2024Q2', '202404'],
    '2024Q3': ['2024Q3', '202407'],
    '2024Q4': ['2024Q4'],
    '202403': ['202403'],
    '202404': ['202404'],
    '202407': ['202407'],
  };
  const matrix = sample.flatMap((outer) =>
    sample.map((inner): [string, string, boolean] => [outer, inner, (expected[outer] ?? []).includes(inner)]),
  );

  it.each(matrix)('contains(%s, %s) is %s', (outer, inner, result) => {
    expect(contains(p(outer), p(inner))).toBe(result);
  });

  it.each([
    ['2024', '2023'],
    ['2024', '2025Q1'],
    ['2024', '202312'],
    ['2024S1', '2023S1'],
    ['2024Q4', '202512'],
    ['2025', '2024S2'],
  ])('contains(%s, %s) is false across years', (outer, inner) => {
    expect(contains(p(outer), p(inner))).toBe(false);
  });
});

describe('ordering', () => {
  it('sorts by start date, then shorter first', () => {
    const shuffled = [
      '2025',
      '2024',
      '2024Q2',
      '202401',
      '2024S2',
      '2024Q1',
      '202412',
      '2024S1',
      '2023Q4',
      '202404',
    ];
    const sorted = shuffled
      .map(p)
      .sort(comparePeriods)
      .map((x) => x.id);
    expect(sorted).toEqual([
      '2023Q4',
      '202401',
      '2024Q1',
      '2024S1',
      '2024',
      '202404',
      '2024Q2',
      '2024S2',
      '202412',
      '2025',
    ]);
  });

  it.each<[string, string, -1 | 0 | 1]>([
    ['2024', '2024', 0],
    ['2024Q1', '2024Q1', 0],
    ['202401', '2024Q1', -1],
    ['2024Q1', '2024S1', -1],
    ['2024S1', '2024', -1],
    ['2024', '2024S1', 1],
    ['2024', '202402', -1],
    ['202312', '2024', -1],
    ['2024Q4', '202412', -1],
    ['2024S2', '2024Q3', 1],
  ])('comparePeriods(%s, %s) has sign %i', (a, b, sign) => {
    expect(Math.sign(comparePeriods(p(a), p(b)))).toBe(sign);
  });

  it.each<[PeriodType, number]>([
    ['month', 1],
    ['quarter', 2],
    ['half', 3],
    ['year', 4],
  ])('typeRank(%s) is %i', (type, rank) => {
    expect(typeRank(type)).toBe(rank);
  });

  it('PERIOD_TYPES lists the types shortest first', () => {
    expect([...PERIOD_TYPES].sort((a, b) => typeRank(a) - typeRank(b))).toEqual([...PERIOD_TYPES]);
    expect(PERIOD_TYPES).toEqual(['month', 'quarter', 'half', 'year']);
  });

  it.each<[PeriodType, PeriodType, boolean]>([
    ['month', 'quarter', true],
    ['month', 'year', true],
    ['quarter', 'half', true],
    ['half', 'year', true],
    ['year', 'half', false],
    ['quarter', 'month', false],
    ['half', 'half', false],
  ])('isShorter(%s, %s) is %s', (a, b, result) => {
    expect(isShorter(a, b)).toBe(result);
  });
});

describe('periods of a year, children and parents', () => {
  it.each<[number, PeriodType, string[]]>([
    [2024, 'year', ['2024']],
    [2024, 'half', ['2024S1', '2024S2']],
    [2024, 'quarter', ['2024Q1', '2024Q2', '2024Q3', '2024Q4']],
    [
      2024,
      'month',
      ['202401', '202402', '202403', '202404', '202405', '202406'].concat([
        '202407',
        '202408',
        '202409',
        '202410',
        '202411',
        '202412',
      ]),
    ],
    [1899, 'quarter', []],
    [2101, 'year', []],
    [2024.5, 'year', []],
  ])('periodsOfYear(%s, %s)', (year, type, expected) => {
    expect(ids(periodsOfYear(year, type))).toEqual(expected);
  });

  it('every period of a year parses back to itself', () => {
    for (const type of PERIOD_TYPES) {
      for (const x of periodsOfYear(2024, type)) expect(parsePeriod(x.id)).toEqual({ ok: true, value: x });
    }
  });

  it.each<[string, PeriodType, string[]]>([
    ['2024S1', 'quarter', ['2024Q1', '2024Q2']],
    ['2024S2', 'quarter', ['2024Q3', '2024Q4']],
    ['2024S2', 'month', ['202407', '202408', '202409', '202410', '202411', '202412']],
    ['2024Q2', 'month', ['202404', '202405', '202406']],
    ['2024', 'half', ['2024S1', '2024S2']],
    ['2024', 'quarter', ['2024Q1', '2024Q2', '2024Q3', '2024Q4']],
    ['2024Q3', 'quarter', ['2024Q3']],
    ['2024Q3', 'half', []],
    ['202406', 'year', []],
  ])('childPeriods(%s, %s)', (id, type, expected) => {
    expect(ids(childPeriods(p(id), type))).toEqual(expected);
  });

  it.each<[string, PeriodType, string | undefined]>([
    ['2024Q1', 'half', '2024S1'],
    ['2024Q2', 'half', '2024S1'],
    ['2024Q3', 'half', '2024S2'],
    ['2024Q4', 'year', '2024'],
    ['202406', 'quarter', '2024Q2'],
    ['202407', 'quarter', '2024Q3'],
    ['202407', 'half', '2024S2'],
    ['202412', 'year', '2024'],
    ['2024S2', 'year', '2024'],
    ['2024S2', 'half', '2024S2'],
    ['2024S2', 'quarter', undefined],
    ['2024', 'month', undefined],
  ])('parentPeriod(%s, %s) is %s', (id, type, expected) => {
    expect(parentPeriod(p(id), type)?.id).toBe(expected);
  });
});

describe('stepping through time', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['202412', '202411', '202501'],
    ['202501', '202412', '202502'],
    ['2024Q1', '2023Q4', '2024Q2'],
    ['2024Q4', '2024Q3', '2025Q1'],
    ['2024S1', '2023S2', '2024S2'],
    ['2024S2', '2024S1', '2025S1'],
    ['2024', '2023', '2025'],
    ['1900', undefined, '1901'],
    ['190001', undefined, '190002'],
    ['1900Q1', undefined, '1900Q2'],
    ['2100', '2099', undefined],
    ['210012', '210011', undefined],
    ['2100S2', '2100S1', undefined],
  ])('around %s: previous %s, next %s', (id, prev, next) => {
    expect(previousPeriod(p(id))?.id).toBe(prev);
    expect(nextPeriod(p(id))?.id).toBe(next);
  });

  it.each<[string, string | undefined]>([
    ['2024Q2', '2023Q2'],
    ['202406', '202306'],
    ['2024S1', '2023S1'],
    ['2024', '2023'],
    ['1901Q4', '1900Q4'],
    ['1900S1', undefined],
  ])('samePeriodLastYear(%s) is %s', (id, expected) => {
    expect(samePeriodLastYear(p(id))?.id).toBe(expected);
  });

  it('results of stepping are complete periods', () => {
    expect(nextPeriod(p('202412'))).toEqual({ id: '202501', type: 'month', year: 2025, index: 1 });
    expect(samePeriodLastYear(p('2024Q2'))).toEqual({ id: '2023Q2', type: 'quarter', year: 2023, index: 2 });
  });
});

describe('periodsBetween', () => {
  it.each<[string, string, string[]]>([
    ['202410', '202503', ['202410', '202411', '202412', '202501', '202502', '202503']],
    ['2023Q3', '2024Q2', ['2023Q3', '2023Q4', '2024Q1', '2024Q2']],
    ['2023S2', '2025S1', ['2023S2', '2024S1', '2024S2', '2025S1']],
    ['2020', '2025', ['2020', '2021', '2022', '2023', '2024', '2025']],
    ['2024Q2', '2024Q2', ['2024Q2']],
  ])('from %s to %s', (from, to, expected) => {
    const r = periodsBetween(p(from), p(to));
    expect(r.ok && ids(r.value)).toEqual(expected);
  });

  it('spans the whole supported range', () => {
    const r = periodsBetween(p('190001'), p('210012'));
    expect(r.ok && r.value.length).toBe(201 * 12);
  });

  it('refuses periods of different types', () => {
    const r = periodsBetween(p('2024Q1'), p('2024'));
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'badPeriodSpan',
        reason: 'typeMismatch',
        from: '2024Q1',
        to: '2024',
        message_vi:
          'Không thể liệt kê các kỳ từ «2024Q1» đến «2024»: hai kỳ phải cùng loại (ở đây là quý và năm)',
        message_en:
          'Cannot list the periods from «2024Q1» to «2024»: both must be of the same type (here quarter and year)',
      },
    });
  });

  it('refuses a reversed span', () => {
    const r = periodsBetween(p('202501'), p('202412'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.reason).toBe('reversed');
    expect(r.error.message_vi).toContain('«202501»');
    expect(r.error.message_vi).toContain('«202412»');
    expect(r.error.message_en).toContain('«202501»');
    expect(r.error.message_en).toContain('the first period must not come after the last');
  });
});

describe('periodOrdinal', () => {
  it.each<[string, number]>([
    ['2024', 2024.5],
    ['2024S1', 2024.25],
    ['2024S2', 2024.75],
    ['2024Q1', 2024.125],
    ['2024Q4', 2024.875],
    ['202401', 2024 + 0.5 / 12],
    ['202406', 2024 + 5.5 / 12],
    ['202412', 2024 + 11.5 / 12],
  ])('%s sits at %d', (id, value) => {
    expect(periodOrdinal(p(id))).toBeCloseTo(value, 12);
  });

  it('is evenly spaced within a type across the year boundary', () => {
    const steps = ['202411', '202412', '202501', '202502'].map((id) => periodOrdinal(p(id)));
    const gaps = steps.slice(1).map((x, i) => x - (steps[i] ?? 0));
    for (const g of gaps) expect(g).toBeCloseTo(1 / 12, 12);
  });
});

describe('periodLabel', () => {
  it.each<[string, string, string]>([
    ['2024', 'Năm 2024', '2024'],
    ['2024S1', '6 tháng đầu năm 2024', 'First half of 2024'],
    ['2024S2', '6 tháng cuối năm 2024', 'Second half of 2024'],
    ['2024Q1', 'Quý I/2024', 'Q1 2024'],
    ['2024Q2', 'Quý II/2024', 'Q2 2024'],
    ['2024Q3', 'Quý III/2024', 'Q3 2024'],
    ['2024Q4', 'Quý IV/2024', 'Q4 2024'],
    ['202401', 'Tháng 1/2024', 'January 2024'],
    ['202402', 'Tháng 2/2024', 'February 2024'],
    ['202403', 'Tháng 3/2024', 'March 2024'],
    ['202404', 'Tháng 4/2024', 'April 2024'],
    ['202405', 'Tháng 5/2024', 'May 2024'],
    ['202406', 'Tháng 6/2024', 'June 2024'],
    ['202407', 'Tháng 7/2024', 'July 2024'],
    ['202408', 'Tháng 8/2024', 'August 2024'],
    ['202409', 'Tháng 9/2024', 'September 2024'],
    ['202410', 'Tháng 10/2024', 'October 2024'],
    ['202411', 'Tháng 11/2024', 'November 2024'],
    ['202412', 'Tháng 12/2024', 'December 2024'],
  ])('%s reads "%s" / "%s"', (id, vi, en) => {
    expect(periodLabel(p(id), 'vi')).toBe(vi);
    expect(periodLabel(p(id), 'en')).toBe(en);
  });
});

describe('year ranges', () => {
  it.each<[string, number, number]>([
    ['2022..2025', 2022, 2025],
    ['2021..2030', 2021, 2030],
    ['2025..2025', 2025, 2025],
    ['1900..2100', 1900, 2100],
  ])('%s is %i to %i', (s, from, to) => {
    expect(parseYearRange(s)).toEqual({ ok: true, value: { from, to } });
    expect(formatYearRange({ from, to })).toBe(s);
  });

  it.each<[string, string, RegExp, RegExp]>([
    [
      '2025..2022',
      'reversed',
      /năm đầu lớn hơn năm cuối, hãy viết «2022..2025»/,
      /first year is after the last; write «2022..2025»/,
    ],
    ['1899..2025', 'year', /năm phải từ 1900 đến 2100/, /years must be 1900 to 2100/],
    ['2022..2101', 'year', /năm phải từ 1900 đến 2100/, /years must be 1900 to 2100/],
    [
      '2022-2025',
      'format',
      /năm đầu\.\.năm cuối, ví dụ 2022\.\.2025/,
      /first\.\.last year, e\.g\. 2022\.\.2025/,
    ],
    ['2022–2025', 'format', /ví dụ 2022\.\.2025/, /e\.g\. 2022\.\.2025/],
    ['2022...2025', 'format', /ví dụ 2022\.\.2025/, /e\.g\. 2022\.\.2025/],
    ['2022..', 'format', /ví dụ 2022\.\.2025/, /e\.g\. 2022\.\.2025/],
    ['..2025', 'format', /ví dụ 2022\.\.2025/, /e\.g\. 2022\.\.2025/],
    ['2025', 'format', /ví dụ 2022\.\.2025/, /e\.g\. 2022\.\.2025/],
    ['22..25', 'format', /ví dụ 2022\.\.2025/, /e\.g\. 2022\.\.2025/],
    ['2022Q1..2025Q4', 'format', /ví dụ 2022\.\.2025/, /e\.g\. 2022\.\.2025/],
    ['2022 .. 2025', 'whitespace', /khoảng trắng, hãy viết «2022..2025»/, /whitespace; write «2022..2025»/],
    [' 2022..2025', 'whitespace', /hãy viết «2022..2025»/, /write «2022..2025»/],
    ['2022 - 2025', 'whitespace', /có khoảng trắng \(dạng/, /whitespace \(expected/],
    ['', 'empty', /chưa có giá trị/, /it is empty/],
  ])('%j is refused (%s)', (s, reason, vi, en) => {
    const r = parseYearRange(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('badYearRange');
    expect(r.error.reason).toBe(reason);
    expect(r.error.input).toBe(s);
    expect(r.error.message_vi).toContain(`Khoảng năm «${s}» không hợp lệ: `);
    expect(r.error.message_en).toContain(`Year range «${s}» is invalid: `);
    expect(r.error.message_vi).toMatch(vi);
    expect(r.error.message_en).toMatch(en);
  });
});

describe('periodOfDates', () => {
  it.each([
    ['2024-01-01', '2024-12-31', '2024'],
    ['2024-01-01', '2024-06-30', '2024S1'],
    ['2024-07-01', '2024-12-31', '2024S2'],
    ['2024-04-01', '2024-06-30', '2024Q2'],
    ['2024-10-01', '2024-12-31', '2024Q4'],
    ['2024-02-01', '2024-02-29', '202402'],
    ['2023-02-01', '2023-02-28', '202302'],
    ['2024-01-01', '2024-01-31', '202401'],
  ])('%s..%s is %s', (start, end, id) => {
    expect(periodOfDates(start, end)?.id).toBe(id);
  });

  it.each([
    ['2024-01-01', '2024-03-30', 'a day short of a quarter'],
    ['2024-02-01', '2024-04-30', 'three months not starting a quarter'],
    ['2024-04-01', '2024-09-30', 'six months not starting a half-year'],
    ['2023-02-01', '2023-02-29', 'a day that does not exist'],
    ['2024-01-02', '2024-01-31', 'not the first of a month'],
    ['2022-01-01', '2025-12-31', 'several years'],
    ['1899-01-01', '1899-12-31', 'a year out of range'],
    ['2024-13-01', '2024-13-31', 'month 13'],
    ['2024-1-01', '2024-01-31', 'not an ISO date'],
  ])('%s..%s is none (%s)', (start, end) => {
    expect(periodOfDates(start, end)).toBeUndefined();
  });
});

describe('the period vocabulary', () => {
  it('gives one example per type, each read back as that type', () => {
    expect(Object.keys(PERIOD_EXAMPLES).sort()).toEqual([...PERIOD_TYPES].sort());
    for (const [type, example] of Object.entries(PERIOD_EXAMPLES)) {
      const r = parsePeriod(example);
      expect(r.ok && r.value.type).toBe(type);
    }
  });

  it('has text limits that every period identifier fits and that are reached', () => {
    const lengths = new Set<number>();
    for (const year of [MIN_YEAR, 2024, MAX_YEAR]) {
      for (const type of PERIOD_TYPES) {
        for (const p of periodsOfYear(year, type)) lengths.add(formatPeriod(p).length);
      }
    }
    expect(Math.min(...lengths)).toBe(PERIOD_TEXT_LENGTH.min);
    expect(Math.max(...lengths)).toBe(PERIOD_TEXT_LENGTH.max);
  });
});
