import { describe, expect, it } from 'vitest';
import type { ValueType } from './aggregate.js';
import type { ValueParts, ValueProblemCode, ValuePart } from './validate-value.js';
import {
  checkIndicatorBounds,
  parseBooleanWord,
  parseDecimal,
  validateTargetValue,
  validateValue,
} from './validate-value.js';

describe('parseDecimal', () => {
  it.each([
    ['0', 0, false, 0],
    ['42', 42, false, 0],
    ['007', 7, false, 0],
    ['36.8', 36.8, false, 1],
    ['36,8', 36.8, false, 1],
    ['-2', -2, false, 0],
    ['+2,5', 2.5, false, 1],
    ['\u22123,5', -3.5, false, 1],
    ['-0', 0, false, 0],
    ['  12,34  ', 12.34, false, 2],
    ['0.851', 0.851, false, 3],
    ['0,851', 0.851, false, 3],
    ['1234.567', 1234.567, false, 3],
    ['1234,567', 1234.567, false, 3],
    ['10.8510', 10.851, false, 4],
    ['10,8510', 10.851, false, 4],
    ['10.85', 10.85, false, 2],
    ['.5', 0.5, false, 1],
    [',5', 0.5, false, 1],
    ['1.234.567', 1234567, false, 0],
    ['1,234,567', 1234567, false, 0],
    ['1 234 567', 1234567, false, 0],
    ['1\u00a0234', 1234, false, 0],
    ['1\u202f234,5', 1234.5, false, 1],
    ['1 234.5', 1234.5, false, 1],
    ['1.234,5', 1234.5, false, 1],
    ['1,234.5', 1234.5, false, 1],
    ['12.345.678,25', 12345678.25, false, 2],
    ['1e-7', 1e-7, false, null],
    ['2.5E3', 2500, false, null],
    ['97%', 97, true, 0],
    ['97 %', 97, true, 0],
    ['36,8%', 36.8, true, 1],
    ['97.251%', 97.251, true, 3],
    ['10,851%', 10.851, true, 3],
  ])('reads «%s» as %s', (text, value, percent, fractionDigits) => {
    expect(parseDecimal(text)).toEqual({ ok: true, value: { value, percent, fractionDigits } });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'notANumber'],
    ['12abc', 'notANumber'],
    ['1,5e3', 'notANumber'],
    ['5.', 'notANumber'],
    ['1..5', 'notANumber'],
    ['1.2.3', 'notANumber'],
    ['1,2,3', 'notANumber'],
    ['12.34.567', 'notANumber'],
    ['1,234.567.8', 'notANumber'],
    ['1.234,5,6', 'notANumber'],
    ['0.123.456', 'notANumber'],
    ['1 23', 'notANumber'],
    ['1 234.567.1', 'notANumber'],
    ['1.000 đ', 'notANumber'],
    ['--1', 'notANumber'],
    ['%', 'notANumber'],
    ['#DIV/0!', 'notANumber'],
    ['1e999', 'notFinite'],
    ['10.851', 'ambiguous'],
    ['10,851', 'ambiguous'],
    ['1.500', 'ambiguous'],
    ['999,000', 'ambiguous'],
    ['-1.500', 'ambiguous'],
  ])('refuses «%s» (%s)', (text, reason) => {
    const r = parseDecimal(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.reason).toBe(reason);
      expect(r.error.code).toBe('badNumber');
      expect(r.error.message_vi).not.toBe('');
      expect(r.error.message_en).not.toBe('');
    }
  });

  it.each([
    ['10.851', 10.851, 3],
    ['1.500', 1.5, 3],
    ['-0.5', -0.5, 1],
    ['42', 42, 0],
    ['1e-7', 1e-7, null],
  ])('reads machine-written «%s» as %s', (text, value, fractionDigits) => {
    expect(parseDecimal(text, 'machine')).toEqual({
      ok: true,
      value: { value, percent: false, fractionDigits },
    });
  });

  it.each(['36,8', '1.234.567', '1 234', '97%', '', 'abc', '.5'])('refuses machine-written «%s»', (text) => {
    expect(parseDecimal(text, 'machine').ok).toBe(false);
  });

  it('names both readings of an ambiguous number and how to write each', () => {
    const r = parseDecimal('-10.851');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message_vi).toContain('-10851');
      expect(r.error.message_vi).toContain('-10,8510');
      expect(r.error.message_en).toContain('-10851');
      expect(r.error.message_en).toContain('-10.8510');
    }
  });
});

describe('parseBooleanWord', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['1', true],
    ['có', true],
    ['Có', true],
    ['CÓ', true],
    ['co', true],
    [' có ', true],
    ['false', false],
    ['FALSE', false],
    ['0', false],
    ['không', false],
    ['Không', false],
    ['khong', false],
  ])('reads «%s» as %s', (text, value) => {
    expect(parseBooleanWord(text)).toEqual({ ok: true, value });
  });

  it.each(['', 'yes', 'x', '2', 'đúng', '1.0'])('refuses «%s»', (text) => {
    const r = parseBooleanWord(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('badBoolean');
  });
});

describe('validateValue accepts', () => {
  it.each<[ValueType, ValueParts, unknown]>([
    ['percent', { value: '97' }, { kind: 'number', value: 97 }],
    ['percent', { value: '97%' }, { kind: 'number', value: 97 }],
    ['percent', { value: '36,8' }, { kind: 'number', value: 36.8 }],
    ['percent', { value: 0 }, { kind: 'number', value: 0 }],
    ['percent', { value: 100 }, { kind: 'number', value: 100 }],
    ['percent', { value: 97, numerator: '', denominator: null }, { kind: 'number', value: 97 }],
    ['count', { value: '38' }, { kind: 'number', value: 38 }],
    ['count', { value: 0 }, { kind: 'number', value: 0 }],
    ['count', { value: '10.851.000' }, { kind: 'number', value: 10851000 }],
    ['count', { value: '12,0' }, { kind: 'number', value: 12 }],
    ['number', { value: '-3,25' }, { kind: 'number', value: -3.25 }],
    ['number', { value: 0.6321 }, { kind: 'number', value: 0.6321 }],
    ['number', { value: '0,6321' }, { kind: 'number', value: 0.6321 }],
    ['money', { value: '1.500.000.000' }, { kind: 'number', value: 1500000000 }],
    ['money', { value: '2,5' }, { kind: 'number', value: 2.5 }],
    ['boolean', { value: 'có' }, { kind: 'boolean', value: true }],
    ['boolean', { value: 'KHÔNG' }, { kind: 'boolean', value: false }],
    ['boolean', { value: 'TRUE' }, { kind: 'boolean', value: true }],
    ['boolean', { value: 1 }, { kind: 'boolean', value: true }],
    ['boolean', { value: 0 }, { kind: 'boolean', value: false }],
    ['boolean', { value: false }, { kind: 'boolean', value: false }],
    [
      'ratio',
      { numerator: '97', denominator: '100' },
      { kind: 'ratio', numerator: 97, denominator: 100, value: 97 },
    ],
    ['ratio', { numerator: 0, denominator: 5 }, { kind: 'ratio', numerator: 0, denominator: 5, value: 0 }],
    ['ratio', { numerator: 5, denominator: 5 }, { kind: 'ratio', numerator: 5, denominator: 5, value: 100 }],
    [
      'ratio',
      { numerator: 2, denominator: 3, value: '66,67' },
      { kind: 'ratio', numerator: 2, denominator: 3, value: 200 / 3 },
    ],
    [
      'ratio',
      { numerator: 2, denominator: 3, value: '67' },
      { kind: 'ratio', numerator: 2, denominator: 3, value: 200 / 3 },
    ],
    [
      'ratio',
      { numerator: 2, denominator: 3, value: '66,7%' },
      { kind: 'ratio', numerator: 2, denominator: 3, value: 200 / 3 },
    ],
    [
      'ratio',
      { numerator: 2, denominator: 3, value: 66.667 },
      { kind: 'ratio', numerator: 2, denominator: 3, value: 200 / 3 },
    ],
    [
      'ratio',
      { numerator: 1, denominator: 8, value: '12,5' },
      { kind: 'ratio', numerator: 1, denominator: 8, value: 12.5 },
    ],
    [
      'ratio',
      { numerator: 1.5, denominator: 3, value: '' },
      { kind: 'ratio', numerator: 1.5, denominator: 3, value: 50 },
    ],
  ])('%s %o', (valueType, parts, normalized) => {
    expect(validateValue(valueType, parts)).toEqual({ ok: true, normalized });
  });
});

describe('validateValue refuses', () => {
  it.each<[ValueType, ValueParts, [ValuePart, ValueProblemCode][]]>([
    ['percent', {}, [['value', 'missing']]],
    ['percent', { value: '  ' }, [['value', 'missing']]],
    ['percent', { value: '101' }, [['value', 'outOfRange']]],
    ['percent', { value: '-1' }, [['value', 'outOfRange']]],
    ['percent', { value: '150%' }, [['value', 'outOfRange']]],
    ['percent', { value: 'abc' }, [['value', 'badNumber']]],
    ['percent', { value: '10.851' }, [['value', 'badNumber']]],
    ['percent', { value: true }, [['value', 'badNumber']]],
    ['percent', { value: Number.NaN }, [['value', 'badNumber']]],
    ['percent', { value: Number.POSITIVE_INFINITY }, [['value', 'badNumber']]],
    [
      'percent',
      { value: '97', numerator: '97', denominator: '100' },
      [
        ['numerator', 'notRatio'],
        ['denominator', 'notRatio'],
      ],
    ],
    [
      'percent',
      { numerator: '97' },
      [
        ['numerator', 'notRatio'],
        ['value', 'missing'],
      ],
    ],
    ['count', { value: '2,5' }, [['value', 'notWhole']]],
    ['count', { value: -1 }, [['value', 'negative']]],
    ['count', { value: '5%' }, [['value', 'percentSign']]],
    ['count', { value: '1.500' }, [['value', 'badNumber']]],
    ['number', { value: '5%' }, [['value', 'percentSign']]],
    ['number', { value: 'n/a' }, [['value', 'badNumber']]],
    ['money', { value: '-5' }, [['value', 'negative']]],
    ['money', { value: '5%' }, [['value', 'percentSign']]],
    ['boolean', { value: 'yes' }, [['value', 'badBoolean']]],
    ['boolean', { value: 2 }, [['value', 'badBoolean']]],
    ['boolean', { value: '' }, [['value', 'missing']]],
    ['boolean', { value: 'có', denominator: 1 }, [['denominator', 'notRatio']]],
    [
      'ratio',
      {},
      [
        ['numerator', 'missing'],
        ['denominator', 'missing'],
      ],
    ],
    [
      'ratio',
      { value: '97' },
      [
        ['numerator', 'missing'],
        ['denominator', 'missing'],
      ],
    ],
    ['ratio', { numerator: 5 }, [['denominator', 'missing']]],
    ['ratio', { numerator: 6, denominator: 5 }, [['numerator', 'numeratorAboveDenominator']]],
    ['ratio', { numerator: 0, denominator: 0 }, [['denominator', 'zeroDenominator']]],
    ['ratio', { numerator: -1, denominator: 5 }, [['numerator', 'negative']]],
    [
      'ratio',
      { numerator: 'x', denominator: '-2' },
      [
        ['numerator', 'badNumber'],
        ['denominator', 'negative'],
      ],
    ],
    ['ratio', { numerator: '5%', denominator: 10 }, [['numerator', 'percentSign']]],
    [
      'ratio',
      { numerator: '1.234', denominator: '2.000' },
      [
        ['numerator', 'badNumber'],
        ['denominator', 'badNumber'],
      ],
    ],
    ['ratio', { numerator: 1, denominator: 2, value: 'abc' }, [['value', 'badNumber']]],
    ['ratio', { numerator: 2, denominator: 3, value: '66,6' }, [['value', 'ratioMismatch']]],
    ['ratio', { numerator: 2, denominator: 3, value: '70' }, [['value', 'ratioMismatch']]],
    ['ratio', { numerator: 1, denominator: 2, value: 120 }, [['value', 'outOfRange']]],
  ])('%s %o', (valueType, parts, expected) => {
    const r = validateValue(valueType, parts);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => [p.field, p.code])).toEqual(expected);
      expect(r.message_vi).toBe(r.problems[0]?.message_vi);
      expect(r.message_en).toBe(r.problems[0]?.message_en);
      for (const p of r.problems) {
        expect(p.message_vi).not.toBe('');
        expect(p.message_en).not.toBe('');
      }
    }
  });

  it('says what the ratio works out to when the value disagrees', () => {
    const r = validateValue('ratio', { numerator: 2, denominator: 3, value: '70' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message_vi).toContain('66,67');
      expect(r.message_en).toContain('66.67');
    }
  });
});

describe('validateValue with machine-written numbers', () => {
  it("reads 10.851 as a decimal, where a person's 10.851 is refused", () => {
    expect(validateValue('number', { value: '10.851' }, 'machine')).toEqual({
      ok: true,
      normalized: { kind: 'number', value: 10.851 },
    });
    expect(validateValue('number', { value: '10.851' }).ok).toBe(false);
    expect(validateTargetValue('number', '10.851', 'machine')).toEqual({ ok: true, normalized: 10.851 });
    expect(validateTargetValue('number', '10.851').ok).toBe(false);
  });

  it('refuses a decimal comma', () => {
    const r = validateValue('ratio', { numerator: '1,5', denominator: '3' }, 'machine');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.field, p.code])).toEqual([['numerator', 'badNumber']]);
  });
});

describe('validateTargetValue', () => {
  it.each<[ValueType, string | number | boolean, number | boolean]>([
    ['percent', '95', 95],
    ['percent', '95%', 95],
    ['ratio', '80%', 80],
    ['ratio', '80', 80],
    ['count', '0', 0],
    ['count', '1.234.567', 1234567],
    ['number', '-1,5', -1.5],
    ['money', 2_000_000, 2_000_000],
    ['boolean', 'có', true],
    ['boolean', 'false', false],
    ['boolean', 1, true],
  ])('%s «%s» → %s', (valueType, input, normalized) => {
    expect(validateTargetValue(valueType, input)).toEqual({ ok: true, normalized });
  });

  it.each<[ValueType, string | number | null, ValueProblemCode]>([
    ['percent', null, 'missing'],
    ['percent', '120', 'outOfRange'],
    ['ratio', '-5', 'outOfRange'],
    ['count', '2,5', 'notWhole'],
    ['count', '5%', 'percentSign'],
    ['money', '-1', 'negative'],
    ['number', 'x', 'badNumber'],
    ['boolean', 'maybe', 'badBoolean'],
  ])('%s «%s» refused: %s', (valueType, input, code) => {
    const r = validateTargetValue(valueType, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.code)).toEqual([code]);
  });
});

describe('plausible values: the ceiling and an indicator’s own bounds (docs/domain.md §4)', () => {
  it.each<[string, ValueType | Parameters<typeof validateValue>[0], ValueParts, ValueProblemCode | null]>([
    ['a count of 1e300 is above the ceiling', 'count', { value: 1e300 }, 'aboveCeiling'],
    ['a count written 1e300 is above the ceiling', 'count', { value: '1e300' }, 'aboveCeiling'],
    ['a count just below the ceiling is kept', 'count', { value: 999_999_999_999_999 }, null],
    ['a count at the ceiling is refused', 'count', { value: 1e15 }, 'aboveCeiling'],
    ['money of 2e15 is above the ceiling', 'money', { value: 2e15 }, 'aboveCeiling'],
    ['a huge number is kept (no type ceiling)', 'number', { value: 1e20 }, null],
    ['a ratio numerator above the ceiling', 'ratio', { numerator: 1e16, denominator: 1e17 }, 'aboveCeiling'],
    ['below the indicator’s min', { valueType: 'number', min: 1, max: 5 }, { value: 0.5 }, 'belowMin'],
    ['at the indicator’s min', { valueType: 'number', min: 1, max: 5 }, { value: 1 }, null],
    ['at the indicator’s max', { valueType: 'count', min: null, max: 500 }, { value: 500 }, null],
    ['above the indicator’s max', { valueType: 'count', max: 500 }, { value: 501 }, 'aboveMax'],
    ['a percent above its own max', { valueType: 'percent', max: 80 }, { value: '85%' }, 'aboveMax'],
    [
      'a ratio’s percentage below its min',
      { valueType: 'ratio', min: 10 },
      { numerator: 1, denominator: 20 },
      'belowMin',
    ],
    [
      'a ratio’s percentage within bounds',
      { valueType: 'ratio', min: 10 },
      { numerator: 3, denominator: 20 },
      null,
    ],
    ['type limits still come first', { valueType: 'count', max: 500 }, { value: -1 }, 'negative'],
  ])('%s', (_label, rules, parts, code) => {
    const checked = validateValue(rules, parts);
    if (code === null) {
      expect(checked.ok).toBe(true);
    } else {
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.problems.map((p) => p.code)).toContain(code);
    }
  });

  it('names the ceiling in both languages', () => {
    const checked = validateValue('count', { value: 1e300 });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.message_vi).toContain('1.000.000.000.000.000');
    expect(checked.message_en).toContain('1,000,000,000,000,000');
    expect(checked.message_vi).not.toMatch(/ceiling|count/);
  });

  it('names the indicator’s own bound', () => {
    const checked = validateValue({ valueType: 'number', max: 2.5 }, { value: 3 });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.message_vi).toBe('Giá trị 3 lớn hơn mức tối đa 2,5 đặt cho chỉ tiêu này.');
    expect(checked.message_en).toBe('The value 3 is above the maximum of 2.5 set for this indicator.');
  });

  it('keeps targets of a count below the ceiling too', () => {
    expect(validateTargetValue('count', 1e300).ok).toBe(false);
    expect(validateTargetValue('count', 500).ok).toBe(true);
  });
});

describe('checkIndicatorBounds', () => {
  it.each<[ValueType, { min?: number | null; max?: number | null }, string[]]>([
    ['count', { min: 0, max: 500 }, []],
    ['count', {}, []],
    ['count', { min: null, max: null }, []],
    ['count', { min: -1 }, ['min']],
    ['count', { max: 1e16 }, ['max']],
    ['percent', { min: 10, max: 90 }, []],
    ['percent', { max: 120 }, ['max']],
    ['ratio', { min: -5 }, ['min']],
    ['number', { min: -40, max: 60 }, []],
    ['number', { min: 5, max: 1 }, ['max']],
    ['number', { min: Number.NaN }, ['min']],
    ['boolean', { max: 1 }, ['max']],
  ])('%s %o → %o', (type, bounds, fields) => {
    expect(checkIndicatorBounds(type, bounds).map((p) => p.field)).toEqual(fields);
  });
});
