import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OUTLIER_SETTINGS,
  deviation,
  findOutlier,
  outlierWarning,
  parseOutlierSettings,
} from './outlier.js';

describe('deviation', () => {
  it.each<[number, number[], { mean: number; sd: number; z: number | null } | null]>([
    [5, [], null],
    [5, [1], null],
    [4, [2, 4, 4, 4, 5, 5, 7, 9], { mean: 5, sd: Math.sqrt(32 / 7), z: -1 / Math.sqrt(32 / 7) }],
    [10, [10, 10, 10], { mean: 10, sd: 0, z: null }],
    [13, [10, 12, 14], { mean: 12, sd: 2, z: 0.5 }],
  ])('value %s over %o', (value, history, expected) => {
    const d = deviation(value, history);
    if (expected === null) {
      expect(d).toBeNull();
      return;
    }
    expect(d?.mean).toBeCloseTo(expected.mean, 12);
    expect(d?.sd).toBeCloseTo(expected.sd, 12);
    if (expected.z === null) expect(d?.z).toBeNull();
    else expect(d?.z).toBeCloseTo(expected.z, 12);
  });
});

describe('findOutlier', () => {
  const history = [100, 110, 90, 105, 95]; // mean 100, sd ≈ 7.91
  it.each<[string, number, number[], { z: number; minHistory: number }, boolean]>([
    ['a value near the mean', 104, history, DEFAULT_OUTLIER_SETTINGS, false],
    ['z just under 3', 123, history, DEFAULT_OUTLIER_SETTINGS, false],
    ['z just over 3', 124, history, DEFAULT_OUTLIER_SETTINGS, true],
    ['far below', 10, history, DEFAULT_OUTLIER_SETTINGS, true],
    ['too short a history (3 < 4)', 10_000, [100, 110, 90], DEFAULT_OUTLIER_SETTINGS, false],
    ['a shorter history allowed', 10_000, [100, 110, 90], { z: 3, minHistory: 3 }, true],
    ['a lower threshold', 115, history, { z: 1.5, minHistory: 4 }, true],
    ['a flat history and the same value', 7, [7, 7, 7, 7], DEFAULT_OUTLIER_SETTINGS, false],
    ['a flat history and another value', 8, [7, 7, 7, 7], DEFAULT_OUTLIER_SETTINGS, true],
    ['a typing slip of a thousand times', 100_000, history, DEFAULT_OUTLIER_SETTINGS, true],
  ])('%s', (_label, value, past, settings, outlier) => {
    expect(findOutlier(value, past, settings) !== null).toBe(outlier);
  });
});

describe('outlierWarning', () => {
  it('names the indicator and unit by name, with numbers in each locale', () => {
    const d = findOutlier(1250.5, [100, 110, 90, 105, 95]);
    expect(d).not.toBeNull();
    if (!d) return;
    const w = outlierWarning(
      { value: 1250.5, indicatorName: 'Số hộ có cáp quang', unitName: 'Xã Tân Lập', period: '2025Q2' },
      d,
    );
    expect(w.code).toBe('outlier');
    expect(w.message_vi).toContain('Giá trị 1.250,5 của «Số hộ có cáp quang» tại Xã Tân Lập, kỳ 2025Q2');
    expect(w.message_vi).toContain('trung bình 5 kỳ trước là 100');
    expect(w.message_en).toContain('The value 1,250.5 of «Số hộ có cáp quang» at Xã Tân Lập, period 2025Q2');
    expect(w.message_vi).not.toMatch(/mean|value|period/);
  });

  it('says when the history does not vary', () => {
    const d = findOutlier(9, [7, 7, 7, 7]);
    if (!d) throw new Error('expected an outlier');
    const w = outlierWarning({ value: 9, indicatorName: 'A', unitName: 'B', period: '2025' }, d);
    expect(w.message_vi).toContain('4 kỳ trước đều bằng 7');
    expect(w.z).toBeNull();
  });
});

describe('parseOutlierSettings', () => {
  it.each<[string | undefined, string | undefined, { z: number; minHistory: number } | null]>([
    [undefined, undefined, { z: 3, minHistory: 4 }],
    ['', ' ', { z: 3, minHistory: 4 }],
    ['2.5', '6', { z: 2.5, minHistory: 6 }],
    ['2,5', undefined, { z: 2.5, minHistory: 4 }],
    ['0', undefined, null],
    ['-1', undefined, null],
    ['abc', undefined, null],
    [undefined, '1', null],
    [undefined, '4.5', null],
  ])('z %s, min history %s', (z, minHistory, expected) => {
    const r = parseOutlierSettings({ z, minHistory });
    if (expected === null) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message_vi).toMatch(/DXMON_OUTLIER_/);
    } else {
      expect(r).toEqual({ ok: true, value: expected });
    }
  });
});
