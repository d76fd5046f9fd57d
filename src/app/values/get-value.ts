import { formatUnitRef } from '../../domain/unit-ref.js';
import { listValues as queryValues } from '../../store/values.queries.js';
import { authorize } from '../authorize.js';
import { resolveIndicator } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { requirePeriod } from '../plans/create-target.js';
import { resolveUnit } from '../units/list-units.js';
import { toValueSummary, type ValueSummary } from './value-summary.js';

/** The value of an indicator for exactly this unit and period, with its version, or null when none is entered. */
export async function getValue(
  ctx: AppContext,
  actor: Actor,
  input: { indicator: string; unit: string; period: string },
): Promise<ValueSummary | null> {
  const indicator = await resolveIndicator(ctx.db, input.indicator, 'indicator');
  const unit = await resolveUnit(ctx.db, input.unit, 'unit');
  authorize(actor, 'read', unit.path, formatUnitRef(unit));
  const period = requirePeriod(input.period, 'period');
  const [row] = await queryValues(ctx.db, {
    indicatorIds: [indicator.id],
    unitId: unit.id,
    period: period.id,
  });
  return row ? toValueSummary(row) : null;
}
