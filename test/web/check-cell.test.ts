import { describe, expect, it } from 'vitest';
import { checkCell, type CheckedCell, type CheckedRule } from '../../web/src/entry/check-cell.js';

/**
 * The entry form's inline checks (web/src/entry/check-cell.ts) are the server's own (docs/data-entry.md, "Checks on
 * every save"): the value type and range from src/domain/validate-value.ts, the validation rules from
 * src/domain/validation-rule.ts, with their messages in both languages. No browser needed.
 */
const count: CheckedCell = { indicator: 'TK_MOI', valueType: 'count', min: null, max: null };
const draft = (value: string) => ({ value, numerator: '', denominator: '' });
const rule: CheckedRule = {
  code: 'R_TK',
  nameVi: 'Tài khoản mới không vượt tổng',
  nameEn: 'New accounts within the total',
  leftSide: '#{TK_MOI}',
  operator: '<=',
  rightSide: '#{TK}',
  missingValueStrategy: 'skipIfAnyValueMissing',
};

describe('the entry form’s inline checks', () => {
  it('reads numbers as people write them and refuses what the server refuses, with its messages', () => {
    expect(checkCell(count, draft('1.234.567'), [], {})).toEqual({ ok: true, stored: 1_234_567 });
    const negative = checkCell(count, draft('-3'), [], {});
    expect(negative.ok).toBe(false);
    const ambiguous = checkCell(count, draft('10.851'), [], {});
    expect(ambiguous.ok ? null : ambiguous.messages[0]?.message_vi).toContain('không rõ là 10851 hay 10,851');
    const percent: CheckedCell = { indicator: 'P', valueType: 'percent', min: null, max: 60 };
    expect(checkCell(percent, draft('36,8'), [], {})).toEqual({ ok: true, stored: 36.8 });
    expect(checkCell(percent, draft('75'), [], {}).ok).toBe(false);
  });

  it('checks a ratio’s parts and stores its percentage', () => {
    const ratio: CheckedCell = { indicator: 'R', valueType: 'ratio', min: null, max: null };
    expect(checkCell(ratio, { value: '', numerator: '1', denominator: '4' }, [], {})).toEqual({
      ok: true,
      stored: 25,
    });
    expect(checkCell(ratio, { value: '', numerator: '5', denominator: '4' }, [], {}).ok).toBe(false);
  });

  it('checks the validation rules naming the indicator against the unit’s other values', () => {
    expect(checkCell(count, draft('12'), [rule], {})).toEqual({ ok: true, stored: 12 });
    expect(checkCell(count, draft('8'), [rule], { TK: 10 })).toEqual({ ok: true, stored: 8 });
    const broken = checkCell(count, draft('12'), [rule], { TK: 10 });
    expect(broken.ok ? [] : broken.messages.map((m) => m.message_en)).toEqual([
      'Validation rule R_TK (New accounts within the total) is violated: the left side #{TK_MOI} = 12 must be at most the right side #{TK} = 10.',
    ]);
  });
});
