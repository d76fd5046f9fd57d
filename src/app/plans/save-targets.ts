import type { TargetBatchAnswer, TargetBatchSaved } from '../../contract/plans.js';
import { AppError, type ProblemDetail } from '../../domain/app-error.js';
import type { ValueInput } from '../../domain/validate-value.js';
import { findTarget, upsertTargets, type TargetInput } from '../../store/catalogue.queries.js';
import { resolveIndicator } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { auditTargetChange, authorizeTarget, requirePeriod, targetFields } from './create-target.js';
import { resolvePlan, toTargetSummary, type TargetSummary } from './plan-summary.js';
import type { UpdateTargetInput } from './update-target.js';

/** The most targets one batch may carry (a plan has tens of targets, a plan over every commune a few thousand). */
export const TARGET_BATCH_LIMIT = 2000;

/** One row of a batch: the target named by indicator, unit and period; absent fields stay, null clears. */
export type TargetBatchRow = Omit<UpdateTargetInput, 'plan'>;

const field = (index: number, part?: string) => `targets[${index}]${part ? `.${part}` : ''}`;

/** The problems of a refused row, each naming its field under the row's position (`targets[3].target`). */
function rowProblems(error: AppError, index: number): ProblemDetail[] {
  if (error.details.length === 0) {
    return [{ field: field(index), message_vi: error.message_vi, message_en: error.message_en }];
  }
  return error.details.map((d) => ({ ...d, field: field(index, d.field) }));
}

/**
 * Creates or changes many targets of one plan at once (docs/data-entry.md, `PUT /plans/{code}/targets/batch`; the
 * web app's target grid), all or nothing in one transaction: each row is checked as `POST` (a new target, which
 * needs its value) or `PUT /plans/{code}/targets` (an existing one) checks one, by an actor who may manage plans
 * and targets at the plan's unit and at each target's. When any row is bad nothing is written and every bad row is
 * listed by its position and field (`targets[3].target`); a row the actor may not write refuses the whole (403).
 */
export async function saveTargets(
  ctx: AppContext,
  actor: Actor,
  input: { plan: string; targets: readonly TargetBatchRow[] },
): Promise<TargetBatchAnswer> {
  return ctx.db.transaction(async (tx) => {
    const plan = await resolvePlan(tx, input.plan);
    authorizeTarget(actor, plan, null, false);
    const problems: ProblemDetail[] = [];
    const prepared: { index: number; fields: TargetInput; before: TargetSummary | null }[] = [];
    const seen = new Map<string, number>();
    for (const [i, row] of input.targets.entries()) {
      try {
        const indicator = await resolveIndicator(tx, row.indicator, 'indicator');
        const unit = await resolveUnit(tx, row.unit, 'unit');
        const period = requirePeriod(row.period, 'period');
        const key = `${indicator.id}|${unit.id}|${period.id}`;
        const first = seen.get(key);
        if (first !== undefined) {
          throw new AppError(
            'badInput',
            {
              vi: `Mục tiêu này trùng với dòng ${first + 1}.`,
              en: `This target repeats row ${first + 1}.`,
            },
            [
              {
                field: 'indicator',
                message_vi: `Trùng với dòng ${first + 1}.`,
                message_en: `Repeats row ${first + 1}.`,
              },
            ],
          );
        }
        seen.set(key, i);
        const current = await findTarget(tx, {
          planId: plan.id,
          indicatorId: indicator.id,
          unitId: unit.id,
          period: period.id,
        });
        const before = current ? toTargetSummary(current) : null;
        const keep = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given);
        const fields = await targetFields(
          tx,
          actor,
          {
            indicator: indicator.code,
            unit: row.unit,
            period: period.id,
            target: keep<ValueInput>(row.target, before?.target ?? null),
            baseline: keep<ValueInput>(row.baseline, before?.baseline ?? null),
            baselinePeriod: keep(row.baselinePeriod, before?.baselinePeriod ?? null),
            leadUnit: keep(row.leadUnit, before?.leadUnit ?? null),
            note: keep(row.note, before?.note ?? null),
          },
          plan,
          before !== null,
        );
        prepared.push({ index: i, fields, before });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'forbidden') {
          throw new AppError(
            'forbidden',
            { vi: error.message_vi, en: error.message_en },
            rowProblems(error, i),
          );
        }
        problems.push(...rowProblems(error, i));
      }
    }
    if (problems.length > 0) {
      const rows = new Set(problems.map((p) => /^targets\[(\d+)\]/.exec(p.field ?? '')?.[1])).size;
      throw new AppError(
        'badInput',
        {
          vi: `${rows} dòng mục tiêu không hợp lệ; không có gì được ghi.`,
          en: `${rows} target rows are invalid; nothing was written.`,
        },
        problems,
      );
    }
    const saved: TargetBatchSaved[] = [];
    const targets: TargetSummary[] = [];
    for (const { fields, before } of prepared) {
      const { updated } = await upsertTargets(tx, [fields]);
      const after =
        before && updated === 0 ? before : await auditTargetChange(ctx, actor, tx, fields, before);
      saved.push({
        indicator: after.indicator,
        unit: after.unit,
        period: after.period,
        action: before === null ? 'create' : updated === 0 ? 'none' : 'update',
      });
      targets.push(after);
    }
    return { saved, targets };
  });
}
