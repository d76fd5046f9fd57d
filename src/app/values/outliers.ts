// Outlier warnings (docs/domain.md §4): a value saved or imported far from its unit's own history of the
// indicator is reported, never refused. The history of every value of a save or an import is read in one query.
import { AppError } from '../../domain/app-error.js';
import {
  findOutlier,
  outlierWarning,
  parseOutlierSettings,
  type OutlierSettings,
  type OutlierWarning,
} from '../../domain/outlier.js';
import type { Queryable } from '../../store/db.js';
import { findValueHistories, type HistoryKey } from '../../store/values.queries.js';
import type { AppContext } from '../context.js';

/** The outlier settings of this context, else of the environment; a bad environment setting is refused. */
export function outlierSettings(ctx: Pick<AppContext, 'outliers'>, env = process.env): OutlierSettings {
  if (ctx.outliers) return ctx.outliers;
  const parsed = parseOutlierSettings({ z: env.DXMON_OUTLIER_Z, minHistory: env.DXMON_OUTLIER_MIN_HISTORY });
  if (!parsed.ok) throw AppError.fromDomain('usage', parsed.error);
  return parsed.value;
}

/** A value about to be written, with the names its warning gives. */
export interface OutlierCandidate extends HistoryKey {
  period: string;
  periodStart: string;
  value: number;
  indicatorName: string;
  unitName: string;
}

/**
 * For each candidate, its outlier warning or null (same order). A candidate's history is the unit's values
 * of the indicator for earlier periods of the same type: those stored, and those of the other candidates
 * (an import may carry several periods), a candidate's own period replacing a stored one.
 */
export async function findOutliers(
  q: Queryable,
  candidates: readonly OutlierCandidate[],
  settings: OutlierSettings,
): Promise<(OutlierWarning | null)[]> {
  if (candidates.length === 0) return [];
  const keyOf = (k: HistoryKey): string => `${k.indicatorId}|${k.unitId}|${k.periodType}`;
  const histories = new Map<string, Map<string, number>>();
  const historyOf = (k: HistoryKey): Map<string, number> => {
    const key = keyOf(k);
    let h = histories.get(key);
    if (!h) histories.set(key, (h = new Map()));
    return h;
  };
  for (const p of await findValueHistories(q, candidates)) historyOf(p).set(p.periodStart, p.value);
  for (const c of candidates) historyOf(c).set(c.periodStart, c.value);
  return candidates.map((c) => {
    const earlier = [...historyOf(c)].filter(([start]) => start < c.periodStart).map(([, v]) => v);
    const d = findOutlier(c.value, earlier, settings);
    return d ? outlierWarning(c, d, settings) : null;
  });
}
