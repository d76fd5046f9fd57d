import { describe, expect, it } from 'vitest';
import type { TimeAggregation, ValueType } from './aggregate.js';
import { parsePeriod, periodEnd, periodStart } from './period.js';
import {
  monthsSpanned,
  rollUp,
  rollupTree,
  type RollupResult,
  type RollupValue,
} from './rollup-reference.js';

// Hand-computed answers of the roll-up rule (docs/domain.md §4, docs/evaluation.md) on a small tree:
//
//   N ─┬─ P1 ─┬─ C11 ── V111
//      │      └─ C12
//      └─ P2 ─── C21

const UNIT = { N: 1, P1: 2, P2: 3, C11: 4, C12: 5, C21: 6, V111: 7 } as const;
type UnitCode = keyof typeof UNIT;
const TREE = rollupTree([
  { id: UNIT.N, parentId: null },
  { id: UNIT.P1, parentId: UNIT.N },
  { id: UNIT.P2, parentId: UNIT.N },
  { id: UNIT.C11, parentId: UNIT.P1 },
  { id: UNIT.C12, parentId: UNIT.P1 },
  { id: UNIT.C21, parentId: UNIT.P2 },
  { id: UNIT.V111, parentId: UNIT.C11 },
]);

function bounds(period: string): [string, string] {
  const parsed = parsePeriod(period);
  if (!parsed.ok) throw new Error(`bad period ${period}`);
  return [periodStart(parsed.value), periodEnd(parsed.value)];
}

/** A value at a unit for a period (`2025`, `2025S1`, `2025Q1`, `202501`): a number, or a ratio's parts. */
function v(unit: UnitCode, period: string, value: number | null, parts?: [number, number]): RollupValue {
  const [start, end] = bounds(period);
  return {
    unitId: UNIT[unit],
    periodStart: start,
    periodEnd: end,
    value,
    numerator: parts?.[0] ?? null,
    denominator: parts?.[1] ?? null,
  };
}

const NOTHING: RollupResult = {
  key: 1,
  value: null,
  numerator: null,
  denominator: null,
  source: null,
  valueCount: 0,
  unitCount: 0,
  ignoredCount: 0,
  lastEnd: null,
  gap: null,
};

interface Case {
  name: string;
  type: ValueType;
  time: TimeAggregation;
  values: RollupValue[];
  at: UnitCode;
  /** A period id, or the first and last day of another range. */
  period: string | [string, string];
  expected: Partial<RollupResult>;
}

const CASES: Case[] = [
  {
    name: 'count/sum adds over time and up the tree',
    type: 'count',
    time: 'sum',
    values: [v('C11', '2025Q1', 10), v('C11', '2025Q2', 5), v('C12', '2025Q1', 7), v('C21', '2025Q1', 100)],
    at: 'P1',
    period: '2025S1',
    expected: { value: 22, source: 'derived', valueCount: 3, unitCount: 2, lastEnd: '2025-06-30' },
  },
  {
    name: 'count/sum leaves out values outside the period',
    type: 'count',
    time: 'sum',
    values: [v('C11', '2025Q1', 10), v('C11', '2025Q3', 5), v('C11', '2024Q1', 8)],
    at: 'C11',
    period: '2025S1',
    expected: { value: 10, source: 'derived', valueCount: 1, unitCount: 1, lastEnd: '2025-03-31' },
  },
  {
    name: 'a value entered for the unit and period stands alone (entered wins at the same unit)',
    type: 'count',
    time: 'sum',
    values: [v('C11', '2025S1', 20), v('C11', '2025Q1', 10), v('C11', '2025Q2', 5), v('C11', '202501', 1)],
    at: 'C11',
    period: '2025S1',
    expected: { value: 20, source: 'entered', valueCount: 1, unitCount: 1, lastEnd: '2025-06-30' },
  },
  {
    name: 'a province value covers its communes and villages for a request at the nation',
    type: 'count',
    time: 'sum',
    values: [
      v('P1', '2025Q1', 100),
      v('C11', '2025Q1', 10),
      v('C12', '202502', 20),
      v('V111', '202503', 1),
      v('C11', '2025Q2', 4),
    ],
    at: 'N',
    period: '2025',
    expected: { value: 104, source: 'derived', valueCount: 2, unitCount: 2, lastEnd: '2025-06-30' },
  },
  {
    name: 'the same province value does not cover a commune asked for itself',
    type: 'count',
    time: 'sum',
    values: [v('P1', '2025Q1', 100), v('C11', '2025Q1', 10), v('V111', '202503', 1), v('C11', '2025Q2', 4)],
    at: 'C11',
    period: '2025',
    expected: { value: 14, source: 'derived', valueCount: 2, unitCount: 1, lastEnd: '2025-06-30' },
  },
  {
    name: 'a village value left uncovered adds to the commune value of other months',
    type: 'count',
    time: 'sum',
    values: [v('C11', '2025Q1', 10), v('V111', '202504', 2), v('V111', '202503', 9)],
    at: 'P1',
    period: '2025S1',
    expected: { value: 12, source: 'derived', valueCount: 2, unitCount: 2, lastEnd: '2025-04-30' },
  },
  {
    name: 'count/last takes each unit’s latest value, then sums the units',
    type: 'count',
    time: 'last',
    values: [v('C11', '2025Q1', 10), v('C11', '2025Q2', 12), v('C12', '2025Q1', 7)],
    at: 'P1',
    period: '2025S1',
    expected: { value: 19, source: 'derived', valueCount: 3, unitCount: 2, lastEnd: '2025-06-30' },
  },
  {
    name: 'money/average weighs by months (a quarter and a month)',
    type: 'money',
    time: 'average',
    values: [v('C11', '2025Q1', 10), v('C11', '202504', 40), v('C12', '2025S1', 6)],
    at: 'P1',
    period: '2025S1',
    expected: { value: 23.5, source: 'derived', valueCount: 3, unitCount: 2, lastEnd: '2025-06-30' },
  },
  {
    name: 'ratio/sum pools the parts (1/4 and 9/12 give 62.5)',
    type: 'ratio',
    time: 'sum',
    values: [v('C11', '2025Q1', null, [1, 4]), v('C12', '2025Q1', null, [9, 12])],
    at: 'P1',
    period: '2025Q1',
    expected: {
      value: 62.5,
      numerator: 10,
      denominator: 16,
      source: 'derived',
      valueCount: 2,
      unitCount: 2,
      lastEnd: '2025-03-31',
    },
  },
  {
    name: 'ratio/last keeps the latest parts of a unit',
    type: 'ratio',
    time: 'last',
    values: [v('C11', '2025Q1', null, [1, 4]), v('C11', '2025Q2', null, [3, 6])],
    at: 'C11',
    period: '2025S1',
    expected: {
      value: 50,
      numerator: 3,
      denominator: 6,
      source: 'derived',
      valueCount: 2,
      unitCount: 1,
      lastEnd: '2025-06-30',
    },
  },
  {
    name: 'ratio/average pools the parts like sum',
    type: 'ratio',
    time: 'average',
    values: [v('C11', '2025Q1', null, [1, 4]), v('C11', '2025Q2', null, [3, 4])],
    at: 'C11',
    period: '2025S1',
    expected: {
      value: 50,
      numerator: 4,
      denominator: 8,
      source: 'derived',
      valueCount: 2,
      unitCount: 1,
      lastEnd: '2025-06-30',
    },
  },
  {
    name: 'a ratio whose denominators sum to 0 has no value and says why',
    type: 'ratio',
    time: 'sum',
    values: [v('C11', '2025Q1', null, [0, 0]), v('C12', '2025Q1', null, [0, 0])],
    at: 'P1',
    period: '2025Q1',
    expected: {
      value: null,
      numerator: 0,
      denominator: 0,
      source: 'derived',
      valueCount: 2,
      unitCount: 2,
      lastEnd: '2025-03-31',
      gap: 'zeroDenominator',
    },
  },
  {
    name: 'boolean counts the units whose latest value is true, out of the units',
    type: 'boolean',
    time: 'sum',
    values: [v('C11', '202501', 1), v('C11', '202502', 0), v('C12', '2025Q1', 1), v('V111', '2025Q2', 1)],
    at: 'P1',
    period: '2025S1',
    expected: {
      value: 2,
      numerator: 2,
      denominator: 3,
      source: 'derived',
      valueCount: 4,
      unitCount: 3,
      lastEnd: '2025-06-30',
    },
  },
  {
    name: 'boolean/average is a state too: the latest value',
    type: 'boolean',
    time: 'average',
    values: [v('C11', '2025Q1', 0), v('C11', '2025Q2', 1)],
    at: 'C11',
    period: '2025S1',
    expected: {
      value: 1,
      numerator: 1,
      denominator: 1,
      source: 'derived',
      valueCount: 2,
      unitCount: 1,
      lastEnd: '2025-06-30',
    },
  },
  {
    name: 'boolean entered at the unit: one unit, itself',
    type: 'boolean',
    time: 'last',
    values: [v('C11', '2025', 0), v('V111', '2025Q1', 1)],
    at: 'C11',
    period: '2025',
    expected: {
      value: 0,
      numerator: 0,
      denominator: 1,
      source: 'entered',
      valueCount: 1,
      unitCount: 1,
      lastEnd: '2025-12-31',
    },
  },
  {
    name: 'percent does not roll up: only values below, no value',
    type: 'percent',
    time: 'last',
    values: [v('C11', '2025Q1', 40), v('C12', '2025Q1', 60)],
    at: 'P1',
    period: '2025Q1',
    expected: { ignoredCount: 2, gap: 'percentNotAggregable' },
  },
  {
    name: 'percent takes the unit’s own value and counts those below as ignored',
    type: 'percent',
    time: 'last',
    values: [v('P1', '2025Q2', 55), v('P1', '2025Q1', 50), v('C11', '2025Q1', 40), v('C12', '2025S1', 45)],
    at: 'P1',
    period: '2025S1',
    expected: {
      value: 55,
      source: 'derived',
      valueCount: 2,
      unitCount: 1,
      ignoredCount: 1,
      lastEnd: '2025-06-30',
    },
  },
  {
    name: 'number/average over the unit’s own values',
    type: 'number',
    time: 'average',
    values: [v('P1', '2025Q1', 2), v('P1', '202504', 6), v('C11', '202505', 100)],
    at: 'P1',
    period: '2025S1',
    expected: {
      value: 3,
      source: 'derived',
      valueCount: 2,
      unitCount: 1,
      ignoredCount: 1,
      lastEnd: '2025-04-30',
    },
  },
  {
    name: 'number with values only below says no method is stated',
    type: 'number',
    time: 'sum',
    values: [v('C11', '2025Q1', 2.5)],
    at: 'N',
    period: '2025',
    expected: { ignoredCount: 1, gap: 'numberMethodNotStated' },
  },
  {
    name: 'nothing inside the period or below the unit: no answer',
    type: 'count',
    time: 'sum',
    values: [v('C21', '2025Q1', 3), v('C11', '2024', 8)],
    at: 'P1',
    period: '2025',
    expected: {},
  },
  {
    name: 'a range that is no standard period takes the values inside it only',
    type: 'count',
    time: 'sum',
    values: [v('C11', '202502', 1), v('C11', '202503', 2), v('C11', '202504', 4), v('C11', '2025Q1', 80)],
    at: 'C11',
    period: ['2025-02-01', '2025-04-30'],
    expected: { value: 7, source: 'derived', valueCount: 3, unitCount: 1, lastEnd: '2025-04-30' },
  },
  {
    name: 'average: a null value adds its months below the line (as the SQL sum(value × months) / sum(months))',
    type: 'count',
    time: 'average',
    values: [v('C11', '2025Q1', 12), v('C11', '2025Q2', null, [1, 2])],
    at: 'C11',
    period: '2025S1',
    expected: { value: 6, source: 'derived', valueCount: 2, unitCount: 1, lastEnd: '2025-06-30' },
  },
  {
    name: 'last: a null latest value is the unit’s value (the latest stored, not the latest present)',
    type: 'count',
    time: 'last',
    values: [v('C11', '2025Q1', 12), v('C11', '2025Q2', null, [1, 2]), v('C12', '2025Q1', 5)],
    at: 'P1',
    period: '2025S1',
    expected: { value: 5, source: 'derived', valueCount: 3, unitCount: 2, lastEnd: '2025-06-30' },
  },
  {
    name: 'sum: only null values give no value, yet they are counted as used',
    type: 'money',
    time: 'sum',
    values: [v('C11', '2025Q1', null, [1, 2])],
    at: 'C11',
    period: '2025S1',
    expected: { source: 'derived', valueCount: 1, unitCount: 1, lastEnd: '2025-03-31' },
  },
  {
    name: 'a ratio entered without parts: no parts to pool, no value, and no zero-denominator gap',
    type: 'ratio',
    time: 'sum',
    values: [v('C11', '2025Q1', 25)],
    at: 'C11',
    period: '2025Q1',
    expected: { source: 'entered', valueCount: 1, unitCount: 1, lastEnd: '2025-03-31' },
  },
];

describe('rollUp (the reference of the roll-up rule)', () => {
  it.each(CASES)('$name', ({ type, time, values, at, period, expected }) => {
    const [start, end] = typeof period === 'string' ? bounds(period) : period;
    const result = rollUp(TREE, { valueType: type, timeAggregation: time }, values, {
      key: 1,
      unitId: UNIT[at],
      periodStart: start,
      periodEnd: end,
    });
    expect(result).toEqual({ ...NOTHING, ...expected });
  });

  it('gives the same answer whatever the order of the values', () => {
    const values = [
      v('P1', '2025Q1', 100),
      v('C11', '2025Q1', 10),
      v('C11', '2025Q2', 4),
      v('V111', '202504', 3),
    ];
    const request = { key: 1, unitId: UNIT.N, periodStart: '2025-01-01', periodEnd: '2025-12-31' };
    const indicator = { valueType: 'count', timeAggregation: 'sum' } as const;
    const expected = rollUp(TREE, indicator, values, request);
    expect(expected.value).toBe(104);
    expect(rollUp(TREE, indicator, [...values].reverse(), request)).toEqual(expected);
  });
});

describe('monthsSpanned', () => {
  it.each([
    ['2025-01-01', '2025-01-31', 1],
    ['2025-01-01', '2025-03-31', 3],
    ['2025-07-01', '2025-12-31', 6],
    ['2024-01-01', '2024-12-31', 12],
    ['2024-07-01', '2025-06-30', 12],
  ])('%s to %s is %i months', (start, end, months) => {
    expect(monthsSpanned(start, end)).toBe(months);
  });
});

describe('rollupTree', () => {
  it('refuses a parent outside the tree and a cycle', () => {
    expect(() => rollupTree([{ id: 1, parentId: 9 }])).toThrow(/not in the tree/);
    expect(() =>
      rollupTree([
        { id: 1, parentId: 2 },
        { id: 2, parentId: 1 },
      ]),
    ).toThrow(/cycle/);
  });
});
