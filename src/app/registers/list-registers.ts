import type { RegisterList } from '../../contract/registers.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { listRegisterSummaries, registerPeriods } from '../../store/registers.queries.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { nounFor } from './register-units.js';

/**
 * The registers kept under a unit (docs/tasks.md "Registers"): the yes/no items no plan targets with values at its
 * villages or communes, each with the level it is kept at, how a sentence names those units and the periods with
 * values, so a reader can pick one to list the units lacking it. Without a unit, every register anywhere (the
 * whole installation's readers).
 */
export async function listRegisters(
  ctx: AppContext,
  actor: Actor,
  input: { unit?: string },
): Promise<RegisterList> {
  const unit = input.unit !== undefined ? await resolveUnit(ctx.db, input.unit, 'unit') : null;
  authorize(actor, 'read', unit?.path ?? '/', input.unit ?? '/');
  const rootPath = unit?.path ?? '/';
  const rows = await listRegisterSummaries(ctx.db, { rootPath });
  const periods =
    rows.length === 0 ? [] : await registerPeriods(ctx.db, { indicatorIds: rows.map((r) => r.id), rootPath });
  return {
    unit: unit ? formatUnitRef({ set: unit.set, code: unit.code }) : null,
    registers: rows.map((r) => {
      const noun = nounFor([{ level: r.level }]);
      return {
        indicator: r.code,
        nameVi: r.nameVi,
        nameEn: r.nameEn,
        level: r.level,
        noun: { vi: noun.vi, en: noun.enMany },
        periods: periods.filter((p) => Number(p.indicatorId) === Number(r.id)).map((p) => p.period),
      };
    }),
  };
}
