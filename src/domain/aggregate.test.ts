import { describe, it, expect } from 'vitest';
import type {
  NotAggregableReason,
  RollUp,
  RollUpInput,
  TimeAggregation,
  TimedRatio,
  TimedValue,
} from './aggregate.js';
import { NOT_AGGREGABLE_MESSAGES, aggregateOverTime, aggregateRatioOverTime, rollUp } from './aggregate.js';

const quarters = (...ys: number[]): TimedValue[] =>
  ys.map((value, i) => ({ ordinal: i + 1, value, period: `2024Q${i + 1}` }));

describe('aggregateOverTime', () => {
  it.each<[string, TimedValue[], TimeAggregation, number, number]>([
    ['sum of flows', quarters(10, 12, 8, 20), 'sum', 50, 4],
    ['sum of a half-year', quarters(10, 12), 'sum', 22, 2],
    ['sum with a zero', quarters(0, 5), 'sum', 5, 2],
    ['last of a stock', quarters(40, 45, 47), 'last', 47, 3],
    ['last picks the latest period, not the last given', [...quarters(40, 45, 47)].reverse(), 'last', 47, 3],
    ['last when the latest is 0', quarters(40, 0), 'last', 0, 2],
    ['average', quarters(10, 20, 30, 40), 'average', 25, 4],
    ['average of the periods given', quarters(3, 4), 'average', 3.5, 2],
    ['a single value, sum', quarters(7), 'sum', 7, 1],
    ['a single value, last', quarters(7), 'last', 7, 1],
    ['a single value, average', quarters(7), 'average', 7, 1],
    ['negative values kept', quarters(-2, 5), 'sum', 3, 2],
  ])('%s', (_name, values, method, value, count) => {
    expect(aggregateOverTime(values, method)).toEqual({ kind: 'value', value, count });
  });

  it.each<[string, TimedValue[], NotAggregableReason]>([
    ['no values', [], 'noValues'],
    ['NaN value', quarters(1, NaN), 'invalidValue'],
    ['infinite ordinal', [{ ordinal: Infinity, value: 1 }], 'invalidValue'],
    [
      'the same period twice',
      [
        { ordinal: 1, value: 1 },
        { ordinal: 1, value: 2 },
      ],
      'duplicatePeriod',
    ],
  ])('%s → not aggregable', (_name, values, reason) => {
    for (const method of ['sum', 'last', 'average'] as const) {
      expect(aggregateOverTime(values, method)).toEqual({ kind: 'notAggregable', reason });
    }
  });
});

describe('aggregateRatioOverTime', () => {
  const r = (ordinal: number, numerator: number, denominator: number): TimedRatio => ({
    ordinal,
    numerator,
    denominator,
  });
  it.each<[string, TimedRatio[], TimeAggregation, number, number, number | null]>([
    ['sum pools the parts', [r(1, 90, 100), r(2, 10, 100)], 'sum', 100, 200, 50],
    [
      'average pools the parts, not the percentages',
      [r(1, 9, 10), r(2, 10, 100)],
      'average',
      19,
      110,
      1900 / 110,
    ],
    ['last keeps the latest parts', [r(2, 97, 100), r(1, 50, 100)], 'last', 97, 100, 97],
    ['zero denominator has no percent', [r(1, 0, 0)], 'sum', 0, 0, null],
  ])('%s', (_name, values, method, numerator, denominator, percent) => {
    const a = aggregateRatioOverTime(values, method);
    expect(a).toMatchObject({ kind: 'ratio', numerator, denominator, count: values.length });
    if (a.kind !== 'ratio') return;
    if (percent === null) expect(a.percent).toBeNull();
    else expect(a.percent).toBeCloseTo(percent, 12);
  });

  it.each<[string, TimedRatio[], NotAggregableReason]>([
    ['no values', [], 'noValues'],
    ['NaN part', [r(1, NaN, 1)], 'invalidValue'],
    ['the same period twice', [r(1, 1, 2), r(1, 1, 2)], 'duplicatePeriod'],
  ])('%s → not aggregable', (_name, values, reason) => {
    expect(aggregateRatioOverTime(values, 'sum')).toEqual({ kind: 'notAggregable', reason });
  });
});

describe('rollUp', () => {
  it.each<[string, RollUpInput, RollUp]>([
    ['count sums', { valueType: 'count', children: [3, 4, 0] }, { kind: 'sum', value: 7, unitCount: 3 }],
    [
      'money sums',
      { valueType: 'money', children: [1_500_000_000, 2_500_000_000] },
      { kind: 'sum', value: 4_000_000_000, unitCount: 2 },
    ],
    ['a single child', { valueType: 'count', children: [6] }, { kind: 'sum', value: 6, unitCount: 1 }],
    [
      'number summed when stated',
      { valueType: 'number', children: [1.5, 2.25], method: 'sum' },
      { kind: 'sum', value: 3.75, unitCount: 2 },
    ],
    [
      'number averaged when stated (days to process)',
      { valueType: 'number', children: [4, 6, 11], method: 'average' },
      { kind: 'average', value: 7, unitCount: 3 },
    ],
    [
      'ratio: Σnum / Σden, not the mean of the percentages',
      {
        valueType: 'ratio',
        children: [
          { numerator: 90, denominator: 100 },
          { numerator: 10, denominator: 900 },
        ],
      },
      { kind: 'ratio', numerator: 100, denominator: 1000, percent: 10, unitCount: 2 },
    ],
    [
      'ratio with no denominator',
      {
        valueType: 'ratio',
        children: [
          { numerator: 0, denominator: 0 },
          { numerator: 0, denominator: 0 },
        ],
      },
      { kind: 'ratio', numerator: 0, denominator: 0, percent: null, unitCount: 2 },
    ],
    [
      'boolean: villages with fibre',
      { valueType: 'boolean', children: [true, false, true, true, false] },
      { kind: 'booleanCount', trueCount: 3, falseCount: 2, unitCount: 5 },
    ],
    [
      'boolean: none true',
      { valueType: 'boolean', children: [false, false] },
      { kind: 'booleanCount', trueCount: 0, falseCount: 2, unitCount: 2 },
    ],
    [
      'percent is not aggregable',
      { valueType: 'percent', children: [97, 88] },
      { kind: 'notAggregable', reason: 'percentNotAggregable' },
    ],
    [
      'percent with no children',
      { valueType: 'percent', children: [] },
      { kind: 'notAggregable', reason: 'percentNotAggregable' },
    ],
    [
      'number without a method',
      { valueType: 'number', children: [1, 2] },
      { kind: 'notAggregable', reason: 'numberMethodNotStated' },
    ],
    [
      'no children (count)',
      { valueType: 'count', children: [] },
      { kind: 'notAggregable', reason: 'noValues' },
    ],
    [
      'no children (boolean)',
      { valueType: 'boolean', children: [] },
      { kind: 'notAggregable', reason: 'noValues' },
    ],
    [
      'no children (ratio)',
      { valueType: 'ratio', children: [] },
      { kind: 'notAggregable', reason: 'noValues' },
    ],
    [
      'NaN count',
      { valueType: 'count', children: [1, NaN] },
      { kind: 'notAggregable', reason: 'invalidValue' },
    ],
    [
      'NaN ratio part',
      { valueType: 'ratio', children: [{ numerator: 1, denominator: Infinity }] },
      { kind: 'notAggregable', reason: 'invalidValue' },
    ],
  ])('%s', (_name, input, expected) => {
    expect(rollUp(input)).toEqual(expected);
  });

  it('rolls the Lào Cai fibre register up from villages: 56 of 200 still without', () => {
    const villages = [...Array<boolean>(144).fill(true), ...Array<boolean>(56).fill(false)];
    expect(rollUp({ valueType: 'boolean', children: villages })).toEqual({
      kind: 'booleanCount',
      trueCount: 144,
      falseCount: 56,
      unitCount: 200,
    });
  });

  it('has a vi and an en message for every reason', () => {
    expect(Object.keys(NOT_AGGREGABLE_MESSAGES)).toHaveLength(5);
    for (const m of Object.values(NOT_AGGREGABLE_MESSAGES)) {
      expect(m.vi).toMatch(/\S/);
      expect(m.en).toMatch(/\S/);
    }
  });
});
