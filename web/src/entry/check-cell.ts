import { validateValue, type NormalizedValue } from '../../../src/domain/validate-value.js';
import type { ValueType } from '../../../src/domain/aggregate.js';
import type { DomainMessage } from '../../../src/domain/result.js';
import {
  checkValidationRule,
  parseValidationRule,
  ruleViolationMessage,
  type RuleText,
} from '../../../src/domain/validation-rule.js';

// Only src/domain is imported here (no page code), so the checks are tested in Node (test/web/check-cell.test.ts).

/** What the checks read of a cell: its indicator, value type and plausible range. */
export interface CheckedCell {
  indicator: string;
  valueType: ValueType;
  min: number | null;
  max: number | null;
}

/** A validation rule as the entry form sends it. */
export type CheckedRule = RuleText & { code: string; nameVi: string; nameEn: string | null };

/** What a cell holds as the user typed it: one text, or a ratio's two. */
export interface CellDraft {
  value: string;
  numerator: string;
  denominator: string;
}

/** The outcome of the checks a cell passes before it is sent: its stored number, or the messages to show. */
export type CellCheck =
  { ok: true; stored: number } | { ok: false; messages: Pick<DomainMessage, 'message_vi' | 'message_en'>[] };

function storedNumber(n: NormalizedValue): number {
  return n.kind === 'boolean' ? (n.value ? 1 : 0) : n.value;
}

/**
 * Checks a cell as the server will (docs/data-entry.md, "Checks on every save"), with the same code: the value type
 * and the indicator's plausible range (`validateValue`), then the validation rules naming the indicator against the
 * unit's other stored values for the period (`checkValidationRule`, messages from `ruleViolationMessage`).
 */
export function checkCell(
  cell: CheckedCell,
  draft: CellDraft,
  rules: readonly CheckedRule[],
  values: Readonly<Record<string, number>>,
): CellCheck {
  const checked = validateValue(
    { valueType: cell.valueType, min: cell.min, max: cell.max },
    cell.valueType === 'ratio'
      ? { numerator: draft.numerator, denominator: draft.denominator }
      : { value: draft.value },
  );
  if (!checked.ok) return { ok: false, messages: checked.problems };
  const stored = storedNumber(checked.normalized);
  const withThis = new Map(Object.entries(values));
  withThis.set(cell.indicator, stored);
  const messages: Pick<DomainMessage, 'message_vi' | 'message_en'>[] = [];
  for (const rule of rules) {
    const parsed = parseValidationRule(rule);
    if (!parsed.ok || !parsed.value.codes.includes(cell.indicator)) continue;
    const result = checkValidationRule(parsed.value, withThis);
    if (result.kind === 'fail') messages.push(ruleViolationMessage(rule, result.left, result.right));
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, stored };
}
