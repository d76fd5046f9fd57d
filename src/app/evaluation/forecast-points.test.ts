import { describe, expect, it } from 'vitest';
import { parsePeriod, periodEnd, type Period } from '../../domain/period.js';
import { forecastCandidates, selectForecastPoints, type CandidateValue } from './forecast-points.js';

function p(id: string): Period {
  const parsed = parsePeriod(id);
  if (!parsed.ok) throw new Error(id);
  return parsed.value;
}

/** A candidate whose latest value reaches its end, or `lastEnd` as given. */
function c(id: string, value: number | null, lastEnd?: string): CandidateValue {
  return { period: p(id), value, lastEnd: value === null ? null : (lastEnd ?? periodEnd(p(id))) };
}

describe('forecastCandidates', () => {
  it.each([
    ['2024S1', '2024', ['2024Q1', '2024Q2', '2024S1']],
    ['2024Q1', '2024', ['2024Q1']],
    ['2024Q3', '2024', ['2024Q1', '2024Q2', '2024Q3', '2024S1']],
    ['202405', '2024', ['202401', '202402', '202403', '202404', '202405', '2024Q1']],
    ['2024Q1', '2024S1', ['2024Q1']],
    ['2024Q3', '2024S2', ['2024Q3']],
    // the due period is over, has not started, or is in another year: nothing to forecast
    ['2024', '2024', []],
    ['2024S1', '2024S1', []],
    ['2024Q1', '2024S2', []],
    ['2024S1', '2025', []],
  ])('evaluating at %s toward %s reads %j', (evaluation, due, expected) => {
    expect(forecastCandidates(p(evaluation), p(due)).map((x) => x.id)).toEqual(expected);
  });
});

describe('selectForecastPoints', () => {
  it.each([
    [
      'last: Q1 and S1 entered, Q2 empty',
      'last',
      [c('2024Q1', 96), c('2024Q2', null), c('2024S1', 97)],
      [
        [3, 96, '2024Q1'],
        [6, 97, '2024S1'],
      ],
    ],
    [
      'last: a half whose latest value is Q1 gives no point at month 6',
      'last',
      [c('2024Q1', 96), c('2024Q2', null), c('2024S1', 96, '2024-03-31')],
      [[3, 96, '2024Q1']],
    ],
    [
      'last: the longer period wins at the same end month',
      'last',
      [c('2024Q1', 1), c('2024Q2', 2), c('2024S1', 3)],
      [
        [3, 1, '2024Q1'],
        [6, 3, '2024S1'],
      ],
    ],
    [
      'sum: the quarters when they cover as much as the half',
      'sum',
      [c('2024Q1', 10), c('2024Q2', 5), c('2024S1', 15)],
      [
        [3, 10, '2024Q1'],
        [6, 5, '2024Q2'],
      ],
    ],
    [
      'sum: the half when the quarters are empty',
      'sum',
      [c('2024Q1', null), c('2024S1', 62000)],
      [[6, 62000, '2024S1']],
    ],
    [
      'average: the half when only one quarter has a value',
      'average',
      [c('2024Q1', 4), c('2024Q2', null), c('2024S1', 5)],
      [[6, 5, '2024S1']],
    ],
    ['sum: nothing', 'sum', [c('2024Q1', null)], []],
  ] as const)('%s', (_name, aggregation, candidates, expected) => {
    const series = selectForecastPoints(p('2024'), candidates, aggregation);
    expect(series.points.map((pt) => [pt.x, pt.y, pt.period])).toEqual(expected);
    expect(series.dueX).toBe(12);
  });

  it('measures x from the start of a due half-year and gives the share elapsed', () => {
    const series = selectForecastPoints(p('2024S2'), [c('2024Q3', 7)], 'sum');
    expect(series.points).toEqual([{ x: 3, y: 7, period: '2024Q3' }]);
    expect([series.dueX, series.elapsedFraction]).toEqual([6, 0.5]);
  });
});
