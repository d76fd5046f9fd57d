import { formatUnitRef } from '../../domain/unit-ref.js';
import {
  checkValidationRule,
  parseValidationRule,
  ruleViolationMessage,
  type ParsedRule,
} from '../../domain/validation-rule.js';
import { listValidationRules, type ValidationRuleRow } from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';
import { valuesForCells } from '../../store/values.queries.js';

/** A validation rule a unit's values for a period break, with both sides' values and the message in vi/en. */
export interface RuleViolation {
  rule: string;
  unitId: number;
  /** The unit as users write it (`15`, `pre2025:10`). */
  unit: string;
  period: string;
  leftSide: string;
  operator: string;
  rightSide: string;
  left: number;
  right: number;
  message_vi: string;
  message_en: string;
}

/**
 * A value just written — or about to be: which indicator (by code) of which unit and period, and, for one not
 * written yet, the value it will have (null: none), read instead of the stored one.
 */
export interface TouchedValue {
  unitId: number;
  period: string;
  indicatorCode: string;
  value?: number | null;
}

/** A validation rule the values of one unit and period break, before it is put into words. */
export interface RuleFailure {
  rule: ValidationRuleRow;
  /** The indicator codes the rule's sides name. */
  codes: readonly string[];
  unitId: number;
  period: string;
  left: number;
  right: number;
}

const cellKey = (unitId: number, period: string): string => `${unitId}|${period}`;

/**
 * The validation rules that name any of the touched indicators, checked for each touched unit and period
 * against the values now stored (call it inside the transaction that wrote them; docs/domain.md §4), or as they
 * will stand once the touched values that carry a `value` are written (an import checks before it writes): every
 * failure, per cell in the order first touched and per rule in code order. Rules with a value missing are
 * skipped as their strategy says (DHIS2's default: skip if any is missing). Two queries whatever the number
 * of values (one when no rule names a touched indicator).
 */
export async function findRuleFailures(
  q: Queryable,
  touched: readonly TouchedValue[],
): Promise<RuleFailure[]> {
  if (touched.length === 0) return [];
  const rows = await listValidationRules(q, {
    indicatorCodes: [...new Set(touched.map((t) => t.indicatorCode))],
  });
  if (rows.length === 0) return [];
  const rules: { row: ValidationRuleRow; parsed: ParsedRule }[] = [];
  for (const row of rows) {
    const parsed = parseValidationRule(row);
    // Rules are checked when written, so one that no longer parses is a bug, not the user's value's fault.
    if (parsed.ok) rules.push({ row, parsed: parsed.value });
  }
  const touchedCodes = new Map<string, { unitId: number; period: string; codes: Set<string> }>();
  for (const t of touched) {
    const key = cellKey(t.unitId, t.period);
    const cell = touchedCodes.get(key) ?? { unitId: t.unitId, period: t.period, codes: new Set<string>() };
    cell.codes.add(t.indicatorCode);
    touchedCodes.set(key, cell);
  }
  const work: { unitId: number; period: string; rules: typeof rules }[] = [];
  const needed = new Set<string>();
  for (const cell of touchedCodes.values()) {
    const relevant = rules.filter((r) => r.parsed.codes.some((c) => cell.codes.has(c)));
    if (relevant.length === 0) continue;
    for (const r of relevant) for (const c of r.parsed.codes) needed.add(c);
    work.push({ unitId: cell.unitId, period: cell.period, rules: relevant });
  }
  if (work.length === 0) return [];
  const stored = await valuesForCells(q, work, [...needed]);
  const valuesByCell = new Map<string, Map<string, number>>();
  for (const v of stored) {
    const key = cellKey(v.unitId, v.period);
    const map = valuesByCell.get(key) ?? new Map<string, number>();
    map.set(v.indicatorCode, v.value);
    valuesByCell.set(key, map);
  }
  for (const t of touched) {
    if (t.value === undefined) continue;
    const key = cellKey(t.unitId, t.period);
    const map = valuesByCell.get(key) ?? new Map<string, number>();
    if (t.value === null) map.delete(t.indicatorCode);
    else map.set(t.indicatorCode, t.value);
    valuesByCell.set(key, map);
  }
  const failures: RuleFailure[] = [];
  for (const cell of work) {
    const values = valuesByCell.get(cellKey(cell.unitId, cell.period)) ?? new Map<string, number>();
    for (const { row, parsed } of cell.rules) {
      const result = checkValidationRule(parsed, values);
      if (result.kind !== 'fail') continue;
      failures.push({
        rule: row,
        codes: parsed.codes,
        unitId: cell.unitId,
        period: cell.period,
        left: result.left,
        right: result.right,
      });
    }
  }
  return failures;
}

/**
 * Checks the validation rules that name any of the touched indicators, for each touched unit and period,
 * against the values now stored (see findRuleFailures), and returns every violation with its message naming
 * the unit and period, none when all hold. One more query, for the units' codes, when a rule fails.
 */
export async function checkRulesForCells(
  q: Queryable,
  touched: readonly TouchedValue[],
): Promise<RuleViolation[]> {
  const failures = await findRuleFailures(q, touched);
  if (failures.length === 0) return [];
  const units = await q.query<{ id: number; set: string; code: string }>(
    'SELECT id, set_code AS "set", code FROM unit WHERE id = ANY($1::bigint[])',
    [[...new Set(failures.map((f) => f.unitId))]],
  );
  const refOf = new Map(units.map((u) => [u.id, formatUnitRef(u)]));
  return failures.map(({ rule, unitId, period, left, right }) => {
    const unit = refOf.get(unitId) ?? String(unitId);
    const message = ruleViolationMessage(rule, left, right);
    return {
      rule: rule.code,
      unitId,
      unit,
      period,
      leftSide: rule.leftSide,
      operator: rule.operator,
      rightSide: rule.rightSide,
      left,
      right,
      message_vi: `Đơn vị ${unit}, kỳ ${period}: ${message.message_vi}`,
      message_en: `Unit ${unit}, period ${period}: ${message.message_en}`,
    };
  });
}

/**
 * Checks the validation rules touching these indicators (by code) for one unit and period against the stored
 * values (docs/domain.md §4); see checkRulesForCells, which does the same for many units and periods at once.
 */
export async function checkRulesForValues(
  q: Queryable,
  unitId: number,
  period: string,
  indicatorCodes: readonly string[],
): Promise<RuleViolation[]> {
  return checkRulesForCells(
    q,
    indicatorCodes.map((indicatorCode) => ({ unitId, period, indicatorCode })),
  );
}
