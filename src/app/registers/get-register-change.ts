import { registerChange, registerChangePhrase, type RegisterValues } from '../../domain/register-change.js';
import type { Actor, AppContext } from '../context.js';
import {
  asBoolean,
  checkedPeriod,
  nounFor,
  registerValues,
  resolveRegisterScope,
  toRegisterUnit,
} from './register-units.js';
import type { RegisterChangeView, RegisterUnit } from '../../contract/registers.js';

/** The change with the sentence the report prints ("xóa được 4 thôn, còn 6 thôn"). */
export interface RegisterChangeResult {
  change: RegisterChangeView;
  indicator: string;
  phrase: { vi: string; en: string };
}

/**
 * The change of a boolean register between two periods over the units under a unit (docs/domain.md §4, §9): units
 * lacking it at each period, gaps closed and opened, per registerChange — a unit added in between that lacks it
 * counts as opened; one lacking at P1 with no value at P2 is neither closed nor still lacking.
 */
export async function getRegisterChange(
  ctx: AppContext,
  actor: Actor,
  input: { indicator: string; from: string; to: string; unit?: string },
): Promise<RegisterChangeResult> {
  const from = checkedPeriod(input.from, 'from');
  const to = checkedPeriod(input.to, 'to');
  const scope = await resolveRegisterScope(ctx.db, actor, input, true);
  const fromRows = await registerValues(ctx.db, scope, from);
  const toRows = await registerValues(ctx.db, scope, to);
  const units = new Map<string, RegisterUnit>();
  const valuesOf = (rows: typeof fromRows): RegisterValues => {
    const map = new Map<string, boolean | undefined>();
    for (const row of rows) {
      const unit = toRegisterUnit(row);
      units.set(unit.code, unit);
      map.set(unit.code, asBoolean(row.value));
    }
    return map;
  };
  const change = registerChange(valuesOf(fromRows), valuesOf(toRows));
  const expand = (codes: string[]): RegisterUnit[] => codes.map((code) => units.get(code)!);
  return {
    indicator: scope.indicator.code,
    change: {
      from: { period: from.id, count: change.from.count, units: expand(change.from.units) },
      to: { period: to.id, count: change.to.count, units: expand(change.to.units) },
      closed: { count: change.closed.count, units: expand(change.closed.units) },
      opened: { count: change.opened.count, units: expand(change.opened.units) },
    },
    phrase: registerChangePhrase(change, nounFor([...fromRows, ...toRows])),
  };
}
