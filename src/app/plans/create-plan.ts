import { AppError } from '../../domain/app-error.js';
import { validateBandBoundaries, type BandBoundaries } from '../../domain/band.js';
import { MAX_YEAR, MIN_YEAR } from '../../domain/period.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { findPlan, upsertPlans, type PlanInput } from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';
import { auditEntry } from '../audit-entry.js';
import { authorizeWrite, ROW_NAMES, rowUnit, type RowUnit } from '../authorize.js';
import { requireCode, requireText } from '../catalogue/catalogue-input.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { toPlanSummary, type PlanSummary } from './plan-summary.js';

export interface CreatePlanInput {
  code: string;
  name: string;
  /** The unit the plan belongs to, as users write it (`15`, `pre2025:10`). */
  unit: string;
  startYear: number;
  endYear: number;
  /** The plan's own band bounds (docs/domain.md §6); absent or null for the defaults. */
  bands?: BandBoundaries | null;
}

function checkYear(year: number, field: string): number {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new AppError(
      'badInput',
      {
        vi: `Năm ${year} (${field}) phải là số nguyên từ ${MIN_YEAR} đến ${MAX_YEAR}.`,
        en: `Year ${year} (${field}) must be a whole number from ${MIN_YEAR} to ${MAX_YEAR}.`,
      },
      [{ field, message_vi: 'Năm không hợp lệ.', message_en: 'Invalid year.' }],
    );
  }
  return year;
}

/** Checks a plan's fields and resolves its unit; the row to write and its unit for the write rule. */
export async function planFields(
  q: Queryable,
  input: CreatePlanInput,
): Promise<{ plan: PlanInput; unit: RowUnit }> {
  const code = requireCode(input.code, 'code');
  const name = requireText(input.name, 'name');
  const startYear = checkYear(input.startYear, 'startYear');
  const endYear = checkYear(input.endYear, 'endYear');
  if (endYear < startYear) {
    throw new AppError(
      'badInput',
      {
        vi: `Năm kết thúc ${endYear} trước năm bắt đầu ${startYear}.`,
        en: `The end year ${endYear} is before the start year ${startYear}.`,
      },
      [{ field: 'endYear', message_vi: 'Trước năm bắt đầu.', message_en: 'Before the start year.' }],
    );
  }
  let bands: BandBoundaries | null = null;
  if (input.bands) {
    const checked = validateBandBoundaries(input.bands);
    if (!checked.ok)
      throw AppError.fromDomain('badInput', checked.error, [{ field: 'bands', ...checked.error }]);
    bands = checked.value;
  }
  const unit = await resolveUnit(q, input.unit, 'unit');
  return {
    plan: { code, name, unitId: unit.id, startYear, endYear, bands: bands ? { ...bands } : null },
    unit: rowUnit(unit, 'unit'),
  };
}

/** Creates a plan of a unit over a span of years (docs/domain.md §5); refuses a code already in use. */
export async function createPlan(
  ctx: AppContext,
  actor: Actor,
  input: CreatePlanInput,
): Promise<PlanSummary> {
  return ctx.db.transaction(async (tx) => {
    const { plan, unit } = await planFields(tx, input);
    authorizeWrite(actor, 'plans:manage', { row: ROW_NAMES.plan(plan.code), next: [unit] });
    if (await findPlan(tx, plan.code)) {
      throw new AppError('conflict', {
        vi: `Kế hoạch «${plan.code}» đã có.`,
        en: `Plan «${plan.code}» already exists.`,
      });
    }
    await upsertPlans(tx, [plan]);
    const row = await findPlan(tx, plan.code);
    if (!row) throw new Error(`plan ${plan.code} vanished`);
    const summary = toPlanSummary(row);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'plan',
        entityKey: summary.code,
        provinceCode: row.provinceCode,
        oldData: null,
        newData: summary,
      }),
    ]);
    return summary;
  });
}
