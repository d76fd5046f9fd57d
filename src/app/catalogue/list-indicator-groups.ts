import type { IndicatorGroupSummary } from '../../contract/catalogue.js';
import { listIndicatorGroups as queryGroups } from '../../store/catalogue.queries.js';
import type { AppContext } from '../context.js';

/** The groups of indicators: the pillars, the foundations, then the workspace's own (docs/domain.md §4). */
export async function listIndicatorGroups(ctx: AppContext): Promise<IndicatorGroupSummary[]> {
  return queryGroups(ctx.db);
}
