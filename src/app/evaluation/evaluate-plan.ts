import type { Direction } from '../../domain/achievement.js';
import type { ValueType } from '../../domain/aggregate.js';
import { countBands, shareOf, type Band, type BandBoundaries, type Share } from '../../domain/band.js';
import { parsePeriod } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { DomainMessage } from '../../domain/result.js';
import { listTargets } from '../../store/catalogue.queries.js';
import { listPlanTargets, type TargetRow } from '../../store/evaluation.queries.js';
import { authorize } from '../authorize.js';
import { mayRead } from '../read-scope.js';
import type { Actor, AppContext } from '../context.js';
import { resolvePlan } from '../plans/plan-summary.js';
import { resolveUnit } from '../units/list-units.js';
import { planBoundaries, planUnit, readPeriod, unitWithinPlan } from './evaluation-inputs.js';
import { forecastCandidates } from './forecast-points.js';
import { forecastTarget, judgeTarget, type ForecastView, type Judgement } from './judge-target.js';
import { actualsFromOf, RequestBatch } from './request-batch.js';
import type { ActualsFrom, EvaluationNotice } from '../../contract/evaluation.js';
import type { ReadCheck } from './answer-cache.js';

export interface EvaluatePlanInput {
  /** The plan's code. */
  plan: string;
  /** The evaluation period P (docs/domain.md §3), e.g. `2024S1`. */
  period: string;
  /** Evaluate at this unit instead of each target's own (e.g. a commune); see `evaluatePlan`. */
  unit?: string | undefined;
}

/**
 * One target evaluated (docs/evaluation.md: `{indicator, unit, period, actual, target, ratio, band, forecast}`), with
 * documented extras: the indicator's names and type, where the target was set (`targetUnit`), the lead unit,
 * where the actual came from (`actualSource`, `valueCount`, `unitCount`) and why there is no ratio (`reason`).
 */
export interface TargetEvaluation {
  indicator: string;
  unit: string;
  period: string;
  actual: number | boolean | null;
  target: number | null;
  ratio: number | null;
  band: Band;
  forecast: ForecastView | null;
  indicatorName: string;
  indicatorNameEn: string | null;
  valueType: ValueType;
  direction: Direction;
  measureUnit: string | null;
  unitName: string;
  targetUnit: string;
  baseline: number | null;
  leadUnit: string | null;
  leadUnitName: string | null;
  actualSource: 'entered' | 'derived' | null;
  valueCount: number;
  unitCount: number;
  reason: Judgement['reason'];
}

/**
 * A plan evaluated at a period (docs/evaluation.md), with extras: the plan's and unit's names, the
 * band bounds used, and `share`: the targets met or exceeded out of all ("13/19 … đạt 68,4%").
 */
export interface PlanEvaluation {
  plan: string;
  period: string;
  unit: string;
  total: number;
  bands: Record<Band, number>;
  targets: TargetEvaluation[];
  planName: string;
  unitName: string;
  boundaries: BandBoundaries;
  share: Share;
  /** `values` while the rollup rows are being rebuilt (every actual computed from the values), else `rollup`. */
  actualsFrom: ActualsFrom;
  /** Said to the reader when `actualsFrom` is `values`; null otherwise. */
  notice: EvaluationNotice | null;
  /** Why there is nothing to evaluate and what to try (total 0); null when there is something. */
  reason: DomainMessage | null;
}

/** A target to evaluate at a unit: its own unit, or the evaluated unit when a plan-unit target is applied to it. */
export interface TargetAtUnit {
  target: TargetRow;
  unit: { id: number; set: string; code: string; name: string; path: string };
}

/**
 * Which targets an evaluation covers (docs/domain.md §6: targets due in the year containing P):
 * - no unit named: every such target at the unit it was set for;
 * - a unit named: the targets set for that unit, and for each indicator it has none of, the target set at the
 *   plan's unit, applied to the named unit's actual (the province's 75 % judged on a commune's own figure).
 */
export function chooseTargets(
  targets: readonly TargetRow[],
  planUnitId: number,
  unit: TargetAtUnit['unit'] | null,
): TargetAtUnit[] {
  const own = (t: TargetRow): TargetAtUnit => ({
    target: t,
    unit: { id: t.unitId, set: t.unitSet, code: t.unitCode, name: t.unitName, path: t.unitPath },
  });
  if (!unit) return targets.map(own);
  const at = { id: unit.id, set: unit.set, code: unit.code, name: unit.name, path: unit.path };
  const covered = new Set(targets.filter((t) => t.unitId === unit.id).map((t) => t.indicator.id));
  return targets.flatMap((t): TargetAtUnit[] => {
    if (t.unitId === unit.id) return [own(t)];
    if (t.unitId === planUnitId && !covered.has(t.indicator.id)) return [{ target: t, unit: at }];
    return [];
  });
}

/**
 * Evaluates a plan at a period (docs/domain.md §6): for each target due in the year containing P, the actual of P
 * computed in the database from the values entered at and below the unit (docs/domain.md §4), the achievement ratio
 * (4 decimals), the band by the plan's bounds, and a forecast at the due period from the elapsed quarters and
 * halves; then the count per band. All actuals and forecast points come from one query. Only the targets at
 * units the actor may read are evaluated, counted and shown.
 */
export async function evaluatePlan(
  ctx: AppContext,
  actor: Actor,
  input: EvaluatePlanInput,
): Promise<PlanEvaluation> {
  return (await evaluatePlanAt(ctx, actor, input)).evaluation;
}

/**
 * `evaluatePlan`, with the unit whose read permission the evaluation was given under (`readAt`), for a kept answer
 * to be authorized again for each reader (answer-cache.ts).
 */
export async function evaluatePlanAt(
  ctx: AppContext,
  actor: Actor,
  input: EvaluatePlanInput,
): Promise<{ evaluation: PlanEvaluation; readAt: ReadCheck }> {
  const period = readPeriod(input.period);
  const plan = await resolvePlan(ctx.db, input.plan);
  const boundaries = planBoundaries(plan);
  const unit = input.unit ? await resolveUnit(ctx.db, input.unit, 'unit') : planUnit(plan);
  const readAt: ReadCheck = { path: unit.path, label: formatUnitRef(unit) };
  authorize(actor, 'read', readAt.path, readAt.label);
  unitWithinPlan(plan, unit, 'unit');

  const targets = await listPlanTargets(ctx.db, plan.id, period.year);
  // Only targets judged at a unit the reader may read: a target set (by someone who could) at a unit outside the
  // reader's would otherwise show that unit's actual and forecast points.
  const applicable = chooseTargets(targets, plan.unitId, input.unit ? unit : null);
  const chosen = applicable.filter(({ unit: at }) => mayRead(actor, at.path));

  const batch = new RequestBatch();
  const planned = chosen.map(({ target, unit: at }) => {
    const due = parsePeriod(target.period);
    const candidates = due.ok ? forecastCandidates(period, due.value) : [];
    return {
      target,
      at,
      due: due.ok ? due.value : null,
      actualKey: batch.add(target.indicator.id, at.id, period),
      candidateKeys: candidates.map((c) => ({ period: c, key: batch.add(target.indicator.id, at.id, c) })),
    };
  });
  await batch.run(ctx.db);

  const evaluations = planned.map(({ target, at, due, actualKey, candidateKeys }): TargetEvaluation => {
    const result = batch.get(actualKey);
    const judged = judgeTarget(target.indicator, target, result, boundaries);
    const candidates = candidateKeys.map(({ period: p, key }) => {
      const r = batch.get(key);
      return { period: p, value: r.value, lastEnd: r.lastEnd };
    });
    return {
      indicator: target.indicator.code,
      unit: formatUnitRef(at),
      period: target.period,
      actual: judged.actual,
      target: target.target,
      ratio: judged.ratio,
      band: judged.band,
      forecast: due ? forecastTarget(target.indicator, target, due, candidates) : null,
      indicatorName: target.indicator.nameVi,
      indicatorNameEn: target.indicator.nameEn,
      valueType: target.indicator.valueType,
      direction: target.indicator.direction,
      measureUnit: target.indicator.measureUnit,
      unitName: at.name,
      targetUnit: formatUnitRef({ set: target.unitSet, code: target.unitCode }),
      baseline: target.baseline,
      leadUnit:
        target.leadUnitSet && target.leadUnitCode
          ? formatUnitRef({ set: target.leadUnitSet, code: target.leadUnitCode })
          : null,
      leadUnitName: target.leadUnitName,
      actualSource: result.source,
      valueCount: result.valueCount,
      unitCount: result.unitCount,
      reason: judged.reason,
    };
  });

  const bands = countBands(evaluations.map((e) => e.band));
  const reason =
    evaluations.length > 0
      ? null
      : await whyNoTargets(ctx, plan, period.id, `${unit.name} (${formatUnitRef(unit)})`, {
          due: targets.length,
          applicable: applicable.length,
        });
  const evaluation: PlanEvaluation = {
    plan: plan.code,
    period: period.id,
    unit: formatUnitRef(unit),
    total: evaluations.length,
    bands,
    targets: evaluations,
    planName: plan.name,
    unitName: unit.name,
    boundaries,
    share: shareOf(bands.exceeded, evaluations.length),
    ...actualsFromOf(batch),
    reason,
  };
  return { evaluation, readAt };
}

/**
 * Why an evaluation has no target (docs/evaluation.md): the plan has none, none is due in the period's year
 * (naming the years that have some), or those due are set at units the reader may not read.
 */
async function whyNoTargets(
  ctx: AppContext,
  plan: { id: number; code: string },
  period: string,
  unit: string,
  found: { due: number; applicable: number },
): Promise<DomainMessage> {
  if (found.applicable > 0) {
    return {
      code: 'noReadableTargets',
      message_vi: `Kế hoạch «${plan.code}» có mục tiêu đến hạn trong kỳ ${period}, nhưng ở những đơn vị bạn không được xem; hãy đánh giá tại đơn vị của bạn (--unit) hoặc xin quyền xem.`,
      message_en: `Plan «${plan.code}» has targets due in ${period}, but at units you may not read; evaluate at your own unit (--unit) or ask for read access.`,
    };
  }
  if (found.due > 0) {
    return {
      code: 'noTargetAtUnit',
      message_vi: `Kế hoạch «${plan.code}» có ${found.due} mục tiêu đến hạn trong năm của kỳ ${period}, nhưng không mục tiêu nào đặt cho ${unit} hay cho đơn vị của kế hoạch; hãy đánh giá không kèm --unit, hoặc tại đơn vị có mục tiêu.`,
      message_en: `Plan «${plan.code}» has ${found.due} target(s) due in the year of period ${period}, but none set for ${unit} or for the plan's unit; evaluate without --unit, or at a unit with targets.`,
    };
  }
  const years = [
    ...new Set((await listTargets(ctx.db, { planId: plan.id })).map((t) => t.period.slice(0, 4))),
  ].sort();
  if (years.length === 0) {
    return {
      code: 'planHasNoTargets',
      message_vi: `Kế hoạch «${plan.code}» chưa có mục tiêu nào, nên tại ${unit} không có gì để đánh giá; hãy thêm mục tiêu (dxmon targets add, hoặc trang targets của tệp nhập).`,
      message_en: `Plan «${plan.code}» has no targets yet, so there is nothing to evaluate at ${unit}; add targets (dxmon targets add, or the targets sheet of an import).`,
    };
  }
  return {
    code: 'noTargetDue',
    message_vi: `Kế hoạch «${plan.code}» không có mục tiêu nào đến hạn trong năm của kỳ ${period}; các mục tiêu đến hạn năm ${years.join(', ')}: hãy đánh giá một kỳ trong những năm đó.`,
    message_en: `Plan «${plan.code}» has no target due in the year of period ${period}; its targets are due in ${years.join(', ')}: evaluate a period of one of those years.`,
  };
}
