import type { ValueType } from '../domain/aggregate.js';
import type { ReviewState } from '../domain/approval.js';
import type { MissingValueStrategy } from '../domain/validation-rule.js';

// A unit's entry form for a period (`GET /values/entry-form`, docs/data-entry.md "The entry form").

/** A text in both languages, as the API's messages come. */
export interface EntryMessage {
  message_vi: string;
  message_en: string;
}

/** A stored value as a cell shows it; null parts when there is none yet. */
export interface EntryValue {
  value: number | boolean | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  /** Null when nothing is stored yet (send null to create it). */
  version: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** One cell of the form: an indicator the unit reports for the period, its rules, target and values. */
export interface EntryCell extends EntryValue {
  indicator: string;
  nameVi: string;
  nameEn: string | null;
  valueType: ValueType;
  measureUnit: string | null;
  min: number | null;
  max: number | null;
  target: number | null;
  targetPeriod: string | null;
  /** The value of the period before (same type), for comparison. */
  previous: { period: string; value: number | boolean | null } | null;
  /** Why the value may not change (an approved review), or null. */
  lock: EntryMessage | null;
}

export interface EntryGroup {
  code: string | null;
  nameVi: string | null;
  nameEn: string | null;
  cells: EntryCell[];
}

export interface EntryRule {
  code: string;
  nameVi: string;
  nameEn: string | null;
  leftSide: string;
  operator: string;
  rightSide: string;
  missingValueStrategy: MissingValueStrategy;
}

export interface RegisterGridCell {
  indicator: string;
  value: boolean | null;
  version: number | null;
  lock: EntryMessage | null;
}

export interface EntryForm {
  unit: { code: string; name: string; level: string };
  period: string;
  plan: { code: string; name: string } | null;
  plans: { code: string; name: string }[];
  /** The plan's periods that have begun (quarters, halves, the year), newest first, with the unit's review state. */
  periods: { id: string; state: ReviewState }[];
  groups: EntryGroup[];
  rules: EntryRule[];
  /** The stored values (by indicator code) the rules read at this unit and period. */
  ruleValues: Record<string, number>;
  registers: {
    indicators: { code: string; nameVi: string; nameEn: string | null }[];
    villages: { code: string; name: string; cells: RegisterGridCell[] }[];
  };
}
