import { achievementRatio, type NotEvaluableReason } from '../../domain/achievement.js';
import type { TimeAggregation } from '../../domain/aggregate.js';
import { bandOf, type Band, type BandBoundaries } from '../../domain/band.js';
import {
  forecastStatus,
  forecastValue,
  type ForecastMethod,
  type ForecastStatus,
} from '../../domain/forecast.js';
import type { Period } from '../../domain/period.js';
import { roundHalfAwayFromZero } from '../../domain/round.js';
import type { AggregateGap, AggregateResult } from '../../store/aggregate.queries.js';
import type { IndicatorRow } from '../../store/evaluation.queries.js';
import { selectForecastPoints, type CandidateValue } from './forecast-points.js';

/** Decimals kept in the evaluation's ratios, actuals and forecasts (docs/evaluation.md: "ratio … e.g. 1.0211"). */
export const DECIMALS = 4;

const round = (x: number): number => roundHalfAwayFromZero(x, DECIMALS);

/**
 * The actual as evaluation reads it from an aggregate (docs/domain.md §4, §6): a number (a ratio as its percentage);
 * for a `reach` milestone of a boolean indicator, done (true) when every unit that reported says yes — the unit
 * itself when it entered the value; for a boolean measured against a number, the count of units with yes.
 */
export function actualOf(indicator: IndicatorRow, result: AggregateResult): number | boolean | null {
  if (result.value === null) return null;
  if (indicator.valueType === 'boolean' && indicator.direction === 'reach') {
    return result.unitCount > 0 && result.value === result.unitCount;
  }
  return result.value;
}

/** A target's achievement at the evaluation period: ratio rounded to 4 decimals, band, and why there is none. */
export interface Judgement {
  actual: number | boolean | null;
  ratio: number | null;
  band: Band;
  reason: NotEvaluableReason | Exclude<AggregateGap, null> | null;
}

/** Judges one target against its actual (docs/domain.md §6): achievement ratio, the plan's band, or no data. */
export function judgeTarget(
  indicator: IndicatorRow,
  target: { target: number | null; baseline: number | null },
  result: AggregateResult,
  boundaries: BandBoundaries,
): Judgement {
  const raw = actualOf(indicator, result);
  const achievement = achievementRatio({
    direction: indicator.direction,
    actual: raw,
    target: target.target,
    baseline: target.baseline,
  });
  const actual = typeof raw === 'number' ? round(raw) : raw;
  if (achievement.kind === 'notEvaluable') {
    const reason = achievement.reason === 'noActual' && result.gap ? result.gap : achievement.reason;
    return { actual, ratio: null, band: 'noData', reason };
  }
  return {
    actual,
    ratio: round(achievement.ratio),
    band: bandOf(achievement.ratio, boundaries),
    reason: null,
  };
}

/** A forecast as the evaluation shows it (docs/domain.md §6): the projected value, its status and the points used. */
export interface ForecastView {
  value: number;
  status: ForecastStatus | null;
  method: ForecastMethod;
  points: { period: string; x: number; y: number }[];
}

/** How an indicator's elapsed values are read for a forecast: ratios and booleans are states (`last`). */
export function forecastAggregation(indicator: IndicatorRow): TimeAggregation {
  return indicator.valueType === 'ratio' || indicator.valueType === 'boolean'
    ? 'last'
    : indicator.timeAggregation;
}

/**
 * A projected value kept within what the value type can hold: no type but `number` goes below 0 (a line through
 * 10 and 6 villages does not forecast −2 villages), and a percentage (percent, ratio) not above 100.
 */
function withinRange(indicator: IndicatorRow, value: number): number {
  const type = indicator.valueType;
  const floored = type === 'number' ? value : Math.max(0, value);
  return type === 'percent' || type === 'ratio' ? Math.min(100, floored) : floored;
}

/**
 * The forecast of a target at its due period from the values of the elapsed candidate periods (docs/domain.md §6),
 * or null for a milestone (`reach`), when no period has a value, or when the due period is over.
 */
export function forecastTarget(
  indicator: IndicatorRow,
  target: { target: number | null; baseline: number | null },
  due: Period,
  candidates: readonly CandidateValue[],
): ForecastView | null {
  if (indicator.direction === 'reach' || candidates.length === 0) return null;
  const series = selectForecastPoints(due, candidates, forecastAggregation(indicator));
  const result = forecastValue(series);
  if (result.kind === 'noForecast') return null;
  const value = withinRange(indicator, result.value);
  const projected = achievementRatio({
    direction: indicator.direction,
    actual: value,
    target: target.target,
    baseline: target.baseline,
  });
  return {
    value: round(value),
    status: forecastStatus(projected.kind === 'ratio' ? projected.ratio : null),
    method: result.method,
    points: result.points.map((p) => ({ period: p.period ?? '', x: p.x, y: round(p.y) })),
  };
}
