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

/** A value just written: which indicator of which unit and period. */
export interface TouchedValue {
  unitId: number;
  period: string;
  indicatorId: number;
}

const cellKey = (unitId: number, period: string): string => `${unitId}|${period}`;

/**
 * Checks the validation rules that name any of the touched indicators, for each touched unit and period,
 * against the values now stored (call it inside the transaction that wrote them; DOMAIN.md §4). Rules with a
 * value missing are skipped as their strategy says (DHIS2's default: skip if any is missing). A few queries
 * whatever the number of values; returns every violation, none when all hold.
 */
export async function checkRulesForCells(
  q: Queryable,
  touched: readonly TouchedValue[],
): Promise<RuleViolation[]> {
  if (touched.length === 0) return [];
  const indicatorIds = [...new Set(touched.map((t) => t.indicatorId))];
  const indicators = await q.query<{ id: number; code: string }>(
    'SELECT id, code FROM indicator WHERE id = ANY($1::bigint[])',
    [indicatorIds],
  );
  const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
  const rows = await listValidationRules(q, { indicatorCodes: indicators.map((i) => i.code) });
  if (rows.length === 0) return [];
  const rules: { row: ValidationRuleRow; parsed: ParsedRule }[] = [];
  for (const row of rows) {
    const parsed = parseValidationRule(row);
    // Rules are checked when written, so one that no longer parses is a bug, not the user's value's fault.
    if (parsed.ok) rules.push({ row, parsed: parsed.value });
  }
  const touchedCodes = new Map<string, { unitId: number; period: string; codes: Set<string> }>();
  for (const t of touched) {
    const code = codeOf.get(t.indicatorId);
    if (code === undefined) continue;
    const key = cellKey(t.unitId, t.period);
    const cell = touchedCodes.get(key) ?? { unitId: t.unitId, period: t.period, codes: new Set<string>() };
    cell.codes.add(code);
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
  const failures: Omit<RuleViolation, 'unit' | 'message_vi' | 'message_en'>[] = [];
  const failedRows: ValidationRuleRow[] = [];
  for (const cell of work) {
    const values = valuesByCell.get(cellKey(cell.unitId, cell.period)) ?? new Map<string, number>();
    for (const { row, parsed } of cell.rules) {
      const result = checkValidationRule(parsed, values);
      if (result.kind !== 'fail') continue;
      failures.push({
        rule: row.code,
        unitId: cell.unitId,
        period: cell.period,
        leftSide: row.leftSide,
        operator: row.operator,
        rightSide: row.rightSide,
        left: result.left,
        right: result.right,
      });
      failedRows.push(row);
    }
  }
  if (failures.length === 0) return [];
  const units = await q.query<{ id: number; set: string; code: string }>(
    'SELECT id, set_code AS "set", code FROM unit WHERE id = ANY($1::bigint[])',
    [[...new Set(failures.map((f) => f.unitId))]],
  );
  const refOf = new Map(units.map((u) => [u.id, formatUnitRef(u)]));
  return failures.map((f, i) => {
    const unit = refOf.get(f.unitId) ?? String(f.unitId);
    const row = failedRows[i];
    const message = row ? ruleViolationMessage(row, f.left, f.right) : { message_vi: '', message_en: '' };
    return {
      ...f,
      unit,
      message_vi: `Đơn vị ${unit}, kỳ ${f.period}: ${message.message_vi}`,
      message_en: `Unit ${unit}, period ${f.period}: ${message.message_en}`,
    };
  });
}

/**
 * Checks the validation rules touching these indicators for one unit and period against the stored values
 * (DOMAIN.md §4); see checkRulesForCells, which does the same for many units and periods at once.
 */
export async function checkRulesForValues(
  q: Queryable,
  unitId: number,
  period: string,
  indicatorIds: readonly number[],
): Promise<RuleViolation[]> {
  return checkRulesForCells(
    q,
    indicatorIds.map((indicatorId) => ({ unitId, period, indicatorId })),
  );
}
