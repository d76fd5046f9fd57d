import type { ValueType } from '../../domain/aggregate.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { listAuditRows } from '../../store/audit.queries.js';
import { valueEntityKey } from '../../store/values.queries.js';
import { authorize } from '../authorize.js';
import { resolveIndicator } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { requirePeriod } from '../plans/create-target.js';
import { resolveUnit } from '../units/list-units.js';
import { fromStored } from './value-summary.js';

/** A value's state in one audit entry. */
export interface ValueState {
  value: number | boolean | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  version: number;
}

/** One change of a value: when, who, from where, and the value before and after. */
export interface ValueChange {
  at: string;
  actor: string | null;
  source: string;
  action: string;
  old: ValueState | null;
  new: ValueState | null;
}

function readState(valueType: ValueType, data: unknown): ValueState | null {
  if (data === null || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  return {
    value: fromStored(valueType, num(d.value)),
    numerator: num(d.numerator),
    denominator: num(d.denominator),
    comment: typeof d.comment === 'string' ? d.comment : null,
    version: num(d.version) ?? 0,
  };
}

/** The history of one value from the audit log, oldest first (docs/domain.md §4; issue 3: every change audited). */
export async function listValueHistory(
  ctx: AppContext,
  actor: Actor,
  input: { indicator: string; unit: string; period: string },
): Promise<{ indicator: string; unit: string; period: string; changes: ValueChange[] }> {
  const indicator = await resolveIndicator(ctx.db, input.indicator, 'indicator');
  const unit = await resolveUnit(ctx.db, input.unit, 'unit');
  const unitRef = formatUnitRef(unit);
  authorize(actor, 'read', unit.path, unitRef);
  const period = requirePeriod(input.period, 'period');
  const rows = await listAuditRows(ctx.db, 'value', valueEntityKey(indicator.code, unit, period.id));
  return {
    indicator: indicator.code,
    unit: unitRef,
    period: period.id,
    changes: rows.map((r) => ({
      at: r.at.toISOString(),
      actor: r.actor,
      source: r.source,
      action: r.action,
      old: readState(indicator.valueType, r.oldData),
      new: readState(indicator.valueType, r.newData),
    })),
  };
}
