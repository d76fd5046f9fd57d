import type { BandBoundaries } from '../../domain/band.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { findPlan, upsertPlans } from '../../store/catalogue.queries.js';
import { auditEntry } from '../audit-entry.js';
import { authorizeWrite, ROW_NAMES } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { planFields } from './create-plan.js';
import { planRowUnit, resolveManagedPlan, toPlanSummary, type PlanSummary } from './plan-summary.js';

export interface UpdatePlanInput {
  name?: string;
  unit?: string;
  startYear?: number;
  endYear?: number;
  bands?: BandBoundaries | null;
}

/**
 * Changes a plan's name, unit, span or band bounds (docs/domain.md §5, §6): plans:manage over the unit it belongs to
 * and over the one it moves to.
 */
export async function updatePlan(
  ctx: AppContext,
  actor: Actor,
  code: string,
  patch: UpdatePlanInput,
): Promise<PlanSummary> {
  return ctx.db.transaction(async (tx) => {
    const current = await resolveManagedPlan(tx, actor, code, 'code');
    const before = toPlanSummary(current);
    const { plan, unit } = await planFields(tx, {
      code: current.code,
      name: patch.name ?? current.name,
      unit: patch.unit ?? before.unit,
      startYear: patch.startYear ?? current.startYear,
      endYear: patch.endYear ?? current.endYear,
      bands: patch.bands === undefined ? (current.bands as BandBoundaries | null) : patch.bands,
    });
    authorizeWrite(actor, 'plans:manage', {
      row: ROW_NAMES.plan(current.code),
      current: [planRowUnit(current, 'code')],
      next: [unit],
    });
    const { updated } = await upsertPlans(tx, [plan]);
    if (updated === 0) return before;
    const row = await findPlan(tx, current.code);
    if (!row) throw new Error(`plan ${current.code} vanished`);
    const after = toPlanSummary(row);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'update',
        entity: 'plan',
        entityKey: after.code,
        provinceCode: row.provinceCode,
        oldData: before,
        newData: after,
      }),
    ]);
    return after;
  });
}
