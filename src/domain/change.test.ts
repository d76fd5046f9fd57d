import { describe, it, expect } from 'vitest';
import type { ChangeNotComputableReason } from './change.js';
import { CHANGE_NOT_COMPUTABLE_MESSAGES, yearOverYearChange } from './change.js';

describe('yearOverYearChange', () => {
  it.each<[string, number, number, number | undefined, number, number]>([
    ['VAST DTI 2021 vs 2020: tăng 66,29%', 0.4736, 0.2848, undefined, 0.4736 / 0.2848 - 1, 66.29],
    ['Ministry of Finance DTI 0,6321 vs 0,4944', 0.6321, 0.4944, 2, 0.6321 / 0.4944 - 1, 27.85],
    ['no change', 5, 5, 2, 0, 0],
    ['doubling', 20, 10, 2, 1, 100],
    ['a fall', 6, 10, 2, -0.4, -40],
    ['fall to zero', 0, 10, 2, -1, -100],
    ['half rounds away from zero (up)', 1.00125, 1, 3, 0.00125, 0.125],
    ['half rounds away from zero at 2 digits', 100.125, 100, 2, 0.00125, 0.13],
    ['half rounds away from zero (down)', 99.875, 100, 2, -0.00125, -0.13],
    ['0 digits', 14, 38, 0, 14 / 38 - 1, -63],
    ['negative current value', -2, 4, 1, -1.5, -150],
  ])('%s', (_name, v, vPrev, digits, fraction, percent) => {
    const c = yearOverYearChange(v, vPrev, digits);
    expect(c.kind).toBe('change');
    if (c.kind !== 'change') return;
    expect(c.fraction).toBeCloseTo(fraction, 12);
    expect(c.percent).toBe(percent);
  });

  it.each<[string, number | null | undefined, number | null | undefined, ChangeNotComputableReason]>([
    ['previous 0', 5, 0, 'previousZero'],
    ['both 0', 0, 0, 'previousZero'],
    ['previous negative', 5, -2, 'previousNegative'],
    ['no current value', null, 4, 'missingValue'],
    ['no previous value', 4, undefined, 'missingValue'],
    ['NaN', NaN, 4, 'missingValue'],
    ['infinite previous', 4, Infinity, 'missingValue'],
  ])('%s → not computable', (_name, v, vPrev, reason) => {
    expect(yearOverYearChange(v, vPrev)).toEqual({ kind: 'notComputable', reason });
  });

  it('has a vi and an en message for every reason', () => {
    for (const reason of ['missingValue', 'previousZero', 'previousNegative'] as const) {
      expect(CHANGE_NOT_COMPUTABLE_MESSAGES[reason].vi).toMatch(/\S/);
      expect(CHANGE_NOT_COMPUTABLE_MESSAGES[reason].en).toMatch(/\S/);
    }
  });
});
