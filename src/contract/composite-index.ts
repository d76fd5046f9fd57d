import type { IndexValue } from '../domain/compute-index.js';
import type { MethodologyNode, MethodologyProblem, Normalization } from '../domain/index-methodology.js';
import type { DomainMessage } from '../domain/result.js';
import type { UnitLevel } from '../domain/unit-vocabulary.js';
import type { WhatIfScenario } from '../domain/what-if.js';

// Composite indices (DTI) as the API and `dxmon index … --json` answer them (docs/composite-index.md).

/** A methodology as listed: its newest version and the years published on it. */
export interface MethodologySummary {
  code: string;
  name: string;
  description: string | null;
  basedOn: string | null;
  level: UnitLevel;
  version: number;
  /** Years already published (frozen), with the level and the version each was computed with. */
  published: { year: number; level: string; version: number }[];
}

/** A node with what the tree makes of it: depth, whether it counts, and its share of the root score. */
export interface MethodologyNodeView {
  code: string;
  parentCode: string | null;
  name: string;
  weight: number;
  indicatorCode: string | null;
  normalization: Normalization | null;
  reference: number | null;
  depth: number;
  scored: boolean;
  /** The fraction of the root score this node carries (0.1 for a 100-point index out of 1000). */
  rootShare: number;
  leaf: boolean;
}

/** One version of a methodology: who saved it, why, and the years published on it. */
export interface MethodologyVersionSummary {
  version: number;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  publishedYears: number[];
}

/** One methodology with its versions and the nodes of one version (the newest unless named). */
export interface MethodologyDetail extends Omit<MethodologySummary, 'published'> {
  versions: MethodologyVersionSummary[];
  nodes: MethodologyNodeView[];
}

/** An edit of a methodology's tree: nodes to add or replace (by code), codes to remove with their subtrees. */
export interface MethodologyEdit {
  upsert?: readonly MethodologyNode[];
  remove?: readonly string[];
  /** The version the edit was made on; refused as stale when a newer one exists. */
  baseVersion?: number;
  note?: string;
}

/** What saving an edit answers: the version now newest, and whether the edit changed anything. */
export interface MethodologyEditResult {
  code: string;
  version: number;
  changed: boolean;
  nodes: number;
}

/** What copying a methodology answers. */
export interface MethodologyCopyResult {
  code: string;
  basedOn: string;
  version: number;
  nodes: number;
}

/** What validating a methodology, or an edit of it, finds. */
export interface MethodologyValidation {
  code: string;
  /** The version checked, or the one the edit applies to. */
  version: number;
  valid: boolean;
  problems: MethodologyProblem[];
  /** Indicators the leaves name that are not defined: their values will all be missing. */
  unknownIndicators: string[];
}

/** One unit's result. */
export interface IndexResultItem {
  unit: string;
  name: string;
  /** The root score in [0, 1]. */
  score: number;
  rank: number;
  previousScore: number | null;
  previousRank: number | null;
  /** (score − previousScore) / previousScore as a fraction (0.6629 = +66.29 %). */
  change: number | null;
  /** Places moved up since last year (negative: down). */
  rankChange: number | null;
  /** The score at every node below the root (pillars, main indices, leaves). */
  nodes: Record<string, number>;
  /** The rank at every node below the root (per-pillar ranks). */
  nodeRanks: Record<string, number>;
  /** Leaves without a value, each scored 0. */
  missing: string[];
}

export interface IndexNodeHeader {
  code: string;
  name: string;
  parentCode: string | null;
  depth: number;
  scored: boolean;
  rootShare: number;
  leaf: boolean;
}

/** A ranking: every unit compared, best first. */
export interface IndexResults {
  methodology: string;
  name: string;
  version: number;
  year: number;
  level: UnitLevel;
  /** The unit whose subtree was compared, or null for every unit of the level. */
  within: string | null;
  /** True when these are the frozen results of a published year. */
  published: boolean;
  computedAt: string;
  nodes: IndexNodeHeader[];
  results: IndexResultItem[];
}

/**
 * A ranking as read: `total` counts the units with at least one value; with none (`total` 0) nothing is ranked
 * (`results` empty) and `reason` says why and what to try.
 */
export interface RankedIndexResults extends IndexResults {
  total: number;
  reason: DomainMessage | null;
}

/** One single change and what it would give. */
export interface WhatIfIndexSuggestion {
  node: string;
  nodeName: string;
  indicator: string;
  scenarios: WhatIfScenario[];
  fromValue: IndexValue;
  toValue: number | boolean;
  /** The unit whose value would be matched (next better or best), or null for a plain step. */
  sourceUnit: string | null;
  sourceName: string | null;
  score: number;
  scoreGain: number;
  rank: number;
  rankGain: number;
}

/** What would lift a unit most in a year's ranking. */
export interface WhatIfIndexResult {
  methodology: string;
  version: number;
  year: number;
  level: UnitLevel;
  unit: string;
  name: string;
  score: number;
  rank: number;
  /** Units compared. */
  compared: number;
  suggestions: WhatIfIndexSuggestion[];
}
