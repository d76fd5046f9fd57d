import type { TimeAggregation } from './aggregate.js';
import { withoutFloatNoise } from './round.js';

/**
 * One elapsed period's own value y (not cumulated), at x: the position of the period's end on an axis on
 * which the due period ends at `dueX` and all periods have equal length (quarters of a year: x = 1…4, dueX = 4;
 * years toward a multi-year target: x = 2023, dueX = 2025). `period` is carried through for the report.
 */
export interface ForecastPoint {
  x: number;
  y: number;
  period?: string;
}

/**
 * The values of the periods elapsed so far, where the due period ends, and the indicator's time aggregation;
 * `elapsedFraction` is the share of the due period the single point covers (Q1 of a year: 0.25; S1: 0.5),
 * needed only to pro-rate a single point of a `sum` indicator.
 */
export interface ForecastInput {
  points: readonly ForecastPoint[];
  dueX: number;
  aggregation: TimeAggregation;
  elapsedFraction?: number | undefined;
}

/** How a forecast was made. */
export type ForecastMethod = 'leastSquares' | 'singlePoint' | 'proRata';

/**
 * What the line was fitted to: the values themselves (`last`), their running total (`sum`: the year-to-date
 * sum at each point) or their running mean (`average`: the year-to-date mean at each point).
 */
export type ForecastBasis = 'values' | 'runningTotal' | 'runningAverage';

/** Why no forecast can be made. */
export type NoForecastReason =
  'noPoints' | 'invalidPoint' | 'invalidDueX' | 'duplicateX' | 'noElapsedFraction';

/**
 * A projected value at the due period with everything it came from: the points used (sorted by x), the
 * series the line was fitted to, and the line (null for a single point).
 */
export type Forecast = {
  kind: 'forecast';
  value: number;
  method: ForecastMethod;
  basis: ForecastBasis;
  points: ForecastPoint[];
  fitted: { x: number; y: number }[];
  line: { slope: number; intercept: number } | null;
};

/** A forecast, or the reason there is none. */
export type ForecastResult = Forecast | { kind: 'noForecast'; reason: NoForecastReason };

/** The Vietnamese and English sentence for each reason no forecast can be made. */
export const NO_FORECAST_MESSAGES: Readonly<Record<NoForecastReason, { vi: string; en: string }>> = {
  noPoints: { vi: 'Chưa có số liệu kỳ nào để dự báo.', en: 'No period has a value to forecast from.' },
  invalidPoint: {
    vi: 'Có số liệu không phải là số hữu hạn.',
    en: 'A value to forecast from is not a finite number.',
  },
  invalidDueX: { vi: 'Kỳ hạn của mục tiêu không hợp lệ.', en: "The target's due period is not valid." },
  duplicateX: { vi: 'Có hai số liệu cho cùng một kỳ.', en: 'Two values are given for the same period.' },
  noElapsedFraction: {
    vi: 'Thiếu tỷ lệ thời gian đã qua của kỳ hạn để dự báo theo tỷ lệ.',
    en: 'The elapsed share of the due period, needed to pro-rate, is missing or not in (0, 1].',
  },
};

/** Forecast status against the target (docs/domain.md §6). */
export type ForecastStatus = 'onTrack' | 'atRisk' | 'offTrack';

const BASIS: Record<TimeAggregation, ForecastBasis> = {
  last: 'values',
  sum: 'runningTotal',
  average: 'runningAverage',
};

function runningAggregate(
  points: readonly ForecastPoint[],
  aggregation: TimeAggregation,
): { x: number; y: number }[] {
  let total = 0;
  return points.map((p, i) => {
    total += p.y;
    if (aggregation === 'sum') return { x: p.x, y: total };
    if (aggregation === 'average') return { x: p.x, y: total / (i + 1) };
    return { x: p.x, y: p.y };
  });
}

function leastSquares(series: readonly { x: number; y: number }[]): {
  slope: number;
  intercept: number;
  at: (x: number) => number;
} {
  const n = series.length;
  const mx = series.reduce((s, p) => s + p.x, 0) / n;
  const my = series.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of series) {
    sxx += (p.x - mx) * (p.x - mx);
    sxy += (p.x - mx) * (p.y - my);
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, at: (x: number) => my + slope * (x - mx) };
}

/**
 * Projects an indicator's value at the end of the target's due period from the values of the periods
 * elapsed (docs/domain.md §6 "Forecast"), in the indicator's unit: a least-squares line over ≥ 2 points fitted to
 * the to-date aggregate at each point (the value for `last`, the running total for `sum`, the running mean
 * for `average`) and read at dueX; one point is the forecast itself for `last`/`average` and y / elapsedFraction
 * (pro rata) for `sum`.
 */
export function forecastValue(input: ForecastInput): ForecastResult {
  const { dueX, aggregation, elapsedFraction } = input;
  if (input.points.length === 0) return { kind: 'noForecast', reason: 'noPoints' };
  if (input.points.some((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y))) {
    return { kind: 'noForecast', reason: 'invalidPoint' };
  }
  if (!Number.isFinite(dueX)) return { kind: 'noForecast', reason: 'invalidDueX' };
  const points = [...input.points].sort((a, b) => a.x - b.x).map((p) => ({ ...p }));
  if (points.some((p, i) => i > 0 && points[i - 1]?.x === p.x))
    return { kind: 'noForecast', reason: 'duplicateX' };

  const basis = BASIS[aggregation];
  const fitted = runningAggregate(points, aggregation);
  const [only] = points;
  if (points.length === 1 && only !== undefined) {
    if (aggregation !== 'sum') {
      return { kind: 'forecast', value: only.y, method: 'singlePoint', basis, points, fitted, line: null };
    }
    if (elapsedFraction === undefined || !(elapsedFraction > 0 && elapsedFraction <= 1)) {
      return { kind: 'noForecast', reason: 'noElapsedFraction' };
    }
    const value = withoutFloatNoise(only.y / elapsedFraction);
    return { kind: 'forecast', value, method: 'proRata', basis, points, fitted, line: null };
  }

  const { slope, intercept, at } = leastSquares(fitted);
  const value = withoutFloatNoise(at(dueX));
  return {
    kind: 'forecast',
    value,
    method: 'leastSquares',
    basis,
    points,
    fitted,
    line: { slope, intercept },
  };
}

/**
 * Classifies a projected achievement ratio (a fraction, from `achievementRatio` on the forecast value):
 * `onTrack` at 1 or more, `atRisk` from 0.8 up to 1, `offTrack` below; null stays null (docs/domain.md §6).
 */
export function forecastStatus(projectedRatio: number | null): ForecastStatus | null {
  if (projectedRatio === null || Number.isNaN(projectedRatio)) return null;
  const r = withoutFloatNoise(projectedRatio);
  if (r >= 1) return 'onTrack';
  if (r >= 0.8) return 'atRisk';
  return 'offTrack';
}
