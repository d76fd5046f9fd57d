import { formatUnitRef } from '../../domain/unit-ref.js';
import type { Actor, AppContext } from '../context.js';
import {
  asBoolean,
  checkedPeriod,
  nounFor,
  registerValues,
  resolveRegisterScope,
  toRegisterUnit,
} from './register-units.js';
import type { LackingUnits } from '../../contract/registers.js';

/**
 * The units under a unit that lack a boolean register at a period (value false, e.g. villages without fibre),
 * their count, and each one's code and parent for the map (docs/domain.md §4). Units with no value are not counted.
 */
export async function listLackingUnits(
  ctx: AppContext,
  actor: Actor,
  input: { indicator: string; period: string; unit?: string },
): Promise<LackingUnits> {
  const period = checkedPeriod(input.period, 'period');
  const scope = await resolveRegisterScope(ctx.db, actor, input, true);
  const rows = await registerValues(ctx.db, scope, period);
  const lacking = rows.filter((r) => asBoolean(r.value) === false);
  const units = lacking.map(toRegisterUnit).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const noun = nounFor(rows);
  return {
    indicator: scope.indicator.code,
    period: period.id,
    unit: scope.unit ? formatUnitRef({ set: scope.unit.set, code: scope.unit.code }) : null,
    withValue: rows.filter((r) => r.value !== null).length,
    count: units.length,
    units,
    noun: { vi: noun.vi, en: noun.enMany },
  };
}
