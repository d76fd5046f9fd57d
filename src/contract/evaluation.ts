/**
 * Where an evaluation's actuals came from: `rollup` when the rollup rows answered what they can (the rest computed
 * from the values), `values` when all were computed from the values because the rollup rows are being rebuilt.
 */
export type ActualsFrom = 'rollup' | 'values';

/** The notice an evaluation carries while the rollup rows are being rebuilt, in both languages. */
export interface EvaluationNotice {
  message_vi: string;
  message_en: string;
}

/** One data value an actual was computed from: where, when, what, and who entered it from where. */
export interface TracedValue {
  unit: string;
  unitName: string;
  unitLevel: string;
  period: string;
  /** `entered`: the value of exactly this unit and period, used as is; `contributing`: one the actual was derived from. */
  role: 'entered' | 'contributing';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  /** Who first entered the value, and when (ISO 8601). */
  createdBy: string | null;
  createdAt: string;
  /** Who changed it last, and when. */
  updatedBy: string | null;
  updatedAt: string;
  /** How the value arrived: web, import, api, cli or demo. */
  source: string;
}

/** An actual with every value it came from (issue 4, provenance). */
export interface ActualTrace {
  plan: string;
  indicator: string;
  unit: string;
  unitName: string;
  period: string;
  actual: number | boolean | null;
  source: 'entered' | 'derived' | null;
  valueCount: number;
  unitCount: number;
  /** Values below the unit that a percent or number indicator does not roll up (docs/domain.md §4). */
  ignoredCount: number;
  values: TracedValue[];
}
