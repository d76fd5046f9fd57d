import type { ValidationRuleSummary } from '../../contract/catalogue.js';
import { AppError } from '../../domain/app-error.js';
import { parseValidationRule, type MissingValueStrategy } from '../../domain/validation-rule.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import {
  findIndicatorsByCodes,
  findValidationRule,
  upsertValidationRules,
  type ValidationRuleInput,
  type ValidationRuleRow,
} from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';
import { auditEntry } from '../audit-entry.js';
import type { Actor, AppContext } from '../context.js';
import { authorizeCatalogue, optionalText, requireCode, requireText } from './catalogue-input.js';

export interface CreateValidationRuleInput {
  code: string;
  nameVi: string;
  nameEn?: string | null;
  description?: string | null;
  /** An expression over indicator values of one unit and period, e.g. `#{X} + #{Y}`. */
  leftSide: string;
  operator: string;
  rightSide: string;
  /** Default `skipIfAnyValueMissing`, as DHIS2 does. */
  missingValueStrategy?: MissingValueStrategy;
}

export function toRuleSummary(row: ValidationRuleRow): ValidationRuleSummary {
  return {
    code: row.code,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    description: row.description,
    leftSide: row.leftSide,
    operator: row.operator,
    rightSide: row.rightSide,
    missingValueStrategy: row.missingValueStrategy,
    indicators: row.indicatorCodes,
  };
}

/** Parses a rule and checks that every indicator it names exists; the row to write, or a badInput naming the fault. */
export async function validationRuleFields(
  q: Queryable,
  input: CreateValidationRuleInput,
): Promise<ValidationRuleInput> {
  const parsed = parseValidationRule(input);
  if (!parsed.ok) {
    throw AppError.fromDomain('badInput', parsed.error, [{ field: parsed.error.side, ...parsed.error }]);
  }
  const found = await findIndicatorsByCodes(q, parsed.value.codes);
  const unknown = parsed.value.codes.filter((c) => !found.has(c));
  if (unknown.length > 0) {
    throw new AppError(
      'badInput',
      {
        vi: `Quy tắc nêu chỉ tiêu chưa có: ${unknown.join(', ')}.`,
        en: `The rule names indicators that do not exist: ${unknown.join(', ')}.`,
      },
      unknown.map((c) => ({
        field: 'indicators',
        message_vi: `Không có chỉ tiêu «${c}».`,
        message_en: `No indicator «${c}».`,
      })),
    );
  }
  return {
    code: requireCode(input.code, 'code'),
    nameVi: requireText(input.nameVi, 'nameVi'),
    nameEn: optionalText(input.nameEn),
    description: optionalText(input.description),
    leftSide: input.leftSide.trim(),
    operator: parsed.value.operator,
    rightSide: input.rightSide.trim(),
    missingValueStrategy: parsed.value.missingValueStrategy,
    indicatorCodes: parsed.value.codes,
  };
}

/**
 * Adds a validation rule (docs/domain.md §4, stored as data as DHIS2 does): left side, operator and right side over
 * indicators of the same unit and period, checked whenever one of them is saved or imported.
 */
export async function createValidationRule(
  ctx: AppContext,
  actor: Actor,
  input: CreateValidationRuleInput,
): Promise<ValidationRuleSummary> {
  authorizeCatalogue(actor);
  return ctx.db.transaction(async (tx) => {
    const fields = await validationRuleFields(tx, input);
    if (await findValidationRule(tx, fields.code)) {
      throw new AppError(
        'conflict',
        {
          vi: `Quy tắc kiểm tra «${fields.code}» đã có.`,
          en: `Validation rule «${fields.code}» already exists.`,
        },
        [{ field: 'code', message_vi: 'Mã này đã có quy tắc.', message_en: 'This code is already in use.' }],
      );
    }
    await upsertValidationRules(tx, [fields]);
    const row = await findValidationRule(tx, fields.code);
    if (!row) throw new Error(`rule ${fields.code} vanished`);
    const summary = toRuleSummary(row);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'validationRule',
        entityKey: summary.code,
        oldData: null,
        newData: summary,
      }),
    ]);
    return summary;
  });
}
