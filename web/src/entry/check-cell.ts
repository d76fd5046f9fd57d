import { validateValue, type NormalizedValue } from '../../../src/domain/validate-value.js';
import {
  checkValidationRule,
  parseValidationRule,
  ruleViolationMessage,
} from '../../../src/domain/validation-rule.js';
import type { Bilingual, EntryCell, EntryRule } from '../api/entry';

/** What a cell holds as the user typed it: one text, or a ratio's two. */
export interface CellDraft {
  value: string;
  numerator: string;
  denominator: string;
}

/** The outcome of the checks a cell passes before it is sent: its stored number, or the messages to show. */
export type CellCheck = { ok: true; stored: number } | { ok: false; messages: Bilingual[] };

function storedNumber(n: NormalizedValue): number {
  return n.kind === 'boolean' ? (n.value ? 1 : 0) : n.value;
}

/**
 * Checks a cell as the server will (docs/data-entry.md, "Checks on every save"), with the same code: the value type
 * and the indicator's plausible range (`validateValue`), then the validation rules naming the indicator against the
 * unit's other stored values for the period (`checkValidationRule`, messages from `ruleViolationMessage`).
 */
export function checkCell(
  cell: EntryCell,
  draft: CellDraft,
  rules: readonly EntryRule[],
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
  const messages: Bilingual[] = [];
  for (const rule of rules) {
    const parsed = parseValidationRule(rule);
    if (!parsed.ok || !parsed.value.codes.includes(cell.indicator)) continue;
    const result = checkValidationRule(parsed.value, withThis);
    if (result.kind === 'fail') messages.push(ruleViolationMessage(rule, result.left, result.right));
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, stored };
}
