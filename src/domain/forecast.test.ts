import { describe, it, expect } from 'vitest';
import { achievementRatio } from './achievement.js';
import type { ForecastInput, ForecastMethod, ForecastStatus, NoForecastReason } from './forecast.js';
import { NO_FORECAST_MESSAGES, forecastStatus, forecastValue } from './forecast.js';

describe('forecastValue: projections', () => {
  it.each<[string, ForecastInput, number, ForecastMethod]>([
    // last: a line through the values
    [
      'last, two quarters rising',
      {
        aggregation: 'last',
        dueX: 4,
        points: [
          { x: 1, y: 40 },
          { x: 2, y: 45 },
        ],
      },
      55,
      'leastSquares',
    ],
    [
      'last, three noisy quarters',
      {
        aggregation: 'last',
        dueX: 4,
        points: [
          { x: 1, y: 1 },
          { x: 2, y: 2 },
          { x: 3, y: 2 },
        ],
      },
      8 / 3,
      'leastSquares',
    ],
    [
      'last, flat',
      {
        aggregation: 'last',
        dueX: 4,
        points: [
          { x: 1, y: 70 },
          { x: 2, y: 70 },
          { x: 3, y: 70 },
        ],
      },
      70,
      'leastSquares',
    ],
    [
      'last, falling below zero is kept',
      {
        aggregation: 'last',
        dueX: 4,
        points: [
          { x: 1, y: 10 },
          { x: 2, y: 4 },
        ],
      },
      -8,
      'leastSquares',
    ],
    [
      'last, years toward 2025',
      {
        aggregation: 'last',
        dueX: 2025,
        points: [
          { x: 2022, y: 30 },
          { x: 2023, y: 36 },
          { x: 2024, y: 42 },
        ],
      },
      48,
      'leastSquares',
    ],
    [
      'last, months',
      {
        aggregation: 'last',
        dueX: 12,
        points: [
          { x: 1, y: 50 },
          { x: 2, y: 51 },
          { x: 3, y: 52 },
        ],
      },
      61,
      'leastSquares',
    ],
    ['last, one point', { aggregation: 'last', dueX: 4, points: [{ x: 1, y: 88 }] }, 88, 'singlePoint'],
    // sum: a line through the running total
    [
      'sum, steady flow',
      {
        aggregation: 'sum',
        dueX: 4,
        points: [
          { x: 1, y: 10 },
          { x: 2, y: 10 },
          { x: 3, y: 10 },
        ],
      },
      40,
      'leastSquares',
    ],
    [
      'sum, rising flow',
      {
        aggregation: 'sum',
        dueX: 4,
        points: [
          { x: 1, y: 10 },
          { x: 2, y: 12 },
        ],
      },
      46,
      'leastSquares',
    ],
    [
      'sum, nothing since Q1',
      {
        aggregation: 'sum',
        dueX: 4,
        points: [
          { x: 1, y: 20 },
          { x: 2, y: 0 },
        ],
      },
      20,
      'leastSquares',
    ],
    [
      'sum, months',
      {
        aggregation: 'sum',
        dueX: 12,
        points: [
          { x: 1, y: 5 },
          { x: 2, y: 5 },
          { x: 3, y: 5 },
          { x: 4, y: 5 },
        ],
      },
      60,
      'leastSquares',
    ],
    [
      'sum, S1 pro rata',
      { aggregation: 'sum', dueX: 2, elapsedFraction: 0.5, points: [{ x: 1, y: 60 }] },
      120,
      'proRata',
    ],
    [
      'sum, Q1 pro rata',
      { aggregation: 'sum', dueX: 4, elapsedFraction: 0.25, points: [{ x: 1, y: 7 }] },
      28,
      'proRata',
    ],
    [
      'sum, a whole period',
      { aggregation: 'sum', dueX: 1, elapsedFraction: 1, points: [{ x: 1, y: 7 }] },
      7,
      'proRata',
    ],
    [
      'sum, one third',
      { aggregation: 'sum', dueX: 12, elapsedFraction: 4 / 12, points: [{ x: 4, y: 10 }] },
      30,
      'proRata',
    ],
    // average: a line through the running mean (the exact yearly mean under a linear trend)
    [
      'average, linear trend',
      {
        aggregation: 'average',
        dueX: 4,
        points: [
          { x: 1, y: 10 },
          { x: 2, y: 20 },
        ],
      },
      25,
      'leastSquares',
    ],
    [
      'average, three points',
      {
        aggregation: 'average',
        dueX: 4,
        points: [
          { x: 1, y: 10 },
          { x: 2, y: 20 },
          { x: 3, y: 30 },
        ],
      },
      25,
      'leastSquares',
    ],
    [
      'average, flat',
      {
        aggregation: 'average',
        dueX: 12,
        points: [
          { x: 1, y: 3 },
          { x: 2, y: 3 },
        ],
      },
      3,
      'leastSquares',
    ],
    [
      'average, one point',
      { aggregation: 'average', dueX: 4, elapsedFraction: 0.25, points: [{ x: 1, y: 15 }] },
      15,
      'singlePoint',
    ],
  ])('%s', (_name, input, value, method) => {
    const f = forecastValue(input);
    expect(f.kind).toBe('forecast');
    if (f.kind !== 'forecast') return;
    expect(f.value).toBeCloseTo(value, 9);
    expect(f.method).toBe(method);
  });

  it('says which points it used, sorted, with their periods, and what it fitted', () => {
    const f = forecastValue({
      aggregation: 'sum',
      dueX: 4,
      points: [
        { x: 2, y: 12, period: '2024Q2' },
        { x: 1, y: 10, period: '2024Q1' },
      ],
    });
    expect(f).toEqual({
      kind: 'forecast',
      value: 46,
      method: 'leastSquares',
      basis: 'runningTotal',
      points: [
        { x: 1, y: 10, period: '2024Q1' },
        { x: 2, y: 12, period: '2024Q2' },
      ],
      fitted: [
        { x: 1, y: 10 },
        { x: 2, y: 22 },
      ],
      line: { slope: 12, intercept: -2 },
    });
  });

  it('does not change the caller’s points', () => {
    const points = [
      { x: 2, y: 12 },
      { x: 1, y: 10 },
    ];
    forecastValue({ aggregation: 'sum', dueX: 4, points });
    expect(points).toEqual([
      { x: 2, y: 12 },
      { x: 1, y: 10 },
    ]);
  });

  it.each([
    ['last', 'values', [70, 80]],
    ['sum', 'runningTotal', [70, 150]],
    ['average', 'runningAverage', [70, 75]],
  ] as const)('fits %s to its %s', (aggregation, basis, ys) => {
    const f = forecastValue({
      aggregation,
      dueX: 4,
      points: [
        { x: 1, y: 70 },
        { x: 2, y: 80 },
      ],
    });
    expect(f).toMatchObject({
      basis,
      fitted: [
        { x: 1, y: ys[0] },
        { x: 2, y: ys[1] },
      ],
    });
  });

  it('has no line for a single point', () => {
    expect(forecastValue({ aggregation: 'last', dueX: 4, points: [{ x: 1, y: 1 }] })).toMatchObject({
      line: null,
    });
  });
});

describe('forecastValue: no forecast', () => {
  it.each<[string, ForecastInput, NoForecastReason]>([
    ['no points', { aggregation: 'last', dueX: 4, points: [] }, 'noPoints'],
    ['NaN value', { aggregation: 'last', dueX: 4, points: [{ x: 1, y: NaN }] }, 'invalidPoint'],
    [
      'infinite x',
      {
        aggregation: 'last',
        dueX: 4,
        points: [
          { x: Infinity, y: 1 },
          { x: 1, y: 2 },
        ],
      },
      'invalidPoint',
    ],
    ['NaN dueX', { aggregation: 'last', dueX: NaN, points: [{ x: 1, y: 1 }] }, 'invalidDueX'],
    [
      'same period twice',
      {
        aggregation: 'sum',
        dueX: 4,
        points: [
          { x: 1, y: 1 },
          { x: 1, y: 2 },
        ],
      },
      'duplicateX',
    ],
    [
      'same period twice among others',
      {
        aggregation: 'last',
        dueX: 4,
        points: [
          { x: 2, y: 1 },
          { x: 1, y: 2 },
          { x: 2, y: 3 },
        ],
      },
      'duplicateX',
    ],
    [
      'sum, one point, no elapsed share',
      { aggregation: 'sum', dueX: 4, points: [{ x: 1, y: 10 }] },
      'noElapsedFraction',
    ],
    [
      'sum, one point, share 0',
      { aggregation: 'sum', dueX: 4, elapsedFraction: 0, points: [{ x: 1, y: 10 }] },
      'noElapsedFraction',
    ],
    [
      'sum, one point, share above 1',
      { aggregation: 'sum', dueX: 4, elapsedFraction: 1.5, points: [{ x: 1, y: 10 }] },
      'noElapsedFraction',
    ],
    [
      'sum, one point, share NaN',
      { aggregation: 'sum', dueX: 4, elapsedFraction: NaN, points: [{ x: 1, y: 10 }] },
      'noElapsedFraction',
    ],
  ])('%s', (_name, input, reason) => {
    expect(forecastValue(input)).toEqual({ kind: 'noForecast', reason });
  });

  it('has a vi and an en message for every reason', () => {
    expect(Object.keys(NO_FORECAST_MESSAGES).sort()).toEqual(
      ['duplicateX', 'invalidDueX', 'invalidPoint', 'noElapsedFraction', 'noPoints'].sort(),
    );
    for (const m of Object.values(NO_FORECAST_MESSAGES)) {
      expect(m.vi).toMatch(/\S/);
      expect(m.en).toMatch(/\S/);
    }
  });
});

describe('forecastStatus', () => {
  it.each<[number | null, ForecastStatus | null]>([
    [1.3, 'onTrack'],
    [1, 'onTrack'],
    [0.9999, 'atRisk'],
    [0.9, 'atRisk'],
    [0.8, 'atRisk'],
    [36.4 / 45.5, 'atRisk'],
    [0.7999, 'offTrack'],
    [0, 'offTrack'],
    [-0.4, 'offTrack'],
    [null, null],
    [NaN, null],
  ])('projected r = %s → %s', (r, status) => {
    expect(forecastStatus(r)).toBe(status);
  });
});

describe('forecast → ratio → status', () => {
  it.each<[string, ForecastInput, number, 'increase' | 'decrease', ForecastStatus]>([
    [
      'share rising to 95%',
      {
        aggregation: 'last',
        dueX: 4,
        points: [
          { x: 1, y: 80 },
          { x: 2, y: 85 },
        ],
      },
      95,
      'increase',
      'onTrack',
    ],
    [
      'share rising to 90% of 100%',
      {
        aggregation: 'last',
        dueX: 4,
        points: [
          { x: 1, y: 84 },
          { x: 2, y: 86 },
        ],
      },
      100,
      'increase',
      'atRisk',
    ],
    [
      'accounts opened at half pace',
      {
        aggregation: 'sum',
        dueX: 4,
        points: [
          { x: 1, y: 5 },
          { x: 2, y: 5 },
        ],
      },
      40,
      'increase',
      'offTrack',
    ],
    [
      'days to process falling to target',
      {
        aggregation: 'last',
        dueX: 4,
        points: [
          { x: 1, y: 14 },
          { x: 2, y: 12 },
        ],
      },
      8,
      'decrease',
      'onTrack',
    ],
  ])('%s', (_name, input, target, direction, status) => {
    const f = forecastValue(input);
    if (f.kind !== 'forecast') throw new Error('expected a forecast');
    const a = achievementRatio({ direction, actual: f.value, target });
    if (a.kind !== 'ratio') throw new Error('expected a ratio');
    expect(forecastStatus(a.ratio)).toBe(status);
  });
});
