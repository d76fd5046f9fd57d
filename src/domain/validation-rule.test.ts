import { describe, expect, it } from 'vitest';
import {
  checkValidationRule,
  compareByOperator,
  evaluateExpression,
  expressionCodes,
  parseExpression,
  parseValidationRule,
  ruleViolationMessage,
  type ExpressionErrorReason,
  type MissingValueStrategy,
  type RuleOperator,
} from './validation-rule.js';

const values = (o: Record<string, number>) => new Map(Object.entries(o));

function evaluate(text: string, o: Record<string, number>) {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.error.message_en);
  return evaluateExpression(parsed.value, values(o));
}

describe('parseExpression and evaluateExpression', () => {
  it.each([
    ['#{A}', { A: 7 }, 7],
    ['#{A} + #{B}', { A: 2, B: 3 }, 5],
    ['#{A} - #{B} - #{C}', { A: 10, B: 3, C: 2 }, 5],
    ['#{A} + #{B} * #{C}', { A: 1, B: 2, C: 3 }, 7],
    ['(#{A} + #{B}) * #{C}', { A: 1, B: 2, C: 3 }, 9],
    ['#{A} / #{B} / 2', { A: 8, B: 2 }, 2],
    ['-#{A} + 10', { A: 4 }, 6],
    ['- -#{A}', { A: 4 }, 4],
    ['100 * #{NUM} / #{DEN}', { NUM: 1, DEN: 4 }, 25],
    ['0.5 * #{A}', { A: 10 }, 5],
    ['.5 + 1e2', {}, 100.5],
    ['#{DX.01-a_b}', { 'DX.01-a_b': 3 }, 3],
    ['  #{A}\t*\n2 ', { A: 3 }, 6],
  ])('%s = %s', (text, o, expected) => {
    expect(evaluate(text, o)).toEqual({ kind: 'value', value: expected });
  });

  it('names the missing indicators, sorted and once each', () => {
    expect(evaluate('#{B} + #{A} + #{B} + #{C}', { C: 1 })).toEqual({ kind: 'missing', codes: ['A', 'B'] });
  });

  it('counts missing values as 0 when asked', () => {
    const parsed = parseExpression('#{A} + #{B}');
    expect(parsed.ok && evaluateExpression(parsed.value, values({ A: 2 }), true)).toEqual({
      kind: 'value',
      value: 2,
    });
  });

  it('reports a division by zero', () => {
    expect(evaluate('#{A} / #{B}', { A: 1, B: 0 })).toEqual({ kind: 'divisionByZero' });
  });

  it('lists the codes of an expression', () => {
    const parsed = parseExpression('(#{Z} + #{A}) / -#{M} * #{A}');
    expect(parsed.ok && expressionCodes(parsed.value)).toEqual(['A', 'M', 'Z']);
  });

  it.each<[string, ExpressionErrorReason, number]>([
    ['', 'empty', 1],
    ['   ', 'empty', 1],
    ['#{A} + ', 'unexpectedEnd', 8],
    ['#{A} +* #{B}', 'unexpectedToken', 7],
    ['#{A} #{B}', 'unexpectedToken', 6],
    ['(#{A} + #{B}', 'unclosedParen', 1],
    ['#{A})', 'unexpectedToken', 5],
    ['()', 'unexpectedToken', 2],
    ['#{A', 'unclosedCode', 1],
    ['#{}', 'emptyCode', 1],
    ['#{A B}', 'emptyCode', 1],
    ['#A', 'unexpectedChar', 1],
    ['#{A} % 2', 'unexpectedChar', 6],
    ['#{A} == #{B}', 'unexpectedChar', 6],
    ['1.2.3', 'badNumber', 1],
    ['1,5 * #{A}', 'unexpectedChar', 2],
  ])('refuses «%s» as %s at character %i', (text, reason, position) => {
    const parsed = parseExpression(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatchObject({ code: 'badExpression', reason, position, input: text });
    expect(parsed.error.message_vi).toMatch(/^Biểu thức «/);
    expect(parsed.error.message_en).toMatch(/^Expression «/);
  });
});

describe('compareByOperator', () => {
  it.each<[RuleOperator, number, number, boolean]>([
    ['==', 3, 3, true],
    ['==', 0.1 + 0.2, 0.3, true],
    ['==', 3, 4, false],
    ['!=', 3, 4, true],
    ['!=', 0.1 + 0.2, 0.3, false],
    ['<', 3, 4, true],
    ['<', 4, 4, false],
    ['<', 5, 4, false],
    ['<=', 4, 4, true],
    ['<=', 3, 4, true],
    ['<=', 5, 4, false],
    ['>', 5, 4, true],
    ['>', 4, 4, false],
    ['>', 3, 4, false],
    ['>=', 4, 4, true],
    ['>=', 5, 4, true],
    ['>=', 3, 4, false],
  ])('%s %s %s is %s', (op, l, r, expected) => {
    expect(compareByOperator(op, l, r)).toBe(expected);
  });
});

describe('parseValidationRule', () => {
  it('parses both sides and gathers the codes', () => {
    const parsed = parseValidationRule({ leftSide: '#{X} + #{Y}', operator: '==', rightSide: '#{TOTAL}' });
    expect(parsed).toMatchObject({
      ok: true,
      value: { operator: '==', codes: ['TOTAL', 'X', 'Y'], missingValueStrategy: 'skipIfAnyValueMissing' },
    });
  });

  it.each([
    [{ leftSide: '#{A} +', operator: '<=', rightSide: '#{B}' }, 'leftSide', 'badExpression'],
    [{ leftSide: '#{A}', operator: '=<', rightSide: '#{B}' }, 'operator', 'badOperator'],
    [{ leftSide: '#{A}', operator: '=', rightSide: '#{B}' }, 'operator', 'badOperator'],
    [{ leftSide: '#{A}', operator: '<=', rightSide: '(#{B}' }, 'rightSide', 'badExpression'],
  ])('names the side at fault: %o', (rule, side, code) => {
    const parsed = parseValidationRule(rule);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ side, code });
  });
});

describe('checkValidationRule', () => {
  const rule = (leftSide: string, operator: string, rightSide: string, strategy?: MissingValueStrategy) => {
    const parsed = parseValidationRule({ leftSide, operator, rightSide, missingValueStrategy: strategy });
    if (!parsed.ok) throw new Error(parsed.error.message_en);
    return parsed.value;
  };

  it.each([
    ['#{A}', '<=', '#{B}', { A: 3, B: 5 }, { kind: 'pass', left: 3, right: 5 }],
    ['#{A}', '<=', '#{B}', { A: 6, B: 5 }, { kind: 'fail', left: 6, right: 5 }],
    ['#{X} + #{Y}', '==', '#{TOTAL}', { X: 2, Y: 3, TOTAL: 5 }, { kind: 'pass', left: 5, right: 5 }],
    ['#{X} + #{Y}', '==', '#{TOTAL}', { X: 2, Y: 3, TOTAL: 6 }, { kind: 'fail', left: 5, right: 6 }],
    ['#{A}', '!=', '0', { A: 0 }, { kind: 'fail', left: 0, right: 0 }],
    ['#{A}', '>', '#{B} / #{C}', { A: 1, B: 1, C: 0 }, { kind: 'skipped', reason: 'divisionByZero' }],
  ])('%s %s %s with %o', (l, op, r, o, expected) => {
    expect(checkValidationRule(rule(l, op, r), values(o))).toEqual(expected);
  });

  it.each<[MissingValueStrategy, Record<string, number>, string]>([
    ['skipIfAnyValueMissing', { A: 9 }, 'skipped'],
    ['skipIfAnyValueMissing', {}, 'skipped'],
    ['skipIfAllValuesMissing', { A: 9 }, 'fail'],
    ['skipIfAllValuesMissing', {}, 'skipped'],
    ['neverSkip', {}, 'pass'],
    ['neverSkip', { A: 9 }, 'fail'],
  ])('with strategy %s and values %o the rule #{A} <= #{B} is %s', (strategy, o, kind) => {
    expect(checkValidationRule(rule('#{A}', '<=', '#{B}', strategy), values(o)).kind).toBe(kind);
  });

  it('names the missing codes when it skips', () => {
    expect(checkValidationRule(rule('#{A} + #{C}', '<=', '#{B}'), values({ C: 1 }))).toEqual({
      kind: 'skipped',
      reason: 'missingValues',
      missing: ['A', 'B'],
    });
  });
});

describe('ruleViolationMessage', () => {
  it('names the rule and both sides with their values in the reader’s number format', () => {
    const m = ruleViolationMessage(
      {
        code: 'R1',
        nameVi: 'Đã cấp ≤ đã đăng ký',
        nameEn: null,
        leftSide: '#{A}',
        operator: '<=',
        rightSide: '#{B}',
      },
      1234.5,
      1000,
    );
    expect(m.message_vi).toBe(
      'Vi phạm quy tắc kiểm tra R1 (Đã cấp ≤ đã đăng ký): vế trái #{A} = 1.234,5 phải không lớn hơn vế phải #{B} = 1.000.',
    );
    expect(m.message_en).toBe(
      'Validation rule R1 (Đã cấp ≤ đã đăng ký) is violated: the left side #{A} = 1,234.5 must be at most the right side #{B} = 1,000.',
    );
  });
});
