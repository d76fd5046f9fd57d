import { countBands } from '../../domain/band.js';
import { parsePeriod, periodEnd, type Period } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { listPlanTargets, listSubunits, type TargetRow } from '../../store/evaluation.queries.js';
import type { UnitLevel } from '../../domain/unit-vocabulary.js';
import { authorize } from '../authorize.js';
import { resolveIndicator } from '../catalogue/indicator-summary.js';
import type { Actor, AppContext } from '../context.js';
import { resolvePlan } from '../plans/plan-summary.js';
import { resolveUnit } from '../units/list-units.js';
import { actualsFromOf, RequestBatch } from './request-batch.js';
import type { ReadCheck } from './answer-cache.js';
import { planBoundaries, planUnit, readPeriod, unitWithinPlan } from './evaluation-inputs.js';
import { judgeTarget } from './judge-target.js';
import type { IndicatorAcrossUnits, UnitEvaluation } from '../../contract/maps.js';

export interface EvaluateIndicatorAcrossUnitsInput {
  plan: string;
  indicator: string;
  period: string;
  /** The unit whose subunits are compared; the plan's unit by default. */
  parent?: string | undefined;
  /** Compare every unit of this level below the parent; its direct children by default. */
  level?: UnitLevel | undefined;
}

/**
 * The target a unit is judged against: among the plan's targets for the indicator due in P's year, the one set
 * for the unit itself, else the one set at the plan's unit; of several, the first still running at the end of P
 * (else the last due).
 */
function targetFor(
  targets: readonly TargetRow[],
  unitId: number,
  planUnitId: number,
  p: Period,
): TargetRow | null {
  for (const at of [unitId, planUnitId]) {
    const mine = targets
      .filter((t) => t.unitId === at)
      .map((t) => ({ t, due: parsePeriod(t.period) }))
      .map(({ t, due }) => ({ t, end: due.ok ? periodEnd(due.value) : '' }))
      .sort((a, b) => a.end.localeCompare(b.end));
    if (mine.length === 0) continue;
    const running = mine.find((m) => m.end >= periodEnd(p));
    return (running ?? mine[mine.length - 1])?.t ?? null;
  }
  return null;
}

/**
 * Evaluates one indicator of a plan at every unit below a unit (docs/domain.md §4, §6) — each unit's actual computed
 * from the values at and below it, judged against its own target or, failing that, the plan unit's — in one
 * query, ranked by ratio (units without a ratio last, unranked).
 */
export async function evaluateIndicatorAcrossUnits(
  ctx: AppContext,
  actor: Actor,
  input: EvaluateIndicatorAcrossUnitsInput,
): Promise<IndicatorAcrossUnits> {
  return (await evaluateIndicatorAcrossUnitsAt(ctx, actor, input)).evaluation;
}

/**
 * `evaluateIndicatorAcrossUnits`, with the unit whose read permission the evaluation was given under (`readAt`),
 * for a kept answer to be authorized again for each reader (answer-cache.ts).
 */
export async function evaluateIndicatorAcrossUnitsAt(
  ctx: AppContext,
  actor: Actor,
  input: EvaluateIndicatorAcrossUnitsInput,
): Promise<{ evaluation: IndicatorAcrossUnits; readAt: ReadCheck }> {
  const period = readPeriod(input.period);
  const plan = await resolvePlan(ctx.db, input.plan);
  const indicator = await resolveIndicator(ctx.db, input.indicator);
  const boundaries = planBoundaries(plan);
  const parent = input.parent ? await resolveUnit(ctx.db, input.parent, 'parent') : planUnit(plan);
  const readAt: ReadCheck = { path: parent.path, label: formatUnitRef(parent) };
  authorize(actor, 'read', readAt.path, readAt.label);
  unitWithinPlan(plan, parent, 'parent');

  const targets = (await listPlanTargets(ctx.db, plan.id, period.year)).filter(
    (t) => t.indicator.id === indicator.id,
  );
  const units = await listSubunits(ctx.db, parent, input.level);
  const batch = new RequestBatch();
  const keys = units.map((u) => batch.add(indicator.id, u.id, period));
  await batch.run(ctx.db);

  const evaluated = units.map((u, i): UnitEvaluation => {
    const result = batch.get(keys[i] ?? 0);
    const target = targetFor(targets, u.id, plan.unitId, period);
    const judged = judgeTarget(
      indicator,
      { target: target?.target ?? null, baseline: target?.baseline ?? null },
      result,
      boundaries,
    );
    return {
      unit: formatUnitRef(u),
      name: u.name,
      level: u.level,
      actual: judged.actual,
      target: target?.target ?? null,
      targetUnit: target ? formatUnitRef({ set: target.unitSet, code: target.unitCode }) : null,
      ratio: judged.ratio,
      band: judged.band,
      rank: null,
      actualSource: result.source,
      valueCount: result.valueCount,
      unitCount: result.unitCount,
    };
  });

  const ranked = evaluated
    .map((e, order) => ({ e, order }))
    .sort((a, b) => (b.e.ratio ?? -Infinity) - (a.e.ratio ?? -Infinity) || a.order - b.order)
    .map(({ e }) => e);
  ranked.forEach((e, i) => {
    if (e.ratio === null) return;
    const previous = ranked[i - 1];
    e.rank = previous && previous.ratio === e.ratio ? previous.rank : i + 1;
  });

  const evaluation: IndicatorAcrossUnits = {
    plan: plan.code,
    indicator: indicator.code,
    indicatorName: indicator.nameVi,
    period: period.id,
    parent: formatUnitRef(parent),
    level: input.level ?? null,
    total: ranked.length,
    bands: countBands(ranked.map((e) => e.band)),
    boundaries,
    units: ranked,
    ...actualsFromOf(batch),
  };
  return { evaluation, readAt };
}
