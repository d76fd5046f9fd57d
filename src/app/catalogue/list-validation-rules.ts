import type { ValidationRuleSummary } from '../../contract/catalogue.js';
import { listValidationRules as queryRules } from '../../store/catalogue.queries.js';
import type { AppContext } from '../context.js';
import { toRuleSummary } from './create-validation-rule.js';

/** The validation rules (docs/domain.md §4), ordered by code; with `indicator`, only those naming it. */
export async function listValidationRules(
  ctx: AppContext,
  input: { indicator?: string } = {},
): Promise<ValidationRuleSummary[]> {
  const rows = await queryRules(ctx.db, input.indicator ? { indicatorCodes: [input.indicator] } : {});
  return rows.map(toRuleSummary);
}
