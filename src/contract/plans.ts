import type { ValueType } from '../domain/aggregate.js';

// Plans and targets as the API and `dxmon plans|targets … --json` answer them (docs/domain.md §5).

/** A plan of a unit over a span of years, with its own band bounds (null for the defaults). */
export interface PlanSummary {
  code: string;
  name: string;
  /** The unit the plan belongs to, as users write it (`15`, `pre2025:10`). */
  unit: string;
  unitName: string;
  startYear: number;
  endYear: number;
  /** Lower bound of each band as a ratio (1 = 100%): `exceeded`, `over80`, `from50to80`; null for the defaults. */
  bands: Record<string, number> | null;
  targetCount: number;
}

/** A target as the API and CLI show it; booleans as true/false, ratios as percentages. */
export interface TargetSummary {
  plan: string;
  indicator: string;
  indicatorName: string;
  valueType: ValueType;
  unit: string;
  unitName: string;
  period: string;
  target: number | boolean | null;
  baseline: number | boolean | null;
  baselinePeriod: string | null;
  leadUnit: string | null;
  note: string | null;
}

/** What a batch of targets did to each (`PUT /plans/{code}/targets/batch`), in the order sent. */
export interface TargetBatchSaved {
  indicator: string;
  unit: string;
  period: string;
  action: 'create' | 'update' | 'none';
}

/** The answer of `PUT /plans/{code}/targets/batch`: what was done and the targets as they now stand. */
export interface TargetBatchAnswer {
  saved: TargetBatchSaved[];
  targets: TargetSummary[];
}
