import { formatPeriod, parsePeriod, periodsOfYear } from '../../../src/domain/period.js';

/** The kinds of period a review is made for, longest first. */
const REVIEW_PERIOD_TYPES = ['year', 'half', 'quarter'] as const;

/**
 * The periods the inbox offers around a period (its year, the year before and after): each year, its halves and its
 * quarters, most recent year first; around this year when no period is given.
 */
export function periodOptions(around: string | null, thisYear: number): string[] {
  const parsed = around ? parsePeriod(around) : null;
  const year = parsed?.ok ? parsed.value.year : thisYear;
  return [year + 1, year, year - 1].flatMap((y) =>
    REVIEW_PERIOD_TYPES.flatMap((type) => periodsOfYear(y, type).map(formatPeriod)),
  );
}
