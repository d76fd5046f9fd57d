import { yearOverYearChange } from './change.js';
import type { LeafNode, MethodologyTree, TreeNode } from './index-methodology.js';

/** An indicator value as the index reads it: numbers for value/ratio/minmax leaves, booleans for boolean leaves. */
export type IndexValue = number | boolean | null;

/** Values per unit code, then per indicator code. */
export type ValuesByUnit = ReadonlyMap<string, ReadonlyMap<string, IndexValue>>;

export type ComputeIndexOptions = {
  /**
   * The score of a `minmax` leaf when every unit compared has the same value (max = min), default 1:
   * each of them is as good as the best, and a single unit compared with itself scores 1.
   */
  minmaxAllEqualScore?: number;
};

/** A value the index could read but had to correct (`outOfRange`, clamped) or could not use (`wrongType`, scored 0). */
export type LeafIssue = {
  nodeCode: string;
  indicatorCode: string;
  kind: 'outOfRange' | 'wrongType';
  value: number | boolean;
};

/** One unit's result: the root score in [0, 1], the score of every node (leaves included), what was missing or corrected. */
export type UnitIndexScore = {
  unitCode: string;
  score: number;
  nodes: ReadonlyMap<string, number>;
  /** Codes of the leaves (scored or not) with no value: each scored 0. */
  missing: readonly string[];
  issues: readonly LeafIssue[];
};

type Range = { min: number; max: number };

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function isNumber(v: IndexValue | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The min and max of each `minmax` leaf's indicator over the units that have a finite number for it. */
function minmaxRanges(tree: MethodologyTree, valuesByUnit: ValuesByUnit): Map<string, Range> {
  const ranges = new Map<string, Range>();
  for (const leaf of tree.leaves) {
    if (leaf.normalization !== 'minmax') continue;
    let min = Infinity;
    let max = -Infinity;
    for (const values of valuesByUnit.values()) {
      const v = values.get(leaf.indicatorCode);
      if (!isNumber(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min <= max) ranges.set(leaf.code, { min, max });
  }
  return ranges;
}

type LeafOutcome = { score: number; missing: boolean; issue: LeafIssue['kind'] | null };

function normalizeLeaf(
  leaf: LeafNode,
  v: IndexValue | undefined,
  range: Range | undefined,
  allEqualScore: number,
): LeafOutcome {
  if (v == null) return { score: 0, missing: true, issue: null };
  if (leaf.normalization === 'boolean') {
    if (v === true || v === 1) return { score: 1, missing: false, issue: null };
    if (v === false || v === 0) return { score: 0, missing: false, issue: null };
    return { score: 0, missing: false, issue: 'wrongType' };
  }
  if (!isNumber(v)) return { score: 0, missing: false, issue: 'wrongType' };
  switch (leaf.normalization) {
    case 'value':
      return { score: clamp01(v), missing: false, issue: v < 0 || v > 1 ? 'outOfRange' : null };
    case 'ratio': {
      const reference = leaf.reference ?? 1;
      return { score: clamp01(v / reference), missing: false, issue: v < 0 ? 'outOfRange' : null };
    }
    case 'minmax': {
      if (range === undefined) return { score: 0, missing: false, issue: null };
      const span = range.max - range.min;
      return {
        score: span > 0 ? clamp01((v - range.min) / span) : allEqualScore,
        missing: false,
        issue: null,
      };
    }
  }
}

/**
 * Scores every unit on a methodology (docs/domain.md §8): each leaf's value is normalised to [0, 1] (value
 * clamped and flagged when outside [0, 1]; ratio v/reference capped at 1; minmax (v − min)/(max − min) over
 * the units given, all equal → `minmaxAllEqualScore`; boolean 1/0), a missing value scores 0 and is listed,
 * and a node's score is the weighted mean of its scored children (weights normalised among them; unscored
 * children are computed but do not count). Units come back in the order of `valuesByUnit`.
 */
export function computeIndex(
  tree: MethodologyTree,
  valuesByUnit: ValuesByUnit,
  opts: ComputeIndexOptions = {},
): UnitIndexScore[] {
  const allEqualScore = opts.minmaxAllEqualScore ?? 1;
  const ranges = minmaxRanges(tree, valuesByUnit);
  const results: UnitIndexScore[] = [];
  for (const [unitCode, values] of valuesByUnit) {
    const nodes = new Map<string, number>();
    const missing: string[] = [];
    const issues: LeafIssue[] = [];
    const record = (node: TreeNode): number => {
      // Reserve the node's slot before its children so that `nodes` lists codes in pre-order.
      nodes.set(node.code, 0);
      let s = 0;
      if (node.kind === 'leaf') {
        const v = values.get(node.indicatorCode);
        const outcome = normalizeLeaf(node, v, ranges.get(node.code), allEqualScore);
        if (outcome.missing) missing.push(node.code);
        if (outcome.issue !== null && v != null) {
          issues.push({
            nodeCode: node.code,
            indicatorCode: node.indicatorCode,
            kind: outcome.issue,
            value: v,
          });
        }
        s = outcome.score;
      } else {
        for (const child of node.children) {
          const childScore = record(child);
          if (child.scored) s += child.share * childScore;
        }
        s = clamp01(s);
      }
      nodes.set(node.code, s);
      return s;
    };
    const rootScore = record(tree.root);
    results.push({ unitCode, score: rootScore, nodes, missing, issues });
  }
  return results;
}

/** The key two scores are compared on: equal keys are a tie. */
function tieKey(score: number, decimals: number): number {
  // toPrecision(12) removes float noise (0.71635 * 1e4 = 7163.499999…) before rounding half up.
  return Math.round(Number((score * 10 ** decimals).toPrecision(12)));
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Competition ranks (1, 2, 2, 4) of keyed scores, descending, where two scores tie when they are equal
 * after rounding to `decimals` decimals (docs/domain.md §8).
 */
export function competitionRanks(
  entries: readonly { key: string; score: number }[],
  decimals: number,
): Map<string, number> {
  const keyed = entries.map((e) => ({ key: e.key, k: tieKey(e.score, decimals) }));
  keyed.sort((a, b) => b.k - a.k || compareCodes(a.key, b.key));
  const ranks = new Map<string, number>();
  let previous: number | null = null;
  let rank = 0;
  keyed.forEach((e, i) => {
    if (e.k !== previous) rank = i + 1;
    previous = e.k;
    ranks.set(e.key, rank);
  });
  return ranks;
}

export type RankOptions = {
  /** Scores equal after rounding to this many decimals share a rank; default 4, as the published DTI. */
  decimals?: number;
};

export type Ranked<T> = T & { rank: number; nodeRanks: ReadonlyMap<string, number> };

/**
 * Ranks units by root score, descending, best first (docs/domain.md §8): scores equal to `decimals` decimals
 * (default 4) share a rank and the next rank skips (1, 2, 2, 4); tied units are listed by unit code. Each
 * unit also gets its rank at every node (per-pillar ranks), by the same rule.
 */
export function rankUnits<T extends { unitCode: string; score: number; nodes: ReadonlyMap<string, number> }>(
  scores: readonly T[],
  opts: RankOptions = {},
): Ranked<T>[] {
  const decimals = opts.decimals ?? 4;
  const rootRanks = competitionRanks(
    scores.map((s) => ({ key: s.unitCode, score: s.score })),
    decimals,
  );
  const nodeCodes = new Set<string>();
  for (const s of scores) for (const code of s.nodes.keys()) nodeCodes.add(code);
  const nodeRanksByNode = new Map<string, Map<string, number>>();
  for (const code of nodeCodes) {
    const entries: { key: string; score: number }[] = [];
    for (const s of scores) {
      const v = s.nodes.get(code);
      if (v !== undefined) entries.push({ key: s.unitCode, score: v });
    }
    nodeRanksByNode.set(code, competitionRanks(entries, decimals));
  }
  const ranked = scores.map((s) => {
    const nodeRanks = new Map<string, number>();
    for (const [code, ranks] of nodeRanksByNode) {
      const r = ranks.get(s.unitCode);
      if (r !== undefined) nodeRanks.set(code, r);
    }
    return { ...s, rank: rootRanks.get(s.unitCode) ?? scores.length, nodeRanks };
  });
  return ranked.sort((a, b) => a.rank - b.rank || compareCodes(a.unitCode, b.unitCode));
}

/** Last year's result of a unit, as computed or as published. */
export type PreviousResult = { unitCode: string; score: number; rank?: number | null };

export type WithPreviousYear<T> = T & {
  previousScore: number | null;
  previousRank: number | null;
  /** (score − previousScore) / previousScore as a fraction (0.6629 = +66.29 %); null when absent or 0. */
  change: number | null;
  /** previousRank − rank: positive when the unit moved up; null when either is unknown. */
  rankChange: number | null;
};

/**
 * Adds last year's score and rank to each result and the relative change (v − prev) / prev as a fraction,
 * null when last year's score is absent or 0 (docs/domain.md §8: each result keeps last year's value).
 */
export function withPreviousYear<T extends { unitCode: string; score: number; rank: number }>(
  current: readonly T[],
  previous: readonly PreviousResult[],
): WithPreviousYear<T>[] {
  const byUnit = new Map(previous.map((p) => [p.unitCode, p] as const));
  return current.map((c) => {
    const p = byUnit.get(c.unitCode);
    const previousScore = p?.score ?? null;
    const previousRank = p?.rank ?? null;
    const change = yearOverYearChange(c.score, previousScore);
    return {
      ...c,
      previousScore,
      previousRank,
      change: change.kind === 'change' ? change.fraction : null,
      rankChange: previousRank === null ? null : previousRank - c.rank,
    };
  });
}
