import type { Direction } from '../domain/achievement.js';
import type { TimeAggregation, ValueType } from '../domain/aggregate.js';
import type { MissingValueStrategy } from '../domain/validation-rule.js';

// The indicator catalogue as the API and `dxmon indicators … --json` answer it (docs/domain.md §4).

/** An indicator as the API and CLI show it (docs/domain.md §4). */
export interface IndicatorSummary {
  code: string;
  nameVi: string;
  nameEn: string | null;
  valueType: ValueType;
  measureUnit: string | null;
  direction: Direction;
  timeAggregation: TimeAggregation;
  group: string | null;
  description: string | null;
  /** The plausible range set on the indicator's values (docs/domain.md §4); null where none is set. */
  min: number | null;
  max: number | null;
}

/** What a group of indicators is: a pillar, a foundation (docs/domain.md §4), or the workspace's own. */
export type IndicatorGroupKind = 'pillar' | 'foundation' | 'custom';

/** A group of indicators as the API shows it. */
export interface IndicatorGroupSummary {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: IndicatorGroupKind;
  /** Its place in lists, smallest first. */
  sort: number;
}

/** A validation rule as the API and CLI show it. */
export interface ValidationRuleSummary {
  code: string;
  nameVi: string;
  nameEn: string | null;
  description: string | null;
  leftSide: string;
  operator: string;
  rightSide: string;
  missingValueStrategy: MissingValueStrategy;
  indicators: string[];
}
