import type { DomainMessage, Result } from './result.js';
import { err, ok } from './result.js';
import { formatNumber } from './format-number.js';

/** The comparison a validation rule makes between its left and right side (docs/domain.md §4, as DHIS2 does). */
export const RULE_OPERATORS = ['==', '!=', '<', '<=', '>', '>='] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/**
 * What a rule does when an indicator it names has no value (DHIS2's missing value strategies):
 * `skipIfAnyValueMissing` (the default) skips the rule when any value is missing; `skipIfAllValuesMissing`
 * skips it only when every value is missing and counts the others as 0; `neverSkip` counts missing values as 0.
 */
export const MISSING_VALUE_STRATEGIES = [
  'skipIfAnyValueMissing',
  'skipIfAllValuesMissing',
  'neverSkip',
] as const;
export type MissingValueStrategy = (typeof MISSING_VALUE_STRATEGIES)[number];

/** An arithmetic expression over indicator values of one unit and period: `#{A} + 2 * #{B}`. */
export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'indicator'; code: string }
  | { kind: 'negate'; operand: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

/** Why an expression could not be read. */
export type ExpressionErrorReason =
  | 'empty'
  | 'unexpectedChar'
  | 'unexpectedEnd'
  | 'unexpectedToken'
  | 'unclosedParen'
  | 'unclosedCode'
  | 'emptyCode'
  | 'badNumber';

/** An expression refused, with the 1-based character position at fault and the text as given. */
export type ExpressionError = DomainMessage & {
  code: 'badExpression';
  reason: ExpressionErrorReason;
  position: number;
  input: string;
};

/** An operator refused: not one of RULE_OPERATORS. */
export type OperatorError = DomainMessage & { code: 'badOperator'; input: string };

/** A rule as stored: two expressions and an operator, all text. */
export interface RuleText {
  leftSide: string;
  operator: string;
  rightSide: string;
  missingValueStrategy?: MissingValueStrategy;
}

/** A rule ready to check: both sides parsed, the indicator codes it names (sorted, once each). */
export interface ParsedRule {
  left: Expr;
  operator: RuleOperator;
  right: Expr;
  missingValueStrategy: MissingValueStrategy;
  codes: string[];
}

/** Which part of a rule a parse error concerns. */
export type RuleSide = 'leftSide' | 'operator' | 'rightSide';

export type RuleParseError = (ExpressionError | OperatorError) & { side: RuleSide };

/** The value of an expression, or why it has none. */
export type Evaluation =
  { kind: 'value'; value: number } | { kind: 'missing'; codes: string[] } | { kind: 'divisionByZero' };

/** The outcome of checking one rule against the values of one unit and period. */
export type RuleCheck =
  | { kind: 'pass'; left: number; right: number }
  | { kind: 'fail'; left: number; right: number }
  | { kind: 'skipped'; reason: 'missingValues'; missing: string[] }
  | { kind: 'skipped'; reason: 'divisionByZero' };

type Token =
  | { t: 'num'; value: number; pos: number }
  | { t: 'code'; code: string; pos: number }
  | { t: 'op'; op: '+' | '-' | '*' | '/'; pos: number }
  | { t: 'lparen'; pos: number }
  | { t: 'rparen'; pos: number };

const SHOWN_MAX = 60;
const shown = (s: string): string => (s.length > SHOWN_MAX ? `${s.slice(0, SHOWN_MAX)}…` : s);

function expressionError(
  input: string,
  reason: ExpressionErrorReason,
  position: number,
  what = '',
): ExpressionError {
  const at_vi = `tại ký tự ${position}`;
  const at_en = `at character ${position}`;
  const [vi, en] = ((): [string, string] => {
    switch (reason) {
      case 'empty':
        return ['Biểu thức trống.', 'The expression is empty.'];
      case 'unexpectedChar':
        return [
          `Ký tự «${what}» không hợp lệ ${at_vi} (dùng #{MÃ_CHỈ_TIÊU}, số, + - * / và dấu ngoặc).`,
          `Unexpected character «${what}» ${at_en} (use #{INDICATOR_CODE}, numbers, + - * / and parentheses).`,
        ];
      case 'unexpectedEnd':
        return [
          'Biểu thức kết thúc khi còn thiếu một toán hạng.',
          'The expression ends where an operand is expected.',
        ];
      case 'unexpectedToken':
        return [`Không mong đợi «${what}» ${at_vi}.`, `Unexpected «${what}» ${at_en}.`];
      case 'unclosedParen':
        return [`Thiếu dấu «)» đóng ngoặc mở ${at_vi}.`, `The parenthesis opened ${at_en} is never closed.`];
      case 'unclosedCode':
        return [
          `Thiếu dấu «}» đóng mã chỉ tiêu mở ${at_vi}.`,
          `The indicator code opened ${at_en} lacks its «}».`,
        ];
      case 'emptyCode':
        return [
          `Mã chỉ tiêu trống hoặc có khoảng trắng ${at_vi}.`,
          `The indicator code ${at_en} is empty or has spaces.`,
        ];
      case 'badNumber':
        return [
          `«${what}» không phải là số ${at_vi} (dùng dấu chấm thập phân).`,
          `«${what}» is not a number ${at_en} (use a decimal point).`,
        ];
    }
  })();
  return {
    code: 'badExpression',
    reason,
    position,
    input,
    message_vi: `Biểu thức «${shown(input)}»: ${vi}`,
    message_en: `Expression «${shown(input)}»: ${en}`,
  };
}

function tokenize(input: string): Result<Token[], ExpressionError> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    const pos = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      if (input.charAt(i + 1) !== '{') return err(expressionError(input, 'unexpectedChar', pos, c));
      const close = input.indexOf('}', i + 2);
      if (close < 0) return err(expressionError(input, 'unclosedCode', pos));
      const code = input.slice(i + 2, close);
      if (code === '' || /\s/.test(code)) return err(expressionError(input, 'emptyCode', pos));
      tokens.push({ t: 'code', code, pos });
      i = close + 1;
    } else if (/[0-9.]/.test(c)) {
      const m = /^[0-9.]+(?:[eE][-+]?[0-9]+)?/.exec(input.slice(i));
      const text = m?.[0] ?? c;
      if (!/^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) {
        return err(expressionError(input, 'badNumber', pos, text));
      }
      tokens.push({ t: 'num', value: Number(text), pos });
      i += text.length;
    } else if (c === '+' || c === '-' || c === '*' || c === '/') {
      tokens.push({ t: 'op', op: c, pos });
      i++;
    } else if (c === '(') {
      tokens.push({ t: 'lparen', pos });
      i++;
    } else if (c === ')') {
      tokens.push({ t: 'rparen', pos });
      i++;
    } else {
      return err(expressionError(input, 'unexpectedChar', pos, c));
    }
  }
  return ok(tokens);
}

const tokenText = (t: Token): string => {
  switch (t.t) {
    case 'num':
      return String(t.value);
    case 'code':
      return `#{${t.code}}`;
    case 'op':
      return t.op;
    case 'lparen':
      return '(';
    case 'rparen':
      return ')';
  }
};

/** A recursive-descent parser: expr := term (± term)*; term := unary (×÷ unary)*; unary := -unary | atom. */
class Parser {
  private i = 0;
  constructor(
    private readonly input: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): Result<Expr, ExpressionError> {
    try {
      const e = this.expr();
      const next = this.tokens[this.i];
      if (next) throw expressionError(this.input, 'unexpectedToken', next.pos, tokenText(next));
      return ok(e);
    } catch (e) {
      return err(e as ExpressionError);
    }
  }

  private expr(): Expr {
    let left = this.term();
    for (
      let t = this.tokens[this.i];
      t?.t === 'op' && (t.op === '+' || t.op === '-');
      t = this.tokens[this.i]
    ) {
      this.i++;
      left = { kind: 'binary', op: t.op, left, right: this.term() };
    }
    return left;
  }

  private term(): Expr {
    let left = this.unary();
    for (
      let t = this.tokens[this.i];
      t?.t === 'op' && (t.op === '*' || t.op === '/');
      t = this.tokens[this.i]
    ) {
      this.i++;
      left = { kind: 'binary', op: t.op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.tokens[this.i];
    if (t?.t === 'op' && t.op === '-') {
      this.i++;
      return { kind: 'negate', operand: this.unary() };
    }
    return this.atom();
  }

  private atom(): Expr {
    const t = this.tokens[this.i];
    if (!t) throw expressionError(this.input, 'unexpectedEnd', this.input.length + 1);
    this.i++;
    switch (t.t) {
      case 'num':
        return { kind: 'number', value: t.value };
      case 'code':
        return { kind: 'indicator', code: t.code };
      case 'lparen': {
        const inner = this.expr();
        const close = this.tokens[this.i];
        if (close?.t !== 'rparen') throw expressionError(this.input, 'unclosedParen', t.pos);
        this.i++;
        return inner;
      }
      default:
        throw expressionError(this.input, 'unexpectedToken', t.pos, tokenText(t));
    }
  }
}

/**
 * Parses one side of a validation rule — numbers, indicator values written `#{CODE}`, `+ - * /`, unary minus
 * and parentheses, with the usual precedence — or names the character at fault (docs/domain.md §4 validation rules).
 */
export function parseExpression(input: string): Result<Expr, ExpressionError> {
  if (input.trim() === '') return err(expressionError(input, 'empty', 1));
  const tokens = tokenize(input);
  if (!tokens.ok) return tokens;
  return new Parser(input, tokens.value).parse();
}

/** The indicator codes an expression names, sorted, each once (docs/domain.md §4 validation rules). */
export function expressionCodes(expr: Expr): string[] {
  const codes = new Set<string>();
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'indicator':
        codes.add(e.code);
        return;
      case 'negate':
        walk(e.operand);
        return;
      case 'binary':
        walk(e.left);
        walk(e.right);
        return;
      case 'number':
        return;
    }
  };
  walk(expr);
  return [...codes].sort();
}

/**
 * Computes an expression from the values of one unit and period, by indicator code (booleans as 1/0); a code
 * without a value yields `missing` unless `missingAsZero`, a division by zero yields `divisionByZero`.
 */
export function evaluateExpression(
  expr: Expr,
  values: ReadonlyMap<string, number>,
  missingAsZero = false,
): Evaluation {
  const missing = expressionCodes(expr).filter((c) => !values.has(c));
  if (missing.length > 0 && !missingAsZero) return { kind: 'missing', codes: missing };
  let divisionByZero = false;
  const walk = (e: Expr): number => {
    switch (e.kind) {
      case 'number':
        return e.value;
      case 'indicator':
        return values.get(e.code) ?? 0;
      case 'negate':
        return -walk(e.operand);
      case 'binary': {
        const l = walk(e.left);
        const r = walk(e.right);
        switch (e.op) {
          case '+':
            return l + r;
          case '-':
            return l - r;
          case '*':
            return l * r;
          case '/':
            if (r === 0) divisionByZero = true;
            return r === 0 ? 0 : l / r;
        }
      }
    }
  };
  const value = walk(expr);
  return divisionByZero ? { kind: 'divisionByZero' } : { kind: 'value', value };
}

/** Tells whether a text is one of the rule operators. */
export function isRuleOperator(s: string): s is RuleOperator {
  return (RULE_OPERATORS as readonly string[]).includes(s);
}

/**
 * Parses a stored validation rule (left side, operator, right side; docs/domain.md §4, as DHIS2 does) into a
 * rule ready to check, or names the side at fault.
 */
export function parseValidationRule(rule: RuleText): Result<ParsedRule, RuleParseError> {
  const left = parseExpression(rule.leftSide);
  if (!left.ok) return err({ ...left.error, side: 'leftSide' });
  if (!isRuleOperator(rule.operator)) {
    return err({
      code: 'badOperator',
      input: rule.operator,
      side: 'operator',
      message_vi: `Phép so sánh «${shown(rule.operator)}» không hợp lệ (dùng ${RULE_OPERATORS.join(' ')}).`,
      message_en: `Comparison «${shown(rule.operator)}» is invalid (use ${RULE_OPERATORS.join(' ')}).`,
    });
  }
  const right = parseExpression(rule.rightSide);
  if (!right.ok) return err({ ...right.error, side: 'rightSide' });
  const codes = [...new Set([...expressionCodes(left.value), ...expressionCodes(right.value)])].sort();
  return ok({
    left: left.value,
    operator: rule.operator,
    right: right.value,
    missingValueStrategy: rule.missingValueStrategy ?? 'skipIfAnyValueMissing',
    codes,
  });
}

/** Compares two numbers by a rule operator; equality allows for floating-point noise (1e-9 relative). */
export function compareByOperator(op: RuleOperator, left: number, right: number): boolean {
  const equal = Math.abs(left - right) <= 1e-9 * Math.max(1, Math.abs(left), Math.abs(right));
  switch (op) {
    case '==':
      return equal;
    case '!=':
      return !equal;
    case '<':
      return left < right && !equal;
    case '<=':
      return left < right || equal;
    case '>':
      return left > right && !equal;
    case '>=':
      return left > right || equal;
  }
}

/**
 * Checks a rule against the values of one unit and period (docs/domain.md §4 validation rules): `pass` or `fail`
 * with both sides' values, or `skipped` when values are missing as the rule's missing value strategy says
 * (DHIS2's default: skip if any value is missing) or a side divides by zero.
 */
export function checkValidationRule(rule: ParsedRule, values: ReadonlyMap<string, number>): RuleCheck {
  const missing = rule.codes.filter((c) => !values.has(c));
  if (missing.length > 0) {
    const skip =
      rule.missingValueStrategy === 'skipIfAnyValueMissing' ||
      (rule.missingValueStrategy === 'skipIfAllValuesMissing' && missing.length === rule.codes.length);
    if (skip) return { kind: 'skipped', reason: 'missingValues', missing };
  }
  const left = evaluateExpression(rule.left, values, true);
  const right = evaluateExpression(rule.right, values, true);
  if (left.kind !== 'value' || right.kind !== 'value') return { kind: 'skipped', reason: 'divisionByZero' };
  return compareByOperator(rule.operator, left.value, right.value)
    ? { kind: 'pass', left: left.value, right: right.value }
    : { kind: 'fail', left: left.value, right: right.value };
}

const OPERATOR_WORDS: Record<RuleOperator, { vi: string; en: string }> = {
  '==': { vi: 'bằng', en: 'equal to' },
  '!=': { vi: 'khác', en: 'different from' },
  '<': { vi: 'nhỏ hơn', en: 'less than' },
  '<=': { vi: 'không lớn hơn', en: 'at most' },
  '>': { vi: 'lớn hơn', en: 'greater than' },
  '>=': { vi: 'không nhỏ hơn', en: 'at least' },
};

/**
 * The message for a failed rule, in Vietnamese and English, naming the rule and both sides with their values
 * (docs/domain.md §4 validation rules): "Quy tắc R: vế trái #{A} = 12 phải không lớn hơn vế phải #{B} = 10".
 */
export function ruleViolationMessage(
  rule: { code: string; nameVi: string; nameEn: string | null } & RuleText,
  left: number,
  right: number,
): DomainMessage {
  const op = isRuleOperator(rule.operator)
    ? OPERATOR_WORDS[rule.operator]
    : { vi: rule.operator, en: rule.operator };
  return {
    code: 'ruleViolated',
    message_vi: `Vi phạm quy tắc kiểm tra ${rule.code} (${rule.nameVi}): vế trái ${rule.leftSide} = ${formatNumber(left, 'vi', 6)} phải ${op.vi} vế phải ${rule.rightSide} = ${formatNumber(right, 'vi', 6)}.`,
    message_en: `Validation rule ${rule.code} (${rule.nameEn ?? rule.nameVi}) is violated: the left side ${rule.leftSide} = ${formatNumber(left, 'en', 6)} must be ${op.en} the right side ${rule.rightSide} = ${formatNumber(right, 'en', 6)}.`,
  };
}
