import { describe, it, expect } from 'vitest';
import { roundHalfAwayFromZero } from './round.js';
import type { NoTrajectoryReason, TrajectoryInput, TrajectoryStatus } from './trajectory.js';
import { NO_TRAJECTORY_MESSAGES, cagr, progressStatus, trajectoryStatus } from './trajectory.js';

describe('cagr', () => {
  it.each<[number, number, number, number, number | null]>([
    [50, 40, 2020, 2015, Math.pow(1.25, 1 / 5) - 1],
    [80, 40, 2030, 2015, Math.pow(2, 1 / 15) - 1],
    [121, 100, 2022, 2020, 0.1],
    [81, 100, 2022, 2020, -0.1],
    [40, 40, 2020, 2015, 0],
    [0, 40, 2020, 2015, -1],
    [50, 0, 2020, 2015, null],
    [50, -40, 2020, 2015, null],
    [-5, 40, 2020, 2015, null],
    [50, 40, 2015, 2015, null],
    [50, 40, 2014, 2015, null],
    [NaN, 40, 2020, 2015, null],
    [50, 40, Infinity, 2015, null],
  ])('CAGR(%s, %s, %s, %s) = %s', (v1, v0, t1, t0, expected) => {
    const g = cagr(v1, v0, t1, t0);
    if (expected === null) expect(g).toBeNull();
    else expect(g).toBeCloseTo(expected, 12);
  });
});

describe('progressStatus', () => {
  it.each<[number, TrajectoryStatus]>([
    [1.3, 'onTrack'],
    [0.95, 'onTrack'],
    [0.9499, 'needsAcceleration'],
    [0.6, 'needsAcceleration'],
    [0.5999, 'limitedProgress'],
    [0, 'limitedProgress'],
    [-0, 'limitedProgress'],
    [-0.0001, 'deteriorating'],
    [-2, 'deteriorating'],
  ])('R = %s → %s', (r, status) => {
    expect(progressStatus(r)).toBe(status);
  });
});

describe('trajectoryStatus', () => {
  it('reproduces the worked example: base 2015 = 40, 2020 = 50, target 2030 = 80 → R = 0.965, on track', () => {
    const t = trajectoryStatus({
      direction: 'increase',
      points: [
        { year: 2015, value: 40 },
        { year: 2020, value: 50 },
      ],
      target: 80,
      targetYear: 2030,
    });
    expect(t.kind).toBe('status');
    if (t.kind !== 'status') return;
    expect(t.status).toBe('onTrack');
    expect(t.progress).not.toBeNull();
    expect(roundHalfAwayFromZero(t.progress ?? NaN, 3)).toBe(0.965);
    expect(roundHalfAwayFromZero((t.cagrObserved ?? NaN) * 100, 2)).toBe(4.56);
    expect(roundHalfAwayFromZero((t.cagrRequired ?? NaN) * 100, 2)).toBe(4.73);
    expect(t.base).toEqual({ year: 2015, value: 40 });
    expect(t.current).toEqual({ year: 2020, value: 50 });
  });

  const inc = (
    points: [number, number][],
    target: number,
    targetYear: number,
    baseYear?: number,
  ): TrajectoryInput => ({
    direction: 'increase',
    points: points.map(([year, value]) => ({ year, value })),
    baseYear,
    target,
    targetYear,
  });
  const dec = (
    points: [number, number][],
    target: number,
    targetYear: number,
    baseYear?: number,
  ): TrajectoryInput => ({
    ...inc(points, target, targetYear, baseYear),
    direction: 'decrease',
  });

  it.each<[string, TrajectoryInput, TrajectoryStatus, number | null]>([
    [
      'worked example, points unsorted',
      inc(
        [
          [2020, 50],
          [2015, 40],
        ],
        80,
        2030,
      ),
      'onTrack',
      0.965,
    ],
    [
      'faster than needed',
      inc(
        [
          [2015, 40],
          [2020, 60],
        ],
        80,
        2030,
      ),
      'onTrack',
      1.786,
    ],
    [
      'just short of needs acceleration (R = 0.599)',
      inc(
        [
          [2015, 40],
          [2020, 46],
        ],
        80,
        2030,
      ),
      'limitedProgress',
      0.599,
    ],
    [
      'needs acceleration',
      inc(
        [
          [2015, 40],
          [2020, 47],
        ],
        80,
        2030,
      ),
      'needsAcceleration',
      0.693,
    ],
    [
      'limited progress',
      inc(
        [
          [2015, 40],
          [2020, 42],
        ],
        80,
        2030,
      ),
      'limitedProgress',
      0.207,
    ],
    [
      'no change is limited progress (R = 0)',
      inc(
        [
          [2015, 40],
          [2020, 40],
        ],
        80,
        2030,
      ),
      'limitedProgress',
      0,
    ],
    [
      'deteriorating',
      inc(
        [
          [2015, 40],
          [2020, 38],
        ],
        80,
        2030,
      ),
      'deteriorating',
      -0.216,
    ],
    [
      'fell to zero',
      inc(
        [
          [2015, 40],
          [2020, 0],
        ],
        80,
        2030,
      ),
      'deteriorating',
      -21.144,
    ],
    [
      'achieved early',
      inc(
        [
          [2015, 40],
          [2020, 85],
        ],
        80,
        2030,
      ),
      'achieved',
      null,
    ],
    [
      'achieved exactly',
      inc(
        [
          [2015, 40],
          [2020, 80],
        ],
        80,
        2030,
      ),
      'achieved',
      null,
    ],
    [
      'the latest year is current',
      inc(
        [
          [2015, 40],
          [2018, 90],
          [2020, 50],
        ],
        80,
        2030,
      ),
      'onTrack',
      0.965,
    ],
    [
      'a later base year',
      inc(
        [
          [2014, 10],
          [2015, 40],
          [2020, 50],
        ],
        80,
        2030,
        2015,
      ),
      'onTrack',
      0.965,
    ],
    [
      'decrease: days 20 → 14, target 10 by 2025',
      dec(
        [
          [2020, 20],
          [2023, 14],
        ],
        10,
        2025,
      ),
      'needsAcceleration',
      0.866,
    ],
    [
      'decrease: on track',
      dec(
        [
          [2020, 20],
          [2023, 12],
        ],
        10,
        2025,
      ),
      'onTrack',
      1.209,
    ],
    [
      'decrease: getting worse',
      dec(
        [
          [2020, 20],
          [2023, 24],
        ],
        10,
        2025,
      ),
      'deteriorating',
      -0.484,
    ],
    [
      'decrease toward 0: required −100% a year',
      dec(
        [
          [2022, 10],
          [2024, 6],
        ],
        0,
        2025,
      ),
      'limitedProgress',
      0.225,
    ],
    [
      'decrease: achieved',
      dec(
        [
          [2022, 10],
          [2024, 0],
        ],
        0,
        2025,
      ),
      'achieved',
      null,
    ],
    [
      'target equal to base, moved the wrong way',
      inc(
        [
          [2020, 50],
          [2022, 45],
        ],
        50,
        2025,
      ),
      'deteriorating',
      null,
    ],
    [
      'increase with a target below base, still falling',
      inc(
        [
          [2020, 50],
          [2022, 30],
        ],
        40,
        2025,
      ),
      'deteriorating',
      -5.164,
    ],
    [
      'past the target year, not met',
      inc(
        [
          [2015, 40],
          [2032, 70],
        ],
        80,
        2030,
      ),
      'needsAcceleration',
      0.708,
    ],
    [
      'base ≤ 0 but the target is met',
      inc(
        [
          [2020, 0],
          [2022, 10],
        ],
        5,
        2025,
      ),
      'achieved',
      null,
    ],
  ])('%s', (_name, input, status, progress) => {
    const t = trajectoryStatus(input);
    expect(t.kind).toBe('status');
    if (t.kind !== 'status') return;
    expect(t.status).toBe(status);
    if (progress === null) expect(t.progress).toBeNull();
    else
      expect(roundHalfAwayFromZero(t.progress ?? NaN, String(progress).split('.')[1]?.length ?? 0)).toBe(
        progress,
      );
  });

  it('gives the formula’s R for a decrease (d = −1)', () => {
    const t = trajectoryStatus(
      dec(
        [
          [2020, 20],
          [2023, 14],
        ],
        10,
        2025,
      ),
    );
    const expected = (-1 * (Math.pow(14 / 20, 1 / 3) - 1)) / Math.abs(Math.pow(10 / 20, 1 / 5) - 1);
    expect(t).toMatchObject({ kind: 'status' });
    if (t.kind !== 'status') return;
    expect(t.progress).toBeCloseTo(expected, 12);
  });

  it.each<[string, TrajectoryInput, NoTrajectoryReason]>([
    [
      'a reach milestone',
      {
        ...inc(
          [
            [2020, 0],
            [2022, 1],
          ],
          1,
          2025,
        ),
        direction: 'reach',
      },
      'directionNotSupported',
    ],
    ['no points', inc([], 80, 2030), 'tooFewPoints'],
    ['one yearly point', inc([[2015, 40]], 80, 2030), 'tooFewPoints'],
    [
      'only years before the base',
      inc(
        [
          [2014, 30],
          [2015, 40],
        ],
        80,
        2030,
        2015,
      ),
      'tooFewPoints',
    ],
    [
      'base year without a value',
      inc(
        [
          [2016, 40],
          [2020, 50],
        ],
        80,
        2030,
        2015,
      ),
      'noBaseValue',
    ],
    [
      'the same year twice',
      inc(
        [
          [2015, 40],
          [2015, 41],
          [2020, 50],
        ],
        80,
        2030,
      ),
      'duplicateYear',
    ],
    [
      'NaN value',
      inc(
        [
          [2015, 40],
          [2020, NaN],
        ],
        80,
        2030,
      ),
      'invalidValue',
    ],
    [
      'infinite target',
      inc(
        [
          [2015, 40],
          [2020, 50],
        ],
        Infinity,
        2030,
      ),
      'invalidValue',
    ],
    [
      'NaN base year',
      inc(
        [
          [2015, 40],
          [2020, 50],
        ],
        80,
        2030,
        NaN,
      ),
      'invalidValue',
    ],
    [
      'target year before base',
      inc(
        [
          [2015, 40],
          [2020, 50],
        ],
        80,
        2014,
      ),
      'targetYearNotAfterBase',
    ],
    [
      'target year equal to base',
      inc(
        [
          [2015, 40],
          [2020, 50],
        ],
        80,
        2015,
      ),
      'targetYearNotAfterBase',
    ],
    [
      'base 0',
      inc(
        [
          [2015, 0],
          [2020, 50],
        ],
        80,
        2030,
      ),
      'baseNotPositive',
    ],
    [
      'base negative',
      inc(
        [
          [2015, -4],
          [2020, 50],
        ],
        80,
        2030,
      ),
      'baseNotPositive',
    ],
    [
      'decrease, negative current',
      dec(
        [
          [2015, 4],
          [2020, -1],
        ],
        -2,
        2030,
      ),
      'currentNegative',
    ],
    [
      'decrease, negative target',
      dec(
        [
          [2015, 4],
          [2020, 2],
        ],
        -1,
        2030,
      ),
      'targetNegative',
    ],
  ])('no status: %s', (_name, input, reason) => {
    expect(trajectoryStatus(input)).toEqual({ kind: 'noStatus', reason });
  });

  it('has a vi and an en message for every reason', () => {
    expect(Object.keys(NO_TRAJECTORY_MESSAGES)).toHaveLength(9);
    for (const m of Object.values(NO_TRAJECTORY_MESSAGES)) {
      expect(m.vi).toMatch(/\S/);
      expect(m.en).toMatch(/\S/);
    }
  });
});
