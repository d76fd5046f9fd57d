import type { ReportSettingsView } from '../../contract/report.js';
import { AppError } from '../../domain/app-error.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import {
  findReportSettings,
  saveReportSettings,
  type ReportSettingsRow,
} from '../../store/report.queries.js';
import { auditEntry } from '../audit-entry.js';
import type { Actor, AppContext } from '../context.js';
import { resolveManagedPlan, resolvePlan } from '../plans/plan-summary.js';
import { authorize } from '../authorize.js';

/** A change of settings: a field given as null clears it, a field left out keeps its value. */
export type ReportSettingsPatch = Partial<ReportSettingsRow>;

const TEXT_FIELDS = ['issuingBody', 'parentBody', 'symbol', 'place', 'signer', 'signerTitle'] as const;
const MAX_TEXT = 300;

function checked(patch: ReportSettingsPatch): ReportSettingsPatch {
  for (const field of TEXT_FIELDS) {
    const v = patch[field];
    if (typeof v === 'string' && (v.trim().length === 0 || v.length > MAX_TEXT)) {
      const message = {
        vi: `Trường ${field} phải có từ 1 đến ${MAX_TEXT} ký tự (để bỏ giá trị, đặt null).`,
        en: `Field ${field} must have 1 to ${MAX_TEXT} characters (set it to null to clear it).`,
      };
      throw new AppError('badInput', message, [{ field, message_vi: message.vi, message_en: message.en }]);
    }
  }
  const n = patch.number;
  if (n !== undefined && n !== null && !(Number.isInteger(n) && n > 0 && n < 1_000_000)) {
    const message = {
      vi: `Số văn bản (number) phải là số nguyên dương, nhận được ${String(n)}.`,
      en: `The document number (number) must be a positive whole number, got ${String(n)}.`,
    };
    throw new AppError('badInput', message, [
      { field: 'number', message_vi: message.vi, message_en: message.en },
    ]);
  }
  return patch;
}

/** A plan's report settings (read over the plan's unit needed). */
export async function getReportSettings(
  ctx: AppContext,
  actor: Actor,
  plan: string,
): Promise<ReportSettingsView> {
  const row = await resolvePlan(ctx.db, plan);
  authorize(actor, 'read', row.unitPath, `${row.unitSet}:${row.unitCode}`);
  return { plan: row.code, ...(await findReportSettings(ctx.db, row.id)) };
}

/**
 * Changes a plan's report settings — issuing body, parent body, number and symbol, place, signer and signer's
 * title (docs/report.md) — with plans:manage over the plan's unit; audited with the settings before and after.
 */
export async function setReportSettings(
  ctx: AppContext,
  actor: Actor,
  plan: string,
  patch: ReportSettingsPatch,
): Promise<ReportSettingsView> {
  const change = checked(patch);
  return ctx.db.transaction(async (tx) => {
    const row = await resolveManagedPlan(tx, actor, plan);
    const before = await findReportSettings(tx, row.id);
    const after: ReportSettingsRow = { ...before };
    for (const field of TEXT_FIELDS) {
      const v = change[field];
      if (v !== undefined) after[field] = v === null ? null : v.trim();
    }
    if (change.number !== undefined) after.number = change.number;
    const at = ctx.now();
    await saveReportSettings(tx, row.id, after, at);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'update',
        entity: 'planReportSettings',
        entityKey: row.code,
        provinceCode: row.provinceCode,
        oldData: before,
        newData: after,
        at,
      }),
    ]);
    return { plan: row.code, ...after };
  });
}
