import type { ValidationRuleSummary } from '../../contract/catalogue.js';
import { AppError } from '../../domain/app-error.js';
import type { MissingValueStrategy } from '../../domain/validation-rule.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { findValidationRule, upsertValidationRules } from '../../store/catalogue.queries.js';
import { auditEntry } from '../audit-entry.js';
import type { Actor, AppContext } from '../context.js';
import { authorizeCatalogue } from './catalogue-input.js';
import { toRuleSummary, validationRuleFields } from './create-validation-rule.js';

export interface UpdateValidationRuleInput {
  nameVi?: string;
  nameEn?: string | null;
  description?: string | null;
  leftSide?: string;
  operator?: string;
  rightSide?: string;
  missingValueStrategy?: MissingValueStrategy;
}

/** Changes a validation rule (docs/domain.md §4); values already stored are not re-checked. */
export async function updateValidationRule(
  ctx: AppContext,
  actor: Actor,
  code: string,
  patch: UpdateValidationRuleInput,
): Promise<ValidationRuleSummary> {
  authorizeCatalogue(actor);
  return ctx.db.transaction(async (tx) => {
    const current = await findValidationRule(tx, code);
    if (!current) {
      throw new AppError('notFound', {
        vi: `Không tìm thấy quy tắc kiểm tra «${code}».`,
        en: `Validation rule «${code}» was not found.`,
      });
    }
    const before = toRuleSummary(current);
    const fields = await validationRuleFields(tx, {
      code: current.code,
      nameVi: patch.nameVi ?? current.nameVi,
      nameEn: patch.nameEn === undefined ? current.nameEn : patch.nameEn,
      description: patch.description === undefined ? current.description : patch.description,
      leftSide: patch.leftSide ?? current.leftSide,
      operator: patch.operator ?? current.operator,
      rightSide: patch.rightSide ?? current.rightSide,
      missingValueStrategy: patch.missingValueStrategy ?? current.missingValueStrategy,
    });
    const { updated } = await upsertValidationRules(tx, [fields]);
    if (updated === 0) return before;
    const row = await findValidationRule(tx, current.code);
    if (!row) throw new Error(`rule ${current.code} vanished`);
    const after = toRuleSummary(row);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'update',
        entity: 'validationRule',
        entityKey: after.code,
        oldData: before,
        newData: after,
      }),
    ]);
    return after;
  });
}
