import type { IndicatorSummary } from '../../contract/catalogue.js';
import type { ValueType } from '../../domain/aggregate.js';
import { listIndicators as queryIndicators } from '../../store/catalogue.queries.js';
import type { AppContext } from '../context.js';
import { resolveIndicator, toIndicatorSummary } from './indicator-summary.js';

export interface ListIndicatorsInput {
  group?: string;
  valueType?: ValueType;
  /** Text to find in the code or the names. */
  search?: string;
  limit?: number;
  offset?: number;
}

/** Lists the indicator catalogue (docs/domain.md §4), ordered by code; the catalogue is readable by every user. */
export async function listIndicators(
  ctx: AppContext,
  input: ListIndicatorsInput = {},
): Promise<IndicatorSummary[]> {
  const rows = await queryIndicators(ctx.db, {
    groupCode: input.group,
    valueType: input.valueType,
    search: input.search,
    limit: input.limit,
    offset: input.offset,
  });
  return rows.map(toIndicatorSummary);
}

/** One indicator by code. */
export async function getIndicator(ctx: AppContext, code: string): Promise<IndicatorSummary> {
  return toIndicatorSummary(await resolveIndicator(ctx.db, code, 'code'));
}
