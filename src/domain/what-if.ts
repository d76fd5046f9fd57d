import type { ComputeIndexOptions, IndexValue, UnitIndexScore, ValuesByUnit } from './compute-index.js';
import { computeIndex, rankUnits } from './compute-index.js';
import type { LeafNode, MethodologyTree } from './index-methodology.js';
import type { DomainMessage, Result } from './result.js';
import { err, ok } from './result.js';

/**
 * Where a suggested value comes from: `nextBetter` — the value of the unit just above on that leaf;
 * `best` — the best unit's value on that leaf; `step` — the current value raised by a fixed step.
 */
export type WhatIfScenario = 'nextBetter' | 'best' | 'step';

export type WhatIfOptions = ComputeIndexOptions & {
  /** The raise of the `step` scenario, in the indicator's own unit (0.05 on a `value` leaf is 5 points of 100). */
  step: number;
  /** A different step for some indicators (by indicator code). */
  stepByIndicator?: ReadonlyMap<string, number>;
  /** How many suggestions to return at most. */
  top: number;
  /** Rank ties as in `rankUnits` (default 4 decimals). */
  decimals?: number;
};

export type WhatIfSuggestion = {
  nodeCode: string;
  indicatorCode: string;
  /** Every scenario that leads to this same value, in the order nextBetter, best, step. */
  scenarios: readonly WhatIfScenario[];
  fromValue: IndexValue;
  toValue: number | boolean;
  /** The unit whose value is copied (nextBetter or best); null for a pure step. */
  sourceUnitCode: string | null;
  /** The root score and rank the unit would have. */
  score: number;
  scoreGain: number;
  rank: number;
  /** Places gained: current rank − new rank. */
  rankGain: number;
};

const EPS = 1e-12;

type Candidate = { scenario: WhatIfScenario; toValue: number | boolean; sourceUnitCode: string | null };

function usable(leaf: LeafNode, v: IndexValue | undefined): v is number | boolean {
  if (leaf.normalization === 'boolean') return v === true || v === false || v === 0 || v === 1;
  return typeof v === 'number' && Number.isFinite(v);
}

/** Orders "effort": false before true, smaller numbers first. */
function effort(v: number | boolean): number {
  return typeof v === 'boolean' ? Number(v) : v;
}

function candidatesFor(
  leaf: LeafNode,
  unitCode: string,
  valuesByUnit: ValuesByUnit,
  base: readonly UnitIndexScore[],
  step: number,
): Candidate[] {
  const mine = base.find((u) => u.unitCode === unitCode);
  const myLeafScore = mine?.nodes.get(leaf.code) ?? 0;
  const better: { unitCode: string; value: number | boolean; leafScore: number }[] = [];
  for (const unit of base) {
    if (unit.unitCode === unitCode) continue;
    const value = valuesByUnit.get(unit.unitCode)?.get(leaf.indicatorCode);
    const leafScore = unit.nodes.get(leaf.code) ?? 0;
    if (usable(leaf, value) && leafScore > myLeafScore + EPS)
      better.push({ unitCode: unit.unitCode, value, leafScore });
  }
  const out: Candidate[] = [];
  if (better.length > 0) {
    // Among units with the same leaf score, copy the smallest value (the least effort reaching it).
    const byEffort = (a: (typeof better)[number], b: (typeof better)[number]): number =>
      effort(a.value) - effort(b.value) || (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0);
    const next = [...better].sort((a, b) => a.leafScore - b.leafScore || byEffort(a, b))[0];
    const best = [...better].sort((a, b) => b.leafScore - a.leafScore || byEffort(a, b))[0];
    if (next) out.push({ scenario: 'nextBetter', toValue: next.value, sourceUnitCode: next.unitCode });
    if (best) out.push({ scenario: 'best', toValue: best.value, sourceUnitCode: best.unitCode });
  }
  const current = valuesByUnit.get(unitCode)?.get(leaf.indicatorCode);
  if (leaf.normalization === 'boolean') {
    if (current !== true && current !== 1)
      out.push({ scenario: 'step', toValue: true, sourceUnitCode: null });
  } else if (typeof current === 'number' && Number.isFinite(current)) {
    const cap = leaf.normalization === 'value' ? 1 : leaf.normalization === 'ratio' ? leaf.reference : null;
    const raised = cap === null ? current + step : Math.min(current + step, cap);
    if (raised > current) out.push({ scenario: 'step', toValue: raised, sourceUnitCode: null });
  }
  return out;
}

function message(code: string, message_vi: string, message_en: string): DomainMessage {
  return { code, message_vi, message_en };
}

/**
 * For one unit, the gain in root score (a fraction of 1) and in rank from raising each scored leaf's value
 * to the next better-ranked unit's value on that leaf, to the best unit's value, or by a fixed step
 * (capped at 1 on `value` leaves and at the reference on `ratio` leaves; booleans step to true; a missing
 * value has no step), recomputing every unit so that `minmax` leaves renormalise (docs/domain.md §8). Changes
 * that gain neither score nor rank are dropped; the rest are sorted by rank gain, then score gain, then
 * tree order, and the first `top` returned.
 */
export function whatIf(
  tree: MethodologyTree,
  valuesByUnit: ValuesByUnit,
  unitCode: string,
  opts: WhatIfOptions,
): Result<WhatIfSuggestion[], DomainMessage> {
  const myValues = valuesByUnit.get(unitCode);
  if (myValues === undefined) {
    return err(
      message(
        'unknownUnit',
        `Đơn vị "${unitCode}" không có trong các đơn vị được so sánh.`,
        `Unit "${unitCode}" is not among the units compared.`,
      ),
    );
  }
  const steps = [opts.step, ...(opts.stepByIndicator?.values() ?? [])];
  if (steps.some((s) => !Number.isFinite(s) || s <= 0)) {
    return err(message('badStep', 'Bước tăng phải là một số dương.', 'The step must be a positive number.'));
  }
  if (!Number.isInteger(opts.top) || opts.top < 0) {
    return err(
      message(
        'badTop',
        'Số gợi ý tối đa phải là số nguyên không âm.',
        'The number of suggestions must be a whole number ≥ 0.',
      ),
    );
  }
  const rankOpts = opts.decimals === undefined ? {} : { decimals: opts.decimals };
  const base = computeIndex(tree, valuesByUnit, opts);
  const current = rankUnits(base, rankOpts).find((u) => u.unitCode === unitCode);
  if (current === undefined) return ok([]);

  const seen = new Map<string, WhatIfSuggestion & { order: number }>();
  tree.leaves.forEach((leaf, order) => {
    if (leaf.rootShare <= 0) return;
    const step = opts.stepByIndicator?.get(leaf.indicatorCode) ?? opts.step;
    for (const candidate of candidatesFor(leaf, unitCode, valuesByUnit, base, step)) {
      // The same indicator may feed several leaves: one suggestion per indicator and value.
      const key = `${leaf.indicatorCode}\u0000${String(candidate.toValue)}`;
      const known = seen.get(key);
      if (known) {
        if (!known.scenarios.includes(candidate.scenario))
          known.scenarios = [...known.scenarios, candidate.scenario];
        if (known.sourceUnitCode === null) known.sourceUnitCode = candidate.sourceUnitCode;
        continue;
      }
      const changed = new Map(valuesByUnit);
      changed.set(unitCode, new Map(myValues).set(leaf.indicatorCode, candidate.toValue));
      const after = rankUnits(computeIndex(tree, changed, opts), rankOpts).find(
        (u) => u.unitCode === unitCode,
      );
      if (after === undefined) continue;
      seen.set(key, {
        nodeCode: leaf.code,
        indicatorCode: leaf.indicatorCode,
        scenarios: [candidate.scenario],
        fromValue: myValues.get(leaf.indicatorCode) ?? null,
        toValue: candidate.toValue,
        sourceUnitCode: candidate.sourceUnitCode,
        score: after.score,
        scoreGain: after.score - current.score,
        rank: after.rank,
        rankGain: current.rank - after.rank,
        order,
      });
    }
  });
  return ok(
    [...seen.values()]
      .filter((s) => s.rankGain > 0 || s.scoreGain > EPS)
      .sort((a, b) => b.rankGain - a.rankGain || b.scoreGain - a.scoreGain || a.order - b.order)
      .slice(0, opts.top)
      .map(({ order: _order, ...suggestion }) => suggestion),
  );
}
