import { AppError } from '../../domain/app-error.js';
import type { DomainMessage } from '../../domain/result.js';
import type { ValueType } from '../../domain/aggregate.js';
import { parsePeriod, periodLabel } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { writeEntryTemplate, type TemplateRow } from '../../io/write-entry-template.js';
import { findPlan } from '../../store/catalogue.queries.js';
import { listTemplateTargets, type TemplateTargetRow } from '../../store/template.queries.js';
import { authorize } from '../authorize.js';
import { mayRead } from '../read-scope.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { getEntryForm } from '../values/get-entry-form.js';
import { pickTarget } from './pick-target.js';

export interface EntryTemplateInput {
  plan: string;
  period: string;
  /** The unit filling the template in: its own targets and those it leads. */
  unit?: string;
  /** Every unit under this one (itself included): one template for a whole subtree. */
  under?: string;
}

/** An entry template ready to send: its file name and XLSX bytes. */
export interface BuiltTemplate {
  fileName: string;
  bytes: Buffer;
  rows: number;
  /** Why the template has no row and what to try; null when it has rows. */
  reason: DomainMessage | null;
}

/**
 * The rows of what one unit reports beyond the targets set at it or led by it — its own share of the plan's
 * rolled-up targets set above it, as its entry form lists them (docs/data-entry.md, "The entry form") — for a reader
 * who may enter values there; none for one who may only read (the form is the reporter's).
 */
async function reportedRows(
  ctx: AppContext,
  actor: Actor,
  input: { plan: string; unitRef: string; period: string },
): Promise<TemplateRow[]> {
  let form;
  try {
    form = await getEntryForm(ctx, actor, { unit: input.unitRef, period: input.period, plan: input.plan });
  } catch (error) {
    // A form the reader may not open (not theirs to enter) or that cannot be made for this question leaves the
    // template as the plan's targets make it.
    if (error instanceof AppError) return [];
    throw error;
  }
  if (form.plan?.code !== input.plan) return [];
  // The plan's targets only: the form's other cells (the unit's own registers) are not the plan's to template.
  return form.groups.flatMap((g) =>
    g.cells
      .filter((c) => c.targetPeriod !== null)
      .map((c): TemplateRow => ({
        indicatorCode: c.indicator,
        unitCode: form.unit.code,
        period: input.period,
        valueType: c.valueType,
        indicatorName: c.nameVi,
        unitName: form.unit.name,
        measureUnit: c.measureUnit,
        target: c.target,
        targetPeriod: c.targetPeriod,
        value: typeof c.value === 'boolean' ? (c.value ? 1 : 0) : c.value,
        numerator: c.numerator,
        denominator: c.denominator,
        comment: c.comment,
      })),
  );
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-');

/**
 * Builds the XLSX entry template for a plan, a reporting period and a unit — or every unit under one — with
 * one row per indicator and unit the plan targets there (of units the actor may read), and for one unit also what it
 * reports of the rolled-up targets above it when the actor may enter its values, the stored values filled in
 * (docs/import.md). Importing the file back unchanged changes nothing.
 */
export async function buildEntryTemplate(
  ctx: AppContext,
  actor: Actor,
  input: EntryTemplateInput,
): Promise<BuiltTemplate> {
  const unitText = input.under ?? input.unit;
  if (!unitText) {
    throw new AppError('badInput', {
      vi: 'Cần chỉ rõ đơn vị (unit) hoặc nhánh đơn vị (under).',
      en: 'Name a unit (unit) or a subtree of units (under).',
    });
  }
  const period = parsePeriod(input.period);
  if (!period.ok) throw AppError.fromDomain('badInput', period.error, [{ field: 'period', ...period.error }]);
  const plan = await findPlan(ctx.db, input.plan);
  if (!plan) {
    throw new AppError('notFound', {
      vi: `Không có kế hoạch mã «${input.plan}».`,
      en: `No plan «${input.plan}».`,
    });
  }
  const unit = await resolveUnit(ctx.db, unitText, input.under ? 'under' : 'unit');
  const unitRef = formatUnitRef({ set: unit.set, code: unit.code });
  authorize(actor, 'read', unit.path, unitRef);
  // A target the unit leads may be set at a unit the actor may not read: that row, its target and its stored value
  // are left out.
  const found = (
    await listTemplateTargets(ctx.db, {
      planId: plan.id,
      unitId: unit.id,
      unitPath: unit.path,
      subtree: input.under !== undefined,
      period: period.value.id,
    })
  ).filter((r) => mayRead(actor, r.unitPath));
  const groups = new Map<string, TemplateTargetRow[]>();
  for (const r of found) {
    const key = `${r.unitSet}:${r.unitCode}|${r.indicatorCode}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const rows: TemplateRow[] = [];
  for (const list of groups.values()) {
    const t = pickTarget(list, period.value) ?? list[0];
    if (!t) continue;
    rows.push({
      indicatorCode: t.indicatorCode,
      unitCode: formatUnitRef({ set: t.unitSet, code: t.unitCode }),
      period: period.value.id,
      valueType: t.valueType as ValueType,
      indicatorName: t.indicatorName,
      unitName: t.unitName,
      measureUnit: t.measureUnit,
      target: t.target,
      targetPeriod: t.targetPeriod,
      value: t.value,
      numerator: t.numerator,
      denominator: t.denominator,
      comment: t.comment,
    });
  }
  if (!input.under) {
    for (const row of await reportedRows(ctx, actor, { plan: plan.code, unitRef, period: period.value.id })) {
      if (!rows.some((r) => r.indicatorCode === row.indicatorCode && r.unitCode === row.unitCode))
        rows.push(row);
    }
  }
  const bytes = await writeEntryTemplate({
    plan: { code: plan.code, name: plan.name },
    period: {
      id: period.value.id,
      label_vi: periodLabel(period.value, 'vi'),
      label_en: periodLabel(period.value, 'en'),
    },
    unit: { code: unitRef, name: unit.name },
    rows,
    generatedAt: ctx.now(),
  });
  return {
    fileName: `mau-nhap-${safe(plan.code)}-${period.value.id}-${safe(unitRef)}.xlsx`,
    bytes,
    rows: rows.length,
    reason:
      rows.length > 0
        ? null
        : {
            code: 'noTargetsForUnit',
            message_vi: `Kế hoạch «${plan.code}» không có mục tiêu nào cho ${unit.name} (${unitRef})${input.under ? ' hay các đơn vị trực thuộc' : ' hay do đơn vị này chủ trì'}, nên mẫu nhập không có dòng nào. Hãy kiểm tra đơn vị, dùng --under với đơn vị cấp trên cho cả nhánh, hoặc thêm mục tiêu cho đơn vị (dxmon targets add).`,
            message_en: `Plan «${plan.code}» has no target for ${unit.name} (${unitRef})${input.under ? ' or the units under it' : ' or led by it'}, so the template has no rows. Check the unit, use --under with a unit above for a whole subtree, or add targets for the unit (dxmon targets add).`,
          },
  };
}
