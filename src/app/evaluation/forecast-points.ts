import type { TimeAggregation } from '../../domain/aggregate.js';
import type { ForecastPoint } from '../../domain/forecast.js';
import {
  monthsOf,
  monthsPerPeriod,
  periodEnd,
  periodsOfYear,
  periodStart,
  typeRank,
  type Period,
  type PeriodType,
} from '../../domain/period.js';

/**
 * The elapsed periods whose values may feed a forecast (docs/domain.md §6): the quarters and halves (and the months
 * when the evaluation period is a month) that lie inside the target's due period D and end by the end of the
 * evaluation period P. Empty when D has already ended by the end of P (nothing left to forecast) or P ends
 * before D starts, or D is not in P's year.
 */
export function forecastCandidates(evaluation: Period, due: Period): Period[] {
  if (due.year !== evaluation.year) return [];
  const dueStart = periodStart(due);
  const dueEnd = periodEnd(due);
  const evalEnd = periodEnd(evaluation);
  if (evalEnd >= dueEnd || evalEnd < dueStart) return [];
  const types: PeriodType[] =
    evaluation.type === 'month' ? ['month', 'quarter', 'half'] : ['quarter', 'half'];
  return types.flatMap((type) =>
    periodsOfYear(evaluation.year, type).filter(
      (p) => typeRank(p.type) < typeRank(due.type) && periodStart(p) >= dueStart && periodEnd(p) <= evalEnd,
    ),
  );
}

/** A candidate period with its aggregated value and the last day its latest value covers. */
export interface CandidateValue {
  period: Period;
  value: number | null;
  lastEnd: string | null;
}

/** The points a forecast is made from and how they are read. */
export interface ForecastSeries {
  points: ForecastPoint[];
  dueX: number;
  aggregation: TimeAggregation;
  elapsedFraction: number;
}

/**
 * Chooses the forecast points from the candidates' values (x = months from the start of the due period to the
 * end of the candidate; dueX = the due period's months):
 * - `last` (stocks, rates, ratios, booleans): one point per end month, from a candidate whose latest value
 *   reaches its end (Q1 = 96 and S1 = 97 give (3, 96) and (6, 97)); the longest such candidate when several end
 *   together, as the evaluation reads the longest period;
 * - `sum` and `average`: each candidate's own value on one grid of equal periods that do not overlap — the
 *   type whose values cover the most months (quarters before halves on a tie), so nothing counts twice.
 */
export function selectForecastPoints(
  due: Period,
  candidates: readonly CandidateValue[],
  aggregation: TimeAggregation,
): ForecastSeries {
  const dueStartMonth = monthsOf(due)[0];
  const dueX = monthsPerPeriod(due.type);
  const xOf = (p: Period): number => monthsOf(p)[1] - dueStartMonth + 1;
  const toPoint = (c: CandidateValue & { value: number }): ForecastPoint => ({
    x: xOf(c.period),
    y: c.value,
    period: c.period.id,
  });
  const withValue = candidates.filter((c): c is CandidateValue & { value: number } => c.value !== null);

  if (aggregation === 'last') {
    const byX = new Map<number, CandidateValue & { value: number }>();
    for (const c of withValue) {
      if (c.lastEnd !== periodEnd(c.period)) continue;
      const x = xOf(c.period);
      const held = byX.get(x);
      if (!held || typeRank(c.period.type) > typeRank(held.period.type)) byX.set(x, c);
    }
    const points = [...byX.values()].map(toPoint).sort((a, b) => a.x - b.x);
    const covered = points.length === 0 ? 0 : Math.max(...points.map((p) => p.x));
    return { points, dueX, aggregation, elapsedFraction: covered / dueX };
  }

  let best: (CandidateValue & { value: number })[] = [];
  let bestMonths = 0;
  const types = [...new Set(withValue.map((c) => c.period.type))].sort((a, b) => typeRank(a) - typeRank(b));
  for (const type of types) {
    const grid = withValue.filter((c) => c.period.type === type);
    const months = grid.length * monthsPerPeriod(type);
    if (months > bestMonths) {
      best = grid;
      bestMonths = months;
    }
  }
  const points = best.map(toPoint).sort((a, b) => a.x - b.x);
  return { points, dueX, aggregation, elapsedFraction: bestMonths / dueX };
}
