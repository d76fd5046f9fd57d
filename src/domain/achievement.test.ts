import { describe, it, expect } from 'vitest';
import type { AchievementInput, AchievementRule, NotEvaluableReason } from './achievement.js';
import { NOT_EVALUABLE_MESSAGES, achievementRatio } from './achievement.js';
import { roundHalfAwayFromZero } from './round.js';

describe('achievementRatio: ratios', () => {
  it.each<[string, AchievementInput, number, AchievementRule]>([
    // increase
    ['Lào Cai 97%/95%', { direction: 'increase', actual: 97, target: 95 }, 97 / 95, 'actualOverTarget'],
    [
      'SMEs on platforms 47%/30%',
      { direction: 'increase', actual: 47, target: 30 },
      47 / 30,
      'actualOverTarget',
    ],
    ['health records 95%/95%', { direction: 'increase', actual: 95, target: 95 }, 1, 'actualOverTarget'],
    ['exactly 80%', { direction: 'increase', actual: 24, target: 30 }, 0.8, 'actualOverTarget'],
    ['half', { direction: 'increase', actual: 20, target: 40 }, 0.5, 'actualOverTarget'],
    ['actual 0', { direction: 'increase', actual: 0, target: 50 }, 0, 'actualOverTarget'],
    ['negative actual kept', { direction: 'increase', actual: -5, target: 10 }, -0.5, 'actualOverTarget'],
    ['target 0, actual 0', { direction: 'increase', actual: 0, target: 0 }, 1, 'zeroTargetMet'],
    ['target 0, actual 12', { direction: 'increase', actual: 12, target: 0 }, 1, 'zeroTargetMet'],
    ['target 0, actual negative', { direction: 'increase', actual: -1, target: 0 }, 0, 'zeroTargetMissed'],
    [
      'baseline ignored under increase',
      { direction: 'increase', actual: 50, target: 100, baseline: 40 },
      0.5,
      'actualOverTarget',
    ],
    // decrease with a baseline above the target
    [
      'villages: 10 → target 0, still 6',
      { direction: 'decrease', actual: 6, target: 0, baseline: 10 },
      0.4,
      'progressFromBaseline',
    ],
    [
      'days: 20 → 10, actual 12',
      { direction: 'decrease', actual: 12, target: 10, baseline: 20 },
      0.8,
      'progressFromBaseline',
    ],
    [
      'baseline: reached target',
      { direction: 'decrease', actual: 10, target: 10, baseline: 20 },
      1,
      'progressFromBaseline',
    ],
    [
      'baseline: beyond target',
      { direction: 'decrease', actual: 5, target: 10, baseline: 20 },
      1.5,
      'progressFromBaseline',
    ],
    [
      'baseline: no change',
      { direction: 'decrease', actual: 20, target: 10, baseline: 20 },
      0,
      'progressFromBaseline',
    ],
    [
      'baseline: got worse',
      { direction: 'decrease', actual: 25, target: 10, baseline: 20 },
      -0.5,
      'progressFromBaseline',
    ],
    // decrease without a usable baseline
    ['no baseline, at target', { direction: 'decrease', actual: 10, target: 10 }, 1, 'atOrBelowTarget'],
    ['no baseline, below target', { direction: 'decrease', actual: 3, target: 10 }, 1, 'atOrBelowTarget'],
    [
      'no baseline, above target',
      { direction: 'decrease', actual: 12.5, target: 10 },
      0.8,
      'targetOverActual',
    ],
    ['no baseline, target 0 missed', { direction: 'decrease', actual: 6, target: 0 }, 0, 'targetOverActual'],
    ['no baseline, target 0 met', { direction: 'decrease', actual: 0, target: 0 }, 1, 'atOrBelowTarget'],
    [
      'null baseline',
      { direction: 'decrease', actual: 20, target: 10, baseline: null },
      0.5,
      'targetOverActual',
    ],
    [
      'baseline equal to target',
      { direction: 'decrease', actual: 20, target: 10, baseline: 10 },
      0.5,
      'targetOverActual',
    ],
    [
      'baseline below target',
      { direction: 'decrease', actual: 20, target: 10, baseline: 5 },
      0.5,
      'targetOverActual',
    ],
    [
      'NaN baseline',
      { direction: 'decrease', actual: 20, target: 10, baseline: NaN },
      0.5,
      'targetOverActual',
    ],
    [
      'negative target, positive actual',
      { direction: 'decrease', actual: 4, target: -2 },
      -0.5,
      'targetOverActual',
    ],
    // reach
    ['reach done (true)', { direction: 'reach', actual: true, target: null }, 1, 'reachDone'],
    ['reach done (1)', { direction: 'reach', actual: 1, target: 1 }, 1, 'reachDone'],
    ['reach not done (false)', { direction: 'reach', actual: false, target: 1 }, 0, 'reachNotDone'],
    ['reach not done (0)', { direction: 'reach', actual: 0, target: undefined }, 0, 'reachNotDone'],
  ])('%s', (_name, input, expected, rule) => {
    const a = achievementRatio(input);
    expect(a).toMatchObject({ kind: 'ratio', rule });
    if (a.kind !== 'ratio') return;
    expect(a.ratio).toBeCloseTo(expected, 10);
  });

  it('gives the seed figure 1.0211 at 4 decimals for 97%/95%', () => {
    const a = achievementRatio({ direction: 'increase', actual: 97, target: 95 });
    if (a.kind !== 'ratio') throw new Error('expected a ratio');
    expect(roundHalfAwayFromZero(a.ratio, 4)).toBe(1.0211);
    expect(roundHalfAwayFromZero(a.ratio, 3)).toBe(1.021);
  });

  it('drops binary noise so boundaries compare exactly (36.4 / 45.5 is 0.8)', () => {
    expect(36.4 / 45.5).not.toBe(0.8);
    expect(achievementRatio({ direction: 'increase', actual: 36.4, target: 45.5 })).toMatchObject({
      ratio: 0.8,
    });
    expect(achievementRatio({ direction: 'decrease', actual: 45.5, target: 36.4 })).toMatchObject({
      ratio: 0.8,
    });
  });
});

describe('achievementRatio: not evaluable', () => {
  it.each<[string, AchievementInput, NotEvaluableReason]>([
    ['Lào Cai Party bloc 88%, no target', { direction: 'increase', actual: 88, target: null }, 'noTarget'],
    ['undefined target', { direction: 'decrease', actual: 5, target: undefined }, 'noTarget'],
    ['no actual (null)', { direction: 'increase', actual: null, target: 95 }, 'noActual'],
    [
      'no actual (undefined)',
      { direction: 'decrease', actual: undefined, target: 5, baseline: 10 },
      'noActual',
    ],
    ['no actual, no target', { direction: 'increase', actual: null, target: null }, 'noActual'],
    ['reach without a value', { direction: 'reach', actual: null, target: 1 }, 'noActual'],
    ['NaN actual', { direction: 'increase', actual: NaN, target: 95 }, 'invalidActual'],
    ['infinite actual', { direction: 'decrease', actual: Infinity, target: 95 }, 'invalidActual'],
    ['boolean actual under increase', { direction: 'increase', actual: true, target: 1 }, 'invalidActual'],
    ['boolean actual under decrease', { direction: 'decrease', actual: false, target: 1 }, 'invalidActual'],
    ['reach with 0.5', { direction: 'reach', actual: 0.5, target: 1 }, 'invalidActual'],
    ['reach with 100', { direction: 'reach', actual: 100, target: 1 }, 'invalidActual'],
    ['NaN target', { direction: 'increase', actual: 5, target: NaN }, 'invalidTarget'],
    ['infinite target', { direction: 'decrease', actual: 5, target: -Infinity }, 'invalidTarget'],
    ['negative target under increase', { direction: 'increase', actual: 5, target: -1 }, 'targetNotPositive'],
    [
      'decrease, negative target, actual 0',
      { direction: 'decrease', actual: 0, target: -2 },
      'actualNotPositive',
    ],
    [
      'decrease, negative target, actual −1',
      { direction: 'decrease', actual: -1, target: -2 },
      'actualNotPositive',
    ],
  ])('%s', (_name, input, reason) => {
    expect(achievementRatio(input)).toEqual({ kind: 'notEvaluable', reason });
  });

  it('has a Vietnamese and an English message for every reason', () => {
    const reasons = Object.keys(NOT_EVALUABLE_MESSAGES);
    expect(reasons.sort()).toEqual(
      [
        'actualNotPositive',
        'invalidActual',
        'invalidTarget',
        'noActual',
        'noTarget',
        'targetNotPositive',
      ].sort(),
    );
    for (const m of Object.values(NOT_EVALUABLE_MESSAGES)) {
      expect(m.vi.length).toBeGreaterThan(10);
      expect(m.en.length).toBeGreaterThan(10);
      expect(m.vi).not.toBe(m.en);
    }
  });
});
