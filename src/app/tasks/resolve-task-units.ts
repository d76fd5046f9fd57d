import type { Queryable } from '../../store/db.js';
import type { UnitRow } from '../../store/units.queries.js';
import { resolveUnit } from '../units/list-units.js';

/** Resolves a task's lead unit and supporting units from the codes users write (docs/domain.md §2). */
export async function resolveTaskUnits(
  q: Queryable,
  leadUnit: string,
  supportingUnits: readonly string[],
): Promise<{ lead: UnitRow; supporting: UnitRow[] }> {
  const lead = await resolveUnit(q, leadUnit, 'leadUnit');
  const supporting: UnitRow[] = [];
  const seen = new Set<number>([lead.id]);
  for (const text of supportingUnits) {
    const unit = await resolveUnit(q, text, 'supportingUnits');
    if (seen.has(unit.id)) continue;
    seen.add(unit.id);
    supporting.push(unit);
  }
  return { lead, supporting };
}
